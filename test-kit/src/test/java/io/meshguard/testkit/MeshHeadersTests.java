package io.meshguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.claims.Claims;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import io.meshguard.core.peer.PeerResult;
import io.meshguard.core.peer.XfccPeerResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeshHeadersTests {

  private static final PayloadDecoder LENIENT =
      PayloadDecoder.builder().acceptRawJson(true).acceptPercentEncodedJson(true).build();

  private static Claims decode(String value) {
    PayloadResult result = LENIENT.decode(value);
    assertThat(result).isInstanceOf(PayloadResult.Decoded.class);
    return ((PayloadResult.Decoded) result).claims();
  }

  @Test
  void payloadWhenBuiltThenEveryEncodingDecodesToTheSameClaims() {
    Payload payload =
        Payload.issuedBy("https://auth.example.com")
            .clock(Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC))
            .subject("zoë \"quoted\" \\ back")
            .scope("orders:read", "orders:write")
            .expiresIn(Duration.ofHours(1))
            .claim("role", List.of("api-admin"))
            .claim("nested", Map.of("ok", true, "n", 1.5))
            .claim("nothing", null);

    Claims unpadded = decode(MeshHeaders.payload(payload));
    assertThat(MeshHeaders.payload(payload)).doesNotContain("=");
    assertThat(decode(MeshHeaders.paddedPayload(payload.toJson()))).isEqualTo(unpadded);
    assertThat(decode(MeshHeaders.rawPayload(payload.toJson()))).isEqualTo(unpadded);
    assertThat(decode(MeshHeaders.percentEncodedPayload(payload.toJson()))).isEqualTo(unpadded);
    assertThat(unpadded.subject()).contains("zoë \"quoted\" \\ back");
    assertThat(unpadded.scopes()).containsExactly("orders:read", "orders:write");
    assertThat(unpadded.expiresAt().orElseThrow().epochSecond()).isEqualTo(1_800_003_600L);
  }

  @Test
  void xfccWhenBuiltThenParsesWithThePeerLast() {
    String header =
        MeshHeaders.spoofedXfcc(
            "spiffe://cluster.local/ns/kube-system/sa/admin",
            "spiffe://cluster.local/ns/api-system/sa/orders",
            "spiffe://cluster.local/ns/api-system/sa/gateway");
    PeerResult peer =
        XfccPeerResolver.builder().trustDomains("cluster.local").build().resolve(List.of(header));
    assertThat(peer)
        .isInstanceOfSatisfying(
            PeerResult.Present.class,
            p ->
                assertThat(p.peer().id())
                    .isEqualTo("spiffe://cluster.local/ns/api-system/sa/gateway"));
  }
}
