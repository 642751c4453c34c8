/**
 * The {@code meshguard} command-line tool: {@code check}, {@code explain} and {@code test} over a
 * workload's mesh manifests, built on meshguard-core's public API only. The entry point is {@link
 * io.meshguard.cli.MeshguardCli}; everything else is package-private.
 */
@NullMarked
package io.meshguard.cli;

import org.jspecify.annotations.NullMarked;
