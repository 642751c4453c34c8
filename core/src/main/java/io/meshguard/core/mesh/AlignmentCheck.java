package io.meshguard.core.mesh;

import io.meshguard.core.mesh.Finding.Kind;
import io.meshguard.core.mesh.Finding.Severity;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.policy.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the mesh manifests give the application what meshguard assumes: a
 * RequestAuthentication selecting the workload that validates the application's issuers and
 * forwards the payload in the header the application reads, a sidecar that intercepts the
 * application port and appends its own XFCC element, STRICT mTLS, and AuthorizationPolicies whose
 * issuers the mesh validates.
 *
 * <p>Only what the manifests show is checked: a workload template or Namespace that is not among
 * them is assumed to be injected by Istio's defaults. Immutable and thread-safe.
 *
 * @see <a
 *     href="https://istio.io/latest/docs/reference/config/security/request_authentication/">Istio
 *     RequestAuthentication</a>
 * @see <a href="https://istio.io/latest/docs/reference/config/security/peer_authentication/">Istio
 *     PeerAuthentication</a>
 * @since 0.1.0
 */
public final class AlignmentCheck {

  private static final String XFCC = "x-forwarded-client-cert";
  private static final String NONE = "(none)";

  private final Workload workload;
  private final int port;
  private final ApplicationTrust trust;

