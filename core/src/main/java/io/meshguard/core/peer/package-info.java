/**
 * The calling workload's identity: Envoy's {@code x-forwarded-client-cert} (XFCC) parsed per its
 * grammar, strict SPIFFE IDs around java-spiffe-core, and the peer taken from the last XFCC element
 * or from an mTLS client certificate chain.
 *
 * @see <a
 *     href="https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_conn_man/headers#x-forwarded-client-cert">Envoy
 *     x-forwarded-client-cert</a>
 * @see <a href="https://github.com/spiffe/spiffe/blob/main/standards/SPIFFE-ID.md">SPIFFE-ID</a>
 */
@NullMarked
package io.meshguard.core.peer;

import org.jspecify.annotations.NullMarked;
