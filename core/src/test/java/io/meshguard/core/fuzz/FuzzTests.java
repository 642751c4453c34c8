package io.meshguard.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.meshguard.core.Decision;
import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import io.meshguard.core.peer.SpiffeIds;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicyLoadException;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.PeerMatchers;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzz targets (Jazzer). Under {@code ./mvnw verify} each replays its committed
 * corpus ({@code src/test/resources/io/meshguard/core/fuzz/FuzzTestsInputs/<target>/}) as a
 * regression test; {@code JAZZER_FUZZ=1} fuzzes (see the README). The XFCC target lives next to its
 * package-private parser ({@code io.meshguard.core.peer.XfccFuzzTests}). The property for every
 * target: no exception escapes but the documented ones, and every input gets a defined result.
 */
@Tag("fuzz")
class FuzzTests {

  private static final PayloadDecoder STRICT = PayloadDecoder.defaults();
  private static final PayloadDecoder LENIENT =
      PayloadDecoder.builder().acceptRawJson(true).acceptPercentEncodedJson(true).build();
  private static final XfccPeerResolver XFCC =
      XfccPeerResolver.builder().trustDomains("cluster.local").build();
  private static final Meshguard GUARD =
      Meshguard.builder()
          .payloadDecoder(LENIENT)
          .claimsValidator(ClaimsValidator.builder().issuers("https://auth.example.com").build())
          .xfcc(XFCC)
          .payloadCacheSize(0)
          .peerCacheSize(0)
          .build();
  private static final RouteTable ROUTES =
      RouteTable.builder()
          .route("GET /api/v1/health public")
          .route("GET /api/v1/orders scopes=orders:read")
          .route(
              "DELETE",
              "/api/v1/orders/{id}",
              Requirement.builder()
                  .claim("role", "api-admin")
                  .peer(PeerMatchers.exactNamespace("api-system"))
                  .build())
          .unmatched(Unmatched.NOT_FOUND)
          .build();

  private static String text(byte[] data) {
    return new String(data, StandardCharsets.ISO_8859_1);
  }

  @FuzzTest(maxDuration = "60s")
  void payloadDecoder(byte[] data) {
    String value = text(data);
    for (PayloadDecoder decoder : List.of(STRICT, LENIENT)) {
      PayloadResult first = decoder.decode(value);
      assertThat(first).isNotNull();
      // Deterministic: the same value always decodes the same way.
      assertThat(decoder.decode(value).toString()).isEqualTo(first.toString());
      if (first instanceof PayloadResult.Decoded) {
        assertThat(((PayloadResult.Decoded) first).claims().toString()).doesNotContain("\"");
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void spiffeId(byte[] data) {
    String text = text(data);
    SpiffeIds.tryParse(text).ifPresent(id -> assertThat(id.toString()).isEqualTo(text));
  }

  @FuzzTest(maxDuration = "60s")
  void policyLoader(byte[] data) {
    try {
      PolicySet set =
          PolicySet.load(
              new String(data, StandardCharsets.UTF_8),
              Workload.of("api-system", Map.of("app", "orders")));
      assertThat(set.policyIds()).isNotNull();
    } catch (PolicyLoadException expected) {
      assertThat(expected.getMessage()).startsWith("document ");
    }
  }

  /** The whole decision from raw header values: lines are payload, XFCC, method and path. */
  @FuzzTest(maxDuration = "60s")
  void decision(byte[] data) {
    String[] lines = text(data).split("\n", 4);
    MeshRequest.Builder request = MeshRequest.builder();
    if (lines.length > 0 && !lines[0].equals("-")) {
      request.header("x-jwt-payload", lines[0]);
    }
    if (lines.length > 1 && !lines[1].equals("-")) {
      request.header("x-forwarded-client-cert", lines[1]);
    }
    request.method(lines.length > 2 && !lines[2].isEmpty() ? lines[2] : "GET");
    request.path(lines.length > 3 ? lines[3] : "/api/v1/orders");
    Decision decision = GUARD.decide(request.build(), ROUTES);
    assertThat(decision.explanation()).isNotNull();
    if (decision instanceof Decision.Denied) {
      assertThat(((Decision.Denied) decision).description())
          .matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    }
  }
}
