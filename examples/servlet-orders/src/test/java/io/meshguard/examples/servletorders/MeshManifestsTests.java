package io.meshguard.examples.servletorders;

import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.ISSUER;
import static io.meshguard.testkit.MeshguardAssertions.assertThat;
import static io.meshguard.testkit.TestRequest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.RequestAuthenticationRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Istio manifests in examples/mesh are the single source of truth: these are the very files the
 * services would be deployed with, loaded with the test kit, checked against the intended table.
 */
class MeshManifestsTests {

  private static final Path MESH = Path.of("..", "mesh");
  private static final String SANDBOX = "spiffe://cluster.local/ns/sandbox/sa/gateway";

  private static PolicySet mesh() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(MESH)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        all.append("---\n").append(Files.readString(file));
      }
    }
    return PolicySet.load(all.toString(), ServletOrdersApplication.WORKLOAD);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            "health from anyone", request().get("/api/v1/health").claim("iss", null), true),
        Arguments.of("orders with our token", request().get("/api/v1/orders").issuer(ISSUER), true),
        Arguments.of("whoami with our token", request().get("/api/v1/whoami").issuer(ISSUER), true),
        Arguments.of(
            "create with our token", request().post("/api/v1/orders").issuer(ISSUER), true),
        Arguments.of(
            "orders with a foreign token",
            request().get("/api/v1/orders").issuer("https://evil.example.com"),
            false),
        Arguments.of(
            "orders without a token",
            request().get("/api/v1/orders").claim("iss", null).claim("sub", null),
            false),
        Arguments.of(
            "delete by an admin through the gateway",
            request()
                .delete("/api/v1/orders/7")
                .issuer(ISSUER)
                .claim("role", "api-admin")
                .peer(GATEWAY),
            true),
        Arguments.of(
            "delete by an admin without a peer",
            request().delete("/api/v1/orders/7").issuer(ISSUER).claim("role", "api-admin"),
            false),
        Arguments.of(
            "delete by a non-admin",
            request().delete("/api/v1/orders/7").issuer(ISSUER).claim("role", "user").peer(GATEWAY),
            false),
        Arguments.of(
            "delete from another namespace",
            request()
                .delete("/api/v1/orders/7")
                .issuer(ISSUER)
                .claim("role", "api-admin")
                .peer("spiffe://cluster.local/ns/web/sa/frontend"),
            false),
        Arguments.of(
            "anything from the sandbox", request().get("/api/v1/health").peer(SANDBOX), false),
        Arguments.of("an unlisted path", request().get("/api/v1/admin").issuer(ISSUER), false),
        Arguments.of(
            "an unlisted method",
            request().method("PATCH", "/api/v1/orders").issuer(ISSUER),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void meshPolicyWhenRequestThenIntendedDecision(
      String name, io.meshguard.testkit.TestRequest request, boolean allowed) throws Exception {
    if (allowed) {
      assertThat(mesh()).allows(request);
    } else {
      assertThat(mesh()).denies(request);
    }
  }

  @Test
  void meshWhenLoadedThenTheServicesTrustConfigurationMatchesTheRequestAuthentication()
      throws Exception {
    PolicySet mesh = mesh();
    assertThat(mesh.policyIds())
        .containsExactly(
            "istio-system/allow-nothing", "api-system/orders-api", "api-system/no-sandbox");
    assertThat(mesh.requestAuthentications())
        .containsExactly(new RequestAuthenticationRule(ISSUER, List.of(), "x-jwt-payload"));
    assertThat(
            ServletOrdersApplication.guard(java.time.Clock.systemUTC(), PolicySet::empty)
                .payloadHeader())
        .isEqualTo(mesh.requestAuthentications().get(0).payloadHeader().orElseThrow());
    assertThat(
            ServletOrdersApplication.guard(java.time.Clock.systemUTC(), PolicySet::empty)
                .claimsValidator()
                .issuers())
        .containsExactly(mesh.requestAuthentications().get(0).issuer());
  }
}
