package io.meshguard.spring;

import io.meshguard.core.IdentityMapping;
import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MeshguardSpec;
import io.meshguard.core.config.MissingSettingException;
import io.meshguard.core.payload.PayloadLimits;
import io.meshguard.core.route.PublicPaths;
import io.meshguard.core.route.Unmatched;
import io.meshguard.spring.security.MeshAuthentication;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * meshguard's {@code meshguard.*} settings. The leaf names are those of the servlet filter's
 * init-parameters and of Quarkus' {@code quarkus.meshguard.*}; values are checked by the core when
 * the application starts, and an invalid one stops it with a message naming the setting.
 *
 * @since 0.1.0
 */
// Strict: a misspelt key (issuer-rules[0].audience) must stop the start, not silently loosen.
@ConfigurationProperties(prefix = "meshguard", ignoreUnknownFields = false)
public class MeshguardProperties {

  /** The prefix of every key. */
  static final String PREFIX = MeshguardSpec.DEFAULT_PREFIX;

  /** Whether meshguard guards the application's requests. */
  private boolean enabled = true;

  /** Accepted issuers, compared exactly (required). */
  private List<String> issuers = new ArrayList<>();

  /** Accepted audiences, any one of which must match; empty accepts any {@code aud}. */
  private List<String> audiences = new ArrayList<>();

  /** Whether tokens without {@code exp} are refused. */
  private boolean requireExpiration = MeshguardSpec.DEFAULT_REQUIRE_EXPIRATION;

  /** Clock skew allowed in each direction for {@code exp}, {@code nbf} and {@code iat}. */
  private Duration clockSkew = MeshguardSpec.DEFAULT_CLOCK_SKEW;

  /** Header the mesh forwards the JWT payload in (Istio {@code outputPayloadToHeader}). */
  private String payloadHeader = MeshguardSpec.DEFAULT_PAYLOAD_HEADER;

  /** Also accept raw JSON payload values (development and tests only). */
  private boolean acceptRawJson;

  /** Also accept percent-encoded JSON payload values (development and tests only). */
  private boolean acceptPercentEncodedJson;

  /** Longest accepted payload header value, in characters. */
  private int maxHeaderLength = PayloadLimits.DEFAULT_MAX_HEADER_LENGTH;

  /** Deepest accepted JSON nesting; the top-level object is depth 1. */
  private int maxDepth = PayloadLimits.DEFAULT_MAX_DEPTH;

  /** Longest accepted JSON number, in characters. */
  private int maxNumberLength = PayloadLimits.DEFAULT_MAX_NUMBER_LENGTH;

  /** Longest accepted JSON string or member name, in characters. */
  private int maxStringLength = PayloadLimits.DEFAULT_MAX_STRING_LENGTH;

  /** Where the calling workload's identity comes from: xfcc, client-certificate or none. */
  private String peerSource = MeshguardSpec.DEFAULT_PEER_SOURCE;

  /** Accepted peer trust domains (required unless peer-source is none). */
  private List<String> trustDomains = new ArrayList<>();

  /** Header Envoy forwards the client certificate details in. */
  private String xfccHeader = MeshguardSpec.DEFAULT_XFCC_HEADER;

  /** This workload's own SPIFFE ID, which the last XFCC element's By must equal; unset skips it. */
  private @Nullable String expectedBy;

  /** PEM file of CA certificates that client certificates must chain to (client-certificate). */
  private @Nullable String trustBundle;

  /**
   * What happens to requests no controller handles: authenticated (any valid identity, then Spring
   * answers), not-found (404, or 405 when only the method differs) or deny (403). Default
   * authenticated: unlike the servlet filter's route table, Spring MVC answers its own 404 and 405.
   */
  private String unmatched = MeshguardSpec.FRAMEWORK_ROUTED_UNMATCHED;

  /** YAML file of Istio AuthorizationPolicy documents evaluated for every non-public request. */
  private @Nullable String policyFile;

  /**
   * Whether the caller's subject may appear in logs: the MDC key {@code meshguard.subject} while
   * the request is handled. Off by default, since a subject is often personal data; the peer's
   * SPIFFE ID ({@code meshguard.peer}) is always there.
   */
  private boolean logIdentity = MeshguardSpec.DEFAULT_LOG_IDENTITY;

