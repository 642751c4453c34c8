package io.meshguard.testkit;

/**
 * The mesh every meshguard test and example is set in, named once: the issuer it trusts, its trust
 * domain, the service under test and the gateway that calls it. Header names are {@link
 * MeshHeaders#PAYLOAD_HEADER} and {@link MeshHeaders#XFCC_HEADER}.
 *
 * <pre>{@code
 * String payload = MeshHeaders.payload(Payload.issuedBy(MeshFixtures.ISSUER)
 *     .subject("alice").expiresIn(Duration.ofHours(1)));
 * String xfcc = MeshHeaders.xfcc(MeshFixtures.SELF, MeshFixtures.GATEWAY);
 * }</pre>
 *
 * <p>Every value is a compile-time constant, so it can be used in annotations such as
 * {@code @SpringBootTest(properties = "meshguard.issuers=" + MeshFixtures.ISSUER)}.
 *
 * @since 0.1.0
 */
public final class MeshFixtures {

  /** The token issuer the examples trust: the payload's {@code iss}. */
  public static final String ISSUER = "https://auth.example.com";

  /** The SPIFFE trust domain of every workload in the examples' mesh. */
  public static final String TRUST_DOMAIN = "cluster.local";

  /**
   * The service under test ({@code orders} in {@code api-system}): the workload an XFCC element
   * says it was appended for ({@code By=}).
   */
  public static final String SELF = "spiffe://" + TRUST_DOMAIN + "/ns/api-system/sa/orders";

  /** The ingress gateway that calls the service: the peer in an XFCC element ({@code URI=}). */
  public static final String GATEWAY = "spiffe://" + TRUST_DOMAIN + "/ns/api-system/sa/gateway";

  /** The media type of meshguard's error bodies (RFC 9457 problem details). */
  public static final String PROBLEM_JSON = "application/problem+json";

  private MeshFixtures() {}
}
