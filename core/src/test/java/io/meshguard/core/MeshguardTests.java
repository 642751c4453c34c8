package io.meshguard.core;

import static io.meshguard.core.TestPayloads.unpadded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.ErrorResponses;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.peer.CertificatePeerResolver;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.PeerMatchers;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decision pipeline, driven through every row of CONTRACT.md's error table. */
class MeshguardTests {

  private static final long NOW = 1_800_000_000L;
  private static final String ISSUER = "https://auth.example.com";
  private static final String GATEWAY = "spiffe://cluster.local/ns/api-system/sa/gateway";
  private static final String SELF = "spiffe://cluster.local/ns/api-system/sa/orders";

  private static ClaimsValidator.Builder validator() {
    return ClaimsValidator.builder()
        .issuers(ISSUER)
        .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  }

  /** The examples' trust configuration (CONTRACT.md, "Trust configuration of the examples"). */
  private static final Meshguard GUARD =
      Meshguard.builder()
          .payloadDecoder(
              PayloadDecoder.builder().acceptRawJson(true).acceptPercentEncodedJson(true).build())
          .claimsValidator(validator().build())
          .xfcc(XfccPeerResolver.builder().trustDomains("cluster.local").build())
          .build();

  private static final Requirement READ = Requirement.builder().anyScope("orders:read").build();
  private static final Requirement WRITE = Requirement.builder().anyScope("orders:write").build();
  private static final Requirement DELETE =
      Requirement.builder()
          .claim("role", "api-admin")
          .peer(PeerMatchers.exactNamespace("api-system"))
          .build();

  private static String payload(String extra) {
    return unpadded(
        "{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"exp\":" + (NOW + 3600) + extra + "}");
  }

  private static MeshRequest.Builder get(String path) {
    return MeshRequest.builder().method("GET").path(path);
  }