  /**
   * The claim that names the principal ({@code Authentication.getName()}, {@code
   * getUserPrincipal().getName()}); when the token lacks it, {@code sub}. It never changes what is
   * checked: {@code MeshIdentity.subject()} and policies' {@code requestPrincipals} stay {@code
   * sub}.
   */
  private String principalClaim = IdentityMapping.DEFAULT_PRINCIPAL_CLAIM;

  /**
   * Path patterns served without reading any identity ({@code /actuator/health/**}): kubelet probes
   * reach the application without identity headers. Exempt by path only. Unset, the Actuator health
   * endpoint and its groups, when Actuator is present; set it (even empty) to replace that default.
   */
  private @Nullable List<String> publicPaths;

  /**
   * Per-issuer audiences: a token's {@code iss} picks its rule, and its {@code aud} must match that
   * rule's audiences. Instead of {@code issuers}/{@code audiences} (setting both stops the start).
   */
  private List<IssuerRule> issuerRules = new ArrayList<>();

  /** One per-issuer rule. */
  public static class IssuerRule {

    /** The issuer, compared exactly. */
    private @Nullable String issuer;

    /** Its audiences, any one of which must match; empty accepts any {@code aud}. */
    private List<String> audiences = new ArrayList<>();

    /** The issuer. */
    public @Nullable String getIssuer() {
      return issuer;
    }

    /** Sets the issuer. */
    public void setIssuer(@Nullable String issuer) {
      this.issuer = issuer;
    }

    /** Its audiences. */
    public List<String> getAudiences() {
      return audiences;
    }

    /** Sets its audiences. */
    public void setAudiences(List<String> audiences) {
      this.audiences = audiences;
    }
  }

  /**
   * The mesh's YAML (RequestAuthentication, PeerAuthentication, AuthorizationPolicy, workload
   * templates), files or directories, checked against this application's trust at start-up.
   */
  private List<String> meshManifests = new ArrayList<>();

  /**
   * What a failed alignment finding does at start-up: off, warn (log every finding) or error (also
   * stop the start on an error finding).
   */
  private String alignmentCheck = MeshguardSpec.DEFAULT_ALIGNMENT_CHECK;

  /**
   * Take the accepted issuers, their audiences and the payload header from the
   * RequestAuthentications in mesh-manifests that select the workload, read at start-up (a later
   * change is logged, not applied). Exclusive with issuers, audiences and issuer-rules.
   */
  private boolean trustFromMesh = MeshguardSpec.DEFAULT_TRUST_FROM_MESH;

  /** Roles from the token's claims. */
  private final Roles roles = new Roles();

  /** Which claims carry roles, and how they become authorities. */
  public static class Roles {

    /**
     * Claim paths carrying roles: {@code roles}, {@code groups}, {@code [realm_access][roles]}
     * (Keycloak). A string claim is split on the delimiter; an array gives its string elements.
     */
    private List<String> claims = new ArrayList<>();

    /** Splits a string-valued role claim. */
    private String delimiter = IdentityMapping.DEFAULT_ROLE_DELIMITER;

    /**
     * The prefix of role authorities, so that {@code hasRole('admin')} works; scopes stay {@code
     * SCOPE_}.
     */
    private String authorityPrefix = MeshAuthentication.DEFAULT_ROLE_PREFIX;

    /** The claim paths carrying roles. */
    public List<String> getClaims() {
      return claims;
    }

    /** Sets the claim paths carrying roles. */
    public void setClaims(List<String> claims) {
      this.claims = claims;
    }

    /** The delimiter of a string-valued role claim. */
    public String getDelimiter() {
      return delimiter;
    }

    /** Sets the delimiter of a string-valued role claim. */
    public void setDelimiter(String delimiter) {
      this.delimiter = delimiter;
    }

    /** The prefix of role authorities. */
    public String getAuthorityPrefix() {
      return authorityPrefix;
    }

    /** Sets the prefix of role authorities. */
    public void setAuthorityPrefix(String authorityPrefix) {
      this.authorityPrefix = authorityPrefix;
    }
  }

  /** The workload the policy file's documents are selected for. */
  private final Workload workload = new Workload();

  /** The workload the policy documents apply to. */
  public static class Workload {

