package io.meshguard.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a claim to equal one of the values: a string equal to one, or an array with
 * such an element. Repeatable; all must hold. A denial is 403 without a challenge.
 *
 * <pre>{@code
 * @RequireClaim(claim = "role", values = "api-admin")
 * @RequireClaim(claim = {"realm_access", "roles"}, values = {"admin", "ops"})
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(RequireClaims.class)
public @interface RequireClaim {

  /** The claim: a top-level name, or a path of names for a nested claim (outermost first). */
  String[] claim();

  /** The accepted values; at least one. */
  String[] values();
}
