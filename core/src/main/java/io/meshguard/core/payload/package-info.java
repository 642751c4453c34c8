/**
 * Decoding of the JWT payload a gateway or sidecar forwards in a header (Istio {@code
 * outputPayloadToHeader}, Envoy jwt_authn {@code forward_payload_header}): strict base64url, size,
 * depth, number and string limits, duplicate names, UTF-8 validity, and the claim types of RFC
 * 7519.
 *
 * <p>Start with {@link io.meshguard.core.payload.PayloadDecoder#builder()}.
 */
@NullMarked
package io.meshguard.core.payload;

import org.jspecify.annotations.NullMarked;
