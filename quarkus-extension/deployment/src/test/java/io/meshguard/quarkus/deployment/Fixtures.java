package io.meshguard.quarkus.deployment;

import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;

import io.meshguard.testkit.MeshFixtures;
import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import io.quarkus.test.QuarkusUnitTest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/** What the extension tests share: the examples' trust settings and token fixtures. */
final class Fixtures {

  static final String PAYLOAD = MeshHeaders.PAYLOAD_HEADER;
  static final String XFCC = MeshHeaders.XFCC_HEADER;
  static final String PROBLEM = MeshFixtures.PROBLEM_JSON;

  private Fixtures() {}

  /** An application with {@code classes} and the examples' trust settings. */
  static QuarkusUnitTest app(Class<?>... classes) {
    return new QuarkusUnitTest()
        .withApplicationRoot(
            jar -> jar.addClasses(classes).addClasses(FixedClock.class, Fixtures.class))
        .overrideConfigKey("quarkus.meshguard.issuers", ISSUER)
        .overrideConfigKey("quarkus.meshguard.trust-domains", TRUST_DOMAIN);
  }

  static Payload alice() {
    return Payload.issuedBy(ISSUER)
        .clock(Clock.fixed(FixedClock.NOW, ZoneOffset.UTC))
        .subject("alice")
        .expiresIn(Duration.ofHours(1));
  }

  /**
   * Checks that the start failed with a message, somewhere in the cause chain, holding each part.
   */
  static java.util.function.Consumer<Throwable> startFailureSaying(String... parts) {
    return failure -> {
      StringBuilder messages = new StringBuilder();
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        messages.append(cause.getMessage()).append('\n');
      }
      org.assertj.core.api.Assertions.assertThat(messages.toString()).contains(parts);
    };
  }

  /** A temporary file holding {@code content}, deleted when the JVM exits. */
  static java.nio.file.Path tempFile(String prefix, String content) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile(prefix, ".yaml");
      file.toFile().deleteOnExit();
      return java.nio.file.Files.writeString(file, content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
