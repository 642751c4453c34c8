package io.meshguard.spring;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Stops a reactive (WebFlux) application that has the starter from starting: the starter protects
 * Spring MVC's servlet stack only, so such an application would otherwise run with no meshguard
 * check at all. {@code meshguard.enabled=false} says the application knows, and starts it without
 * meshguard.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(
    prefix = "meshguard",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class MeshguardReactiveRefusal {

  /** What the failed start says. */
  static final String MESSAGE =
      "meshguard-spring-boot-starter protects Spring MVC (servlet) applications, and this is a"
          + " reactive (WebFlux) application, which it cannot protect: it would run with no"
          + " meshguard check. Run it on Spring MVC, remove the starter, or set"
          + " meshguard.enabled=false to start it without meshguard.";

  /** Fails the start before any bean, and so before any web server, is created. */
  @Bean
  static BeanFactoryPostProcessor meshguardRefusesReactiveApplications() {
    return beanFactory -> {
      throw new IllegalStateException(MESSAGE);
    };
  }
}
