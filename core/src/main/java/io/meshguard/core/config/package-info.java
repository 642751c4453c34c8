/**
 * meshguard configured from flat {@code meshguard.*} properties (filter init-parameters, a
 * properties file), with the same leaf names as the Spring ({@code meshguard.*}) and Quarkus
 * ({@code quarkus.meshguard.*}) adapters.
 */
@NullMarked
package io.meshguard.core.config;

import org.jspecify.annotations.NullMarked;
