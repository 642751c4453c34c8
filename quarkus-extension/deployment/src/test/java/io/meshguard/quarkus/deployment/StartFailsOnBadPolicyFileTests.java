package io.meshguard.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy file that cannot be loaded stops the start, naming the key, document and field. */
class StartFailsOnBadPolicyFileTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey("quarkus.meshguard.policy-file", badPolicy().toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .assertException(
              failure -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                  messages.append(cause.getMessage()).append('\n');
                }
                assertThat(messages.toString())
                    .contains("Setting quarkus.meshguard.policy-file")
                    .contains("document 1 (AuthorizationPolicy api-system/ips), line 6,")
                    .contains("spec.rules[0].from[0].source.ipBlocks");
              });

  private static Path badPolicy() {
    try {
      Path file = Files.createTempFile("bad-policy", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(
          file,
          "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ips}\n"
              + "spec:\n  rules:\n  - from: [{source: {ipBlocks: [10.0.0.0/8]}}]\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void badPolicyFileWhenStartingThenFailsNamingDocumentAndField() {}
}
