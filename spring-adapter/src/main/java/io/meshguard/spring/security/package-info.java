/**
 * Spring Security integration, active when Spring Security is on the classpath: the mesh identity
 * as the {@code Authentication} (authorities {@code SCOPE_<scope>}, as Spring's own resource server
 * grants), and Security's entry point and access-denied handling rendered as meshguard's problems.
 */
@NullMarked
package io.meshguard.spring.security;

import org.jspecify.annotations.NullMarked;
