package io.meshguard.core.annotation;

import io.meshguard.core.requirement.ScopeRequirement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs scopes: any one of them (default) or all of them. On a class it applies to
 * every endpoint, in addition to a method's own. A denial is 403 {@code insufficient_scope} naming
 * these scopes.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireScopes {

  /** The scopes; at least one, each an RFC 6749 scope-token. */
  String[] value();

  /** How the scopes combine (default: any one of them). */
  ScopeRequirement.Match match() default ScopeRequirement.Match.ANY_OF;
}
