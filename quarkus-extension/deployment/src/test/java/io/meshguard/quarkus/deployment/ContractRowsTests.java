package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.meshguard.quarkus.deployment.Fixtures.PROBLEM;
import static io.meshguard.quarkus.deployment.Fixtures.XFCC;
import static io.meshguard.quarkus.deployment.Fixtures.alice;
import static io.meshguard.testkit.MeshFixtures.GATEWAY;
import static io.meshguard.testkit.MeshFixtures.SELF;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.RawHttp;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each row of CONTRACT.md through the extension, over HTTP, in the contract's order of checks. */
class ContractRowsTests {

  private static final Path POLICY = policyFile();

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(OrdersResource.class)
          .overrideConfigKey("quarkus.meshguard.unmatched", "not-found")
          .overrideConfigKey("quarkus.meshguard.accept-raw-json", "true")
          .overrideConfigKey("quarkus.meshguard.policy-file", POLICY.toString())
          .overrideConfigKey("quarkus.meshguard.workload.namespace", "api-system")
          .overrideConfigKey("quarkus.meshguard.workload.labels.app", "orders");

  private static Path policyFile() {
    try {
      Path file = Files.createTempFile("meshguard-policy", ".yaml");
      Files.writeString(
          file,
          """
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata:
            name: no-mallory
          spec:
            action: DENY
            rules:
            - when:
              - key: request.auth.claims[sub]
                values: ["mallory"]
          """);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String token(String... scopes) {
    return MeshHeaders.payload(alice().scope(scopes));
  }

  @Test
  void healthWhenGarbageIdentityHeadersThenUpUnchecked() {
    given()
        .header(PAYLOAD, "%%%not-base64")
        .header(XFCC, "By=\"broken")
        .get("/api/v1/health")
        .then()
        .statusCode(200)
        .body(equalTo("{\"status\":\"UP\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/whoami", "/api/v1/orders", "/api/v1/does-not-exist"})
  void nonPublicPathWhenNoPayloadThen401BareBearer(String path) {
    given()
        .get(path)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .contentType(PROBLEM)
        .body(
            equalTo(
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"Missing mesh identity payload\"}"));
  }

  @Test
  void expiredPayloadThen401InvalidToken() {
    given()
        .header(PAYLOAD, MeshHeaders.payload(alice().expiresAt(FixedClock.NOW.minusSeconds(61))))
        .get("/api/v1/whoami")
        .then()
        .statusCode(401)
        .header(
            "WWW-Authenticate",
            "Bearer error=\"invalid_token\", error_description=\"Token expired\"")
        .contentType(PROBLEM);
  }

  @Test
  void wrongIssuerThen401InvalidToken() {
    given()
        .header(
            PAYLOAD,
            MeshHeaders.payload(
                "{\"iss\":\"https://evil.example.com\",\"sub\":\"alice\",\"exp\":1900000000}"))
        .get("/api/v1/whoami")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"%%%", "", "eyJ+", "W10"})
  void malformedPayloadThen400InvalidRequest(String value) {
    given()
        .header(PAYLOAD, value)
        .get("/api/v1/whoami")
        .then()
        .statusCode(400)
        .header(
            "WWW-Authenticate",
            "Bearer error=\"invalid_request\", error_description=\"Malformed mesh identity"
                + " payload\"")
        .contentType(PROBLEM)
        .body(containsString("\"status\":400"));
  }

  @Test
  void repeatedPayloadHeaderThen400() {
    given()
        .header(PAYLOAD, token("orders:read"))
        .header(PAYLOAD, token("orders:read"))
        .get("/api/v1/orders")
        .then()
        .statusCode(400);
  }

  @Test
  void readWhenScopeMissingThen403InsufficientScopeNamingIt() {
    given()
        .header(PAYLOAD, token("orders:write"))
        .get("/api/v1/orders")
        .then()
        .statusCode(403)
        .header(
            "WWW-Authenticate",
            "Bearer error=\"insufficient_scope\", error_description=\"Insufficient scope for mesh"
                + " routing\", scope=\"orders:read\"")
        .contentType(PROBLEM);
  }

  @Test
  void readWhenScopeGrantedThen200() {
    given()
        .header(PAYLOAD, token("orders:read"))
        .get("/api/v1/orders")
        .then()
        .statusCode(200)
        .body(equalTo("{\"orders\":[]}"));
  }

  @Test
  void literalPathWhenTemplateAlsoMatchesThenLiteralRequirementApplies() {
    given()
        .header(PAYLOAD, token("orders:read"))
        .get("/api/v1/orders/latest")
        .then()
        .statusCode(403)
        .header("WWW-Authenticate", containsString("scope=\"orders:audit\""));
  }

  @Test
  void createWhenWriteScopeThen201() {
    given()
        .header(PAYLOAD, token("orders:write"))
        .body("{\"item\":\"book\"}")
        .post("/api/v1/orders")
        .then()
        .statusCode(201);
  }

  @Test
  void deleteWhenAdminRoleAndPeerInNamespaceThen204() {
    given()
        .header(PAYLOAD, MeshHeaders.payload(alice().claim("role", List.of("x", "api-admin"))))
        .header(XFCC, MeshHeaders.xfcc(SELF, GATEWAY))
        .delete("/api/v1/orders/7")
        .then()
        .statusCode(204);
  }

  @Test
  void deleteWhenRoleMissingThen403WithoutChallenge() {
    given()
        .header(PAYLOAD, MeshHeaders.payload(alice().claim("role", "viewer")))
        .header(XFCC, MeshHeaders.xfcc(SELF, GATEWAY))
        .delete("/api/v1/orders/7")
        .then()
        .statusCode(403)
        .header("WWW-Authenticate", nullValue())
        .contentType(PROBLEM);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "By=\"broken",
        "URI=spiffe://cluster.local/ns/other/sa/gateway",
        "URI=spiffe://evil.example/ns/api-system/sa/gateway"
      })
  void deleteWhenPeerMissingOrElsewhereThen403WithoutChallenge(String xfcc) {
    var request = given().header(PAYLOAD, MeshHeaders.payload(alice().claim("role", "api-admin")));
    if (!xfcc.isEmpty()) {
      request.header(XFCC, xfcc);
    }
    request
        .delete("/api/v1/orders/7")
        .then()
        .statusCode(403)
        .header("WWW-Authenticate", nullValue())
        .contentType(PROBLEM);
  }

  @Test
  void policyDenialThen403WithoutChallenge() {
    given()
        .header(PAYLOAD, MeshHeaders.payload(alice().subject("mallory").scope("orders:read")))
        .get("/api/v1/orders")
        .then()
        .statusCode(403)
        .header("WWW-Authenticate", nullValue())
        .body(containsString("Denied by mesh authorization policy"));
  }

  @Test
  void rolesAllowedWhenScopeMissingThen403ProblemWithoutChallenge() {
    given()
        .header(PAYLOAD, token("orders:read"))
        .get("/api/v1/reports")
        .then()
        .statusCode(403)
        .header("WWW-Authenticate", nullValue())
        .contentType(PROBLEM)
        .body(containsString("\"status\":403"));
  }

  @Test
  void rolesAllowedWhenScopeGrantedThen200() {
    given().header(PAYLOAD, token("reports:read")).get("/api/v1/reports").then().statusCode(200);
  }

  @Test
  void permissionsAllowedWhenScopeMissingThen403ProblemWithoutChallenge() {
    given()
        .header(PAYLOAD, token("exports:write"))
        .get("/api/v1/exports")
        .then()
        .statusCode(403)
        .header("WWW-Authenticate", nullValue())
        .contentType(PROBLEM);
  }

  @Test
  void permissionsAllowedWhenScopeGrantedThen200() {
    given().header(PAYLOAD, token("exports:read")).get("/api/v1/exports").then().statusCode(200);
  }

  @Test
  void securityIdentityWhenAllowedThenSubjectScopesAndPeer() {
    given()
        .header(PAYLOAD, token("b", "a"))
        .header(XFCC, MeshHeaders.xfcc(SELF, GATEWAY))
        .get("/api/v1/whoami")
        .then()
        .statusCode(200)
        .body(equalTo("{\"name\":\"alice\",\"roles\":\"a b\",\"peer\":\"" + GATEWAY + "\"}"));
  }

  @Test
  void unknownPathOrMethodWhenAuthenticatedThen404Or405Problem() {
    given()
        .header(PAYLOAD, token("orders:read"))
        .get("/api/v1/does-not-exist")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given()
        .header(PAYLOAD, token("orders:read"))
        .body("{}")
        .put("/api/v1/orders")
        .then()
        .statusCode(405)
        .contentType(PROBLEM);
    given()
        .header(PAYLOAD, token("orders:read"))
        .body("{}")
        .patch("/api/v1/health")
        .then()
        .statusCode(405)
        .contentType(PROBLEM);
  }

  @Test
  void unknownPathWhenMalformedPayloadThen400BeforeRouting() {
    given()
        .header(PAYLOAD, "%%%")
        .get("/api/v1/does-not-exist")
        .then()
        .statusCode(400)
        .header("WWW-Authenticate", containsString("invalid_request"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/orders;jsessionid=1",
        "/api//v1/orders",
        "/api/v1/./orders",
        "/api/v1/x/../orders",
        "/api/v1/%2e%2e/orders",
        "/api/v1%2forders",
        "/api/v1%5corders"
      })
  void ambiguousRawPathThen400WithoutChallenge(String path) throws Exception {
    String response = rawGet(path);
    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).doesNotContainIgnoringCase("WWW-Authenticate");
    assertThat(response).contains(PROBLEM).contains("\"status\":400");
  }

  /**
   * A raw backslash never reaches meshguard: Vert.x's HTTP codec rejects the request line itself
   * with an empty 400, and Quarkus offers no hook to render it (quarkusio/quarkus#55082).
   */
  @Test
  void rawBackslashWhenSentThenTheCodecRejectsIt400WithoutChallenge() throws Exception {
    String response = rawGet("/api\\v1/orders");
    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).doesNotContainIgnoringCase("WWW-Authenticate");
  }

  private static String rawGet(String path) throws Exception {
    return RawHttp.send(
        RestAssured.port,
        "GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + PAYLOAD
            + ": "
            + token("orders:read")
            + "\r\n\r\n");
  }

  @Test
  void corsPreflightWhenMalformedIdentityThenNotChecked() {
    given()
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST")
        .header(PAYLOAD, "%%%")
        .options("/api/v1/orders")
        .then()
        .statusCode(not(org.hamcrest.Matchers.in(List.of(400, 401, 403))));
  }

  @Test
  void errorWhenRenderedThenNeverEchoesHeaderContent() {
    String secret = "sekrit-marker-value";
    given()
        .header(PAYLOAD, MeshHeaders.payload("{\"iss\":\"" + secret + "\",\"exp\":1}"))
        .get("/api/v1/whoami")
        .then()
        .statusCode(401)
        .body(not(containsString(secret)))
        .header("WWW-Authenticate", not(containsString(secret)));
  }
}