  /**
   * A check for one workload.
   *
   * @param workload the workload's namespace, labels and root namespace
   * @param port the application's port ({@code workload.port}); 0 when unknown, which skips the
   *     port checks
   * @param trust what the application trusts
   */
  public AlignmentCheck(Workload workload, int port, ApplicationTrust trust) {
    this.workload = Objects.requireNonNull(workload, "workload");
    this.trust = Objects.requireNonNull(trust, "trust");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("The port must be 0 (unknown) or 1-65535");
    }
    this.port = port;
  }

  /** Whether any finding is an {@link Severity#ERROR}. */
  public static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(finding -> finding.severity() == Severity.ERROR);
  }

  /**
   * The findings for {@code manifests}, errors first, each group in document order.
   *
   * @return no findings when the manifests and the application are aligned
   */
  public List<Finding> check(MeshManifests manifests) {
    Run run = new Run();
    List<JwtRule> rules = requestAuthentications(manifests, run);
    run.payloadHeaders(rules);
    run.issuers(rules);
    for (Manifest policy : applying(manifests, "AuthorizationPolicy")) {
      run.authorizationPolicy(policy, rules);
    }
    run.peerAuthentication(manifests);
    new PodTemplateCheck(workload, port, trust, run.findings).check(manifests);
    List<Finding> sorted = new ArrayList<>();
    for (Finding finding : run.findings) {
      if (finding.severity() == Severity.ERROR) {
        sorted.add(finding);
      }
    }
    for (Finding finding : run.findings) {
      if (finding.severity() == Severity.WARNING) {
        sorted.add(finding);
      }
    }
    return List.copyOf(sorted);
  }

  private String describe(Manifest document) {
    return document.describe(workload.namespace());
  }

  private List<Manifest> applying(MeshManifests manifests, String kind) {
    return JwtRule.applying(manifests, workload, kind);
  }

  private List<JwtRule> requestAuthentications(MeshManifests manifests, Run run) {
    List<JwtRule> rules = JwtRule.selecting(manifests, workload);
    for (JwtRule rule : rules) {
      run.tokenLocation(rule.document(), rule.node());
      run.claimHeaders(rule.document(), rule.node());
    }
    if (rules.isEmpty()) {
      // Without a jwtRule the sidecar has no jwt_authn filter, so nothing strips a payload header
      // a client sends (WIRE-FORMATS A5; istio/istio: pilot/pkg/security/authn/policy_applier.go
      // builds the filter only from jwtRules).
      run.add(
          Severity.ERROR,
          Kind.NO_REQUEST_AUTHENTICATION,
          NONE,
          0,
          "No RequestAuthentication with jwtRules selects workload "
              + workloadName()
              + ", so the sidecar has no JWT filter and a client-sent "
              + trust.payloadHeader()
              + " reaches the application untouched",
          "Add a RequestAuthentication in namespace "
              + workload.namespace()
              + " whose spec.selector.matchLabels match the workload, with a jwtRule per accepted"
              + " issuer and outputPayloadToHeader: "
              + trust.payloadHeader());
    }
    return rules;
  }

  private String workloadName() {
    return workload.namespace() + (workload.labels().isEmpty() ? "" : " " + workload.labels());
  }

  /** Collects the findings of one check. */
  private final class Run {

    final List<Finding> findings = new ArrayList<>();

    void add(Severity severity, Kind kind, String document, int line, String message, String fix) {
      findings.add(new Finding(severity, kind, document, line, message, fix));
    }

    void payloadHeaders(List<JwtRule> rules) {
      String first = null;
      boolean differ = false;
      for (JwtRule rule : rules) {
        String header = rule.headerName();
        String at = describe(rule.document());
        if (header == null) {
          add(
              Severity.ERROR,
              Kind.PAYLOAD_HEADER_UNSET,
              at,
              rule.node().line(),
              "The jwtRule for issuer '"
                  + rule.issuer()
                  + "' has no outputPayloadToHeader, so its tokens reach the application without"
                  + " the "
                  + trust.payloadHeader()
                  + " header",
              "Set outputPayloadToHeader: " + trust.payloadHeader());
          continue;
        }
        if (!header.equals(trust.payloadHeader())) {
          add(
              Severity.ERROR,
              Kind.PAYLOAD_HEADER_MISMATCH,
              at,
              Objects.requireNonNull(rule.header()).line(),
              "The jwtRule for issuer '"
                  + rule.issuer()
                  + "' forwards the payload in "
                  + header
                  + " but the application reads "
                  + trust.payloadHeader(),
              "Set outputPayloadToHeader: "
                  + trust.payloadHeader()
                  + " (or the application's payload header to "
                  + header
                  + " if every jwtRule uses it)");
        }
        if (first == null) {
          first = header;
        } else if (!first.equals(header) && !differ) {
          differ = true;
          add(
              Severity.ERROR,
              Kind.PAYLOAD_HEADERS_DIFFER,
              at,
              Objects.requireNonNull(rule.header()).line(),
              "The jwtRules selecting the workload forward the payload in different headers ("
                  + first
                  + ", "
                  + header
                  + "); the application reads one, so tokens of the other issuers carry no"
                  + " identity",
              "Use one outputPayloadToHeader in every jwtRule: " + trust.payloadHeader());
        }
      }
    }

    void issuers(List<JwtRule> rules) {
      if (rules.isEmpty()) {
        return;
      }
      Set<String> accepted = new LinkedHashSet<>();
      for (ApplicationTrust.Issuer issuer : trust.issuers()) {
        accepted.add(issuer.issuer());
        List<JwtRule> validating =
            rules.stream().filter(rule -> rule.validates(issuer.issuer())).toList();
        if (validating.isEmpty()) {
          JwtRule first = rules.get(0);
          add(
              Severity.ERROR,
              Kind.ISSUER_NOT_VALIDATED,
              describe(first.document()),
              first.document().root().line(),
              "The application accepts issuer '"
                  + issuer.issuer()
                  + "' but no jwtRule selecting the workload validates it: the sidecar answers"
                  + " 401 to its tokens (Jwt issuer is not configured)",
              "Add a jwtRule with issuer: "
                  + issuer.issuer()
                  + " and its jwksUri, or remove the issuer from the application");
          continue;
        }
        if (issuer.audiences().isEmpty()) {
          continue;
        }
        for (JwtRule rule : validating) {
          if (rule.audiences().isEmpty() || overlap(issuer.audiences(), rule.audiences())) {
            continue;
          }
          YamlNode audiences = rule.node().get("audiences");
          add(
              Severity.ERROR,
              Kind.AUDIENCES_DISJOINT,
              describe(rule.document()),
              audiences == null ? rule.node().line() : audiences.line(),
              "For issuer '"
                  + issuer.issuer()
                  + "' the mesh requires an audience of "
                  + rule.audiences()
                  + " and the application one of "
                  + issuer.audiences()
                  + "; they share none, so only a token naming both passes",
              "Make the two audience lists share the audience the issuer puts in its tokens");
        }
      }
      if (accepted.isEmpty()) {
        return;
      }
      for (JwtRule rule : rules) {
        if (!rule.issuer().isEmpty() && !accepted.contains(rule.issuer())) {
          YamlNode issuer = rule.node().get("issuer");
          add(
              Severity.WARNING,
              Kind.ISSUER_REJECTED_BY_APPLICATION,
              describe(rule.document()),
              issuer == null ? rule.node().line() : issuer.line(),
              "The mesh validates issuer '"
                  + rule.issuer()
                  + "' but the application rejects its tokens (401)",
              "Add the issuer to the application's issuers, or remove the jwtRule");
        }
      }
    }

    /**
     * Envoy reads the token only where {@code fromHeaders}/{@code fromParams}/{@code fromCookies}
     * say once any is set; the defaults ({@code Authorization: Bearer}, {@code access_token}) are
     * then off (envoyproxy/envoy: api/envoy/extensions/filters/http/jwt_authn/v3/config.proto
     * fields 6-7, 14; WIRE-FORMATS A10, B1).
     */
    void tokenLocation(Manifest document, YamlNode rule) {
      YamlNode fromHeaders = rule.get("fromHeaders");
      YamlNode fromParams = rule.get("fromParams");
      YamlNode fromCookies = rule.get("fromCookies");
      boolean moved =
          nonEmptyList(fromHeaders) || nonEmptyList(fromParams) || nonEmptyList(fromCookies);
      if (!moved) {
        return;
      }
      boolean bearer = false;
      if (fromHeaders != null && fromHeaders.kind() == YamlNode.Kind.LIST) {
        for (YamlNode header : fromHeaders.items()) {
          String name = Manifest.text(header.get("name"));
          String prefix = Manifest.text(header.get("prefix"));
          if (name != null && name.equalsIgnoreCase("authorization") && "Bearer ".equals(prefix)) {
            bearer = true;
          }
          String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
          if (lower.equals(trust.payloadHeader()) || lower.equals(XFCC)) {
            add(
                Severity.WARNING,
                Kind.TOKEN_LOCATION,
                describe(document),
                header.line(),
                "fromHeaders reads the token from "
                    + lower
                    + ", a header the application reads as identity",
                "Read tokens from Authorization (prefix \"Bearer \") or another header");
          }
        }
      }
      YamlNode at =
          fromHeaders != null ? fromHeaders : fromParams != null ? fromParams : fromCookies;
      if (!bearer) {
        add(
            Severity.WARNING,
            Kind.TOKEN_LOCATION,
            describe(document),
            Objects.requireNonNull(at).line(),
            "This jwtRule moves where the sidecar reads tokens, so a token sent as Authorization:"
                + " Bearer is no longer verified and reaches the application unchecked (meshguard"
                + " ignores it; other code reading Authorization would not)",
            "Add {name: Authorization, prefix: \"Bearer \"} to fromHeaders, or make sure nothing"
                + " in the application reads Authorization");
      }
      if (nonEmptyList(fromParams)) {
        add(
            Severity.WARNING,
            Kind.TOKEN_LOCATION,
            describe(document),
            Objects.requireNonNull(fromParams).line(),
            "fromParams accepts tokens in the query string, where access logs and caches keep them",
            "Read tokens from a header only");
      }
    }

    /**
     * A claim header with the payload header's or XFCC's name: jwt_authn appends both, so the
     * application sees two values and refuses the request (WIRE-FORMATS A7, A8).
     */
    void claimHeaders(Manifest document, YamlNode rule) {
      YamlNode claims = rule.get("outputClaimToHeaders");
      if (claims == null || claims.kind() != YamlNode.Kind.LIST) {
        return;
      }
      for (YamlNode claim : claims.items()) {
        String header = Manifest.text(claim.get("header"));
        String lower = header == null ? "" : header.toLowerCase(Locale.ROOT);
        if (lower.equals(trust.payloadHeader()) || lower.equals(XFCC)) {
          add(
              Severity.ERROR,
              Kind.CLAIM_HEADER_COLLISION,
              describe(document),
              claim.line(),
              "outputClaimToHeaders writes a claim into "
                  + lower
                  + ", which the application reads as identity",
              "Write the claim into a header of its own");
        }
      }
    }

    /**
     * {@code requestPrincipals}, {@code request.auth.principal} and {@code
     * request.auth.claims[iss]} values whose issuer no jwtRule validates never match: the JWT
     * metadata they read only holds tokens the sidecar verified (istio/istio:
     * pilot/pkg/security/authz/model/generator.go requestPrincipalGenerator; WIRE-FORMATS D.4).
     */
    void authorizationPolicy(Manifest policy, List<JwtRule> jwtRules) {
      YamlNode rules = policy.at("spec.rules");
      if (rules == null || rules.kind() != YamlNode.Kind.LIST) {
        return;
      }
      for (YamlNode rule : rules.items()) {
        YamlNode from = rule.get("from");
        if (from != null && from.kind() == YamlNode.Kind.LIST) {
          for (YamlNode item : from.items()) {
            YamlNode values = Manifest.at(item, "source.requestPrincipals");
            for (YamlNode value : Manifest.listOf(values)) {
              issuerPattern(policy, value, principalIssuer(value.scalar()), jwtRules);
            }
          }
        }
        YamlNode when = rule.get("when");
        for (YamlNode condition : Manifest.listOf(when)) {
          String key = Manifest.text(condition.get("key"));
          boolean principal = "request.auth.principal".equals(key);
          boolean iss = "request.auth.claims[iss]".equals(key);
          if (!principal && !iss) {
            continue;
          }
          for (YamlNode value : Manifest.listOf(condition.get("values"))) {
            String text = value.scalar();
            issuerPattern(
                policy,
                value,
                principal ? principalIssuer(text) : text == null ? null : Pattern.of(text),
                jwtRules);
          }
        }
      }
    }

    private void issuerPattern(
        Manifest policy, YamlNode value, @Nullable Pattern pattern, List<JwtRule> jwtRules) {
      if (pattern == null) {
        return;
      }
      for (JwtRule rule : jwtRules) {
        if (rule.issuer().isEmpty() || pattern.matches(rule.issuer())) {
          return;
        }
      }
      add(
          Severity.WARNING,
          Kind.UNMATCHABLE_ISSUER_IN_POLICY,
          describe(policy),
          value.line(),
          "The value '"
              + value.scalar()
              + "' names an issuer no jwtRule selecting the workload validates, so it never"
              + " matches",
          "Add a jwtRule for that issuer, or correct the value");
    }

    /**
     * The effective mTLS mode on the port: workload (selector) over namespace over mesh (root
     * namespace), {@code UNSET} inheriting, {@code portLevelMtls} over the workload's mode, and
     * PERMISSIVE when nothing sets it; a root-namespace document with a selector is ignored
     * (istio/istio: pilot/pkg/security/authn/policy_applier.go ComposePeerAuthentication;
     * istio/api: security/v1beta1/peer_authentication.proto).
     */
    void peerAuthentication(MeshManifests manifests) {
      Manifest mesh = null;
      Manifest namespace = null;
      Manifest selecting = null;
      for (Manifest document : applying(manifests, "PeerAuthentication")) {
        boolean selector = !Manifest.strings(document.at("spec.selector.matchLabels")).isEmpty();
        String ns = document.namespaceOr(workload.namespace());
        // of several at one level Istio takes the oldest; file order stands in for age here
        if (selector) {
          // a selector in the root namespace is ignored, not mesh-wide
          if (!ns.equals(workload.rootNamespace())) {
            selecting = selecting == null ? document : selecting;
          }
        } else if (ns.equals(workload.namespace())) {
          namespace = namespace == null ? document : namespace;
        } else {
          mesh = mesh == null ? document : mesh;
        }
      }
      String mode = "PERMISSIVE";
      Manifest decided = null;
      YamlNode decidedAt = null;
      for (Manifest document : new Manifest[] {mesh, namespace, selecting}) {
        if (document == null) {
          continue;
        }
        YamlNode node = document.at("spec.mtls.mode");
        String value = Manifest.text(node);
        if (value != null && !value.equals("UNSET")) {
          mode = value;
          decided = document;
          decidedAt = node;
        }
      }
      if (selecting != null && port > 0) {
        YamlNode node = selecting.at("spec.portLevelMtls");
        YamlNode portNode =
            node == null || node.kind() != YamlNode.Kind.MAP
                ? null
                : node.get(Integer.toString(port));
        YamlNode modeNode = Manifest.at(portNode, "mode");
        String value = Manifest.text(modeNode);
        if (value != null && !value.equals("UNSET")) {
          mode = value;
          decided = selecting;
          decidedAt = modeNode;
        }
      }
      if (mode.equals("STRICT")) {
        return;
      }
      add(
          Severity.WARNING,
          Kind.PEER_AUTHENTICATION_NOT_STRICT,
          decided == null ? NONE : describe(decided),
          decidedAt == null ? 0 : decidedAt.line(),
          "mTLS on "
              + (port > 0 ? "port " + port : "the workload")
              + " is "
              + mode
              + (decided == null ? " (no PeerAuthentication sets it: Istio's default)" : "")
              + ": plaintext callers arrive without an XFCC element, so peer requirements deny"
              + " them (the JWT filter still strips a forged payload header)",
          "Apply a PeerAuthentication with mtls.mode: STRICT for the workload, its namespace or"
              + " the mesh");
    }
  }

  /** How an issuer is matched: exactly, by prefix or by suffix. */
  private enum Match {
    EXACT,
    PREFIX,
    SUFFIX
  }

  /** An issuer pattern as Istio's string matching reads it. */
  private record Pattern(Match match, String text) {

    /** A claim value: exact, {@code x*}, {@code *x}, or {@code *} (any non-empty). */
    static Pattern of(String value) {
      if (value.startsWith("*")) {
        return new Pattern(Match.SUFFIX, value.substring(1));
      }
      if (value.endsWith("*")) {
        return new Pattern(Match.PREFIX, value.substring(0, value.length() - 1));
      }
      return new Pattern(Match.EXACT, value);
    }

    boolean matches(String issuer) {
      switch (match) {
        case PREFIX:
          return issuer.startsWith(text);
        case SUFFIX:
          return issuer.endsWith(text) && !issuer.isEmpty();
        default:
          return issuer.equals(text);
      }
    }
  }

  /**
   * The issuer part of a {@code requestPrincipals} value, split at the last {@code /} as Istio
   * 1.21+ does (WIRE-FORMATS D.4), or {@code null} when it matches any issuer.
   */
  private static @Nullable Pattern principalIssuer(@Nullable String value) {
    if (value == null || value.equals("*")) {
      return null;
    }
    int slash = value.lastIndexOf('/');
    if (slash < 0) {
      // leading '*': any issuer (a suffix of sub); trailing '*': an issuer prefix; else exact
      if (value.startsWith("*")) {
        return null;
      }
      return value.endsWith("*")
          ? new Pattern(Match.PREFIX, value.substring(0, value.length() - 1))
          : new Pattern(Match.EXACT, value);
    }
    String issuer = value.substring(0, slash);
    if (value.startsWith("*")) {
      // leading '*' with '/': issuer '*' is any, else an issuer suffix
      return issuer.equals("*") ? null : new Pattern(Match.SUFFIX, issuer.substring(1));
    }
    // trailing '*' only widens sub; the issuer is exact
    return new Pattern(Match.EXACT, issuer);
  }

  /**
   * Whether an application audience and a mesh audience can be the same {@code aud} value; the mesh
   * compares after stripping {@code http(s)://} and one trailing {@code /} (google/jwt_verify_lib:
   * src/check_audience.cc; WIRE-FORMATS A14).
   */
  private static boolean overlap(List<String> application, List<String> mesh) {
    for (String a : application) {
      for (String m : mesh) {
        if (normalized(a).equals(normalized(m))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String normalized(String audience) {
    String value = audience;
    if (value.startsWith("http://")) {
      value = value.substring(7);
    } else if (value.startsWith("https://")) {
      value = value.substring(8);
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static boolean nonEmptyList(@Nullable YamlNode node) {
    return node != null && node.kind() == YamlNode.Kind.LIST && !node.items().isEmpty();
  }
}
