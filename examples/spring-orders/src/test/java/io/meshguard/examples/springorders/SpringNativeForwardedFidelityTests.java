package io.meshguard.examples.springorders;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@link SpringRequestFidelityTests} with Boot's native forwarded-header support instead ({@code
 * server.forward-headers-strategy=native}, Boot's default on Kubernetes), which on Jetty is the
 * {@code ForwardedRequestCustomizer} that rewrites {@code Host}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.forward-headers-strategy=native")
@Import(SpringRequestFidelityTests.FixedClock.class)
class SpringNativeForwardedFidelityTests extends SpringRequestFidelityTests {}
