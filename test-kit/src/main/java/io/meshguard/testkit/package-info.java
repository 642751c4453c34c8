/**
 * Test fixtures for services behind meshguard: payload header values (padded, unpadded, raw,
 * percent-encoded) and {@code x-forwarded-client-cert} values shaped as Envoy and Istio send them.
 */
@NullMarked
package io.meshguard.testkit;

import org.jspecify.annotations.NullMarked;
