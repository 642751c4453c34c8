package io.meshguard.benchmarks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.PeerMatchers;
import io.meshguard.core.requirement.Requirement;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** The realistic inputs every benchmark shares: one Istio-style payload, one two-element XFCC. */
public final class Fixtures {

  public static final String ISSUER = "https://auth.example.com";
  public static final long NOW = Instant.now().getEpochSecond();
  public static final long EXP = NOW + 30L * 24 * 3600;
  public static final String XFCC =
      "By=spiffe://cluster.local/ns/edge/sa/ingress;Hash=9ba61d6425303443c0748a02dd8de688468ed33be74eee6556d90c0149c1309e;"
          + "URI=spiffe://cluster.local/ns/web/sa/frontend,"
          + "By=spiffe://cluster.local/ns/api-system/sa/orders;"
          + "Hash=468ed33be74eee6556d90c0149c1309e9ba61d6425303443c0748a02dd8de688;Subject=\"\";"
          + "URI=spiffe://cluster.local/ns/api-system/sa/gateway";

  /** The route's need: a scope, a role claim and a peer namespace. */
  public static final Requirement REQUIREMENT =
      Requirement.builder()
          .anyScope("orders:read")
          .claim("role", "api-admin")
          .peer(PeerMatchers.exactNamespace("api-system"))
          .build();

  private Fixtures() {}

  /** About 600 bytes: registered claims, a scope string, a role, a nested object, an array. */
  public static String payloadJson(String jti) {
    return "{\"iss\":\""
        + ISSUER
        + "\","
        + "\"sub\":\"6f1c2a9e-4b7d-4c1e-9a3f-2d8b5e7c1a40\","
        + "\"aud\":[\"orders-api\",\"https://api.example.com/\"],"
        + "\"exp\":"
        + EXP
        + ",\"iat\":"
        + (NOW - 60)
        + ",\"nbf\":"
        + (NOW - 60)
        + ","
        + "\"jti\":\""
        + jti
        + "\","
        + "\"azp\":\"web-frontend\","
        + "\"scope\":\"openid profile email orders:read orders:write\","
        + "\"role\":\"api-admin\","
        + "\"name\":\"Alice Example\",\"email\":\"alice@example.com\",\"email_verified\":true,"
        + "\"realm_access\":{\"roles\":[\"offline_access\",\"uma_authorization\",\"api-admin\"]},"
        + "\"groups\":[\"/orders/readers\",\"/orders/writers\",\"/staff\"],"
        + "\"tenant\":{\"id\":\"acme-eu-1\",\"region\":\"eu-west-1\",\"tier\":\"gold\"},"
        + "\"session_state\":\"b6d2c0a4-0c1e-4f5d-8e2b-91a7f3c4d5e6\",\"auth_time\":"
        + (NOW - 60)
        + "}";
  }

  /** The payload header value: unpadded base64url, as Istio forwards it. */
  public static String payloadHeader(String jti) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(payloadJson(jti).getBytes(StandardCharsets.UTF_8));
  }

  /** The guard with the examples' trust configuration and, optionally, policies. */
  public static Meshguard guard(PolicySet policies) {
    return Meshguard.builder()
        .claimsValidator(ClaimsValidator.builder().issuers(ISSUER).build())
        .xfcc(XfccPeerResolver.builder().trustDomains("cluster.local").build())
        .policies(policies)
        .build();
  }

  public static MeshRequest request(String payloadHeader) {
    return request(payloadHeader, XFCC);
  }

  /** The benchmark request with the given payload and XFCC header values. */
  public static MeshRequest request(String payloadHeader, String xfcc) {
    return MeshRequest.builder()
        .method("GET")
        .path("/api/v1/orders")
        .header("host", "orders.api-system.svc.cluster.local:8080")
        .header("x-jwt-payload", payloadHeader)
        .header("x-forwarded-client-cert", xfcc)
        .localPort(8080)
        .build();
  }

  /**
   * An ALLOW policy of {@code rules} realistic rules (exact and prefix paths, methods, principals,
   * claims) where only the last one matches the benchmark request.
   */
  public static PolicySet policy(int rules) {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
                + "metadata: {name: orders, namespace: api-system}\nspec:\n  rules:\n");
    for (int i = 0; i < rules - 1; i++) {
      String path = i % 10 == 0 ? "/api/v2/resource" + i + "/*" : "/api/v1/resource" + i;
      yaml.append("  - from: [{source: {principals: [cluster.local/ns/team")
          .append(i % 7)
          .append("/sa/client")
          .append(i)
          .append("]}}]\n")
          .append("    to: [{operation: {methods: [GET, POST], paths: ['")
          .append(path)
          .append("']}}]\n")
          .append("    when: [{key: 'request.auth.claims[groups]', values: [/team")
          .append(i)
          .append("]}]\n");
    }
    yaml.append("  - from: [{source: {principals: [cluster.local/ns/api-system/sa/gateway]}}]\n")
        .append("    to: [{operation: {methods: [GET], paths: ['/api/v1/orders']}}]\n")
        .append("    when: [{key: 'request.auth.claims[role]', values: [api-admin]}]\n");
    return PolicySet.load(yaml.toString(), Workload.of("api-system", Map.of("app", "orders")));
  }

  /** An RSA key pair and the same payload as an RS256 JWT signed with it. */
  public static final class SignedToken {
    public final KeyPair keys;
    public final String token;

    public SignedToken() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
      JWTClaimsSet claims = JWTClaimsSet.parse(payloadJson("signed-token"));
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .type(JOSEObjectType.JWT)
                  .keyID("k1")
                  .build(),
              claims);
      jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
      token = jwt.serialize();
    }
  }

  /** Distinct payload header values (different {@code jti}) for cold decisions. */
  public static String[] distinctHeaders(int count) {
    String[] headers = new String[count];
    for (int i = 0; i < count; i++) {
      headers[i] = payloadHeader(String.format("%08x-3c1d-4e2f-8a9b-0c1d2e3f4a5b", i));
    }
    return headers;
  }

  /**
   * Distinct XFCC values of the same shape as {@link #XFCC}, naming the same peer: only the
   * certificate hashes differ (a new client certificate, as after a rotation or from another
   * replica), so every value is a new cache key that still resolves to an allowed peer.
   */
  public static String[] distinctXfcc(int count) {
    String[] values = new String[count];
    for (int i = 0; i < count; i++) {
      String hash = String.format("%08x", i).repeat(8);
      values[i] =
          "By=spiffe://cluster.local/ns/edge/sa/ingress;Hash="
              + hash
              + ";URI=spiffe://cluster.local/ns/web/sa/frontend,"
              + "By=spiffe://cluster.local/ns/api-system/sa/orders;Hash="
              + new StringBuilder(hash).reverse()
              + ";Subject=\"\";URI=spiffe://cluster.local/ns/api-system/sa/gateway";
    }
    return values;
  }
}
