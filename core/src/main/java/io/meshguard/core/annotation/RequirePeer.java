package io.meshguard.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs an authenticated calling workload. Each non-empty attribute is a condition and
 * all of them must hold; within one attribute any value suffices (as in Istio's {@code source}). At
 * least one attribute must be given. A denial is 403 without a challenge.
 *
 * <pre>{@code
 * @RequirePeer(namespaces = "api-system")
 * @RequirePeer(principals = "cluster.local/ns/api-system/sa/*")
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequirePeer {

  /** Exact SPIFFE IDs, such as {@code spiffe://cluster.local/ns/api-system/sa/gateway}. */
  String[] ids() default {};

  /** Trust domains, such as {@code cluster.local}. */
  String[] trustDomains() default {};

  /** Istio namespaces: the peer's path must be exactly {@code /ns/<namespace>/sa/<account>}. */
  String[] namespaces() default {};

  /**
   * Istio principal patterns with {@code spiffe://} implied: exact, {@code prefix*}, {@code
   * *suffix} or {@code *}.
   */
  String[] principals() default {};
}
