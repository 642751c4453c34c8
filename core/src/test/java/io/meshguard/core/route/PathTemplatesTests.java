package io.meshguard.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplatesTests {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/                          | /",
        "''                         | /",
        "/api/v1/orders             | /api/v1/orders",
        "api//v1/orders/            | /api/v1/orders",
        "/api/v1/orders/{id}        | /api/v1/orders/*",
        "/api/v1/orders/{ id }      | /api/v1/orders/*",
        "/api/v1/orders/{id: [0-9]+}/items | /api/v1/orders/*/items",
        "/api/v1/orders/{id: \\d{1,3}}/items | /api/v1/orders/*/items",
        "/files/{path: .+}          | /files/**",
        "/files/{path: [a-z/]+}     | /files/**",
        "/files/{path: [^/]+}/meta  | /files/*/meta",
      })
  void toPatternWhenTemplateRoutableThenPathPatternOfTheSamePaths(String template, String pattern) {
    assertThat(PathTemplates.toPattern(template)).isEqualTo(pattern);
    PathPattern.parse(pattern);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/files/{p: .+}/meta      | the path variable {p: .+} may match '/' in the middle",
        "/files/{p: [!-0]+}/meta  | '[!-0]' matches '/'",
        "/files/{p: (?=a).}/meta  | meshguard cannot check lookaround '(?='",
        "/files/x{id}             | must be a whole segment, not part of 'x{id}'",
        "/files/*                 | must be a whole segment",
        "/files/{id               | Unbalanced '{' in the path template /files/{id",
        "/files/id}               | Unbalanced '}'",
      })
  void toPatternWhenTemplateNotRoutableThenRejectedSayingWhy(String template, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PathTemplates.toPattern(template))
        .withMessageContaining(message);
  }
}
