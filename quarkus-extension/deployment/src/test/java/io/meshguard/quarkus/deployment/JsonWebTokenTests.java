package io.meshguard.quarkus.deployment;

import static io.meshguard.quarkus.deployment.Fixtures.PAYLOAD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.meshguard.testkit.MeshHeaders;
import io.meshguard.testkit.Payload;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.ClaimValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Code written for smallrye-jwt runs on the mesh identity: {@code @Inject JsonWebToken} and
 * {@code @Claim} values, without quarkus-smallrye-jwt; {@code getRawToken()} only for the token
 * whose payload meshguard checked.
 */
class JsonWebTokenTests {

  static final AtomicInteger CALLS = new AtomicInteger();

  /** A resource written for smallrye-jwt. */
  @Path("/jwt")
  @RequestScoped
  public static class TokenResource {
    @Inject JsonWebToken jwt;

    @Inject
    @Claim("tenant")
    String tenant;

    @Inject
    @Claim(standard = Claims.exp)
    long exp;

    @Inject
    @Claim("admin")
    Boolean admin;

    @Inject
    @Claim("teams")
    Set<String> teams;

    @Inject
    @Claim("nickname")
    Optional<String> nickname;

    @Inject
    @Claim("tenant")
    ClaimValue<String> tenantValue;

    @Inject
    @Claim("level")
    ClaimValue<Optional<Long>> level;

    @GET
    @Path("/claims")
    public String claims() {
      CALLS.incrementAndGet();
      return String.join(
          "|",
          jwt.getName(),
          jwt.getSubject(),
          jwt.getIssuer(),
          String.valueOf(new TreeSet<>(jwt.getAudience())),
          String.valueOf(jwt.getExpirationTime()),
          String.valueOf(new TreeSet<>(jwt.getGroups())),
          String.valueOf(jwt.containsClaim("tenant")),
          tenant,
          String.valueOf(exp),
          String.valueOf(admin),
          String.valueOf(new TreeSet<>(teams)),
          String.valueOf(nickname.isPresent()),
          tenantValue.getName() + "=" + tenantValue.getValue(),
          String.valueOf(level.getValue()));
    }

    @GET
    @Path("/raw")
    public String raw() {
      return String.valueOf(jwt.getRawToken());
    }
  }

  @RegisterExtension
  static final QuarkusUnitTest APP =
      Fixtures.app(TokenResource.class)
          .overrideConfigKey("quarkus.meshguard.roles.claims", "roles")
          .overrideConfigKey("quarkus.meshguard.principal-claim", "preferred_username");

  static Payload token() {
    return Fixtures.alice()
        .audience("orders")
        .scope("orders:read")
        .claim("roles", List.of("admin"))
        .claim("preferred_username", "alice.smith")
        .claim("tenant", "acme")
        .claim("admin", true)
        .claim("teams", List.of("blue", "red"))
        .claim("level", 3)
        .claim("address", Map.of("city", "Oslo"));
  }

  @Test
  void injectWhenMeshIdentityThenTokenAndClaimsAnswer() {
    long exp = FixedClock.NOW.getEpochSecond() + 3600;
    given()
        .header(PAYLOAD, MeshHeaders.payload(token()))
        .get("/jwt/claims")
        .then()
        .statusCode(200)
        .body(
            equalTo(
                "alice.smith|alice|https://auth.example.com|[orders]|"
                    + exp
                    + "|[admin, orders:read]|true|acme|"
                    + exp
                    + "|true|[blue, red]|false|tenant=acme|Optional[3]"));
  }

  @Test
  void injectWhenNoIdentityThenResourceNeverReached() {
    int before = CALLS.get();
    given().get("/jwt/claims").then().statusCode(401);
    assertThat(CALLS.get()).isEqualTo(before);
  }

  @Test
  void rawTokenWhenForwardedTokenCarriesTheCheckedPayloadThenReturned() {
    String payload = MeshHeaders.payload(token());
    String jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0." + payload + ".c2lnbmF0dXJl";
    given()
        .header(PAYLOAD, payload)
        .header("Authorization", "Bearer " + jwt)
        .get("/jwt/raw")
        .then()
        .statusCode(200)
        .body(equalTo(jwt));
  }

  @Test
  void rawTokenWhenPayloadHeaderIsPaddedThenStillReturned() {
    String json = token().toJson();
    for (String pad = "";
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length % 3 == 0; ) {
      pad += "x";
      json = token().claim("pad", pad).toJson(); // a length base64 pads
    }
    String unpadded = MeshHeaders.payload(json);
    String padded = MeshHeaders.paddedPayload(json);
    assertThat(padded).endsWith("=");
    String jwt = "eyJhbGciOiJSUzI1NiJ9." + unpadded + ".c2ln";
    given()
        .header(PAYLOAD, padded)
        .header("Authorization", "Bearer " + jwt)
        .get("/jwt/raw")
        .then()
        .statusCode(200)
        .body(equalTo(jwt));
  }

  @Test
  void rawTokenWhenForwardedTokenCarriesAnotherPayloadThenNull() {
    String other = MeshHeaders.payload(token().claim("tenant", "evil"));
    given()
        .header(PAYLOAD, MeshHeaders.payload(token()))
        .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9." + other + ".c2ln")
        .get("/jwt/raw")
        .then()
        .statusCode(200)
        .body(equalTo("null"));
  }

  @Test
  void rawTokenWhenTokenNotForwardedThenNull() {
    given()
        .header(PAYLOAD, MeshHeaders.payload(token()))
        .get("/jwt/raw")
        .then()
        .statusCode(200)
        .body(equalTo("null"));
  }
}