  private static ErrorResponse denied(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Denied.class);
    return ErrorResponses.render((Decision.Denied) decision);
  }

  private static MeshIdentity allowed(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Allowed.class);
    return ((Decision.Allowed) decision).identity();
  }

  @Test
  void decideWhenValidIdentityWithScopeThenAllowedWithIdentity() {
    MeshIdentity identity =
        allowed(
            GUARD.decide(
                get("/api/v1/orders")
                    .header("x-jwt-payload", payload(",\"scope\":\"orders:read\""))
                    .header("x-forwarded-client-cert", "By=" + SELF + ";URI=" + GATEWAY)
                    .build(),
                READ));

    assertThat(identity.subject()).contains("alice");
    assertThat(identity.scopes()).containsExactly("orders:read");
    assertThat(identity.peer()).map(Object::toString).contains(GATEWAY);
    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.requestPrincipal()).contains(ISSUER + "/alice");
  }

  @Test
  void decideWhenNoPayloadHeaderThen401WithBareBearerChallenge() {
    ErrorResponse response = denied(GUARD.decide(get("/api/v1/orders").build(), READ));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.wwwAuthenticate()).isEqualTo("Bearer");
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Missing mesh identity payload\"}");
  }

  static Stream<Arguments> invalidTokens() {
    return Stream.of(
        Arguments.of(
            "expired", "{\"iss\":\"" + ISSUER + "\",\"exp\":" + (NOW - 61) + "}", "Token expired"),
        Arguments.of(
            "nbf in the future",
            "{\"iss\":\"" + ISSUER + "\",\"exp\":" + (NOW + 600) + ",\"nbf\":" + (NOW + 61) + "}",
            "Token not yet valid"),
        Arguments.of(
            "iat in the future",
            "{\"iss\":\"" + ISSUER + "\",\"exp\":" + (NOW + 600) + ",\"iat\":" + (NOW + 61) + "}",
            "Token issued in the future"),
        Arguments.of(
            "wrong iss",
            "{\"iss\":\"https://evil.example.com\",\"exp\":" + (NOW + 600) + "}",
            "Token issuer not accepted"),
        Arguments.of("missing iss", "{\"exp\":" + (NOW + 600) + "}", "Token issuer missing"),
        Arguments.of("missing exp", "{\"iss\":\"" + ISSUER + "\"}", "Token expiration missing"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidTokens")
  void decideWhenTokenNotAcceptedThen401InvalidToken(String name, String json, String description) {
    ErrorResponse response =
        denied(
            GUARD.decide(
                get("/api/v1/orders").header("x-jwt-payload", unpadded(json)).build(), READ));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.wwwAuthenticate())
        .isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + description
                + "\"}");
  }

  @Test
  void decideWhenWrongAudienceThen401InvalidTokenNotEnvoys403() {
    Meshguard guard =
        Meshguard.builder().claimsValidator(validator().audiences("orders").build()).build();
    ErrorResponse response =
        denied(
            guard.decide(
                get("/api/v1/orders")
                    .header("x-jwt-payload", payload(",\"aud\":\"billing\""))
                    .build(),
                Requirement.authenticated()));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.wwwAuthenticate())
        .isEqualTo(
            "Bearer error=\"invalid_token\", error_description=\"Token audience not accepted\"");
  }

  static Stream<String> malformedValues() {
    return Stream.of(
        "%%%", // bad base64url
        unpadded("{\"iss\":"), // bad JSON
        unpadded("[1]"), // non-object
        unpadded("{\"iss\":1}"), // wrong claim type
        unpadded("{\"exp\":-1}"), // out of range
        unpadded("{\"a\":1,\"a\":1}"), // duplicate keys
        unpadded("{\"a\":".repeat(32) + "{}" + "}".repeat(32)), // too deep
        "A".repeat(8193), // too large
        "", // empty
        "{\"iss\":", // raw JSON, broken
        "%7B%zz"); // percent-encoded, bad escape
  }

  @ParameterizedTest
  @MethodSource("malformedValues")
  void decideWhenPayloadMalformedThen400InvalidRequest(String value) {
    ErrorResponse response =
        denied(GUARD.decide(get("/api/v1/orders").header("x-jwt-payload", value).build(), READ));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.wwwAuthenticate())
        .isEqualTo(
            "Bearer error=\"invalid_request\", error_description=\"Malformed mesh identity payload\"");
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"Malformed mesh identity payload\"}");
  }

  @Test
  void decideWhenPayloadHeaderRepeatedThen400EvenIfBothValid() {
    String value = payload(",\"scope\":\"orders:read\"");
    ErrorResponse response =
        denied(
            GUARD.decide(
                get("/api/v1/orders")
                    .header("x-jwt-payload", value)
                    .header("X-JWT-Payload", value)
                    .build(),
                READ));
    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void decideWhenScopeMissingThen403InsufficientScopeNamingTheScope() {
    ErrorResponse response =
        denied(
            GUARD.decide(
                get("/api/v1/orders")
                    .header("x-jwt-payload", payload(",\"scope\":\"orders:read\""))
                    .build(),
                WRITE));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.wwwAuthenticate())
        .isEqualTo(
            "Bearer error=\"insufficient_scope\", error_description=\"Insufficient scope for mesh"
                + " routing\", scope=\"orders:write\"");
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"Insufficient scope for mesh routing\"}");
  }

  @Test
  void decideWhenScopeOnlyInScpArrayThenGranted() {
    assertThat(
            GUARD
                .decide(
                    get("/api/v1/orders")
                        .header("x-jwt-payload", payload(",\"scp\":[\"orders:read\"]"))
                        .build(),
                    READ)
                .isAllowed())
        .isTrue();
  }

  @Test
  void decideWhenRoleClaimMissingThen403WithoutChallenge() {
    ErrorResponse response =
        denied(
            GUARD.decide(
                MeshRequest.builder()
                    .method("DELETE")
                    .path("/api/v1/orders/7")
                    .header("x-jwt-payload", payload(",\"role\":\"user\""))
                    .header("x-forwarded-client-cert", "URI=" + GATEWAY)
                    .build(),
                DELETE));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.wwwAuthenticate()).isNull();
    assertThat(response.body()).contains("\"status\":403");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "junk",
        "URI=spiffe://cluster.local/ns/other/sa/gateway",
        "URI=spiffe://evil.example/ns/api-system/sa/gateway",
        "URI=spiffe://cluster.local/ns/api-system/sa/gateway/extra",
        "URI=" + GATEWAY + ",URI=spiffe://cluster.local/ns/other/sa/x",
      })
  void decideWhenPeerMissingOrNotAllowedThen403WithoutChallenge(String xfcc) {
    MeshRequest.Builder request =
        MeshRequest.builder()
            .method("DELETE")
            .path("/api/v1/orders/7")
            .header("x-jwt-payload", payload(",\"role\":[\"api-admin\"]"));
    if (!xfcc.isEmpty()) {
      request.header("x-forwarded-client-cert", xfcc);
    }
    Decision decision = GUARD.decide(request.build(), DELETE);
    ErrorResponse response = denied(decision);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.wwwAuthenticate()).isNull();
    assertThat(((Decision.Denied) decision).code()).isEqualTo(ErrorCode.PEER_DENIED);
  }

  @Test
  void decideWhenRoleAndPeerNamespaceMatchThenDeleteAllowed() {
    assertThat(
            GUARD
                .decide(
                    MeshRequest.builder()
                        .method("DELETE")
                        .path("/api/v1/orders/7")
                        .header("x-jwt-payload", payload(",\"role\":[\"user\",\"api-admin\"]"))
                        .header("x-forwarded-client-cert", "By=" + SELF + ";URI=" + GATEWAY)
                        .build(),
                    DELETE)
                .isAllowed())
        .isTrue();
  }

  @Test
  void decideWhenXfccMalformedAndNoPeerNeededThenAllowedWithoutPeer() {
    MeshIdentity identity =
        allowed(
            GUARD.decide(
                get("/api/v1/orders")
                    .header("x-jwt-payload", payload(",\"scope\":\"orders:read\""))
                    .header("x-forwarded-client-cert", "By=\"broken")
                    .build(),
                READ));
    assertThat(identity.peer()).isEmpty();
    assertThat(identity.peerAbsence()).contains(PeerAbsence.MALFORMED_HEADER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/api/v1/orders;x", "/api//v1/orders", "/api/v1/%2e%2e/orders", "/api\\v1"})
  void decideWhenRawPathAmbiguousThen400WithoutChallengeBeforeIdentity(String path) {
    ErrorResponse response = denied(GUARD.decide(get(path).build(), READ));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.wwwAuthenticate()).isNull();
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"Ambiguous request path\"}");
  }

  @Test
  void decideWhenPublicEndpointThenIdentityHeadersIgnoredEvenIfMalformed() {
    Decision decision =
        GUARD.decide(
            get("/api/v1/health")
                .header("x-jwt-payload", "not base64!")
                .header("x-jwt-payload", "twice")
                .build(),
            Requirement.publicEndpoint());
    assertThat(decision.isAllowed()).isTrue();
    assertThat(((Decision.Allowed) decision).identity()).isNull();
  }

  @Test
  void decideWhenCorsPreflightThenNotChecked() {
    Decision decision =
        GUARD.decide(
            MeshRequest.builder()
                .method("OPTIONS")
                .path("/api/v1/orders")
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("x-jwt-payload", "%%%")
                .build(),
            WRITE);
    assertThat(decision.isAllowed()).isTrue();
    assertThat(decision.explanation().steps().get(0).detail()).contains("CORS preflight");
  }

  @Test
  void decideWhenOptionsWithoutPreflightHeadersThenChecked() {
    assertThat(
            GUARD.decide(
                MeshRequest.builder().method("OPTIONS").path("/api/v1/orders").build(), READ))
        .isInstanceOf(Decision.Denied.class);
    assertThat(
            GUARD.decide(
                MeshRequest.builder()
                    .method("OPTIONS")
                    .path("/api/v1/orders")
                    .header("Origin", "https://app.example.com")
                    .build(),
                READ))
        .isInstanceOf(Decision.Denied.class);
  }

  @Test
  void authenticateThenAuthorizeWhenRouteResolvedLaterThenSameOutcome() {
    MeshRequest request =
        get("/api/v1/orders")
            .header("x-jwt-payload", payload(",\"scope\":\"orders:read\""))
            .build();
    Authentication authentication = GUARD.authenticate(request);
    assertThat(authentication).isInstanceOf(Authentication.Identified.class);
    MeshIdentity identity = ((Authentication.Identified) authentication).identity();

    assertThat(GUARD.authorize(identity, request, READ).isAllowed()).isTrue();
    assertThat(GUARD.authorize(identity, request, WRITE))
        .isInstanceOfSatisfying(
            Decision.Denied.class,
            d -> {
              assertThat(d.code()).isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
              assertThat(d.requiredScopes()).containsExactly("orders:write");
            });
  }

  @Test
  void explanationWhenDeniedThenNamesTheFailedCheckButNoValues() {
    Decision decision =
        GUARD.decide(
            MeshRequest.builder()
                .method("DELETE")
                .path("/api/v1/orders/1")
                .header("x-jwt-payload", payload(",\"role\":\"secret-role-value\""))
                .header("x-forwarded-client-cert", "URI=" + GATEWAY)
                .build(),
            DELETE);

    assertThat(decision.explanation().failure())
        .isNotNull()
        .extracting(Explanation.Step::check)
        .isEqualTo("claim role in [api-admin]");
    assertThat(decision.toString())
        .startsWith(
            "denied CLAIM_DENIED: payload: passed; claims: passed; peer: noted (" + GATEWAY + ")")
        .doesNotContain("secret-role-value")
        .doesNotContain("alice");
  }

  @Test
  void explanationWhenMalformedThenSaysWhyWithoutContent() {
    Decision decision =
        GUARD.decide(
            get("/x").header("x-jwt-payload", unpadded("{\"k\":1,\"k\":2}")).build(), READ);
    assertThat(decision.toString())
        .isEqualTo(
            "denied INVALID_REQUEST: payload: failed (the payload has a duplicate member name)");
  }

  @Test
  void decideWhenNoPeerSourceConfiguredThenPeerRequirementsDeny() {
    Meshguard guard = Meshguard.builder().claimsValidator(validator().build()).build();
    Decision decision =
        guard.decide(
            MeshRequest.builder()
                .method("DELETE")
                .path("/api/v1/orders/1")
                .header("x-jwt-payload", payload(",\"role\":\"api-admin\""))
                .header("x-forwarded-client-cert", "URI=" + GATEWAY)
                .build(),
            DELETE);
    assertThat(decision)
        .isInstanceOfSatisfying(
            Decision.Denied.class, d -> assertThat(d.code()).isEqualTo(ErrorCode.PEER_DENIED));
  }

  @Test
  void decideWhenCustomPayloadHeaderThenReadsThatOneCaseInsensitively() {
    Meshguard guard =
        Meshguard.builder()
            .payloadHeader("X-Forwarded-Payload")
            .claimsValidator(validator().build())
            .build();
    assertThat(
            guard
                .decide(
                    get("/").header("x-forwarded-payload", payload("")).build(),
                    Requirement.authenticated())
                .isAllowed())
        .isTrue();
    assertThat(guard.payloadHeader()).isEqualTo("x-forwarded-payload");
  }

  @Test
  void buildWhenMisconfiguredThenFailsAtStartUp() {
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> Meshguard.builder().build())
        .withMessageStartingWith("A ClaimsValidator is required");
    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(
            () ->
                Meshguard.builder()
                    .claimsValidator(ClaimsValidator.builder().issuers(ISSUER).build())
                    .xfcc(XfccPeerResolver.builder().trustDomains("cluster.local").build())
                    .clientCertificates(
                        CertificatePeerResolver.builder().trustDomains("cluster.local").build())
                    .build());
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> Meshguard.builder().payloadHeader("bad header"));
  }

  private static final RouteTable ROUTES =
      RouteTable.builder()
          .route("GET /api/v1/health public")
          .route("GET /api/v1/orders scopes=orders:read")
          .route("DELETE /api/v1/orders/{id} claim.role=api-admin peer.namespace=api-system")
          .unmatched(Unmatched.NOT_FOUND)
          .build();

  private static ErrorCode deniedCode(Decision decision) {
    assertThat(decision).isInstanceOf(Decision.Denied.class);
    return ((Decision.Denied) decision).code();
  }

  @Test
  void decideWithRoutesWhenUnknownPathWithoutIdentityThen401BeforeRouting() {
    assertThat(deniedCode(GUARD.decide(get("/api/v1/nothing").build(), ROUTES)))
        .isEqualTo(ErrorCode.MISSING_CREDENTIALS);
  }

  @Test
  void decideWithRoutesWhenUnknownPathOrMethodWithIdentityThen404Or405() {
    String identity = payload(",\"scope\":\"orders:read\"");
    assertThat(
            deniedCode(
                GUARD.decide(
                    get("/api/v1/nothing").header("x-jwt-payload", identity).build(), ROUTES)))
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(
            deniedCode(
                GUARD.decide(
                    MeshRequest.builder()
                        .method("PUT")
                        .path("/api/v1/orders")
                        .header("x-jwt-payload", identity)
                        .build(),
                    ROUTES)))
        .isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
  }

  @Test
  void decideWithRoutesWhenPublicRouteThenHeadersIgnored() {
    Decision decision =
        GUARD.decide(get("/api/v1/health").header("x-jwt-payload", "%%%").build(), ROUTES);
    assertThat(decision.isAllowed()).isTrue();
    assertThat(decision.explanation().steps())
        .extracting(Explanation.Step::check)
        .containsExactly("route");
  }

  @Test
  void authenticateWhenPreflightOrRefusedThenSaysWhichWithoutAnIdentity() {
    MeshRequest preflight =
        MeshRequest.builder()
            .method("OPTIONS")
            .path("/api/v1/orders")
            .header("Origin", "https://app.example.com")
            .header("Access-Control-Request-Method", "POST")
            .build();
    assertThat(GUARD.authenticate(preflight)).isInstanceOf(Authentication.Preflight.class);
    assertThat(GUARD.authenticate(get("/api/v1/orders").build()))
        .isInstanceOfSatisfying(
            Authentication.Refused.class,
            r -> assertThat(r.denied().code()).isEqualTo(ErrorCode.MISSING_CREDENTIALS));
    assertThat(GUARD.authenticate(get("/api/v1//orders").build()))
        .isInstanceOfSatisfying(
            Authentication.Refused.class,
            r -> assertThat(r.denied().code()).isEqualTo(ErrorCode.AMBIGUOUS_PATH));
  }

  @Test
  void decideWithPublicRequirementWhenAmbiguousPathThen400LikeTheRouteTable() {
    // One pipeline: the ambiguous-path check comes before "public" on every entry point.
    Decision decision = GUARD.decide(get("/api/v1/./health").build(), Requirement.publicEndpoint());
    assertThat(deniedCode(decision)).isEqualTo(ErrorCode.AMBIGUOUS_PATH);
    assertThat(deniedCode(GUARD.decide(get("/api/v1/./health").build(), ROUTES)))
        .isEqualTo(ErrorCode.AMBIGUOUS_PATH);
  }

  @Test
  void decideWithRoutesWhenAmbiguousPathSeemsPublicThen400() {
    assertThat(deniedCode(GUARD.decide(get("/api/v1/./health").build(), ROUTES)))
        .isEqualTo(ErrorCode.AMBIGUOUS_PATH);
  }

  @Test
  void decideWithRoutesWhenRouteMatchesThenItsRequirementDecides() {
    String identity = payload(",\"scope\":\"orders:write\"");
    Decision decision =
        GUARD.decide(get("/api/v1/orders").header("x-jwt-payload", identity).build(), ROUTES);
    assertThat(deniedCode(decision)).isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
    assertThat(decision.toString()).contains("route GET /api/v1/orders: passed");
  }

  @Test
  void decideWithRoutesWhenContainerPathDiffersFromRawThenMatchesTheDecodedPath() {
    MeshRequest request =
        new MeshRequest() {
          @Override
          public String method() {
            return "GET";
          }

          @Override
          public String rawPath() {
            return "/api/v1/%68ealth";
          }

          @Override
          public String path() {
            return "/api/v1/health";
          }

          @Override
          public java.util.List<String> headers(String name) {
            return java.util.List.of();
          }
        };
    assertThat(GUARD.decide(request, ROUTES).isAllowed()).isTrue();
  }

  @Test
  void decideWithRoutesWhenUnmatchedDenyOrAuthenticatedThenAsConfigured() {
    MeshRequest request = get("/elsewhere").header("x-jwt-payload", payload("")).build();
    assertThat(deniedCode(GUARD.decide(request, RouteTable.builder().build())))
        .isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(
            GUARD
                .decide(request, RouteTable.builder().unmatched(Unmatched.AUTHENTICATED).build())
                .isAllowed())
        .isTrue();
  }

  private static final String POLICY =
      "apiVersion: security.istio.io/v1\n"
          + "kind: AuthorizationPolicy\n"
          + "metadata: {name: orders, namespace: api-system}\n"
          + "spec:\n"
          + "  action: DENY\n"
          + "  rules:\n"
          + "  - to: [{operation: {methods: [GET], paths: [/api/v1/orders]}}]\n"
          + "    when: [{key: 'request.auth.claims[sub]', values: [mallory]}]\n";

  private static Meshguard guardWithPolicy() {
    return Meshguard.builder()
        .claimsValidator(validator().build())
        .policies(
            io.meshguard.core.policy.PolicySet.load(
                POLICY, io.meshguard.core.policy.Workload.of("api-system", java.util.Map.of())))
        .build();
  }

  @Test
  void decideWhenPolicyDeniesThen403WithoutChallengeBeforeTheScopeCheck() {
    String mallory =
        unpadded("{\"iss\":\"" + ISSUER + "\",\"sub\":\"mallory\",\"exp\":" + (NOW + 60) + "}");
    Decision decision =
        guardWithPolicy()
            .decide(get("/api/v1/orders").header("x-jwt-payload", mallory).build(), ROUTES);

    assertThat(deniedCode(decision)).isEqualTo(ErrorCode.POLICY_DENIED);
    ErrorResponse response = ErrorResponses.render((Decision.Denied) decision);
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.wwwAuthenticate()).isNull();
    assertThat(decision.toString())
        .contains("policy: failed (denied: DENY api-system/orders rule 0 matched)");
  }

  @Test
  void decideWhenPolicyAllowsThenTheRequirementStillDecides() {
    Decision decision =
        guardWithPolicy()
            .decide(get("/api/v1/orders").header("x-jwt-payload", payload("")).build(), ROUTES);
    assertThat(deniedCode(decision)).isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
    assertThat(decision.toString()).contains("policy: passed");
  }

  @Test
  void decideWhenUnknownRouteThen404BeforeThePolicy() {
    String mallory =
        unpadded("{\"iss\":\"" + ISSUER + "\",\"sub\":\"mallory\",\"exp\":" + (NOW + 60) + "}");
    assertThat(
            deniedCode(
                guardWithPolicy()
                    .decide(get("/nothing").header("x-jwt-payload", mallory).build(), ROUTES)))
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  /** A clock tests can move. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void decideWhenCachedPayloadExpiresThenTheHitIsAsStrictAsAMiss() {
    MovableClock clock = new MovableClock(Instant.ofEpochSecond(NOW));
    Meshguard guard =
        Meshguard.builder()
            .claimsValidator(ClaimsValidator.builder().issuers(ISSUER).clock(clock).build())
            .build();
    MeshRequest request =
        get("/api/v1/orders")
            .header("x-jwt-payload", payload(",\"scope\":\"orders:read\""))
            .build();

    assertThat(guard.decide(request, READ).isAllowed()).isTrue();
    assertThat(guard.decide(request, READ).isAllowed()).isTrue();
    clock.now = Instant.ofEpochSecond(NOW + 3600 + 61);
    assertThat(deniedCode(guard.decide(request, READ))).isEqualTo(ErrorCode.INVALID_TOKEN);
  }

  @Test
  void decideWhenCachedPeerThenSameResultAsUncached() {
    Meshguard uncached =
        Meshguard.builder()
            .claimsValidator(validator().build())
            .xfcc(XfccPeerResolver.builder().trustDomains("cluster.local").build())
            .payloadCacheSize(0)
            .peerCacheSize(0)
            .build();
    for (String xfcc :
        new String[] {
          "URI=" + GATEWAY, "junk", "URI=spiffe://evil.example/ns/a/sa/b", "URI=" + GATEWAY
        }) {
      MeshRequest request =
          MeshRequest.builder()
              .method("DELETE")
              .path("/api/v1/orders/1")
              .header("x-jwt-payload", payload(",\"role\":\"api-admin\""))
              .header("x-forwarded-client-cert", xfcc)
              .build();
      for (int i = 0; i < 2; i++) {
        assertThat(GUARD.decide(request, DELETE).toString())
            .isEqualTo(uncached.decide(request, DELETE).toString());
      }
    }
  }

  @Test
  void decisionListenerWhenSetThenSeesEveryDecisionAndToBuilderKeepsTheRest() {
    java.util.List<Decision> seen = new java.util.ArrayList<>();
    Meshguard listened = GUARD.toBuilder().decisionListener(seen::add).build();
    listened.decide(get("/api/v1/orders").build(), READ);
    listened.decide(get("/api/v1/health").build(), Requirement.publicEndpoint());
    assertThat(seen).extracting(Decision::isAllowed).containsExactly(false, true);
    assertThat(listened.payloadDecoder()).isSameAs(GUARD.payloadDecoder());
    assertThat(listened.claimsValidator()).isSameAs(GUARD.claimsValidator());
  }

  /** A policy source that is a watcher, as PolicyFileWatcher is. */
  static final class ClosingPolicies
      implements java.util.function.Supplier<io.meshguard.core.policy.PolicySet>, AutoCloseable {
    int closed;

    @Override
    public io.meshguard.core.policy.PolicySet get() {
      return io.meshguard.core.policy.PolicySet.empty();
    }

    @Override
    public void close() {
      closed++;
    }
  }

  @Test
  void closeWhenPoliciesAreWatchedThenStopsTheWatcherAndStillDecides() {
    ClosingPolicies policies = new ClosingPolicies();
    Meshguard guard = GUARD.toBuilder().policies(policies).build();
    guard.close();
    assertThat(policies.closed).isEqualTo(1);
    assertThat(guard.decide(get("/api/v1/orders").build(), READ).isAllowed()).isFalse();
    GUARD.close(); // nothing to stop: a fixed policy set, no certificates
  }

  @Test
  void closeWhenVariantMadeWithToBuilderThenTheOriginalsWatcherKeepsRunning() {
    ClosingPolicies policies = new ClosingPolicies();
    Meshguard original = GUARD.toBuilder().policies(policies).build();
    Meshguard variant = original.toBuilder().payloadCacheSize(0).build();
    variant.close();
    assertThat(policies.closed).isZero();
    original.close();
    assertThat(policies.closed).isEqualTo(1);
  }
}
