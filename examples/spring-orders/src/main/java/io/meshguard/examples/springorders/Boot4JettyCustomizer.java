package io.meshguard.examples.springorders;

import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link ProblemErrors#customize} as Spring Boot 4's Jetty customizer. The only Boot-line-specific
 * file of the example: the interface moved between Boot 3.5 and 4.0, so spring35-orders compiles
 * its own copy instead of this one.
 */
@Configuration(proxyBeanMethods = false)
class Boot4JettyCustomizer {

  @Bean
  JettyServerCustomizer meshguardJettyCustomizer() {
    return ProblemErrors::customize;
  }
}
