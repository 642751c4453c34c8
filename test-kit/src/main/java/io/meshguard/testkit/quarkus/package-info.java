/**
 * Quarkus test support: real mesh identity headers, minted from the application's own {@code
 * quarkus.meshguard.*} configuration, on RestAssured requests of {@code @QuarkusTest}s.
 */
@NullMarked
package io.meshguard.testkit.quarkus;

import org.jspecify.annotations.NullMarked;
