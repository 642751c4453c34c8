/**
 * meshguard's entry point: {@link io.meshguard.core.Meshguard} takes a framework-neutral view of a
 * request ({@link io.meshguard.core.request.MeshRequest}) and what its route needs, and returns an
 * explained {@link io.meshguard.core.Decision}: allowed with the caller's {@link
 * io.meshguard.core.MeshIdentity}, or denied with an {@link io.meshguard.core.ErrorCode}.
 */
@NullMarked
package io.meshguard.core;

import org.jspecify.annotations.NullMarked;
