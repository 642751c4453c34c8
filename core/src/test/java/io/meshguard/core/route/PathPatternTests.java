package io.meshguard.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTests {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "/api/v1/orders, /api/v1/orders, true",
    "/api/v1/orders, /api/v1/orders/, false",
    "/api/v1/orders, /api/v1/order, false",
    "/api/v1/orders, /api/v1/ordersx, false",
    "/api/v1/orders, /API/v1/orders, false",
    "/api/v1/orders, /api/v1, false",
    "/api/v1/orders/{id}, /api/v1/orders/7, true",
    "/api/v1/orders/{id}, /api/v1/orders/, false",
    "/api/v1/orders/{id}, /api/v1/orders, false",
    "/api/v1/orders/{id}, /api/v1/orders/7/items, false",
    "/api/v1/orders/*, /api/v1/orders/abc, true",
    "/static/**, /static, true",
    "/static/**, /static/a/b/c, true",
    "/static/**, /statics, false",
    "/**, /anything/at/all, true",
    "/, /, true",
    "/, /x, false",
    "/api/v1/orders, '', false",
    "/api/v1/orders, api/v1/orders, false",
  })
  void matchesWhenPathGivenThenSegmentWise(String pattern, String path, boolean matches) {
    assertThat(PathPattern.parse(pattern).matches(path)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "api/v1",
        "/api//v1",
        "/api/v1/",
        "/**/x",
        "/a*",
        "/{id",
        "/{}",
        "/files/{p:.+}",
        "/orders/{id: [0-9]+}/items",
        "/{a b}"
      })
  void parseWhenPatternInvalidThenRejected(String pattern) {
    assertThatIllegalArgumentException().isThrownBy(() -> PathPattern.parse(pattern));
  }
}
