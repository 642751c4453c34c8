package io.meshguard.core;

import io.meshguard.core.Explanation.Outcome;
import io.meshguard.core.Explanation.Step;
import io.meshguard.core.Explanation.Trail;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.claims.ClaimsViolation;
import io.meshguard.core.internal.DirectMappedCache;
import io.meshguard.core.internal.RawPaths;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadResult;
import io.meshguard.core.peer.CertificatePeerResolver;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.PeerResult;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicyDecision;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.ClaimCondition;
import io.meshguard.core.requirement.PeerMatcher;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.requirement.ScopeRequirement;
import io.meshguard.core.route.RouteMatch;
import io.meshguard.core.route.RouteResolver;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for one request, who the caller is and whether it may proceed. Built once; immutable and
 * thread-safe.
 *
 * <p>The checks run in this order (the examples' HTTP contract):
 *
 * <ol>
 *   <li>Public endpoints and CORS preflights ({@code OPTIONS} with {@code Origin} and {@code
 *       Access-Control-Request-Method}) are allowed without reading any identity header.
 *   <li>A raw path with {@code ;}, {@code //}, {@code \}, a dot segment, or an encoded {@code .},
 *       {@code /} or {@code \} is denied ({@link ErrorCode#AMBIGUOUS_PATH}).
 *   <li>Identity: exactly one payload header line, decoded ({@link PayloadDecoder}) and validated
 *       ({@link ClaimsValidator}); the peer is looked up but its absence is not yet an error.
 *   <li>Routing (404/405) is the caller's: use {@link #authenticate} and {@link #authorize} around
 *       it, or {@link #decide} when the route is known.
 *   <li>The authorization policies, if any ({@link Builder#policies}).
 *   <li>The route's {@link Requirement}: scopes, then claims, then the peer.
 * </ol>
 *
 * <pre>{@code
 * Meshguard guard = Meshguard.builder()
 *     .claimsValidator(ClaimsValidator.builder().issuers("https://auth.example.com").build())
 *     .xfcc(XfccPeerResolver.builder().trustDomains("cluster.local").build())
 *     .build();
 * Decision decision = guard.decide(request, Requirement.builder().anyScope("orders:read").build());
 * }</pre>
 *
 * <p>Each decision is logged at debug level on the {@code io.meshguard.decision} logger with its
 * explanation (claim names and SPIFFE IDs, never header values).
 *
 * @since 0.1.0
 */
public final class Meshguard implements AutoCloseable {

  /** The payload header Istio's examples use: {@code x-jwt-payload}. */
  public static final String DEFAULT_PAYLOAD_HEADER = "x-jwt-payload";

  /** Default number of decoded payloads kept: 1024. */
  public static final int DEFAULT_PAYLOAD_CACHE_SIZE = 1024;

  /** Default number of resolved peers kept: 256. */
  public static final int DEFAULT_PEER_CACHE_SIZE = 256;

  private static final Logger LOG = LoggerFactory.getLogger("io.meshguard.decision");

  private static final Step PUBLIC_STEP =
      new Step("route", Outcome.NOTED, "public endpoint; identity not checked");
  private static final Step PREFLIGHT_STEP =
      new Step("route", Outcome.NOTED, "CORS preflight; identity not checked");
  private static final Step AMBIGUOUS_PATH_STEP =
      new Step("path", Outcome.FAILED, "ambiguous raw path");
  private static final Step REPEATED_STEP =
      new Step("payload", Outcome.FAILED, "the header is repeated");
  private static final Step DECODED_STEP = new Step("payload", Outcome.PASSED, null);
  private static final Step CLAIMS_STEP = new Step("claims", Outcome.PASSED, null);
  private static final Step NOT_FOUND_STEP =
      new Step("route", Outcome.FAILED, "no route matches the path");
  private static final Step METHOD_NOT_ALLOWED_STEP =
      new Step("route", Outcome.FAILED, "no route matches the method");
  private static final Step UNMATCHED_DENIED_STEP =
      new Step("route", Outcome.FAILED, "no route matches; unmatched requests are denied");
  private static final Step UNMATCHED_AUTHENTICATED_STEP =
      new Step("route", Outcome.NOTED, "no route matches; any valid identity passes");
  private static final Step PEER_REQUIRED_STEP =
      new Step("peer", Outcome.FAILED, "a peer is required");

  private final String payloadHeader;
  private final PayloadDecoder decoder;
  private final ClaimsValidator validator;
  private final @Nullable XfccPeerResolver xfcc;
  private final String xfccHeader;
  private final @Nullable CertificatePeerResolver certificates;
  private final Supplier<PolicySet> policies;
  private final DirectMappedCache<Claims> payloadCache;
  private final DirectMappedCache<PeerResult> peerCache;
  private final @Nullable Consumer<Decision> listener;
  private final Step missingStep;

  private Meshguard(Builder builder) {
    this.payloadHeader = builder.payloadHeader;
    this.decoder = builder.decoder;
    this.validator = Objects.requireNonNull(builder.validator);
    this.xfcc = builder.xfcc;
    this.xfccHeader = builder.xfccHeader;
    this.certificates = builder.certificates;
    this.policies = builder.policies;
    this.payloadCache = new DirectMappedCache<>(builder.payloadCacheSize);
    this.peerCache = new DirectMappedCache<>(builder.peerCacheSize);
    this.listener = builder.listener;
    this.missingStep = new Step("payload", Outcome.FAILED, "no " + payloadHeader + " header");
  }

  /** A builder; a {@link ClaimsValidator} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every check for a request whose route is known.
   *
   * @param request the request
   * @param requirement what its route needs
   * @return the decision; never throws for any request content
   */
  public Decision decide(MeshRequest request, Requirement requirement) {
    Objects.requireNonNull(requirement, "requirement");
    Trail steps = new Trail();
    Decision decision;
    if (requirement.isPublic()) {
      steps.add(PUBLIC_STEP);
      decision = new Decision.Allowed(null, steps.explanation());
    } else {
      decision = identify(request, steps);
      if (decision instanceof Decision.Allowed
          && ((Decision.Allowed) decision).identity() != null) {
        decision = check(((Decision.Allowed) decision).identity(), request, requirement, steps);
      }
    }
    log(decision);
    return decision;
  }

  /**
   * Runs every check for a request, finding its requirement in a route table: CORS preflight,
   * ambiguous raw path, public route, identity, then the route (unmatched requests are handled as
   * the table's {@link Unmatched} says), then the route's requirement. The ambiguous-path check
   * comes before the public-route lookup because an ambiguous path cannot be trusted to name the
   * public endpoint it seems to.
   *
   * @param request the request; a {@link RouteTable} matches its {@link MeshRequest#path()}
   * @param routes the route table, or an adapter's resolver over its framework's routing
   * @param <R> the request type the resolver reads
   * @return the decision; never throws for any request content
   */
  public <R extends MeshRequest> Decision decide(R request, RouteResolver<? super R> routes) {
    Objects.requireNonNull(routes, "routes");
    Trail steps = new Trail();
    Decision decision = preflightOrAmbiguousPath(request, steps);
    if (decision == null) {
      RouteMatch match = routes.resolve(request);
      if (match instanceof RouteMatch.Found
          && ((RouteMatch.Found) match).requirement().isPublic()) {
        steps.add(PUBLIC_STEP);
        decision = new Decision.Allowed(null, steps.explanation());
      } else {
        decision = identity(request, steps);
        MeshIdentity identity =
            decision instanceof Decision.Allowed ? ((Decision.Allowed) decision).identity() : null;
        if (identity != null) {
          decision = route(identity, request, match, routes.unmatched(), steps);
        }
      }
    }
    log(decision);
    return decision;
  }

  private Decision route(
      MeshIdentity identity,
      MeshRequest request,
      RouteMatch match,
      Unmatched unmatched,
      Trail steps) {
    if (match instanceof RouteMatch.Found) {
      RouteMatch.Found found = (RouteMatch.Found) match;
      steps.add(new Step("route " + found.description(), Outcome.PASSED, null));
      return check(identity, request, found.requirement(), steps);
    }
    boolean methodMismatch = match instanceof RouteMatch.MethodNotAllowed;
    switch (unmatched) {
      case AUTHENTICATED:
        steps.add(UNMATCHED_AUTHENTICATED_STEP);
        return check(identity, request, Requirement.authenticated(), steps);
      case NOT_FOUND:
        steps.add(methodMismatch ? METHOD_NOT_ALLOWED_STEP : NOT_FOUND_STEP);
        return Decision.Denied.of(
            methodMismatch ? ErrorCode.METHOD_NOT_ALLOWED : ErrorCode.NOT_FOUND,
            steps.explanation());
      default:
        steps.add(UNMATCHED_DENIED_STEP);
        return Decision.Denied.of(ErrorCode.ACCESS_DENIED, steps.explanation());
    }
  }

  /**
   * Runs the checks that come before routing: CORS preflight, ambiguous path, identity. Use it when
   * the route (and so its requirement) is resolved after identity, then call {@link #authorize}.
   *
   * @return allowed with the identity; allowed without one for a CORS preflight; or denied
   */
  public Decision authenticate(MeshRequest request) {
    Decision decision = identify(request, new Trail());
    log(decision);
    return decision;
  }

  /**
   * Checks an authenticated identity against the policies, if any, and a route's requirement
   * (scopes, then claims, then peer).
   *
   * @param identity the identity {@link #authenticate} returned
   * @param request the request (the policies read its method, path, headers and port)
   * @param requirement what the route needs
   */
  public Decision authorize(MeshIdentity identity, MeshRequest request, Requirement requirement) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requirement, "requirement");
    Decision decision =
        requirement.isPublic()
            ? new Decision.Allowed(identity, new Trail().add(PUBLIC_STEP).explanation())
            : check(identity, request, requirement, new Trail());
    log(decision);
    return decision;
  }

  /** A builder starting from this guard's configuration, to derive a variant of it. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Stops the file watchers this guard reads from: a policy supplier and a client-certificate
   * bundle source that are {@link AutoCloseable}, such as the {@link
   * io.meshguard.core.policy.PolicyFileWatcher} and {@link
   * io.meshguard.core.peer.X509BundleWatcher} that {@link
   * io.meshguard.core.config.MeshguardSettings} makes. Guards made with {@link #toBuilder()} share
   * them, so close the one in use when the application stops. Idempotent; the guard still decides
   * afterwards, with the versions last loaded.
   */
  @Override
  public void close() {
    closeQuietly(policies);
    closeQuietly(certificates);
  }

  private static void closeQuietly(@Nullable Object resource) {
    if (resource instanceof AutoCloseable) {
      try {
        ((AutoCloseable) resource).close();
      } catch (Exception e) {
        LOG.warn("Could not close {}", resource, e);
      }
    }
  }

  /** The authorization policies in force now (empty unless configured). */
  public PolicySet policies() {
    return policies.get();
  }

  /** The name of the payload header, lower case. */
  public String payloadHeader() {
    return payloadHeader;
  }

  /** The payload decoder. */
  public PayloadDecoder payloadDecoder() {
    return decoder;
  }

  /** The claims validator. */
  public ClaimsValidator claimsValidator() {
    return validator;
  }

  /** Preflight, then ambiguous path, then identity. */
  private Decision identify(MeshRequest request, Trail steps) {
    Decision early = preflightOrAmbiguousPath(request, steps);
    return early != null ? early : identity(request, steps);
  }

  private @Nullable Decision preflightOrAmbiguousPath(MeshRequest request, Trail steps) {
    if (isCorsPreflight(request)) {
      steps.add(PREFLIGHT_STEP);
      return new Decision.Allowed(null, steps.explanation());
    }
    if (RawPaths.isAmbiguous(request.rawPath())) {
      steps.add(AMBIGUOUS_PATH_STEP);
      return Decision.Denied.of(ErrorCode.AMBIGUOUS_PATH, steps.explanation());
    }
    return null;
  }

  /** The payload, its claims, and the peer. */
  private Decision identity(MeshRequest request, Trail steps) {
    List<String> values = request.headers(payloadHeader);
    if (values.isEmpty()) {
      steps.add(missingStep);
      return Decision.Denied.of(ErrorCode.MISSING_CREDENTIALS, steps.explanation());
    }
    if (values.size() > 1) {
      steps.add(REPEATED_STEP);
      return Decision.Denied.of(ErrorCode.INVALID_REQUEST, steps.explanation());
    }
    // A cached value is the decoder's own immutable result for exactly this header value, so a hit
    // is
    // as strict as a miss; the time-dependent checks below run on every request either way.
    String value = values.get(0);
    Claims claims = payloadCache.get(value);
    if (claims == null) {
      PayloadResult payload = decoder.decode(value);
      if (payload instanceof PayloadResult.Malformed) {
        steps.add(new Step("payload", Outcome.FAILED, payload.toString()));
        return Decision.Denied.of(ErrorCode.INVALID_REQUEST, steps.explanation());
      }
      claims = ((PayloadResult.Decoded) payload).claims();
      payloadCache.put(value, claims);
    }
    steps.add(DECODED_STEP);
    Optional<ClaimsViolation> violation = validator.validate(claims);
    if (violation.isPresent()) {
      String description = violation.get().description();
      steps.add(new Step("claims", Outcome.FAILED, description));
      return new Decision.Denied(
          ErrorCode.INVALID_TOKEN, description, List.of(), steps.explanation());
    }
    steps.add(CLAIMS_STEP);
    PeerResult peer = resolvePeer(request);
    steps.add(
        peer instanceof PeerResult.Present
            ? new Step("peer", Outcome.NOTED, ((PeerResult.Present) peer).peer().toString())
            : new Step("peer", Outcome.NOTED, ((PeerResult.Absent) peer).reason().description()));
    return new Decision.Allowed(new MeshIdentity(claims, peer), steps.explanation());
  }

  private PeerResult resolvePeer(MeshRequest request) {
    if (xfcc != null) {
      List<String> lines = request.headers(xfccHeader);
      if (lines.size() != 1) {
        return xfcc.resolve(lines);
      }
      String line = lines.get(0);
      PeerResult peer = peerCache.get(line);
      if (peer == null) {
        peer = xfcc.resolve(lines);
        peerCache.put(line, peer);
      }
      return peer;
    }
    if (certificates != null) {
      return certificates.resolve(request.clientCertificates());
    }
    return PeerResult.Absent.of(PeerAbsence.NOT_CONFIGURED);
  }

  private Decision check(
      MeshIdentity identity, MeshRequest request, Requirement requirement, Trail steps) {
    PolicySet inForce = policies.get();
    if (!inForce.isEmpty()) {
      PolicyDecision policy =
          inForce.evaluate(request, identity.claims(), identity.peer().orElse(null));
      if (!policy.isAllowed()) {
        steps.add(new Step("policy", Outcome.FAILED, policy.toString()));
        return Decision.Denied.of(ErrorCode.POLICY_DENIED, steps.explanation());
      }
      steps.add(new Step("policy", Outcome.PASSED, policy.toString()));
    }
    for (ScopeRequirement scopes : requirement.scopes()) {
      if (!scopes.isSatisfiedBy(identity.scopes())) {
        steps.add(new Step(scopes.toString(), Outcome.FAILED, null));
        return new Decision.Denied(
            ErrorCode.INSUFFICIENT_SCOPE,
            ErrorCode.INSUFFICIENT_SCOPE.defaultDescription(),
            scopes.scopes(),
            steps.explanation());
      }
      steps.add(new Step(scopes.toString(), Outcome.PASSED, null));
    }
    for (ClaimCondition condition : requirement.claims()) {
      if (!condition.isSatisfiedBy(identity.claims())) {
        steps.add(new Step(condition.toString(), Outcome.FAILED, null));
        return Decision.Denied.of(ErrorCode.CLAIM_DENIED, steps.explanation());
      }
      steps.add(new Step(condition.toString(), Outcome.PASSED, null));
    }
    if (!requirement.peers().isEmpty()) {
      Optional<PeerIdentity> peer = identity.peer();
      if (peer.isEmpty()) {
        steps.add(PEER_REQUIRED_STEP);
        return new Decision.Denied(
            ErrorCode.PEER_DENIED, "Mesh peer identity missing", List.of(), steps.explanation());
      }
      for (PeerMatcher matcher : requirement.peers()) {
        if (!matcher.matches(peer.get())) {
          steps.add(new Step(matcher.toString(), Outcome.FAILED, null));
          return Decision.Denied.of(ErrorCode.PEER_DENIED, steps.explanation());
        }
        steps.add(new Step(matcher.toString(), Outcome.PASSED, null));
      }
    }
    return new Decision.Allowed(identity, steps.explanation());
  }

  private static boolean isCorsPreflight(MeshRequest request) {
    return "OPTIONS".equals(request.method())
        && !request.headers("origin").isEmpty()
        && !request.headers("access-control-request-method").isEmpty();
  }

  private void log(Decision decision) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("meshguard {}", decision);
    }
    if (listener != null) {
      listener.accept(decision);
    }
  }

  /**
   * Builds a {@link Meshguard}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String payloadHeader = DEFAULT_PAYLOAD_HEADER;
    private PayloadDecoder decoder = PayloadDecoder.defaults();
    private @Nullable ClaimsValidator validator;
    private @Nullable XfccPeerResolver xfcc;
    private String xfccHeader = XfccPeerResolver.DEFAULT_HEADER;
    private @Nullable CertificatePeerResolver certificates;
    private Supplier<PolicySet> policies = PolicySet::empty;
    private int payloadCacheSize = DEFAULT_PAYLOAD_CACHE_SIZE;
    private int peerCacheSize = DEFAULT_PEER_CACHE_SIZE;
    private @Nullable Consumer<Decision> listener;

    private Builder() {}

    /** A builder holding {@code guard}'s configuration (caches start empty). */
    private Builder(Meshguard guard) {
      this.payloadHeader = guard.payloadHeader;
      this.decoder = guard.decoder;
      this.validator = guard.validator;
      this.xfcc = guard.xfcc;
      this.xfccHeader = guard.xfccHeader;
      this.certificates = guard.certificates;
      this.policies = guard.policies;
      this.payloadCacheSize = guard.payloadCache.capacity();
      this.peerCacheSize = guard.peerCache.capacity();
      this.listener = guard.listener;
    }

    /**
     * Called with every decision, on the deciding thread, for metrics (for example a counter by
     * outcome and error code). It must be fast, thread-safe and not throw.
     */
    public Builder decisionListener(Consumer<Decision> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How many decoded payloads to keep, by header value (default 1024; 0 disables). A token is
     * reused for many requests during its lifetime; a hit skips decoding but never the issuer,
     * audience and time checks. Memory stays below the slot count times the header size limit.
     *
     * @throws IllegalArgumentException when negative or above 2^20
     */
    public Builder payloadCacheSize(int slots) {
      DirectMappedCache.checkCapacity(slots);
      this.payloadCacheSize = slots;
      return this;
    }

    /**
     * How many resolved XFCC peers to keep, by header value (default 256; 0 disables).
     *
     * @throws IllegalArgumentException when negative or above 2^20
     */
    public Builder peerCacheSize(int slots) {
      DirectMappedCache.checkCapacity(slots);
      this.peerCacheSize = slots;
      return this;
    }

    /**
     * Istio AuthorizationPolicy documents evaluated for every non-public request, after routing and
     * before the route's own requirement; both must allow (default: none).
     */
    public Builder policies(PolicySet policies) {
      Objects.requireNonNull(policies, "policies");
      this.policies = () -> policies;
      return this;
    }

    /**
     * Policies that may change while the application runs, such as a {@link
     * io.meshguard.core.policy.PolicyFileWatcher}: asked once per request, so each request sees one
     * whole version.
     */
    public Builder policies(Supplier<PolicySet> policies) {
      this.policies = Objects.requireNonNull(policies, "policies");
      return this;
    }

    /** The payload header's name (default {@code x-jwt-payload}); case-insensitive. */
    public Builder payloadHeader(String name) {
      this.payloadHeader = headerName(name);
      return this;
    }

    /** The payload decoder (default {@link PayloadDecoder#defaults()}). */
    public Builder payloadDecoder(PayloadDecoder decoder) {
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /** The claims validator (required). */
    public Builder claimsValidator(ClaimsValidator validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
      return this;
    }

    /**
     * Takes the peer from the XFCC header the local sidecar appends to (the usual setup behind a
     * sidecar). Exclusive with {@link #clientCertificates}.
     */
    public Builder xfcc(XfccPeerResolver resolver) {
      this.xfcc = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The XFCC header's name (default {@code x-forwarded-client-cert}). */
    public Builder xfccHeader(String name) {
      this.xfccHeader = headerName(name);
      return this;
    }

    /**
     * Takes the peer from the client certificate of an mTLS connection the application terminates
     * (no sidecar; then an XFCC header could come from anyone). Exclusive with {@link #xfcc}.
     */
    public Builder clientCertificates(CertificatePeerResolver resolver) {
      this.certificates = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * The guard. With no peer source, requests have no peer and every peer requirement denies.
     *
     * @throws IllegalStateException when no claims validator was given, or both peer sources were
     */
    public Meshguard build() {
      if (validator == null) {
        throw new IllegalStateException("A ClaimsValidator is required (accepted issuers, ...)");
      }
      if (xfcc != null && certificates != null) {
        throw new IllegalStateException(
            "Choose one peer source: XFCC behind a sidecar, or client certificates without one");
      }
      return new Meshguard(this);
    }

    private static String headerName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
        throw new IllegalArgumentException("Not an HTTP header name: " + name);
      }
      return name.toLowerCase(Locale.ROOT);
    }

    private static boolean isTokenChar(int c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
