package io.meshguard.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.meshguard.core.Decision;
import io.meshguard.core.ErrorCode;
import io.meshguard.core.Explanation;
import io.meshguard.core.claims.ClaimsViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorResponsesTests {

  private static final Explanation NONE = Explanation.of(List.of());

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MISSING_CREDENTIALS|401|Bearer",
        "INVALID_REQUEST|400|Bearer error=\"invalid_request\", error_description=\"Malformed mesh identity payload\"",
        "INVALID_TOKEN|401|Bearer error=\"invalid_token\", error_description=\"Invalid mesh identity\"",
        "CLAIM_DENIED|403|",
        "PEER_DENIED|403|",
        "POLICY_DENIED|403|",
        "ACCESS_DENIED|403|",
        "AMBIGUOUS_PATH|400|",
        "NOT_FOUND|404|",
        "METHOD_NOT_ALLOWED|405|",
        "INTERNAL_ERROR|500|",
      })
  void renderWhenCodeThenStatusAndChallengeAsContractSays(
      ErrorCode code, int status, String challenge) {
    ErrorResponse response = ErrorResponses.render(code);
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.wwwAuthenticate()).isEqualTo(challenge);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void renderWhenAnyCodeThenProblemBodyCarriesTheStatus(ErrorCode code) {
    ErrorResponse response = ErrorResponses.render(code);
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\""
                + code.title()
                + "\",\"status\":"
                + code.status()
                + ",\"detail\":\""
                + code.defaultDescription()
                + "\"}");
    assertThat(code.defaultDescription()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
  }

  @Test
  void renderWhenInsufficientScopeThenNamesEveryNeededScope() {
    ErrorResponse response =
        ErrorResponses.render(
            new Decision.Denied(
                ErrorCode.INSUFFICIENT_SCOPE,
                ErrorCode.INSUFFICIENT_SCOPE.defaultDescription(),
                List.of("orders:read", "orders:admin"),
                NONE));
    assertThat(response.wwwAuthenticate())
        .isEqualTo(
            "Bearer error=\"insufficient_scope\", error_description=\"Insufficient scope for mesh"
                + " routing\", scope=\"orders:read orders:admin\"");
  }

  @Test
  void deniedWhenDescriptionIsNotAReasonThenRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Decision.Denied(
                    ErrorCode.INVALID_TOKEN, "bad \"quoted\"\r\nX: y", List.of(), NONE));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Decision.Denied(
                    ErrorCode.POLICY_DENIED, "Mesh peer identity missing", List.of(), NONE));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Decision.Denied(ErrorCode.PEER_DENIED, "x", List.of("s"), NONE));
  }

  @ParameterizedTest
  @EnumSource(ClaimsViolation.class)
  void renderWhenClaimsViolationThenItsDescriptionIsRfc6750Text(ClaimsViolation violation) {
    ErrorResponse response = ErrorResponses.render(Decision.Denied.of(violation, NONE));
    assertThat(response.wwwAuthenticate())
        .isEqualTo(
            "Bearer error=\"invalid_token\", error_description=\""
                + violation.description()
                + "\"");
    assertThat(violation.description()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
  }

  @Test
  void renderWhenScopeOutsideCharsetThenOmitsTheAttribute() {
    ErrorResponse response =
        ErrorResponses.render(
            new Decision.Denied(
                ErrorCode.INSUFFICIENT_SCOPE,
                "Insufficient scope for mesh routing",
                List.of("a\"b"),
                NONE));
    assertThat(response.wwwAuthenticate()).doesNotContain("scope=");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "400|Bad Request|The request was rejected",
        "404|Not Found|No such resource",
        "405|Method Not Allowed|Method not allowed for this resource",
        "413|Content Too Large|The request was rejected",
        "431|Request Header Fields Too Large|The request was rejected",
        "418|Client Error|The request was rejected",
        "500|Internal Server Error|Internal error",
        "503|Service Unavailable|The service could not answer",
      })
  void forStatusWhenContainerErrorThenProblemWithoutChallenge(
      int status, String title, String detail) {
    ErrorResponse response = ErrorResponses.forStatus(status);
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.wwwAuthenticate()).isNull();
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
  }
}
