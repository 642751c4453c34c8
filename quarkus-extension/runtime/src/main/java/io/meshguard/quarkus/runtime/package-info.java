/**
 * The run-time part of meshguard's Quarkus extension: {@link
 * io.meshguard.quarkus.runtime.MeshguardFilter} decides each request once with the core, {@link
 * io.meshguard.quarkus.runtime.MeshguardAuthenticationMechanism} and {@link
 * io.meshguard.quarkus.runtime.MeshIdentityProvider} turn the identity into Quarkus' {@code
 * SecurityIdentity}, configured by {@link io.meshguard.quarkus.runtime.MeshguardConfig} ({@code
 * quarkus.meshguard.*}).
 */
@NullMarked
package io.meshguard.quarkus.runtime;

import org.jspecify.annotations.NullMarked;
