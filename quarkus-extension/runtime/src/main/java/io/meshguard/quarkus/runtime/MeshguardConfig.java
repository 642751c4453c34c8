package io.meshguard.quarkus.runtime;

import io.meshguard.core.IdentityMapping;
import io.meshguard.core.config.MeshguardSpec;
import io.meshguard.core.payload.PayloadLimits;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * meshguard's run-time settings ({@code quarkus.meshguard.*}). The leaf names are those of the
 * Spring starter's {@code meshguard.*} properties and of {@code
 * io.meshguard.core.config.MeshguardSpec}, which declares every default and checks every value: an
 * invalid one stops the application at start-up with a message naming the key.
 *
 * @since 0.1.0
 */
@ConfigMapping(prefix = "quarkus.meshguard")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface MeshguardConfig {

  /**
   * Accepted {@code iss} values, compared exactly. At least one is required while meshguard is
   * enabled.
   */
  Optional<List<String>> issuers();

  /**
   * Accepted audiences; any one must be in {@code aud}, compared as Envoy does. When unset, any
   * {@code aud} is accepted.
   */
  Optional<List<String>> audiences();

  /** Whether {@code exp} is required. */
  @WithDefault("" + MeshguardSpec.DEFAULT_REQUIRE_EXPIRATION)
  boolean requireExpiration();

  /** Tolerance for {@code exp}, {@code nbf} and {@code iat}. */
  @WithDefault(MeshguardSpec.DEFAULT_CLOCK_SKEW_TEXT)
  Duration clockSkew();

  /** The header carrying the forwarded JWT payload (Istio {@code outputPayloadToHeader}). */
  @WithDefault(MeshguardSpec.DEFAULT_PAYLOAD_HEADER)
  String payloadHeader();

  /** Also accept a payload sent as raw JSON (no Envoy or Istio version sends that). */
  @WithDefault("false")
  boolean acceptRawJson();

  /** Also accept a payload sent as percent-encoded JSON (no Envoy or Istio version sends that). */
  @WithDefault("false")
  boolean acceptPercentEncodedJson();

  /** The longest payload header value accepted, in characters. */
  @WithDefault("" + PayloadLimits.DEFAULT_MAX_HEADER_LENGTH)
  int maxHeaderLength();

  /** The deepest JSON nesting accepted (the top-level object is depth 1). */
  @WithDefault("" + PayloadLimits.DEFAULT_MAX_DEPTH)
  int maxDepth();

  /** The longest JSON number accepted, in characters. */
  @WithDefault("" + PayloadLimits.DEFAULT_MAX_NUMBER_LENGTH)
  int maxNumberLength();

  /** The longest JSON string accepted, in characters. */
  @WithDefault("" + PayloadLimits.DEFAULT_MAX_STRING_LENGTH)
  int maxStringLength();

  /**
   * Where the calling workload's identity comes from: {@code xfcc} (Envoy's {@code
   * x-forwarded-client-cert}), {@code client-certificate} (mTLS terminated by the application) or
   * {@code none}.
   */
  @WithDefault(MeshguardSpec.DEFAULT_PEER_SOURCE)
  String peerSource();

  /** Accepted peer trust domains; required unless {@code peer-source} is {@code none}. */
  Optional<List<String>> trustDomains();

  /** The XFCC header name. */
  @WithDefault(MeshguardSpec.DEFAULT_XFCC_HEADER)
  String xfccHeader();

  /** This workload's SPIFFE ID, required as the {@code By} of the trusted XFCC element. */
  Optional<String> expectedBy();

  /**
   * A PEM file of CA certificates that verifies client certificates ({@code client-certificate}
   * peer source, exactly one trust domain); reloaded when it changes.
   */
  Optional<String> trustBundle();

  /**
   * What happens to a request no Quarkus REST resource method serves: {@code authenticated} (any
   * valid identity passes and Quarkus answers), {@code not-found} (404, or 405 when another method
   * serves the path, as problem+json) or {@code deny} (403).
   */
  @WithDefault(MeshguardSpec.FRAMEWORK_ROUTED_UNMATCHED)
  String unmatched();

  /**
   * A YAML file of Istio AuthorizationPolicy documents evaluated for every non-public request;
   * reloaded when it changes. An empty value means none.
   */
  Optional<String> policyFile();

  /**
   * Whether the caller's subject may appear in logs: the MDC key {@code meshguard.subject} while
   * the request is handled. Off by default, since a subject is often personal data; the peer's
   * SPIFFE ID ({@code meshguard.peer}) is always there.
   */
  @WithDefault("" + MeshguardSpec.DEFAULT_LOG_IDENTITY)
  boolean logIdentity();

  /**
   * Per-issuer audiences ({@code issuer-rules[0].issuer}, {@code issuer-rules[0].audiences}): a
   * token's {@code iss} picks its rule, and its {@code aud} must match that rule's audiences.
   * Instead of {@code issuers}/{@code audiences} (setting both stops the start).
   */
  Optional<List<IssuerRule>> issuerRules();

  /** One per-issuer rule. */
  interface IssuerRule {

    /** The issuer, compared exactly. */
    String issuer();

    /** Its audiences, any one of which must match; unset accepts any {@code aud}. */
    Optional<List<String>> audiences();
  }

  /**
   * The mesh's YAML (RequestAuthentication, PeerAuthentication, AuthorizationPolicy, workload
   * templates), files or directories, checked against this application's trust at start-up.
   */
  Optional<List<String>> meshManifests();

  /**
   * What a failed alignment finding does at start-up: off, warn (log every finding) or error (also
   * stop the start on an error finding).
   */
  @WithDefault(MeshguardSpec.DEFAULT_ALIGNMENT_CHECK)
  String alignmentCheck();

  /**
   * Take the accepted issuers, their audiences and the payload header from the
   * RequestAuthentications in mesh-manifests that select the workload, read at start-up (a later
   * change is logged, not applied). Exclusive with issuers, audiences and issuer-rules.
   */
  @WithDefault("" + MeshguardSpec.DEFAULT_TRUST_FROM_MESH)
  boolean trustFromMesh();

  /**
   * Path patterns served without reading any identity ({@code /q/health/**}): kubelet probes reach
   * the application without identity headers. Exempt by path only. Unset: the SmallRye Health
   * endpoints on the main router, when quarkus-smallrye-health is present (with the management
   * interface enabled they are on another port, which this filter never sees). A public pattern
   * that also matches a resource method with requirements stops the start.
   */
  Optional<List<String>> publicPaths();

  /**
   * The claim that names the principal ({@code SecurityIdentity.getPrincipal().getName()}); when
   * the token lacks it, {@code sub}. It never changes what is checked: {@code
   * MeshIdentity.subject()} and policies' {@code requestPrincipals} stay {@code sub}.
   */
  @WithDefault(IdentityMapping.DEFAULT_PRINCIPAL_CLAIM)
  String principalClaim();

  /** Roles from the token's claims. */
  Roles roles();

  /** Which claims carry roles. */
  interface Roles {

    /**
     * Claim paths carrying roles: {@code roles}, {@code groups}, {@code [realm_access][roles]}
     * (Keycloak). Their values become {@code SecurityIdentity} roles beside the scopes, so
     * {@code @RolesAllowed("admin")} works from a role claim.
     */
    Optional<List<String>> claims();

    /** Splits a string-valued role claim. Default: a space. */
    Optional<String> delimiter();
  }

  /** The workload this application runs as, for the policy file. */
  Workload workload();

  /** The workload a policy file's selectors and namespaces are matched against. */
  interface Workload {

    /** The application's port, for the alignment check; 0 when unknown. */
    @WithDefault("0")
    int port();

    /** This workload's namespace; required with a policy file. */
    Optional<String> namespace();

    /** This workload's labels, such as {@code app=orders}. */
    Map<String, String> labels();

    /** The mesh's root namespace. */
    @WithDefault(io.meshguard.core.policy.Workload.DEFAULT_ROOT_NAMESPACE)
    String rootNamespace();

    /** The mesh's trust domain, which {@code cluster.local} in a policy principal means. */
    @WithDefault(io.meshguard.core.policy.Workload.DEFAULT_TRUST_DOMAIN)
    String trustDomain();

    /** Other names of the trust domain. */
    Optional<List<String>> trustDomainAliases();
  }
}
