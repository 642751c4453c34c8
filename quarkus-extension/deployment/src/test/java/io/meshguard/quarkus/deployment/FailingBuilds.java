package io.meshguard.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import java.util.function.Consumer;

/** A build that must fail: every message in the failure's cause chain must name the problem. */
final class FailingBuilds {

  private FailingBuilds() {}

  static QuarkusUnitTest failingBuild(Class<?> resource, String... messageParts) {
    Consumer<Throwable> check =
        failure -> {
          Throwable cause = failure;
          StringBuilder messages = new StringBuilder();
          while (cause != null) {
            messages.append(cause.getMessage()).append('\n');
            cause = cause.getCause();
          }
          assertThat(messages.toString()).contains(messageParts);
        };
    return Fixtures.app(resource, FailingBuilds.class).assertException(check);
  }
}
