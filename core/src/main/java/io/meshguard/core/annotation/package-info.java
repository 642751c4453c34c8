/**
 * Annotations that declare what an endpoint needs, read the same way by every adapter: {@link
 * io.meshguard.core.annotation.RequireScopes}, {@link io.meshguard.core.annotation.RequireClaim},
 * {@link io.meshguard.core.annotation.RequirePeer} and {@link
 * io.meshguard.core.annotation.PublicEndpoint}. {@link
 * io.meshguard.core.annotation.AnnotatedRequirements} turns them into a {@link
 * io.meshguard.core.requirement.Requirement}.
 */
@NullMarked
package io.meshguard.core.annotation;

import org.jspecify.annotations.NullMarked;
