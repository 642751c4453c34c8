package io.meshguard.core.config;

import io.meshguard.core.DecisionListener;
import io.meshguard.core.IdentityMapping;
import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.mesh.AlignmentCheck;
import io.meshguard.core.mesh.ApplicationTrust;
import io.meshguard.core.mesh.Finding;
import io.meshguard.core.mesh.MeshManifests;
import io.meshguard.core.mesh.MeshTrust;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadLimits;
import io.meshguard.core.peer.CertificatePeerResolver;
import io.meshguard.core.peer.X509BundleWatcher;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicyFileWatcher;
import io.meshguard.core.policy.PolicyLoadException;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.route.PublicPaths;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.RouteText;
import io.meshguard.core.route.Unmatched;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The whole configuration of a guard, typed and validated: payload, claims, peer source, policy and
 * routes. Every adapter fills the same {@link Builder} from its own typed configuration (Spring's
 * {@code @ConfigurationProperties}, Quarkus' {@code @ConfigMapping}, or {@link MeshguardSettings}
 * for flat {@code meshguard.*} text), so each default is declared here once and every error names
 * the key in the adapter's own spelling.
 *
 * <p>{@link Builder#build()} validates everything and starts nothing; {@link #start} then loads the
 * policy file and the trust bundle and starts their watchers. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class MeshguardSpec {

  // Defaults, declared once. The text forms are compile-time constants, so that Quarkus'
  // @WithDefault and Spring's field initialisers can name them (and their generated docs show
  // them).

  /**
   * Default of {@code alignment-check} when {@code mesh-manifests} is set: {@value}, so that a mesh
   * that would let the identity headers be forged stops the start.
   */
  public static final String DEFAULT_ALIGNMENT_CHECK = "error";

  /** In {@code issuer-rules[N].audiences}: any {@code aud} (or none) is accepted: {@value}. */
  public static final String ANY_AUDIENCE = "*";

  /** Default payload header: {@value}. */
  public static final String DEFAULT_PAYLOAD_HEADER = Meshguard.DEFAULT_PAYLOAD_HEADER;

  /** Default XFCC header: {@value}. */
  public static final String DEFAULT_XFCC_HEADER = XfccPeerResolver.DEFAULT_HEADER;

  /** Default allowed clock skew for {@code exp}, {@code nbf} and {@code iat}: 60 s. */
  public static final Duration DEFAULT_CLOCK_SKEW = ClaimsValidator.DEFAULT_CLOCK_SKEW;

  /** {@link #DEFAULT_CLOCK_SKEW} as setting text: {@value}. */
  public static final String DEFAULT_CLOCK_SKEW_TEXT =
      ClaimsValidator.DEFAULT_CLOCK_SKEW_SECONDS + "s";

  /** Whether {@code exp} is required by default: {@value}. */
  public static final boolean DEFAULT_REQUIRE_EXPIRATION =
      ClaimsValidator.DEFAULT_REQUIRE_EXPIRATION;

  /** Whether {@code trust-from-mesh} is on by default: {@value}. */
  public static final boolean DEFAULT_TRUST_FROM_MESH = false;

  /** Whether the caller's subject may appear in logs by default: {@value}. */
  public static final boolean DEFAULT_LOG_IDENTITY = false;

  /** Default peer source: {@value}. */
  public static final String DEFAULT_PEER_SOURCE = "xfcc";

  /**
   * Default for requests no route matches: {@value}, because a servlet container may serve paths no
   * route lists.
   */
  public static final String DEFAULT_UNMATCHED = "deny";

  /**
   * Default for requests no route matches where the framework routes (Spring MVC, Quarkus REST):
   * {@value}, because the framework answers its own 404 and 405.
   */
  public static final String FRAMEWORK_ROUTED_UNMATCHED = "authenticated";

  /** The prefix of the error messages of a spec built without one: {@value}. */
  public static final String DEFAULT_PREFIX = "meshguard.";

  /**
   * The forwarded payload: its header, the forms accepted besides base64url, and its limits.
   *
   * @param header the header's name, lower case
   * @param acceptRawJson whether raw JSON is accepted
   * @param acceptPercentEncodedJson whether percent-encoded JSON is accepted
   * @param limits the size and depth limits
   */
  public record Payload(
      String header,
      boolean acceptRawJson,
      boolean acceptPercentEncodedJson,
      PayloadLimits limits) {}

  /**
   * What the claims must hold.
   *
   * @param issuers the accepted issuers (flat form: each with every audience)
   * @param audiences the accepted audiences; empty accepts any
   * @param issuerRules per-issuer audiences ({@code issuer-rules}), exclusive with the flat form
   * @param requireExpiration whether {@code exp} is required
   * @param clockSkew the skew allowed in time checks
   */
  public record ClaimChecks(
      List<String> issuers,
      List<String> audiences,
      List<IssuerRule> issuerRules,
      boolean requireExpiration,
      Duration clockSkew) {
    /** Copies the lists. */
    public ClaimChecks {
      issuers = List.copyOf(issuers);
      audiences = List.copyOf(audiences);
      issuerRules = List.copyOf(issuerRules);
    }
  }

  /**
   * One {@code issuer-rules[N]} entry: a token whose {@code iss} is {@code issuer} must name one of
   * {@code audiences} (none: any {@code aud}).
   *
   * @param issuer the issuer, compared exactly
   * @param audiences its audiences, compared as Envoy does
   */
  public record IssuerRule(String issuer, List<String> audiences) {
    /** Checks the issuer is present and copies the audiences. */
    public IssuerRule {
      Objects.requireNonNull(issuer, "issuer");
      audiences = List.copyOf(audiences);
    }
  }

  /** Where the calling workload's identity comes from. */
  public sealed interface PeerSource {

    /**
     * The XFCC header the local sidecar appends to.
     *
     * @param trustDomains the accepted trust domains
     * @param header the header's name, lower case
     * @param expectedBy this workload's SPIFFE ID, required in the element's {@code By}; {@code
     *     null} to not check it
     */
    record Xfcc(List<String> trustDomains, String header, @Nullable String expectedBy)
        implements PeerSource {
      /** Copies the list. */
      public Xfcc {
        trustDomains = List.copyOf(trustDomains);
      }
    }

    /**
     * The client certificate of an mTLS connection the application terminates.
     *
     * @param trustDomains the accepted trust domains
     * @param trustBundle a PEM file of CA certificates verifying the chain (one trust domain), or
     *     {@code null} when the server has verified it
     */
    record ClientCertificate(List<String> trustDomains, @Nullable Path trustBundle)
        implements PeerSource {
      /** Copies the list. */
      public ClientCertificate {
        trustDomains = List.copyOf(trustDomains);
      }
    }

    /** No peer source: requests have no peer, and every peer requirement denies. */
    record None() implements PeerSource {}
  }

  /**
   * Istio AuthorizationPolicy documents read from a file, reloaded when it changes.
   *
   * @param file the YAML file
   * @param workload the workload the documents are selected for
   */
  public record Policy(Path file, Workload workload) {}

  private static final org.slf4j.Logger ALIGNMENT_LOG =
      org.slf4j.LoggerFactory.getLogger("io.meshguard.alignment");

  private final String prefix;
  private final Payload payload;
  private final ClaimChecks claims;
  private final PeerSource peer;
  private final @Nullable Policy policy;
  private final RouteTable routes;
  private final Clock clock;
  private final boolean logIdentity;
  private final IdentityMapping identity;
  private final PublicPaths publicPaths;
  private final @Nullable MeshTrust meshTrust;
  // What trust-from-mesh read, for the drift watcher start() starts; empty without it.
  private final List<Path> meshTrustPaths;
  private final @Nullable Workload meshTrustWorkload;
  // Validated in build(); nothing in them starts a thread.
  private final PayloadDecoder decoder;
  private final ClaimsValidator validator;
  private final @Nullable XfccPeerResolver xfcc;

  private MeshguardSpec(Builder builder, PayloadDecoder decoder, ClaimsValidator validator) {
    this.prefix = builder.prefix;
    this.payload =
        new Payload(
            builder.headerInForce,
            builder.acceptRawJson,
            builder.acceptPercentEncodedJson,
            decoder.limits());
    this.claims =
        new ClaimChecks(
            builder.issuers,
            builder.audiences,
            builder.rulesInForce,
            builder.requireExpiration,
            builder.clockSkew);
    this.peer = Objects.requireNonNull(builder.peer);
    this.policy = builder.policy;
    this.routes = Objects.requireNonNull(builder.routeTable);
    this.clock = builder.clock;
    this.logIdentity = builder.logIdentity;
    this.identity = Objects.requireNonNull(builder.identityMapping);
    this.publicPaths = Objects.requireNonNull(builder.publicPathSet);
    this.meshTrust = builder.meshTrust;
    this.meshTrustPaths = builder.meshTrust == null ? List.of() : builder.manifestPaths();
    this.meshTrustWorkload = builder.meshTrustWorkload;
    this.decoder = decoder;
    this.validator = validator;
    this.xfcc = builder.xfcc;
  }

  /** A builder whose error messages name keys as {@code meshguard.<leaf>}. */
  public static Builder builder() {
    return new Builder(DEFAULT_PREFIX);
  }

  /**
   * A builder whose error messages name keys as {@code <prefix><leaf>}.
   *
   * @param prefix the adapter's prefix, such as {@code quarkus.meshguard.}
   */
  public static Builder builder(String prefix) {
    return new Builder(Objects.requireNonNull(prefix, "prefix"));
  }

  /** The prefix of the keys this spec's errors name. */
  public String prefix() {
    return prefix;
  }

  /** The payload settings. */
  public Payload payload() {
    return payload;
  }

  /** The claims settings. */
  public ClaimChecks claims() {
    return claims;
  }

  /** The peer source. */
  public PeerSource peer() {
    return peer;
  }

  /** The policy file, or {@code null} without one. */
  public @Nullable Policy policy() {
    return policy;
  }

  /** The route table (possibly empty) and the rule for unmatched requests. */
  public RouteTable routes() {
    return routes;
  }

  /**
   * Which claims carry roles and which names the principal ({@code roles.*}, {@code
   * principal-claim}).
   */
  public IdentityMapping identityMapping() {
    return identity;
  }

  /**
   * Whether the caller's subject may appear in logs ({@code log-identity}): in the MDC while the
   * application handles the request, and in audit events. Off by default: a subject is often
   * personal data.
   */
  public boolean logIdentity() {
    return logIdentity;
  }

  /** The clock of the time checks. */
  public Clock clock() {
    return clock;
  }

  /**
   * The trust taken from the mesh ({@code trust-from-mesh}), already applied to {@link #claims()}
   * and {@link #payload()}; {@code null} when the setting is off.
   */
  public @Nullable MeshTrust meshTrust() {
    return meshTrust;
  }

  /**
   * A guard for this configuration: loads the policy file and the trust bundle, starts their
   * watchers (and, with {@code trust-from-mesh}, one that logs when the mesh manifests drift from
   * the trust in force), and gives the guard their ownership ({@link Meshguard#close()} stops
   * them). If one cannot be loaded, the watchers already started are stopped.
   *
   * @param listeners called with every decision (may be empty)
   * @throws InvalidSettingException naming {@code policy-file} or {@code trust-bundle} when it
   *     cannot be loaded
   */
  public Meshguard start(List<? extends DecisionListener> listeners) {
    Meshguard.Builder builder =
        Meshguard.builder()
            .payloadHeader(payload.header())
            .payloadDecoder(decoder)
            .claimsValidator(validator)
            .logIdentity(logIdentity)
            .identityMapping(identity);
    if (!listeners.isEmpty()) {
      builder.decisionListeners(listeners);
    }
    List<AutoCloseable> started = new ArrayList<>(2);
    try {
      if (peer instanceof PeerSource.Xfcc) {
        builder.xfcc(Objects.requireNonNull(xfcc)).xfccHeader(((PeerSource.Xfcc) peer).header());
      } else if (peer instanceof PeerSource.ClientCertificate) {
        builder.clientCertificates(certificates((PeerSource.ClientCertificate) peer, started::add));
      }
      if (policy != null) {
        PolicyFileWatcher watcher = watch(policy);
        started.add(watcher);
        builder.policies(watcher);
      }
      if (meshTrust != null) {
        MeshTrustDrift drift =
            MeshTrustDrift.watch(
                meshTrustPaths,
                Objects.requireNonNull(meshTrustWorkload),
                meshTrust,
                PolicyFileWatcher.DEFAULT_INTERVAL);
        started.add(drift);
        builder.closing(drift);
      }
      return builder.build();
    } catch (RuntimeException e) {
      for (AutoCloseable resource : started) {
        closeQuietly(resource, e);
      }
      throw e;
    }
  }

  /** A guard for this configuration without listeners; see {@link #start(List)}. */
  public Meshguard start() {
    return start(List.of());
  }

  private CertificatePeerResolver certificates(
      PeerSource.ClientCertificate source, java.util.function.Consumer<AutoCloseable> started) {
    CertificatePeerResolver.Builder certificates =
        CertificatePeerResolver.builder().trustDomains(source.trustDomains());
    Path bundle = source.trustBundle();
    if (bundle != null) {
      try {
        X509BundleWatcher watcher =
            X509BundleWatcher.watch(
                source.trustDomains().get(0), bundle, PolicyFileWatcher.DEFAULT_INTERVAL);
        started.accept(watcher);
        certificates.bundles(watcher);
      } catch (IOException | RuntimeException e) {
        throw new InvalidSettingException(
            prefix + "trust-bundle", ": cannot load a PEM bundle from " + bundle, e);
      }
    }
    return certificates.build();
  }

  private PolicyFileWatcher watch(Policy policy) {
    try {
      return PolicyFileWatcher.watch(
          policy.file(), policy.workload(), PolicyFileWatcher.DEFAULT_INTERVAL);
    } catch (IOException e) {
      throw new InvalidSettingException(
          prefix + "policy-file", ": cannot read " + policy.file(), e);
    } catch (PolicyLoadException e) {
      throw new InvalidSettingException(
          prefix + "policy-file", ": " + policy.file() + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable resource, Exception cause) {
    try {
      resource.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Parses the value of the {@code unmatched} key: {@code deny}, {@code not-found} or {@code
   * authenticated}, in any case.
   *
   * @param prefix the adapter's prefix, for the message
   * @param value the setting's text
   * @throws InvalidSettingException naming the key, for any other value
   */
  public static Unmatched unmatched(String prefix, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "deny":
        return Unmatched.DENY;
      case "not-found":
        return Unmatched.NOT_FOUND;
      case "authenticated":
        return Unmatched.AUTHENTICATED;
      default:
        throw new InvalidSettingException(
            prefix + "unmatched", "must be deny, not-found or authenticated");
    }
  }

  @Override
  public String toString() {
    return "MeshguardSpec[payload="
        + payload
        + ", claims="
        + claims
        + ", peer="
        + peer
        + ", policy="
        + policy
        + ", routes="
        + routes
        + "]";
  }

  /**
   * Builds a {@link MeshguardSpec}: one setter per leaf key, named as the key. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String prefix;
    private List<String> issuers = List.of();
    private List<String> audiences = List.of();
    private List<IssuerRule> issuerRules = List.of();
    private boolean requireExpiration = DEFAULT_REQUIRE_EXPIRATION;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private String payloadHeader = DEFAULT_PAYLOAD_HEADER;
    private boolean acceptRawJson;
    private boolean acceptPercentEncodedJson;
    private int maxHeaderLength = PayloadLimits.DEFAULT_MAX_HEADER_LENGTH;
    private int maxDepth = PayloadLimits.DEFAULT_MAX_DEPTH;
    private int maxNumberLength = PayloadLimits.DEFAULT_MAX_NUMBER_LENGTH;
    private int maxStringLength = PayloadLimits.DEFAULT_MAX_STRING_LENGTH;
    private String peerSource = DEFAULT_PEER_SOURCE;
    private List<String> trustDomains = List.of();
    private String xfccHeader = DEFAULT_XFCC_HEADER;
    private @Nullable String expectedBy;
    private @Nullable String trustBundle;
    private final TreeMap<Integer, String> routeLines = new TreeMap<>();
    private Unmatched unmatched = MeshguardSpec.unmatched(DEFAULT_PREFIX, DEFAULT_UNMATCHED);
    private @Nullable String policyFile;
    private @Nullable String namespace;
    private Map<String, String> labels = Map.of();
    private String rootNamespace = Workload.DEFAULT_ROOT_NAMESPACE;
    private String trustDomain = Workload.DEFAULT_TRUST_DOMAIN;
    private List<String> trustDomainAliases = List.of();
    private Clock clock = Clock.systemUTC();
    private boolean logIdentity = DEFAULT_LOG_IDENTITY;
    private List<String> roleClaims = List.of();
    private String roleDelimiter = IdentityMapping.DEFAULT_ROLE_DELIMITER;
    private String principalClaim = IdentityMapping.DEFAULT_PRINCIPAL_CLAIM;
    private @Nullable IdentityMapping identityMapping;
    private List<String> publicPaths = List.of();
    private List<String> meshManifests = List.of();
    private String alignmentCheck = DEFAULT_ALIGNMENT_CHECK;
    private int workloadPort;
    private boolean trustFromMesh = DEFAULT_TRUST_FROM_MESH;
    private @Nullable PublicPaths publicPathSet;
    // Set by build().
    private String headerInForce = DEFAULT_PAYLOAD_HEADER;
    private List<IssuerRule> rulesInForce = List.of();
    private @Nullable MeshManifests manifests;
    private @Nullable MeshTrust meshTrust;
    private @Nullable Workload meshTrustWorkload;
    private @Nullable PeerSource peer;
    private @Nullable XfccPeerResolver xfcc;
    private @Nullable Policy policy;
    private @Nullable RouteTable routeTable;

    private Builder(String prefix) {
      this.prefix = prefix;
    }

    /**
     * {@code issuers}: the accepted issuers (required); each entry is one issuer, commas included.
     */
    public Builder issuers(List<String> issuers) {
      this.issuers = List.copyOf(issuers);
      return this;
    }

    /**
     * {@code issuer-rules}: per-issuer audiences (a token's {@code iss} picks its rule; its {@code
     * aud} must match that rule's audiences). Exclusive with {@code issuers}/{@code audiences}.
     */
    public Builder issuerRules(List<IssuerRule> rules) {
      this.issuerRules = List.copyOf(rules);
      return this;
    }

    /** {@code audiences}: the accepted audiences (default: any). */
    public Builder audiences(List<String> audiences) {
      this.audiences = List.copyOf(audiences);
      return this;
    }

    /** {@code require-expiration}: whether {@code exp} is required (default {@code true}). */
    public Builder requireExpiration(boolean require) {
      this.requireExpiration = require;
      return this;
    }

    /** {@code clock-skew}: the skew allowed in time checks (default 60 s). */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** {@code payload-header}: the payload header's name (default {@code x-jwt-payload}). */
    public Builder payloadHeader(String name) {
      this.payloadHeader = Objects.requireNonNull(name, "name");
      return this;
    }

    /** {@code accept-raw-json}: also accept raw JSON payloads (default {@code false}). */
    public Builder acceptRawJson(boolean accept) {
      this.acceptRawJson = accept;
      return this;
    }

    /**
     * {@code accept-percent-encoded-json}: also accept percent-encoded JSON payloads (default
     * {@code false}).
     */
    public Builder acceptPercentEncodedJson(boolean accept) {
      this.acceptPercentEncodedJson = accept;
      return this;
    }

    /** {@code max-header-length} (default {@value PayloadLimits#DEFAULT_MAX_HEADER_LENGTH}). */
    public Builder maxHeaderLength(int length) {
      this.maxHeaderLength = length;
      return this;
    }

    /** {@code max-depth} (default {@value PayloadLimits#DEFAULT_MAX_DEPTH}). */
    public Builder maxDepth(int depth) {
      this.maxDepth = depth;
      return this;
    }

    /** {@code max-number-length} (default {@value PayloadLimits#DEFAULT_MAX_NUMBER_LENGTH}). */
    public Builder maxNumberLength(int length) {
      this.maxNumberLength = length;
      return this;
    }

    /** {@code max-string-length} (default {@value PayloadLimits#DEFAULT_MAX_STRING_LENGTH}). */
    public Builder maxStringLength(int length) {
      this.maxStringLength = length;
      return this;
    }

    /**
     * {@code peer-source}: {@code xfcc} (default), {@code client-certificate} or {@code none}, in
     * any case.
     */
    public Builder peerSource(String source) {
      this.peerSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** {@code trust-domains}: the accepted peer trust domains (required unless {@code none}). */
    public Builder trustDomains(List<String> trustDomains) {
      this.trustDomains = List.copyOf(trustDomains);
      return this;
    }

    /** {@code xfcc-header}: the XFCC header's name (default {@code x-forwarded-client-cert}). */
    public Builder xfccHeader(String name) {
      this.xfccHeader = Objects.requireNonNull(name, "name");
      return this;
    }

    /** {@code expected-by}: this workload's SPIFFE ID, required in XFCC {@code By}. */
    public Builder expectedBy(@Nullable String id) {
      this.expectedBy = id;
      return this;
    }

    /** {@code trust-bundle}: a PEM file verifying client certificates (one trust domain). */
    public Builder trustBundle(@Nullable String file) {
      this.trustBundle = file;
      return this;
    }

    /** {@code routes[index]}: a route in {@link RouteText} form; routes are ordered by index. */
    public Builder route(int index, String text) {
      routeLines.put(index, Objects.requireNonNull(text, "text"));
      return this;
    }

    /** {@code unmatched}: what happens to requests no route matches (default {@code deny}). */
    public Builder unmatched(Unmatched unmatched) {
      this.unmatched = Objects.requireNonNull(unmatched, "unmatched");
      return this;
    }

    /** {@code unmatched} as text: {@code deny}, {@code not-found} or {@code authenticated}. */
    public Builder unmatched(String unmatched) {
      return unmatched(MeshguardSpec.unmatched(prefix, unmatched));
    }

    /** {@code policy-file}: Istio AuthorizationPolicy YAML, reloaded when it changes. */
    public Builder policyFile(@Nullable String file) {
      this.policyFile = file;
      return this;
    }

    /** {@code workload.namespace}: this workload's namespace (required with a policy file). */
    public Builder workloadNamespace(@Nullable String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** {@code workload.labels}: this workload's labels. */
    public Builder workloadLabels(Map<String, String> labels) {
      this.labels = Map.copyOf(labels);
      return this;
    }

    /** {@code workload.root-namespace} (default {@code istio-system}). */
    public Builder workloadRootNamespace(String namespace) {
      this.rootNamespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /** {@code workload.trust-domain} (default {@code cluster.local}). */
    public Builder workloadTrustDomain(String trustDomain) {
      this.trustDomain = Objects.requireNonNull(trustDomain, "trustDomain");
      return this;
    }

    /** {@code workload.trust-domain-aliases}. */
    public Builder workloadTrustDomainAliases(List<String> aliases) {
      this.trustDomainAliases = List.copyOf(aliases);
      return this;
    }

    /**
     * {@code log-identity}: whether the caller's subject may appear in logs (default {@code
     * false}).
     */
    public Builder logIdentity(boolean log) {
      this.logIdentity = log;
      return this;
    }

    /**
     * {@code roles.claims}: claim paths carrying roles ({@code roles}, {@code groups}, {@code
     * [realm_access][roles]}; default none).
     */
    public Builder roleClaims(List<String> claims) {
      this.roleClaims = List.copyOf(claims);
      return this;
    }

    /** {@code roles.delimiter}: splits a string-valued role claim (default a space). */
    public Builder roleDelimiter(String delimiter) {
      this.roleDelimiter = Objects.requireNonNull(delimiter, "delimiter");
      return this;
    }

    /** {@code principal-claim}: the claim naming the principal (default {@code sub}). */
    public Builder principalClaim(String claim) {
      this.principalClaim = Objects.requireNonNull(claim, "claim");
      return this;
    }

    /**
     * {@code public-paths}: path patterns served without reading any identity, such as health
     * endpoints (default none here; the Spring and Quarkus adapters default to their health
     * endpoints).
     */
    public Builder publicPaths(List<String> patterns) {
      this.publicPaths = List.copyOf(patterns);
      return this;
    }

    /**
     * {@code mesh-manifests}: files or directories of the mesh's YAML (RequestAuthentication,
     * PeerAuthentication, AuthorizationPolicy, workload templates) to check this application's
     * trust against at start-up (default none: no check).
     */
    public Builder meshManifests(List<String> paths) {
      this.meshManifests = List.copyOf(paths);
      return this;
    }

    /**
     * {@code alignment-check}: {@code off}, {@code warn} (log every finding) or {@code error} (also
     * stop the start on an error finding; the default).
     */
    public Builder alignmentCheck(String mode) {
      this.alignmentCheck = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * {@code trust-from-mesh}: take the accepted issuers, their audiences and the payload header
     * from the RequestAuthentications in {@code mesh-manifests} that select the workload, read once
     * here; a later change of the files is logged, not applied. Exclusive with {@code issuers},
     * {@code audiences} and {@code issuer-rules}; a {@code payload-header} other than the default
     * must be the mesh's.
     */
    public Builder trustFromMesh(boolean trustFromMesh) {
      this.trustFromMesh = trustFromMesh;
      return this;
    }

    /** {@code workload.port}: the application's port, for the alignment check (0: unknown). */
    public Builder workloadPort(int port) {
      this.workloadPort = port;
      return this;
    }

    /** The clock of the time checks (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Validates every setting; starts nothing.
     *
     * @throws InvalidSettingException naming the key, for an invalid value
     * @throws MissingSettingException naming the key, for a missing required setting
     */
    public MeshguardSpec build() {
      this.headerInForce = attempt("payload-header", () -> MeshRequest.headerName(payloadHeader));
      this.rulesInForce = issuerRules;
      this.meshTrust = null;
      String mode = alignmentMode();
      this.manifests =
          meshManifests.isEmpty() || (mode.equals("off") && !trustFromMesh)
              ? null
              : readManifests();
      if (trustFromMesh) {
        takeTrustFromMesh();
      }
      requirePositive("max-header-length", maxHeaderLength);
      requirePositive("max-depth", maxDepth);
      requirePositive("max-number-length", maxNumberLength);
      requirePositive("max-string-length", maxStringLength);
      PayloadLimits limits =
          new PayloadLimits(maxHeaderLength, maxDepth, maxNumberLength, maxStringLength);
      PayloadDecoder decoder =
          PayloadDecoder.builder()
              .limits(limits)
              .acceptRawJson(acceptRawJson)
              .acceptPercentEncodedJson(acceptPercentEncodedJson)
              .build();
      if (!issuerRules.isEmpty() && !(issuers.isEmpty() && audiences.isEmpty())) {
        throw new InvalidSettingException(
            prefix + "issuer-rules",
            "cannot be set together with " + prefix + "issuers or " + prefix + "audiences");
      }
      if (issuers.isEmpty() && rulesInForce.isEmpty()) {
        throw new MissingSettingException(prefix + "issuers", "is required");
      }
      ClaimsValidator.Builder claims = ClaimsValidator.builder().clock(clock);
      attempt("issuers", () -> claims.issuers(issuers));
      attempt("audiences", () -> claims.audiences(audiences));
      for (int i = 0; i < rulesInForce.size(); i++) {
        IssuerRule rule = rulesInForce.get(i);
        // Required, so that a misspelt key cannot silently mean "any audience": say * for that.
        if (rule.audiences().isEmpty()) {
          throw new MissingSettingException(
              prefix + "issuer-rules[" + i + "].audiences",
              "is required (" + ANY_AUDIENCE + " accepts any aud)");
        }
        List<String> audiences =
            rule.audiences().equals(List.of(ANY_AUDIENCE)) ? List.of() : rule.audiences();
        attempt(
            meshTrust == null ? "issuer-rules[" + i + "]" : "trust-from-mesh",
            () -> claims.issuerRule(rule.issuer(), audiences));
      }
      attempt("clock-skew", () -> claims.clockSkew(clockSkew));
      ClaimsValidator validator = claims.requireExpiration(requireExpiration).build();
      attempt("roles.delimiter", () -> IdentityMapping.of(List.of(), roleDelimiter, "sub"));
      attempt("principal-claim", () -> IdentityMapping.of(List.of(), " ", principalClaim));
      this.identityMapping =
          attempt(
              "roles.claims", () -> IdentityMapping.of(roleClaims, roleDelimiter, principalClaim));
      this.peer = peerSource();
      this.policy = policy();
      this.publicPathSet = attempt("public-paths", () -> PublicPaths.of(publicPaths));
      this.routeTable = routeTable();
      checkAlignment(mode);
      return new MeshguardSpec(this, decoder, validator);
    }

    private PeerSource peerSource() {
      switch (peerSource.trim().toLowerCase(Locale.ROOT)) {
        case "xfcc":
          String header = attempt("xfcc-header", () -> MeshRequest.headerName(xfccHeader));
          XfccPeerResolver.Builder resolver = XfccPeerResolver.builder();
          attempt("trust-domains", () -> resolver.trustDomains(requireTrustDomains()));
          String by = expectedBy;
          if (by != null) {
            attempt("expected-by", () -> resolver.expectedBy(by));
          }
          this.xfcc = resolver.build();
          return new PeerSource.Xfcc(trustDomains, header, by);
        case "client-certificate":
          // Validates the trust domains; the resolver itself is made when the guard starts.
          attempt(
              "trust-domains",
              () -> CertificatePeerResolver.builder().trustDomains(requireTrustDomains()).build());
          Path bundle = null;
          if (trustBundle != null) {
            if (trustBundle.isBlank()) {
              throw new InvalidSettingException(prefix + "trust-bundle", "names no file");
            }
            if (trustDomains.size() != 1) {
              throw new InvalidSettingException(
                  prefix + "trust-bundle", "needs exactly one trust domain");
            }
            bundle = attempt("trust-bundle", () -> Path.of(trustBundle));
          }
          return new PeerSource.ClientCertificate(trustDomains, bundle);
        case "none":
          return new PeerSource.None();
        default:
          throw new InvalidSettingException(
              prefix + "peer-source", "must be xfcc, client-certificate or none");
      }
    }

    private void requirePositive(String leaf, int value) {
      if (value < 1) {
        throw new InvalidSettingException(prefix + leaf, "must be at least 1, was " + value);
      }
    }

    private List<String> requireTrustDomains() {
      if (trustDomains.isEmpty()) {
        throw new InvalidSettingException(
            prefix + "trust-domains", "is required unless " + prefix + "peer-source is none");
      }
      return trustDomains;
    }

    private @Nullable Policy policy() {
      if (policyFile == null || policyFile.isEmpty()) {
        return null;
      }
      if (namespace == null || namespace.isEmpty()) {
        throw new MissingSettingException(
            prefix + "workload.namespace", "is required with " + prefix + "policy-file");
      }
      String workloadNamespace = namespace;
      Workload workload =
          attempt(
              "workload.namespace",
              () ->
                  new Workload(
                      workloadNamespace, labels, rootNamespace, trustDomain, trustDomainAliases));
      return new Policy(attempt("policy-file", () -> Path.of(policyFile)), workload);
    }

    private String alignmentMode() {
      String mode = alignmentCheck.trim().toLowerCase(Locale.ROOT);
      if (!List.of("off", "warn", "error").contains(mode)) {
        throw new InvalidSettingException(prefix + "alignment-check", "must be off, warn or error");
      }
      if (workloadPort < 0 || workloadPort > 65535) {
        throw new InvalidSettingException(prefix + "workload.port", "must be from 0 to 65535");
      }
      return mode;
    }

    /** The workload that {@code mesh-manifests} is read for. */
    private Workload meshWorkload() {
      if (namespace == null || namespace.isEmpty()) {
        throw new MissingSettingException(
            prefix + "workload.namespace", "is required with " + prefix + "mesh-manifests");
      }
      String workloadNamespace = namespace;
      return attempt(
          "workload.namespace",
          () ->
              new Workload(
                  workloadNamespace, labels, rootNamespace, trustDomain, trustDomainAliases));
    }

    private MeshManifests readManifests() {
      try {
        return MeshManifests.read(manifestPaths());
      } catch (IOException | RuntimeException e) {
        throw new InvalidSettingException(prefix + "mesh-manifests", ": " + e.getMessage(), e);
      }
    }

    private List<Path> manifestPaths() {
      return attempt("mesh-manifests", () -> meshManifests.stream().map(Path::of).toList());
    }

    /**
     * {@code trust-from-mesh}: replaces the issuer rules and the payload header with what the
     * selecting RequestAuthentications validate and forward.
     */
    private void takeTrustFromMesh() {
      if (meshManifests.isEmpty()) {
        throw new MissingSettingException(
            prefix + "mesh-manifests", "is required with " + prefix + "trust-from-mesh");
      }
      if (!issuers.isEmpty() || !audiences.isEmpty() || !issuerRules.isEmpty()) {
        throw new InvalidSettingException(
            prefix + "trust-from-mesh",
            "takes the issuers and audiences from the mesh: remove "
                + prefix
                + "issuers, "
                + prefix
                + "audiences and "
                + prefix
                + "issuer-rules");
      }
      Workload workload = meshWorkload();
      MeshManifests read = Objects.requireNonNull(manifests);
      MeshTrust trust = attempt("trust-from-mesh", () -> MeshTrust.of(read, workload));
      if (!headerInForce.equals(DEFAULT_PAYLOAD_HEADER)
          && !headerInForce.equals(trust.payloadHeader())) {
        throw new InvalidSettingException(
            prefix + "payload-header",
            "is "
                + headerInForce
                + " but the mesh forwards the payload in "
                + trust.payloadHeader()
                + " ("
                + prefix
                + "trust-from-mesh); remove the setting or make the two agree");
      }
      this.meshTrust = trust;
      this.meshTrustWorkload = workload;
      this.headerInForce = trust.payloadHeader();
      this.rulesInForce =
          trust.issuers().stream()
              .map(
                  issuer ->
                      new IssuerRule(
                          issuer.issuer(),
                          issuer.audiences().isEmpty()
                              ? List.of(ANY_AUDIENCE)
                              : issuer.audiences()))
              .toList();
      ALIGNMENT_LOG.info("meshguard takes its trust from the mesh: {}", trust.describe());
    }

    /**
     * The mesh alignment check ({@code mesh-manifests}, {@code alignment-check}): whether only the
     * sidecar can have written the headers this application reads, and whether the mesh validates
     * what the application accepts. Reads files; starts nothing.
     */
    private void checkAlignment(String mode) {
      if (manifests == null || mode.equals("off")) {
        return;
      }
      Workload workload = meshWorkload();
      boolean readsXfcc = peer instanceof PeerSource.Xfcc;
      ApplicationTrust trust =
          rulesInForce.isEmpty()
              ? ApplicationTrust.of(issuers, audiences, headerInForce, readsXfcc, readsXfcc)
              : new ApplicationTrust(
                  rulesInForce.stream()
                      .map(
                          rule ->
                              new ApplicationTrust.Issuer(
                                  rule.issuer(),
                                  rule.audiences().equals(List.of(ANY_AUDIENCE))
                                      ? List.of()
                                      : rule.audiences()))
                      .toList(),
                  headerInForce,
                  readsXfcc,
                  readsXfcc);
      List<Finding> findings =
          new AlignmentCheck(workload, workloadPort, trust)
              .check(Objects.requireNonNull(manifests));
      for (Finding finding : findings) {
        ALIGNMENT_LOG.warn("meshguard mesh alignment: {}", finding.format());
      }
      if (mode.equals("error") && AlignmentCheck.hasErrors(findings)) {
        StringBuilder errors = new StringBuilder();
        for (Finding finding : findings) {
          if (finding.severity() == Finding.Severity.ERROR) {
            errors.append("\n  ").append(finding.format());
          }
        }
        throw new InvalidSettingException(
            prefix + "mesh-manifests",
            ": the mesh does not protect the headers this application trusts ("
                + prefix
                + "alignment-check=error):"
                + errors);
      }
    }

    private RouteTable routeTable() {
      RouteTable.Builder table = RouteTable.builder().unmatched(unmatched);
      for (Map.Entry<Integer, String> line : routeLines.entrySet()) {
        attempt(
            "routes[" + line.getKey() + "]", () -> table.route(RouteText.parse(line.getValue())));
      }
      RouteTable routes = table.build();
      return attempt("public-paths", () -> Objects.requireNonNull(publicPathSet).prependTo(routes));
    }

    private <T> T attempt(String leaf, Supplier<T> action) {
      try {
        return action.get();
      } catch (InvalidSettingException | MissingSettingException e) {
        throw e;
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new InvalidSettingException(
            prefix + leaf, ": " + (e.getMessage() == null ? "invalid value" : e.getMessage()), e);
      }
    }
  }
}
