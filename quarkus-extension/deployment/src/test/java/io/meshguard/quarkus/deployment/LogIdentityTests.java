package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.meshguard.quarkus.deployment.Fixtures.XFCC;
import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.core.http.LogContext;
import io.meshguard.testkit.MeshHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.logging.MDC;

/**
 * The MDC a resource method sees: the peer always, the subject only with {@code
 * quarkus.meshguard.log-identity=true}; the same keys as the servlet filter's.
 */
final class LogIdentityTests {

  private LogIdentityTests() {}

  /** Reports the MDC as the application's code sees it. */
  @Path("/mdc")
  public static class MdcResource {
    @GET
    public String mdc() {
      return "subject=" + MDC.get(LogContext.SUBJECT) + " peer=" + MDC.get(LogContext.PEER);
    }
  }

  static void callAndExpect(String body) {
    given()
        .header(PAYLOAD, MeshHeaders.payload(Fixtures.alice()))
        .header(XFCC, MeshHeaders.xfcc(SELF, GATEWAY))
        .get("/mdc")
        .then()
        .statusCode(200)
        .body(equalTo(body));
  }
}
