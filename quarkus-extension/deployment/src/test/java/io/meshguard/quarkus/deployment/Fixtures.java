package io.meshguard.quarkus.deployment;

import io.meshguard.testkit.Payload;
import io.quarkus.test.QuarkusUnitTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/** What the extension tests share: the examples' trust settings and token fixtures. */
final class Fixtures {

  static final String ISSUER = "https://auth.example.com";
  static final String SELF = "spiffe://cluster.local/ns/api-system/sa/orders";
  static final String GATEWAY = "spiffe://cluster.local/ns/api-system/sa/gateway";
  static final String PAYLOAD = "x-jwt-payload";
  static final String XFCC = "x-forwarded-client-cert";
  static final String PROBLEM = "application/problem+json";

  private Fixtures() {}

  /** An application with {@code classes} and the examples' trust settings. */
  static QuarkusUnitTest app(Class<?>... classes) {
    return new QuarkusUnitTest()
        .withApplicationRoot(
            jar -> jar.addClasses(classes).addClasses(FixedClock.class, Fixtures.class))
        .overrideConfigKey("quarkus.meshguard.issuers", ISSUER)
        .overrideConfigKey("quarkus.meshguard.trust-domains", "cluster.local");
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

  /** Sends {@code request} as written, so no client normalises the path. */
  static String raw(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
