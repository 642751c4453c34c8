package io.meshguard.examples.springorders;

import org.springframework.boot.web.embedded.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link ProblemErrors#customize} as Spring Boot 3.5's Jetty customizer, in place of spring-orders'
 * {@code Boot4JettyCustomizer}: the interface lives in another package on Boot 3.5.
 */
@Configuration(proxyBeanMethods = false)
class Boot35JettyCustomizer {

  @Bean
  JettyServerCustomizer meshguardJettyCustomizer() {
    return ProblemErrors::customize;
  }
}
