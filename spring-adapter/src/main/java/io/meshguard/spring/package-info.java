/**
 * meshguard for Spring Boot servlet applications: {@link
 * io.meshguard.spring.MeshguardAutoConfiguration} registers the servlet filter with a route
 * resolver over Spring MVC's own handler mappings, so the core's annotations on controllers decide
 * what each endpoint needs, and controllers receive the {@link io.meshguard.core.MeshIdentity} as a
 * method argument.
 *
 * <h2>Spring Boot lines</h2>
 *
 * <p>One jar serves Spring Boot 3.5.x (Spring Framework 6.2, Spring Security 6.5) and 4.0.x
 * (Framework 7, Security 7). It is compiled against Boot 4 and is verified on both lines by the
 * build: {@code examples/spring-orders} runs the example contract suite on Boot 4.0, and {@code
 * examples/spring35-orders} runs the same sources and tests on Boot 3.5 with this very jar.
 *
 * <p><b>The rule:</b> this starter references no type whose package differs between the lines, and
 * no member that exists on one line only. Boot 4 moved much of Boot into new modules and packages
 * (the error controller, Security, WebFlux and Actuator auto-configuration, health, the embedded
 * servers, {@code @AutoConfigureMockMvc}); where the starter must know such a class, it names it as
 * a string for each line, as {@code @AutoConfiguration(beforeName = ...)}, {@code
 * ConditionalOnClass(name = ...)} or {@code ClassUtils.isPresent} do, and takes the line-neutral
 * route at run time (for example the error path: {@code spring.web.error.path} on Boot 4, {@code
 * server.error.path} on Boot 3.5). From Boot itself it uses only {@code
 * org.springframework.boot.autoconfigure} (with {@code .condition}), {@code
 * org.springframework.boot.context.properties} and {@code org.springframework.boot.web.servlet}
 * ({@code FilterRegistrationBean}), which both lines have unchanged. Should a feature ever need a
 * moved type directly, it goes into a small module per Boot line, not into this jar.
 *
 * <p>Two tests hold the rule: this module's {@code ArchitectureTests} allows only those Boot
 * packages, and {@code StarterLinkageTests} in {@code examples/spring35-orders} checks that every
 * class, method, constructor and field this jar's bytecode references, Spring Security and
 * Micrometer included, exists on Boot 3.5.
 */
@NullMarked
package io.meshguard.spring;

import org.jspecify.annotations.NullMarked;
