package io.meshguard.spring;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real WebFlux application (Reactor Netty) with the starter: it fails to start, saying why,
 * unless {@code meshguard.enabled=false}.
 */
class ReactiveApplicationTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class ReactiveApp {}

  private static SpringApplicationBuilder reactiveApp(String... properties) {
    return new SpringApplicationBuilder(ReactiveApp.class)
        .web(WebApplicationType.REACTIVE)
        .properties("server.port=0", "meshguard.issuers=" + ISSUER)
        .properties("meshguard.trust-domains=" + TRUST_DOMAIN)
        .properties(properties);
  }

  @Test
  void startWhenReactiveApplicationThenFailsSayingMeshguardCannotProtectIt() {
    assertThatThrownBy(() -> reactiveApp().run().close())
        .satisfies(
            failure -> {
              StringBuilder messages = new StringBuilder();
              for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                messages.append(cause.getMessage()).append('\n');
              }
              assertThat(messages.toString()).contains(MeshguardReactiveRefusal.MESSAGE);
            });
  }

  @Test
  void startWhenReactiveApplicationAndMeshguardDisabledThenStartsWithoutMeshguard() {
    try (ConfigurableApplicationContext context = reactiveApp("meshguard.enabled=false").run()) {
      assertThat(context.isRunning()).isTrue();
      assertThat(context.getBeanNamesForType(io.meshguard.core.Meshguard.class)).isEmpty();
    }
  }
}
