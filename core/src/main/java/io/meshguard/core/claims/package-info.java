/**
 * The claim set a forwarded payload carries ({@link io.meshguard.core.claims.Claims}), its
 * NumericDate type, and the checks of issuer, audience and time ({@link
 * io.meshguard.core.claims.ClaimsValidator}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519 §4.1</a>
 */
@NullMarked
package io.meshguard.core.claims;

import org.jspecify.annotations.NullMarked;
