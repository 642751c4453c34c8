package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerIdentityTests {

  private static PeerIdentity peer(String id) {
    return new PeerIdentity(SpiffeIds.parse(id), PeerIdentity.Source.XFCC);
  }

  @ParameterizedTest
  @CsvSource({
    "spiffe://cluster.local/ns/api-system/sa/gateway, api-system, gateway",
    "spiffe://td/ns/a/sa/b, a, b",
  })
  void namespaceWhenIstioFormThenParsed(String id, String namespace, String account) {
    assertThat(peer(id).namespace()).contains(namespace);
    assertThat(peer(id).serviceAccount()).contains(account);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spiffe://cluster.local/ns/api-system",
        "spiffe://cluster.local/ns/api-system/sa",
        "spiffe://cluster.local/ns/api-system/sa/gateway/extra",
        "spiffe://cluster.local/ns/api-system/x/sa/gateway",
        "spiffe://cluster.local/prefix/ns/api-system/sa/gateway",
        "spiffe://cluster.local/NS/api-system/SA/gateway",
        "spiffe://cluster.local/workload",
      })
  void namespaceWhenNotExactlyIstioFormThenEmpty(String id) {
    assertThat(peer(id).namespace()).isEmpty();
    assertThat(peer(id).serviceAccount()).isEmpty();
  }

  @Test
  void constructorWhenRootIdThenRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> peer("spiffe://cluster.local"))
        .withMessage("A peer's SPIFFE ID needs a non-root path");
  }

  @Test
  void toStringWhenCalledThenTheSpiffeId() {
    assertThat(peer("spiffe://td/ns/a/sa/b")).hasToString("spiffe://td/ns/a/sa/b");
  }
}
