/**
 * The one place a denial becomes an HTTP response: status, RFC 6750 {@code WWW-Authenticate}
 * challenge and RFC 9457 problem+json body. Every adapter renders through {@link
 * io.meshguard.core.http.ErrorResponses}, so all frameworks answer alike.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
@NullMarked
package io.meshguard.core.http;

import org.jspecify.annotations.NullMarked;