    /** The application's port, for the alignment check; 0 when unknown. */
    private int port;

    /** The application's port. */
    public int getPort() {
      return port;
    }

    /** Sets the application's port. */
    public void setPort(int port) {
      this.port = port;
    }

    /** This workload's namespace (required with a policy file). */
    private @Nullable String namespace;

    /** This workload's labels, matched by the documents' selectors. */
    private Map<String, String> labels = new LinkedHashMap<>();

    /** The mesh's root namespace, whose policies apply to every workload. */
    private String rootNamespace = io.meshguard.core.policy.Workload.DEFAULT_ROOT_NAMESPACE;

    /** The mesh's trust domain: what cluster.local in a principal means. */
    private String trustDomain = io.meshguard.core.policy.Workload.DEFAULT_TRUST_DOMAIN;

    /** Further trust domains cluster.local in a principal also means. */
    private List<String> trustDomainAliases = new ArrayList<>();

    /** The namespace. */
    public @Nullable String getNamespace() {
      return namespace;
    }

    /** Sets the namespace. */
    public void setNamespace(@Nullable String namespace) {
      this.namespace = namespace;
    }

    /** The labels. */
    public Map<String, String> getLabels() {
      return labels;
    }

    /** Sets the labels. */
    public void setLabels(Map<String, String> labels) {
      this.labels = labels;
    }

    /** The root namespace. */
    public String getRootNamespace() {
      return rootNamespace;
    }

    /** Sets the root namespace. */
    public void setRootNamespace(String rootNamespace) {
      this.rootNamespace = rootNamespace;
    }

    /** The trust domain. */
    public String getTrustDomain() {
      return trustDomain;
    }

    /** Sets the trust domain. */
    public void setTrustDomain(String trustDomain) {
      this.trustDomain = trustDomain;
    }

    /** The trust domain aliases. */
    public List<String> getTrustDomainAliases() {
      return trustDomainAliases;
    }

    /** Sets the trust domain aliases. */
    public void setTrustDomainAliases(List<String> trustDomainAliases) {
      this.trustDomainAliases = trustDomainAliases;
    }
  }

  /**
   * The core's typed configuration, mapped field by field (no value is turned into text to be
   * parsed again); errors name {@code meshguard.*} keys.
   *
   * @param clock the clock of the time checks
   * @throws io.meshguard.core.config.InvalidSettingException naming the key, for an invalid value
   */
  MeshguardSpec toSpec(Clock clock) {
    return MeshguardSpec.builder(PREFIX)
        .clock(clock)
        .issuers(issuers)
        .audiences(audiences)
        .requireExpiration(requireExpiration)
        .clockSkew(clockSkew)
        .payloadHeader(payloadHeader)
        .acceptRawJson(acceptRawJson)
        .acceptPercentEncodedJson(acceptPercentEncodedJson)
        .maxHeaderLength(maxHeaderLength)
        .maxDepth(maxDepth)
        .maxNumberLength(maxNumberLength)
        .maxStringLength(maxStringLength)
        .peerSource(peerSource)
        .trustDomains(trustDomains)
        .xfccHeader(xfccHeader)
        .expectedBy(expectedBy)
        .trustBundle(trustBundle)
        .unmatched(unmatched)
        .policyFile(policyFile)
        .workloadNamespace(workload.namespace)
        .workloadLabels(workload.labels)
        .workloadRootNamespace(workload.rootNamespace)
        .workloadTrustDomain(workload.trustDomain)
        .workloadTrustDomainAliases(workload.trustDomainAliases)
        .logIdentity(logIdentity)
        .principalClaim(principalClaim)
        .issuerRules(issuerRules())
        .meshManifests(meshManifests)
        .alignmentCheck(alignmentCheck)
        .trustFromMesh(trustFromMesh)
        .workloadPort(workload.port)
        .roleClaims(roles.claims)
        .roleDelimiter(roles.delimiter)
        .build();
  }

  /** The public path patterns, or {@code null} for the default. */
  public @Nullable List<String> getPublicPaths() {
    return publicPaths;
  }

  /** Sets the public path patterns. */
  public void setPublicPaths(@Nullable List<String> publicPaths) {
    this.publicPaths = publicPaths;
  }

