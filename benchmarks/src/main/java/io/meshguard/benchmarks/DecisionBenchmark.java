package io.meshguard.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.meshguard.core.Decision;
import io.meshguard.core.Meshguard;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.request.MeshRequest;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The hot path against its physical floor and the alternative users weigh it against, all on the
 * same ~600-byte payload (see {@link Fixtures}). Run with {@code benchmarks/run.sh}.
 *
 * <p>The decision scenarios differ in what the guard's two caches (payloads by header value, {@link
 * Meshguard#DEFAULT_PAYLOAD_CACHE_SIZE} slots; XFCC peers by header value, {@link
 * Meshguard#DEFAULT_PEER_CACHE_SIZE} slots) can hold:
 *
 * <ul>
 *   <li>{@link #coldDecisionPeerCached}: a new payload every call, one of {@link #FEW_PEERS} XFCC
 *       values (few peers, many tokens: the common case);
 *   <li>{@link #trulyColdDecision}: a new payload and a new XFCC value every call (more distinct
 *       values than either cache holds);
 *   <li>{@link #meshguardRepeatDecision}: the same token and XFCC every call;
 *   <li>{@link #highCardinalityDecision}: many users ({@link HighCardinality}), few peers.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

  /** Far more distinct tokens than the guard caches, so a cold decision never hits. */
  static final int COLD_TOKENS = 16_384;

  /** Distinct XFCC values where the peer is cached: a handful of calling workloads. */
  static final int FEW_PEERS = 4;

  String[] coldHeaders;
  MeshRequest[] coldRequests;
  MeshRequest[] trulyColdRequests;
  MeshRequest[] highCardinalityRequests;
  int[] highCardinalitySequence;
  int next;
  int nextHighCardinality;
  MeshRequest repeatRequest;
  Meshguard guard;
  Meshguard guard10;
  Meshguard guard1000;
  JsonFactory json;
  String signedToken;
  RSASSAVerifier verifier;
  NimbusJwtDecoder springDecoder;

  @Setup
  public void setUp() throws Exception {
    coldHeaders = Fixtures.distinctHeaders(COLD_TOKENS);
    String[] fewXfcc = Fixtures.distinctXfcc(FEW_PEERS);
    // As many XFCC values as tokens: 64 times the peer cache's slots, so none is still cached.
    String[] coldXfcc = Fixtures.distinctXfcc(COLD_TOKENS);
    coldRequests = new MeshRequest[COLD_TOKENS];
    trulyColdRequests = new MeshRequest[COLD_TOKENS];
    for (int i = 0; i < COLD_TOKENS; i++) {
      coldRequests[i] = Fixtures.request(coldHeaders[i], fewXfcc[i % FEW_PEERS]);
      trulyColdRequests[i] = Fixtures.request(coldHeaders[i], coldXfcc[i]);
    }
    String[] users = HighCardinality.headers();
    highCardinalityRequests = new MeshRequest[users.length];
    for (int i = 0; i < users.length; i++) {
      highCardinalityRequests[i] = Fixtures.request(users[i], fewXfcc[i % FEW_PEERS]);
    }
    highCardinalitySequence = HighCardinality.sequence();
    repeatRequest = Fixtures.request(Fixtures.payloadHeader("repeat"));
    guard = Fixtures.guard(PolicySet.empty());
    guard10 = Fixtures.guard(Fixtures.policy(10));
    guard1000 = Fixtures.guard(Fixtures.policy(1000));
    json = new JsonFactory();
    Fixtures.SignedToken signed = new Fixtures.SignedToken();
    signedToken = signed.token;
    verifier = new RSASSAVerifier((RSAPublicKey) signed.keys.getPublic());
    springDecoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) signed.keys.getPublic()).build();
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == COLD_TOKENS ? 0 : i + 1;
    return i;
  }

  /** The floor: base64url-decode the header and one streaming pass over its JSON, nothing kept. */
  @Benchmark
  public int floorDecodeAndParse() throws Exception {
    byte[] bytes = Base64.getUrlDecoder().decode(coldHeaders[nextIndex()]);
    int tokens = 0;
    try (JsonParser parser = json.createParser(bytes)) {
      while (parser.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }

  /**
   * The complete decision on a token value the guard has not seen before, from one of a few peers
   * (their XFCC values cached): a cold decision in the common case.
   */
  @Benchmark
  public Decision coldDecisionPeerCached() {
    return guard.decide(coldRequests[nextIndex()], Fixtures.REQUIREMENT);
  }

  /** The complete decision on a token value and an XFCC value the guard has not seen before. */
  @Benchmark
  public Decision trulyColdDecision() {
    return guard.decide(trulyColdRequests[nextIndex()], Fixtures.REQUIREMENT);
  }

  /**
   * Many users: tokens drawn with Zipf-like popularity from eight times as many as the payload
   * cache holds ({@link HighCardinality}; its hit ratio is printed by {@link Medians}), few peers.
   */
  @Benchmark
  public Decision highCardinalityDecision() {
    int i = nextHighCardinality;
    nextHighCardinality = i + 1 == highCardinalitySequence.length ? 0 : i + 1;
    return guard.decide(highCardinalityRequests[highCardinalitySequence[i]], Fixtures.REQUIREMENT);
  }

  /** The complete decision on a token value seen before (a token is reused during its lifetime). */
  @Benchmark
  public Decision meshguardRepeatDecision() {
    return guard.decide(repeatRequest, Fixtures.REQUIREMENT);
  }

  /** Nimbus: parse the signed token and verify its RS256 signature. */
  @Benchmark
  public boolean nimbusVerifyRs256() throws Exception {
    return SignedJWT.parse(signedToken).verify(verifier);
  }

  /** Spring Security's resource-server decoder: parse, verify RS256, validate timestamps. */
  @Benchmark
  public Jwt springNimbusJwtDecoder() {
    return springDecoder.decode(signedToken);
  }

  /** A decision with a 10-rule Istio policy loaded (the matching rule last). */
  @Benchmark
  public Decision policy10Rules() {
    return guard10.decide(repeatRequest, Fixtures.REQUIREMENT);
  }

  /** A decision with a 1,000-rule Istio policy loaded (the matching rule last). */
  @Benchmark
  public Decision policy1000Rules() {
    return guard1000.decide(repeatRequest, Fixtures.REQUIREMENT);
  }
}
