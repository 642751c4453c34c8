package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.testkit.MeshHeaders;
import io.quarkus.test.QuarkusUnitTest;
import java.util.logging.LogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In development, a rejected request's explanation is one debug line of category io.meshguard. */
class DeniedRequestLoggingTests {

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey("quarkus.log.category.\"io.meshguard\".level", "DEBUG")
          .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.meshguard"))
          .assertLogRecords(
              records ->
                  assertThat(records)
                      .map(DeniedRequestLoggingTests::message)
                      .anySatisfy(
                          message ->
                              assertThat(message)
                                  .startsWith("meshguard denied INSUFFICIENT_SCOPE")
                                  .contains("scopes")
                                  .doesNotContain("alice")));

  private static String message(LogRecord record) {
    return new PatternFormatter("%s").format(record);
  }

  @Test
  void deniedRequestWhenLoggingAtDebugThenExplanationLogged() {
    given()
        .header(PAYLOAD, MeshHeaders.payload(Fixtures.alice().scope("orders:write")))
        .get("/api/v1/orders")
        .then()
        .statusCode(403);
  }
}
