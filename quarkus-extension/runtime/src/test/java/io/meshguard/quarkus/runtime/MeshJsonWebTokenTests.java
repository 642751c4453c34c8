package io.meshguard.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the forwarded {@code Authorization} token counts as the one meshguard checked. */
class MeshJsonWebTokenTests {

  private static final String PAYLOAD = "eyJzdWIiOiJhbGljZSJ9";
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9." + PAYLOAD + ".c2ln";

  @Test
  void rawTokenWhenPayloadSegmentEqualsHeaderThenToken() {
    assertThat(MeshJsonWebToken.rawToken(List.of("Bearer " + TOKEN), List.of(PAYLOAD)))
        .isEqualTo(TOKEN);
    assertThat(MeshJsonWebToken.rawToken(List.of("bearer " + TOKEN), List.of(PAYLOAD + "==")))
        .isEqualTo(TOKEN);
  }

  @Test
  void rawTokenWhenPayloadDiffersThenNull() {
    assertThat(MeshJsonWebToken.rawToken(List.of("Bearer " + TOKEN), List.of(PAYLOAD + "x")))
        .isNull();
    assertThat(
            MeshJsonWebToken.rawToken(List.of("Bearer " + TOKEN), List.of("eyJzdWIiOiJhbGljZSJ")))
        .isNull();
    assertThat(
            MeshJsonWebToken.rawToken(List.of("Bearer " + TOKEN), List.of("{\"sub\":\"alice\"}")))
        .isNull();
  }

  @Test
  void rawTokenWhenNotOneBearerJwsThenNull() {
    assertThat(MeshJsonWebToken.rawToken(List.of(), List.of(PAYLOAD))).isNull();
    assertThat(MeshJsonWebToken.rawToken(List.of("Basic " + TOKEN), List.of(PAYLOAD))).isNull();
    assertThat(
            MeshJsonWebToken.rawToken(
                List.of("Bearer " + TOKEN, "Bearer " + TOKEN), List.of(PAYLOAD)))
        .isNull();
    assertThat(MeshJsonWebToken.rawToken(List.of("Bearer " + TOKEN), List.of(PAYLOAD, PAYLOAD)))
        .isNull();
    assertThat(MeshJsonWebToken.rawToken(List.of("Bearer " + TOKEN + ".x.y"), List.of(PAYLOAD)))
        .isNull();
    assertThat(MeshJsonWebToken.rawToken(List.of("Bearer ." + PAYLOAD + ".c2ln"), List.of(PAYLOAD)))
        .isNull();
  }

  @Test
  void anonymousWhenReadThenNoClaimsAndNoName() {
    MeshJsonWebToken anonymous = MeshJsonWebToken.anonymous();
    assertThat(anonymous.getName()).isNull();
    assertThat(anonymous.getClaimNames()).isEmpty();
    assertThat(anonymous.getGroups()).isEmpty();
    assertThat(anonymous.getRawToken()).isNull();
    assertThat(anonymous.<Object>getClaim("sub")).isNull();
  }
}
