package io.meshguard.core;

import io.meshguard.core.Explanation.Outcome;
import io.meshguard.core.Explanation.Step;
import io.meshguard.core.Explanation.Trail;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.internal.DirectMappedCache;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.peer.CertificatePeerResolver;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.RouteMatch;
import io.meshguard.core.route.RouteResolver;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.Unmatched;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for one request, who the caller is and whether it may proceed. Built once; immutable and
 * thread-safe.
 *
 * <p>Every entry point runs the same pipeline, in this order (the examples' HTTP contract):
 *
 * <ol>
 *   <li>Screening: a CORS preflight ({@code OPTIONS} with {@code Origin} and {@code
 *       Access-Control-Request-Method}) is allowed without reading any identity header; a raw path
 *       with {@code ;}, {@code //}, {@code \}, a dot segment, or an encoded {@code .}, {@code /} or
 *       {@code \} is denied ({@link ErrorCode#AMBIGUOUS_PATH}), public endpoint or not.
 *   <li>Public endpoints are allowed without reading any identity header.
 *   <li>Identity: exactly one payload header line, decoded ({@link PayloadDecoder}) and validated
 *       ({@link ClaimsValidator}); the peer is looked up but its absence is not yet an error.
 *   <li>Routing (404/405): a {@link RouteResolver} given to {@link #decide(MeshRequest,
 *       RouteResolver)}, or the caller's own between {@link #authenticate} and {@link #authorize}.
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
  private static final Step NOT_FOUND_STEP =
      new Step("route", Outcome.FAILED, "no route matches the path");
  private static final Step METHOD_NOT_ALLOWED_STEP =
      new Step("route", Outcome.FAILED, "no route matches the method");
  private static final Step UNMATCHED_DENIED_STEP =
      new Step("route", Outcome.FAILED, "no route matches; unmatched requests are denied");
  private static final Step UNMATCHED_AUTHENTICATED_STEP =
      new Step("route", Outcome.NOTED, "no route matches; any valid identity passes");

  private final Builder settings;
  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final @Nullable DecisionListener listener;
  private final List<AutoCloseable> owned;

  private Meshguard(Builder builder) {
    this.settings = builder.copy();
    PeerSource peers =
        PeerSource.of(
            builder.xfcc, builder.xfccHeader, builder.certificates, builder.peerCacheSize);
    this.authenticator =
        new Authenticator(
            builder.payloadHeader,
            builder.decoder,
            Objects.requireNonNull(builder.validator),
            peers,
            builder.identityMapping,
            builder.payloadCacheSize);
    this.authorizer = new Authorizer(builder.policies);
    this.listener = builder.listeners.isEmpty() ? null : DecisionListener.all(builder.listeners);
    this.owned = List.copyOf(builder.owned);
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
    return decide(request, RouteResolver.fixed(requirement));
  }

  /**
   * Runs every check for a request, finding its requirement in a route table: screening (CORS
   * preflight, ambiguous raw path), public route, identity, then the route (unmatched requests are
   * handled as the table's {@link Unmatched} says), then the policies and the route's requirement.
   *
   * @param request the request; a {@link RouteTable} matches its {@link MeshRequest#path()}
   * @param routes the route table, or an adapter's resolver over its framework's routing
   * @param <R> the request type the resolver reads
   * @return the decision; never throws for any request content
   */
  public <R extends MeshRequest> Decision decide(R request, RouteResolver<? super R> routes) {
    Objects.requireNonNull(routes, "routes");
    Trail steps = new Trail();
    Decision decision = Screening.screen(request, steps);
    if (decision == null) {
      RouteMatch match = routes.resolve(request);
      if (match instanceof RouteMatch.Found
          && ((RouteMatch.Found) match).requirement().isPublic()) {
        steps.add(PUBLIC_STEP);
        decision = new Decision.Allowed(null, steps.explanation());
      } else {
        decision = authenticator.authenticate(request, steps);
        if (decision instanceof Decision.Allowed) {
          MeshIdentity identity = Objects.requireNonNull(((Decision.Allowed) decision).identity());
          decision = route(identity, request, match, routes.unmatched(), steps);
        }
      }
    }
    return notify(decision);
  }

  private Decision route(
      MeshIdentity identity,
      MeshRequest request,
      RouteMatch match,
      Unmatched unmatched,
      Trail steps) {
    if (match instanceof RouteMatch.Found) {
      RouteMatch.Found found = (RouteMatch.Found) match;
      if (!found.description().isEmpty()) {
        steps.add(new Step("route " + found.description(), Outcome.PASSED, null));
      }
      return authorizer.authorize(identity, request, found.requirement(), steps);
    }
    boolean methodMismatch = match instanceof RouteMatch.MethodNotAllowed;
    switch (unmatched) {
      case AUTHENTICATED:
        steps.add(UNMATCHED_AUTHENTICATED_STEP);
        return authorizer.authorize(identity, request, Requirement.authenticated(), steps);
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
   * Runs the checks that come before routing: screening, then identity. Use it when the route (and
   * so its requirement) is resolved after identity, then call {@link #authorize}. Refusals and
   * preflights reach the decision listeners here; an identified caller's decision does when it is
   * authorized.
   *
   * @return the identity, a CORS preflight, or a refusal
   */
  public Authentication authenticate(MeshRequest request) {
    Trail steps = new Trail();
    Decision decision = Screening.screen(request, steps);
    if (decision == null) {
      decision = authenticator.authenticate(request, steps);
      if (decision instanceof Decision.Allowed) {
        Decision.Allowed allowed = (Decision.Allowed) decision;
        return new Authentication.Identified(
            Objects.requireNonNull(allowed.identity()), allowed.explanation());
      }
    }
    notify(decision);
    return decision instanceof Decision.Denied
        ? new Authentication.Refused((Decision.Denied) decision)
        : new Authentication.Preflight(decision.explanation());
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
            : authorizer.authorize(identity, request, requirement, new Trail());
    return notify(decision);
  }

  /**
   * A builder starting from this guard's configuration, to derive a variant of it (caches start
   * empty). The variant shares this guard's policy and certificate sources but does not own them:
   * closing it stops nothing this guard started.
   */
  public Builder toBuilder() {
    return settings.copy();
  }

  /**
   * Stops the file watchers given to this guard's own builder: a policy supplier and a
   * client-certificate resolver that are {@link AutoCloseable}, such as the ones {@link
   * io.meshguard.core.config.MeshguardSpec#start} makes, and resources given to {@link
   * Builder#closing}. Idempotent; the guard still decides afterwards, with the versions last
   * loaded.
   */
  @Override
  public void close() {
    for (AutoCloseable resource : owned) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Could not close {}", resource, e);
      }
    }
  }

  /** The authorization policies in force now (empty unless configured). */
  public PolicySet policies() {
    return authorizer.policies.get();
  }

  /** Whether adapters may put the caller's subject into logs; see {@link Builder#logIdentity}. */
  public boolean logIdentity() {
    return settings.logIdentity;
  }

  /** Which claims carry roles and which names the principal. */
  public IdentityMapping identityMapping() {
    return authenticator.mapping;
  }

  /** The name of the payload header, lower case. */
  public String payloadHeader() {
    return authenticator.header;
  }

  /** The name of the XFCC header, lower case (read only when the peer source is XFCC). */
  public String xfccHeader() {
    return settings.xfccHeader;
  }

  /**
   * The XFCC resolver (trust domains, expected {@code By}), or empty when the peer comes from a
   * client certificate or from nowhere.
   */
  public java.util.Optional<XfccPeerResolver> xfcc() {
    return java.util.Optional.ofNullable(settings.xfcc);
  }

  /** The payload decoder. */
  public PayloadDecoder payloadDecoder() {
    return authenticator.decoder;
  }

  /** The claims validator. */
  public ClaimsValidator claimsValidator() {
    return authenticator.validator;
  }

  private Decision notify(Decision decision) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("meshguard {}", decision);
    }
    if (listener != null) {
      listener.onDecision(decision);
    }
    return decision;
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
    private final List<DecisionListener> listeners = new ArrayList<>();
    private boolean logIdentity;
    private IdentityMapping identityMapping = IdentityMapping.DEFAULT;
    // What this builder's guard closes: only sources given to this builder, never inherited ones.
    private final List<AutoCloseable> owned = new ArrayList<>(2);

    private Builder() {}

    /** A copy of the settings, owning nothing. */
    private Builder copy() {
      Builder copy = new Builder();
      copy.payloadHeader = payloadHeader;
      copy.decoder = decoder;
      copy.validator = validator;
      copy.xfcc = xfcc;
      copy.xfccHeader = xfccHeader;
      copy.certificates = certificates;
      copy.policies = policies;
      copy.payloadCacheSize = payloadCacheSize;
      copy.peerCacheSize = peerCacheSize;
      copy.listeners.addAll(listeners);
      copy.logIdentity = logIdentity;
      copy.identityMapping = identityMapping;
      return copy;
    }

    /**
     * A resource the guard built here closes in {@link Meshguard#close()}, such as a watcher that
     * serves this guard alone; guards made with {@link Meshguard#toBuilder()} do not close it.
     */
    public Builder closing(AutoCloseable resource) {
      owned.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * Adds a listener called with every decision, on the deciding thread, for metrics and audit. It
     * must be fast, thread-safe and not throw.
     */
    public Builder decisionListener(DecisionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether adapters may put the caller's subject into logs (the MDC key {@code
     * meshguard.subject} while the application handles the request); default {@code false}, since a
     * subject is often personal data. The peer's SPIFFE ID, a workload name, is always there.
     */
    public Builder logIdentity(boolean log) {
      this.logIdentity = log;
      return this;
    }

    /**
     * Which claims carry roles and which names the principal (default {@link
     * IdentityMapping#DEFAULT}: no roles, {@code sub}).
     */
    public Builder identityMapping(IdentityMapping mapping) {
      this.identityMapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /** Adds listeners, called in order; see {@link #decisionListener}. */
    public Builder decisionListeners(List<? extends DecisionListener> listeners) {
      listeners.forEach(this::decisionListener);
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
     * whole version. If the supplier is {@link AutoCloseable}, the guard built here closes it.
     */
    public Builder policies(Supplier<PolicySet> policies) {
      this.policies = Objects.requireNonNull(policies, "policies");
      if (policies instanceof AutoCloseable) {
        owned.add((AutoCloseable) policies);
      }
      return this;
    }

    /** The payload header's name (default {@code x-jwt-payload}); case-insensitive. */
    public Builder payloadHeader(String name) {
      this.payloadHeader = MeshRequest.headerName(name);
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
      this.xfccHeader = MeshRequest.headerName(name);
      return this;
    }

    /**
     * Takes the peer from the client certificate of an mTLS connection the application terminates
     * (no sidecar; then an XFCC header could come from anyone). Exclusive with {@link #xfcc}. The
     * guard built here closes the resolver (and so its bundle watcher).
     */
    public Builder clientCertificates(CertificatePeerResolver resolver) {
      this.certificates = Objects.requireNonNull(resolver, "resolver");
      owned.add(resolver);
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
  }
}
