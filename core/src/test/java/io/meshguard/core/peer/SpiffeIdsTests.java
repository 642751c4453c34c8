package io.meshguard.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpiffeIdsTests {

  // Valid examples: go-spiffe spiffeid/id_test.go and java-spiffe SpiffeIdTest (WIRE-FORMATS.md
  // E8).
  @ParameterizedTest
  @ValueSource(
      strings = {
        "spiffe://trustdomain",
        "spiffe://trustdomain/path",
        "spiffe://trustdomain/path1/path2",
        "spiffe://trustdomain/PATH1/PATH2",
        "spiffe://a_b.example/foo",
        "spiffe://1.2.3.4/service",
        "spiffe://trustdomain/9eebccd2-12bf-40a6-b262-65fe0487d453",
        "spiffe://trustdomain/.path",
        "spiffe://trustdomain/..path",
        "spiffe://trustdomain/...",
        "spiffe://cluster.local/ns/api-system/sa/orders",
      })
  void parseWhenValidThenRoundTripsUnchanged(String text) {
    assertThat(SpiffeIds.parse(text)).hasToString(text);
    assertThat(SpiffeIds.tryParse(text)).isPresent();
  }

  // Invalid examples: go-spiffe and java-spiffe tests (WIRE-FORMATS.md E8), plus case folding.
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "spiffe://|Trust domain is missing",
        "spiffe:///|Trust domain is missing",
        "spiffe:/|Scheme is missing or invalid",
        "Spiffe://trustdomain/path|Scheme is missing or invalid",
        "SPIFFE://trustdomain/path|Scheme is missing or invalid",
        "http://domain.test/path/element|Scheme is missing or invalid",
        "spiffe:path/element|Scheme is missing or invalid",
        "xspiffe://trustdomain/path|Scheme is missing or invalid",
        "spiffe://Trustdomain/path|Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores",
        "spiffe://CLUSTER.LOCAL/ns/a/sa/b|Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores",
        "spiffe://trustdomain/|Path cannot have a trailing slash",
        "spiffe://trustdomain//|Path cannot contain empty segments",
        "spiffe://trustdomain//path|Path cannot contain empty segments",
        "spiffe://trustdomain/path/|Path cannot have a trailing slash",
        "spiffe://trustdomain/.|Path cannot contain dot segments",
        "spiffe://trustdomain/./path|Path cannot contain dot segments",
        "spiffe://trustdomain/path/./other|Path cannot contain dot segments",
        "spiffe://trustdomain/path/..|Path cannot contain dot segments",
        "spiffe://trustdomain/../path|Path cannot contain dot segments",
        "spiffe://domain.test:8080/path|Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores",
        "spiffe://user:password@test.org/path|Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores",
        "spiffe://trustdomain/path/element?query=1|Path segment characters are limited to letters, numbers, dots, dashes, and underscores",
        "spiffe://trustdomain/path/element?#fragment-1|Path segment characters are limited to letters, numbers, dots, dashes, and underscores",
        "spiffe://%62%61%64/path|Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores",
        "spiffe://trustdomain/%62%61%64|Path segment characters are limited to letters, numbers, dots, dashes, and underscores",
        "spiffe://[::1]/service|Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores",
        "spiffe://trust$domain|Trust domain characters are limited to lowercase letters, numbers, dots, dashes, and underscores",
        "spiffe://trustdomain/path$|Path segment characters are limited to letters, numbers, dots, dashes, and underscores",
        "' spiffe://trustdomain/path'|Scheme is missing or invalid",
        "spiffe://trustdomain/pa th|Path segment characters are limited to letters, numbers, dots, dashes, and underscores",
        "spiffe://trustdomain/caf\u00e9|Path segment characters are limited to letters, numbers, dots, dashes, and underscores",
        "''|Scheme is missing or invalid",
      })
  void parseWhenInvalidThenRejectsWithFixedMessage(String text, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SpiffeIds.parse(text))
        .withMessage(message);
    assertThat(SpiffeIds.tryParse(text)).isEmpty();
  }

  @Test
  void parseWhenAtLengthLimitThenAcceptedAndOneByteMoreRejected() {
    String prefix = "spiffe://example.org/";
    String atLimit = prefix + "a".repeat(SpiffeIds.MAX_LENGTH - prefix.length());
    assertThat(SpiffeIds.parse(atLimit)).hasToString(atLimit);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SpiffeIds.parse(atLimit + "a"))
        .withMessage("SPIFFE ID is longer than 2048 bytes");
  }

  @Test
  void parseWhenTrustDomainAtLengthLimitThenAcceptedAndOneByteMoreRejected() {
    String domain = "a".repeat(255);
    assertThat(SpiffeIds.tryParse("spiffe://" + domain + "/x")).isPresent();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SpiffeIds.parse("spiffe://" + domain + "a/x"))
        .withMessage("Trust domain is longer than 255 bytes");
  }

  @Test
  void isWorkloadIdWhenRootThenFalse() {
    assertThat(SpiffeIds.isWorkloadId(SpiffeIds.parse("spiffe://cluster.local"))).isFalse();
    assertThat(SpiffeIds.isWorkloadId(SpiffeIds.parse("spiffe://cluster.local/x"))).isTrue();
  }

  @Test
  void parseWhenInvalidThenMessageNeverRepeatsInput() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SpiffeIds.parse("spiffe://trustdomain/secret-token$"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
  }
}
