package io.meshguard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawPathsTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/orders;jsessionid=1",
        "/api/v1/orders;",
        "/api//v1/orders",
        "//api/v1/orders",
        "/api/v1/orders//",
        "/api\\v1/orders",
        "/api/./v1/orders",
        "/api/../v1/orders",
        "/api/v1/orders/.",
        "/api/v1/orders/..",
        ".",
        "..",
        "/api/%2e/orders",
        "/api/%2E%2E/orders",
        "/api/v1%2forders",
        "/api/v1%2Forders",
        "/api/v1%5corders",
        "/api/v1%5Corders",
        "/api/v1/orders%2e",
        "/api/v1/orders/a%25b",
        "/api/v1/%252e%252e/orders",
        "/api/v1/orders/%25",
        "/api/v1/orders/a%00b",
        "/api/v1/orders/%00",
      })
  void isAmbiguousWhenPathCouldBeReadTwoWaysThenTrue(String path) {
    assertThat(RawPaths.isAmbiguous(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/api/v1/orders",
        "/api/v1/orders/42",
        "/api/v1/.well-known",
        "/api/v1/..hidden",
        "/api/v1/...",
        "/api/v1/file.json",
        "/api/v1/a%20b",
        "/api/v1/%41",
        "/api/v1/%2",
        "/api/v1/%",
        "/api/v1/%20",
        "/api/v1/%0A",
        "/api/v1/%3Ab",
        "/api/v1/%5",
        "/api/v1/%50",
        "",
      })
  void isAmbiguousWhenPathIsPlainThenFalse(String path) {
    assertThat(RawPaths.isAmbiguous(path)).isFalse();
  }
}
