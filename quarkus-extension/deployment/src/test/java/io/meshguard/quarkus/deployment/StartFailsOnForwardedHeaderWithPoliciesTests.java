package io.meshguard.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus rewrites {@code Host} from a client-sent {@code Forwarded} header before meshguard runs,
 * so with a policy file it stops the start rather than let policy {@code hosts} match a value the
 * client chose.
 */
class StartFailsOnForwardedHeaderWithPoliciesTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey("quarkus.meshguard.policy-file", policy().toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
          .overrideConfigKey("quarkus.http.proxy.allow-forwarded", "true")
          .assertException(
              failure -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                  messages.append(cause.getMessage()).append('\n');
                }
                assertThat(messages.toString())
                    .contains(
                        "quarkus.meshguard.policy-file cannot be used with"
                            + " quarkus.http.proxy.allow-forwarded=true");
              });

  private static Path policy() {
    try {
      Path file = Files.createTempFile("hosts-policy", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(
          file,
          "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: h}\n"
              + "spec:\n  action: DENY\n  rules:\n  - to: [{operation: {hosts: [evil.example]}}]\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void forwardedHeaderWhenPoliciesAreLoadedThenTheStartFails() {}
}