  /**
   * The public paths: the setting, else {@code defaults}.
   *
   * @throws io.meshguard.core.config.InvalidSettingException naming the key, for an invalid pattern
   */
  PublicPaths publicPaths(List<String> defaults) {
    List<String> patterns = publicPaths == null ? defaults : publicPaths;
    try {
      return PublicPaths.of(patterns);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(PREFIX + "public-paths", ": " + e.getMessage(), e);
    }
  }

  /** The mesh manifests. */
  public List<String> getMeshManifests() {
    return meshManifests;
  }

  /** Sets the mesh manifests. */
  public void setMeshManifests(List<String> meshManifests) {
    this.meshManifests = meshManifests;
  }

  /** What a failed alignment finding does at start-up. */
  public String getAlignmentCheck() {
    return alignmentCheck;
  }

  /** Sets what a failed alignment finding does at start-up. */
  public void setAlignmentCheck(String alignmentCheck) {
    this.alignmentCheck = alignmentCheck;
  }

  /** See {@link #trustFromMesh}. */
  public boolean isTrustFromMesh() {
    return trustFromMesh;
  }

  /** See {@link #trustFromMesh}. */
  public void setTrustFromMesh(boolean trustFromMesh) {
    this.trustFromMesh = trustFromMesh;
  }

  /** The per-issuer rules. */
  public List<IssuerRule> getIssuerRules() {
    return issuerRules;
  }

  /** Sets the per-issuer rules. */
  public void setIssuerRules(List<IssuerRule> issuerRules) {
    this.issuerRules = issuerRules;
  }

  /**
   * The role authority prefix, checked: not empty, and not overlapping {@code SCOPE_}, so that a
   * role claim can never produce a scope authority.
   *
   * @throws InvalidSettingException naming the key otherwise
   */
  String roleAuthorityPrefix() {
    String prefix = roles.authorityPrefix;
    if (prefix == null
        || prefix.isEmpty()
        || prefix.startsWith(MeshAuthentication.SCOPE_PREFIX)
        || MeshAuthentication.SCOPE_PREFIX.startsWith(prefix)) {
      throw new InvalidSettingException(
          PREFIX + "roles.authority-prefix",
          "must be non-empty and distinct from " + MeshAuthentication.SCOPE_PREFIX);
    }
    return prefix;
  }

  private List<MeshguardSpec.IssuerRule> issuerRules() {
    List<MeshguardSpec.IssuerRule> rules = new ArrayList<>();
    for (int i = 0; i < issuerRules.size(); i++) {
      IssuerRule rule = issuerRules.get(i);
      if (rule.issuer == null || rule.issuer.isEmpty()) {
        throw new MissingSettingException(PREFIX + "issuer-rules[" + i + "].issuer", "is required");
      }
      rules.add(new MeshguardSpec.IssuerRule(rule.issuer, rule.audiences));
    }
    return rules;
  }

  /** The claim that names the principal. */
  public String getPrincipalClaim() {
    return principalClaim;
  }

  /** Sets the claim that names the principal. */
  public void setPrincipalClaim(String principalClaim) {
    this.principalClaim = principalClaim;
  }

  /** Roles from the token's claims. */
  public Roles getRoles() {
    return roles;
  }

  /** Whether the caller's subject may appear in logs. */
  public boolean isLogIdentity() {
    return logIdentity;
  }

  /** Sets whether the caller's subject may appear in logs. */
  public void setLogIdentity(boolean logIdentity) {
    this.logIdentity = logIdentity;
  }

  /** Whether meshguard is enabled. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets whether meshguard is enabled. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The accepted issuers. */
  public List<String> getIssuers() {
    return issuers;
  }

  /** Sets the accepted issuers. */
  public void setIssuers(List<String> issuers) {
    this.issuers = issuers;
  }

  /** The accepted audiences. */
  public List<String> getAudiences() {
    return audiences;
  }

  /** Sets the accepted audiences. */
  public void setAudiences(List<String> audiences) {
    this.audiences = audiences;
  }

  /** Whether {@code exp} is required. */
  public boolean isRequireExpiration() {
    return requireExpiration;
  }

  /** Sets whether {@code exp} is required. */
  public void setRequireExpiration(boolean requireExpiration) {
    this.requireExpiration = requireExpiration;
  }

