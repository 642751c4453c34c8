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
 * <p>An attribute named after an Istio AuthorizationPolicy {@code source} field ({@code
 * principals}, {@code namespaces}, {@code trustDomains}) matches exactly as that field does in a
 * policy; {@code exactNamespaces} is the stricter check Istio has no field for. See {@link
 * io.meshguard.core.requirement.PeerMatchers}.
 *
 * <pre>{@code
 * @RequirePeer(exactNamespaces = "api-system")
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

  /**
   * Istio trust domains, such as {@code cluster.local}: the peer's ID starts {@code spiffe://<trust
   * domain>/}; one {@code *} at one end, or {@code *} alone, as in Istio's {@code trustDomains}.
   */
  String[] trustDomains() default {};

  /**
   * Istio namespaces, as AuthorizationPolicy {@code namespaces}: the peer's ID holds {@code
   * /ns/<namespace>/} anywhere, and {@code *} stands for any run of characters ({@code api-*}). For
   * the stricter Istio form only, use {@link #exactNamespaces()}.
   */
  String[] namespaces() default {};

  /**
   * Namespaces checked strictly: the peer's path must be exactly {@code /ns/<namespace>/sa/<any
   * account>}, as Istio issues it (a longer or different path is not "in" the namespace). Istio has
   * no such field; its {@code namespaces} is {@link #namespaces()}.
   */
  String[] exactNamespaces() default {};

  /**
   * Istio principal patterns with {@code spiffe://} implied: exact, {@code prefix*}, {@code
   * *suffix} or {@code *}.
   */
  String[] principals() default {};
}
