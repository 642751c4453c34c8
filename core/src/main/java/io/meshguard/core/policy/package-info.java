/**
 * Istio {@code AuthorizationPolicy} evaluated in-process with Istio's meaning: the same YAML the
 * mesh enforces at the sidecar, loaded strictly ({@link io.meshguard.core.policy.PolicySet#load}),
 * evaluated per request with an explanation ({@link io.meshguard.core.policy.PolicyDecision}).
 *
 * @see <a href="https://istio.io/latest/docs/reference/config/security/authorization-policy/">Istio
 *     AuthorizationPolicy</a>
 */
@NullMarked
package io.meshguard.core.policy;

import org.jspecify.annotations.NullMarked;