  /** The clock skew. */
  public Duration getClockSkew() {
    return clockSkew;
  }

  /** Sets the clock skew. */
  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  /** The payload header. */
  public String getPayloadHeader() {
    return payloadHeader;
  }

  /** Sets the payload header. */
  public void setPayloadHeader(String payloadHeader) {
    this.payloadHeader = payloadHeader;
  }

  /** Whether raw JSON payloads are accepted. */
  public boolean isAcceptRawJson() {
    return acceptRawJson;
  }

  /** Sets whether raw JSON payloads are accepted. */
  public void setAcceptRawJson(boolean acceptRawJson) {
    this.acceptRawJson = acceptRawJson;
  }

  /** Whether percent-encoded JSON payloads are accepted. */
  public boolean isAcceptPercentEncodedJson() {
    return acceptPercentEncodedJson;
  }

  /** Sets whether percent-encoded JSON payloads are accepted. */
  public void setAcceptPercentEncodedJson(boolean acceptPercentEncodedJson) {
    this.acceptPercentEncodedJson = acceptPercentEncodedJson;
  }

  /** The longest accepted header value. */
  public int getMaxHeaderLength() {
    return maxHeaderLength;
  }

  /** Sets the longest accepted header value. */
  public void setMaxHeaderLength(int maxHeaderLength) {
    this.maxHeaderLength = maxHeaderLength;
  }

  /** The deepest accepted nesting. */
  public int getMaxDepth() {
    return maxDepth;
  }

  /** Sets the deepest accepted nesting. */
  public void setMaxDepth(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /** The longest accepted number. */
  public int getMaxNumberLength() {
    return maxNumberLength;
  }

  /** Sets the longest accepted number. */
  public void setMaxNumberLength(int maxNumberLength) {
    this.maxNumberLength = maxNumberLength;
  }

  /** The longest accepted string. */
  public int getMaxStringLength() {
    return maxStringLength;
  }

  /** Sets the longest accepted string. */
  public void setMaxStringLength(int maxStringLength) {
    this.maxStringLength = maxStringLength;
  }

  /** The peer source. */
  public String getPeerSource() {
    return peerSource;
  }

  /** Sets the peer source. */
  public void setPeerSource(String peerSource) {
    this.peerSource = peerSource;
  }

  /** The accepted trust domains. */
  public List<String> getTrustDomains() {
    return trustDomains;
  }

  /** Sets the accepted trust domains. */
  public void setTrustDomains(List<String> trustDomains) {
    this.trustDomains = trustDomains;
  }

  /** The XFCC header. */
  public String getXfccHeader() {
    return xfccHeader;
  }

  /** Sets the XFCC header. */
  public void setXfccHeader(String xfccHeader) {
    this.xfccHeader = xfccHeader;
  }

  /** This workload's SPIFFE ID required in XFCC By. */
  public @Nullable String getExpectedBy() {
    return expectedBy;
  }

  /** Sets this workload's SPIFFE ID required in XFCC By. */
  public void setExpectedBy(@Nullable String expectedBy) {
    this.expectedBy = expectedBy;
  }

  /** The trust bundle file. */
  public @Nullable String getTrustBundle() {
    return trustBundle;
  }

  /** Sets the trust bundle file. */
  public void setTrustBundle(@Nullable String trustBundle) {
    this.trustBundle = trustBundle;
  }

  /** What happens to unmatched requests. */
  public String getUnmatched() {
    return unmatched;
  }

  /**
   * What happens to unmatched requests, parsed.
   *
   * @throws io.meshguard.core.config.InvalidSettingException naming the key, for an invalid value
   */
  Unmatched unmatched() {
    return MeshguardSpec.unmatched(PREFIX, unmatched);
  }

  /** Sets what happens to unmatched requests. */
  public void setUnmatched(String unmatched) {
    this.unmatched = unmatched;
  }

  /** The policy file. */
  public @Nullable String getPolicyFile() {
    return policyFile;
  }

  /** Sets the policy file. */
  public void setPolicyFile(@Nullable String policyFile) {
    this.policyFile = policyFile;
  }

  /** The workload. */
  public Workload getWorkload() {
    return workload;
  }
}
