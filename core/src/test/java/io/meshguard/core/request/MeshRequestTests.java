package io.meshguard.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeshRequestTests {

  /** RFC 9112 §3.2.2: the authority of an absolute-form target; none for origin-form or '*'. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = " -> ",
      nullValues = "none",
      value = {
        "http://evil.example/api/v1/whoami -> evil.example",
        "http://evil.example:8080/x -> evil.example:8080",
        "https://EVIL.example -> EVIL.example",
        "http://user:pw@evil.example/x -> evil.example",
        "http://evil.example?q=1 -> evil.example",
        "http://[::1]:80/x -> [::1]:80",
        "/api/v1/whoami -> none",
        "/redirect/http://evil.example/x -> none",
        "* -> none",
        "evil.example:443 -> none",
      })
  void absoluteFormAuthorityWhenTargetIsAbsoluteThenItsAuthority(String target, String authority) {
    assertThat(MeshRequest.absoluteFormAuthority(target)).isEqualTo(authority);
  }
}
