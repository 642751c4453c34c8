package io.meshguard.testkit;

import static io.meshguard.testkit.MeshFixtures.TRUST_DOMAIN;
import static io.meshguard.testkit.MeshguardAssertions.assertThat;
import static io.meshguard.testkit.TestRequest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.architecture.ReadmeBlocks;
import io.meshguard.core.Decision;
import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.route.RouteTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's description of {@code failedAt(...)}: each row of its table (route words and the
 * check text a request without scopes or claims, from a peer none of them names, fails at) and its
 * example of an assertion's message.
 */
class ReadmeTests {

  private static final String FRONTEND = "spiffe://cluster.local/ns/web/sa/frontend";

  private final Meshguard guard =
      Meshguard.builder()
          .claimsValidator(ClaimsValidator.builder().issuers(TestRequest.DEFAULT_ISSUER).build())
          .xfcc(XfccPeerResolver.builder().trustDomains(TRUST_DOMAIN).build())
          .build();

  @Test
  void failedAtTableWhenEachRouteDeniesThenItsCheckText() {
    List<List<String>> rows = ReadmeBlocks.ofProject().table("failed-at");

    assertThat(rows).isNotEmpty();
    for (List<String> row : rows) {
      RouteTable routes = RouteTable.builder().route("GET /x " + code(row.get(0))).build();

      assertThat(guard, routes)
          .denies(request().get("/x").peer(FRONTEND))
          .failedAt(code(row.get(1)));
    }
  }

  @Test
  void failedAtMessageWhenOtherCheckFailedThenReadmeExampleOfTheDecision() throws IOException {
    RouteTable routes = RouteTable.builder().route("GET /x scopes=orders:read").build();
    TestRequest caller = request().get("/x").peer(FRONTEND);
    Decision decision = guard.decide(caller.toForwardedRequest(), routes);

    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(guard, routes).denies(caller).failedAt("policy"))
        .withMessage(
            "Expected the check 'policy' to have failed but the explanation was: " + decision);
    String readme = Files.readString(ReadmeBlocks.projectReadme(), StandardCharsets.UTF_8);
    assertThat(readme).contains("`" + decision + "`");
  }

  private static String code(String cell) {
    assertThat(cell).startsWith("`").endsWith("`");
    return cell.substring(1, cell.length() - 1);
  }
}
