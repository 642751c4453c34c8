/**
 * meshguard for Spring Boot servlet applications: {@link
 * io.meshguard.spring.MeshguardAutoConfiguration} registers the servlet filter with a route
 * resolver over Spring MVC's own handler mappings, so the core's annotations on controllers decide
 * what each endpoint needs, and controllers receive the {@link io.meshguard.core.MeshIdentity} as a
 * method argument.
 */
@NullMarked
package io.meshguard.spring;

import org.jspecify.annotations.NullMarked;
