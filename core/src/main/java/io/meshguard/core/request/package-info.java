/**
 * The request as meshguard reads it: method, raw path, authority, headers, destination port and the
 * client certificate, whatever the server or framework underneath.
 *
 * <p>Adapters implement {@link io.meshguard.core.request.MeshRequest} over their framework's
 * request; everything that decides reads only this view.
 */
@NullMarked
package io.meshguard.core.request;

import org.jspecify.annotations.NullMarked;
