package io.meshguard.testkit;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.PeerResult;
import io.meshguard.core.peer.SpiffeIds;
import io.meshguard.core.request.MeshRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request for policy and guard tests: method, path, headers, the caller's claims and peer. It
 * becomes a {@link MeshIdentity} for {@link io.meshguard.core.policy.PolicySet} tests, or real
 * header values (a minted payload and an XFCC element) for full {@link io.meshguard.core.Meshguard}
 * tests. Not thread-safe.
 *
 * <pre>{@code
 * request().get("/api/v1/orders").scopes("orders:read")
 *     .peer("spiffe://cluster.local/ns/api-system/sa/gateway")
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TestRequest {

  /** The issuer a test request carries unless told otherwise. */
  public static final String DEFAULT_ISSUER = MeshFixtures.ISSUER;

  /** The workload a test request's XFCC element says it was appended for. */
  public static final String DEFAULT_SELF = "spiffe://cluster.local/ns/default/sa/self";

  private String method = "GET";
  private String path = "/";
  private int port = -1;
  private final List<String[]> headers = new ArrayList<>();
  private final Map<String, @Nullable Object> claims = new LinkedHashMap<>();
  private @Nullable String peer;
  private boolean anonymous;
  private Clock clock = Clock.systemUTC();

  private TestRequest() {
    claims.put("iss", DEFAULT_ISSUER);
    claims.put("sub", "test-user");
  }

  /** A {@code GET /} from {@code test-user} of {@link #DEFAULT_ISSUER}, without a peer. */
  public static TestRequest request() {
    return new TestRequest();
  }

  /** Sets the method and path. */
  public TestRequest method(String method, String path) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    return this;
  }

  /** {@code GET path}. */
  public TestRequest get(String path) {
    return method("GET", path);
  }

  /** {@code POST path}. */
  public TestRequest post(String path) {
    return method("POST", path);
  }

  /** {@code PUT path}. */
  public TestRequest put(String path) {
    return method("PUT", path);
  }

  /** {@code DELETE path}. */
  public TestRequest delete(String path) {
    return method("DELETE", path);
  }

  /** Adds a header line. */
  public TestRequest header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  /** Sets the {@code Host} header. */
  public TestRequest host(String host) {
    return header("Host", host);
  }

  /** The port the request arrives on (Istio's {@code destination.port}). */
  public TestRequest port(int port) {
    this.port = port;
    return this;
  }

  /** Sets {@code scope} to the scopes, space-separated. */
  public TestRequest scopes(String... scopes) {
    return claim("scope", String.join(" ", scopes));
  }

  /** Sets {@code iss}. */
  public TestRequest issuer(String issuer) {
    return claim("iss", issuer);
  }

  /** Sets {@code sub}. */
  public TestRequest subject(String subject) {
    return claim("sub", subject);
  }

  /** Sets any claim (a JSON value: string, number, boolean, list, map); {@code null} removes it. */
  public TestRequest claim(String name, @Nullable Object value) {
    if (value == null) {
      claims.remove(name);
    } else {
      claims.put(name, value);
    }
    return this;
  }

  /** The calling workload's SPIFFE ID, as the sidecar would report it. */
  public TestRequest peer(String spiffeId) {
    this.peer = SpiffeIds.parse(spiffeId).toString();
    return this;
  }

  /** Sends no payload header at all (for guard tests of the 401 path). */
  public TestRequest anonymous() {
    this.anonymous = true;
    return this;
  }

  /** The clock for the minted {@code exp} (default the system clock). */
  public TestRequest clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The request as a policy sees it. */
  public MeshRequest toMeshRequest() {
    return build(false);
  }

  /** The request with real identity headers, as the sidecar would forward it. */
  public MeshRequest toForwardedRequest() {
    return build(true);
  }

  private MeshRequest build(boolean withIdentityHeaders) {
    MeshRequest.Builder builder = MeshRequest.builder().method(method).path(path).localPort(port);
    for (String[] header : headers) {
      builder.header(header[0], header[1]);
    }
    if (withIdentityHeaders) {
      if (!anonymous) {
        Payload payload = Payload.empty().clock(clock);
        claims.forEach(payload::claim);
        if (!claims.containsKey("exp")) {
          payload.expiresIn(Duration.ofHours(1));
        }
        builder.header(MeshHeaders.PAYLOAD_HEADER, MeshHeaders.payload(payload));
      }
      if (peer != null) {
        builder.header(MeshHeaders.XFCC_HEADER, MeshHeaders.xfcc(DEFAULT_SELF, peer));
      }
    }
    return builder.build();
  }

  /** The caller as a policy sees it. */
  public MeshIdentity toIdentity() {
    PeerResult result =
        peer == null
            ? PeerResult.Absent.of(PeerAbsence.NO_HEADER)
            : new PeerResult.Present(
                new PeerIdentity(SpiffeIds.parse(peer), PeerIdentity.Source.XFCC));
    return new MeshIdentity(Claims.of(claims), result);
  }

  /** For example {@code GET /api/v1/orders (claims [iss, sub, scope], peer spiffe://...)}. */
  @Override
  public String toString() {
    return method
        + " "
        + path
        + " (claims "
        + claims.keySet()
        + ", peer "
        + (peer == null ? "none" : peer)
        + ")";
  }
}
