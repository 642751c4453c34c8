package io.meshguard.core.mesh;

import io.meshguard.core.mesh.Finding.Kind;
import io.meshguard.core.mesh.Finding.Severity;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.policy.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  private static final String SECURITY = "security.istio.io";
  private static final String XFCC = "x-forwarded-client-cert";
  private static final String NONE = "(none)";

  /** The template-bearing kinds and where their pod template is. */
  private static final Map<String, String> TEMPLATES =
      Map.of(
          "Deployment", "spec.template",
          "StatefulSet", "spec.template",
          "DaemonSet", "spec.template",
          "ReplicaSet", "spec.template",
          "ReplicationController", "spec.template",
          "Job", "spec.template",
          "CronJob", "spec.jobTemplate.spec.template");

  /**
   * Ports the sidecar's iptables rules never redirect, or that Envoy and the agent listen on
   * (istio/istio: tools/istio-iptables/pkg/constants/constants.go; istio.io "Ports used by Istio").
   */
  private static final Set<Integer> ISTIO_PORTS =
      Set.of(15000, 15001, 15004, 15006, 15008, 15009, 15020, 15021, 15053, 15090);

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
    run.workloadTemplates(manifests);
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

  /** One {@code jwtRules} entry of a selecting RequestAuthentication. */
  private record JwtRule(
      Manifest document,
      YamlNode node,
      String issuer,
      List<String> audiences,
      @Nullable YamlNode header) {

    @Nullable String headerName() {
      String name = Manifest.text(header);
      return name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
    }

    /** Envoy accepts any {@code iss} for a provider without issuer (jwt_authn A13). */
    boolean validates(String iss) {
      return issuer.isEmpty() || issuer.equals(iss);
    }
  }

  private String describe(Manifest document) {
    return document.describe(workload.namespace());
  }

  /** Security documents of {@code kind} that apply to the workload by namespace and selector. */
  private List<Manifest> applying(MeshManifests manifests, String kind) {
    List<Manifest> applying = new ArrayList<>();
    for (Manifest document : manifests.documents()) {
      if (!document.group().equals(SECURITY) || !document.kind().equals(kind)) {
        continue;
      }
      // targetRef(s) attach the document to gateways and waypoints, never to a sidecar
      // (istio/istio: pilot/pkg/model/policyattachment.go ShouldAttachPolicy)
      if (document.at("spec.targetRef") != null || document.at("spec.targetRefs") != null) {
        continue;
      }
      Map<String, String> labels = strings(document.at("spec.selector.matchLabels"));
      if (workload.isSelectedBy(document.namespaceOr(workload.namespace()), labels)) {
        applying.add(document);
      }
    }
    return applying;
  }

  private List<JwtRule> requestAuthentications(MeshManifests manifests, Run run) {
    List<JwtRule> rules = new ArrayList<>();
    for (Manifest document : applying(manifests, "RequestAuthentication")) {
      YamlNode jwtRules = document.at("spec.jwtRules");
      if (jwtRules == null || jwtRules.kind() != YamlNode.Kind.LIST) {
        continue;
      }
      for (YamlNode rule : jwtRules.items()) {
        if (rule.kind() != YamlNode.Kind.MAP) {
          continue;
        }
        String issuer = Manifest.text(rule.get("issuer"));
        rules.add(
            new JwtRule(
                document,
                rule,
                issuer == null ? "" : issuer,
                texts(rule.get("audiences")),
                rule.get("outputPayloadToHeader")));
        run.tokenLocation(document, rule);
        run.claimHeaders(document, rule);
      }
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
            for (YamlNode value : listOf(values)) {
              issuerPattern(policy, value, principalIssuer(value.scalar()), jwtRules);
            }
          }
        }
        YamlNode when = rule.get("when");
        for (YamlNode condition : listOf(when)) {
          String key = Manifest.text(condition.get("key"));
          boolean principal = "request.auth.principal".equals(key);
          boolean iss = "request.auth.claims[iss]".equals(key);
          if (!principal && !iss) {
            continue;
          }
          for (YamlNode value : listOf(condition.get("values"))) {
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
        boolean selector = !strings(document.at("spec.selector.matchLabels")).isEmpty();
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

    void workloadTemplates(MeshManifests manifests) {
      Manifest namespace = null;
      List<Manifest> templates = new ArrayList<>();
      for (Manifest document : manifests.documents()) {
        if (document.group().isEmpty()
            && document.kind().equals("Namespace")
            && document.name().equals(workload.namespace())) {
          namespace = document;
        } else if (describesWorkload(document)) {
          templates.add(document);
        }
      }
      Map<String, YamlNode> nsLabels =
          namespace == null ? Map.of() : nodes(namespace.at("metadata.labels"));
      for (Manifest template : templates) {
        workloadTemplate(template, namespace, nsLabels);
      }
      if (templates.isEmpty() && namespace != null) {
        // No template: what the namespace alone decides.
        workloadTemplate(null, namespace, nsLabels);
      }
    }

    private boolean describesWorkload(Manifest document) {
      YamlNode pod = pod(document);
      if (pod == null || !document.namespaceOr(workload.namespace()).equals(workload.namespace())) {
        return false;
      }
      Map<String, String> labels = strings(Manifest.at(pod, "metadata.labels"));
      for (Map.Entry<String, String> label : workload.labels().entrySet()) {
        if (!label.getValue().equals(labels.get(label.getKey()))) {
          return false;
        }
      }
      return true;
    }

    /** The pod (metadata and spec) a document describes, or {@code null}. */
    private @Nullable YamlNode pod(Manifest document) {
      if (document.kind().equals("Pod") && document.group().isEmpty()) {
        return document.root();
      }
      String path = TEMPLATES.get(document.kind());
      if (path == null || !(document.group().equals("apps") || document.group().equals("batch"))) {
        return null;
      }
      return document.at(path);
    }

    private void workloadTemplate(
        @Nullable Manifest template, @Nullable Manifest namespace, Map<String, YamlNode> nsLabels) {
      YamlNode pod = template == null ? null : pod(template);
      Map<String, YamlNode> labels = nodes(Manifest.at(pod, "metadata.labels"));
      Map<String, YamlNode> annotations = nodes(Manifest.at(pod, "metadata.annotations"));
      String at =
          template != null ? describe(template) : describe(Objects.requireNonNull(namespace));
      // Ambient: the istio.io/dataplane-mode label on the pod or its namespace; "none" on the pod
      // opts out, and a pod that asks for a sidecar keeps it (istio/istio:
      // pkg/kube/util/ambient.go / cni/pkg/util/podutil.go PodRedirectionEnabled).
      YamlNode podMode = labels.get("istio.io/dataplane-mode");
      YamlNode nsMode = nsLabels.get("istio.io/dataplane-mode");
      YamlNode podInject = labels.get("sidecar.istio.io/inject");
      if (podInject == null) {
        podInject = annotations.get("sidecar.istio.io/inject");
      }
      boolean askSidecar = podInject != null && "true".equals(podInject.scalar());
      YamlNode ambient =
          podMode != null
              ? ("ambient".equals(podMode.scalar()) ? podMode : null)
              : nsMode != null && "ambient".equals(nsMode.scalar()) ? nsMode : null;
      if (ambient != null && !askSidecar) {
        String where = ambient == podMode ? at : describe(Objects.requireNonNull(namespace));
        add(
            trust.requiresPeer() ? Severity.ERROR : Severity.WARNING,
            Kind.AMBIENT_MODE,
            where,
            ambient.line(),
            "The workload runs in ambient mode (istio.io/dataplane-mode: ambient): no sidecar"
                + " appends an XFCC element"
                + (trust.requiresPeer()
                    ? ", so endpoints that require a peer refuse every caller"
                    : "")
                + ", and selector RequestAuthentications are not applied by ztunnel (only a"
                + " waypoint with a targetRef one strips a forged "
                + trust.payloadHeader()
                + ")",
            "Run the workload with a sidecar (label sidecar.istio.io/inject: \"true\" or"
                + " istio.io/dataplane-mode: none and an injected namespace)");
        return;
      }
      injection(at, pod, podInject, labels, namespace, nsLabels);
      if (template == null) {
        return;
      }
      interception(at, annotations);
    }

    /**
     * Injection as Istio's webhook decides it: the pod's {@code sidecar.istio.io/inject} (label, or
     * the older annotation) over the namespace's {@code istio-injection}/{@code istio.io/rev},
     * never into {@code hostNetwork} pods (istio/istio: pkg/kube/inject/webhook.go injectRequired;
     * manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml).
     */
    private void injection(
        String at,
        @Nullable YamlNode pod,
        @Nullable YamlNode podInject,
        Map<String, YamlNode> labels,
        @Nullable Manifest namespace,
        Map<String, YamlNode> nsLabels) {
      YamlNode hostNetwork = Manifest.at(pod, "spec.hostNetwork");
      if (hostNetwork != null && "true".equals(hostNetwork.scalar())) {
        injectionOff(
            at,
            hostNetwork.line(),
            "the pod uses hostNetwork, which Istio never injects",
            "Remove hostNetwork: true");
        return;
      }
      if (podInject != null && "false".equals(podInject.scalar())) {
        injectionOff(
            at,
            podInject.line(),
            "sidecar.istio.io/inject is \"false\"",
            "Remove sidecar.istio.io/inject: \"false\" (or set it to \"true\")");
        return;
      }
      YamlNode nsInjection = nsLabels.get("istio-injection");
      if (nsInjection != null && "disabled".equals(nsInjection.scalar())) {
        injectionOff(
            describe(Objects.requireNonNull(namespace)),
            nsInjection.line(),
            "namespace " + workload.namespace() + " has istio-injection: disabled",
            "Label the namespace istio-injection: enabled");
        return;
      }
      boolean enabled =
          (nsInjection != null && "enabled".equals(nsInjection.scalar()))
              || nsLabels.containsKey("istio.io/rev")
              || labels.containsKey("istio.io/rev")
              || (podInject != null && "true".equals(podInject.scalar()));
      if (!enabled && namespace != null) {
        injectionOff(
            describe(namespace),
            namespace.root().line(),
            "neither namespace " + workload.namespace() + " nor the pod enables injection",
            "Label the namespace istio-injection: enabled (or istio.io/rev: <revision>)");
      }
    }

    private void injectionOff(String at, int line, String why, String fix) {
      add(
          Severity.ERROR,
          Kind.INJECTION_DISABLED,
          at,
          line,
          "No sidecar is injected into the workload ("
              + why
              + "): nothing verifies tokens, strips "
              + trust.payloadHeader()
              + " or appends XFCC, so both can be forged",
          fix);
    }

    private void interception(String at, Map<String, YamlNode> annotations) {
      YamlNode proxyConfigNode = annotations.get("proxy.istio.io/config");
      YamlNode proxyConfig = null;
      if (proxyConfigNode != null && proxyConfigNode.scalar() != null) {
        try {
          List<YamlNode> read = YamlNode.readAll(proxyConfigNode.scalar());
          proxyConfig = read.isEmpty() ? null : read.get(0);
        } catch (YamlNode.SyntaxException e) {
          add(
              Severity.WARNING,
              Kind.UNREADABLE,
              at,
              proxyConfigNode.line(),
              "proxy.istio.io/config is not readable YAML: " + e.getMessage(),
              "Write the annotation as a YAML ProxyConfig");
        }
      }
      // interceptionMode NONE: no iptables redirect at all (istio/api: mesh/v1alpha1/proxy.proto
      // InboundInterceptionMode; annotation sidecar.istio.io/interceptionMode)
      YamlNode mode = annotations.get("sidecar.istio.io/interceptionMode");
      YamlNode configMode = Manifest.at(proxyConfig, "interceptionMode");
      for (YamlNode node : new YamlNode[] {mode, configMode}) {
        if (node != null && "NONE".equals(node.scalar())) {
          add(
              Severity.ERROR,
              Kind.INTERCEPTION_DISABLED,
              at,
              node == configMode ? proxyConfigNode.line() : node.line(),
              "interceptionMode is NONE: inbound traffic is not redirected to the sidecar, so"
                  + " callers reach the application directly and write any header",
              "Remove interceptionMode: NONE (REDIRECT or TPROXY)");
          return;
        }
      }
      if (port > 0) {
        ports(at, annotations);
      }
      if (trust.readsXfcc()) {
        // istio/api: mesh/v1alpha1/proxy.proto ProxyHeaders.forwarded_client_cert ("Controls the
        // X-Forwarded-Client-Cert header for inbound sidecar requests ... By default,
        // APPEND_FORWARD") and set_current_client_cert_details (uri "Defaults to true")
        YamlNode uri = Manifest.at(proxyConfig, "proxyHeaders.setCurrentClientCertDetails.uri");
        if (uri != null && "false".equals(uri.scalar())) {
          add(
              Severity.ERROR,
              Kind.XFCC_WITHOUT_URI,
              at,
              Objects.requireNonNull(proxyConfigNode).line(),
              "proxy.istio.io/config sets proxyHeaders.setCurrentClientCertDetails.uri: false, so"
                  + " the sidecar's XFCC element carries no SPIFFE ID and no caller has a peer",
              "Remove setCurrentClientCertDetails.uri: false");
        }
        YamlNode xfcc = Manifest.at(proxyConfig, "proxyHeaders.forwardedClientCert");
        String value = Manifest.text(xfcc);
        if (value != null && !value.equals("APPEND_FORWARD") && !value.equals("SANITIZE_SET")) {
          add(
              Severity.ERROR,
              Kind.XFCC_NOT_APPENDED,
              at,
              Objects.requireNonNull(proxyConfigNode).line(),
              "proxy.istio.io/config sets proxyHeaders.forwardedClientCert: "
                  + value
                  + (value.equals("SANITIZE")
                      ? ", so the sidecar removes XFCC and no caller has a peer"
                      : ", so the sidecar does not append its own element and the caller can"
                          + " write the last one"),
              "Remove proxyHeaders.forwardedClientCert (the sidecar default APPEND_FORWARD), or"
                  + " set APPEND_FORWARD or SANITIZE_SET");
        }
      }
    }

    /**
     * The port is redirected unless {@code excludeInboundPorts} lists it, or {@code
     * includeInboundPorts} is set and neither lists it nor is {@code *} (an empty value redirects
     * nothing) (istio/api: annotation/annotations.yaml; istio/istio:
     * tools/istio-iptables/pkg/capture/run.go).
     */
    private void ports(String at, Map<String, YamlNode> annotations) {
      YamlNode exclude = annotations.get("traffic.sidecar.istio.io/excludeInboundPorts");
      if (exclude != null && portList(exclude.scalar()).contains(Integer.toString(port))) {
        notIntercepted(
            at,
            exclude.line(),
            "traffic.sidecar.istio.io/excludeInboundPorts lists it",
            "Remove " + port + " from traffic.sidecar.istio.io/excludeInboundPorts");
        return;
      }
      YamlNode include = annotations.get("traffic.sidecar.istio.io/includeInboundPorts");
      if (include != null) {
        List<String> ports = portList(include.scalar());
        if (!ports.contains("*") && !ports.contains(Integer.toString(port))) {
          notIntercepted(
              at,
              include.line(),
              "traffic.sidecar.istio.io/includeInboundPorts does not list it",
              "Add " + port + " to traffic.sidecar.istio.io/includeInboundPorts (or use \"*\")");
          return;
        }
      }
      if (ISTIO_PORTS.contains(port)) {
        notIntercepted(
            at,
            0,
            "Istio reserves it for the proxy",
            "Serve the application on a port Istio does not use");
      }
    }

    private void notIntercepted(String at, int line, String why, String fix) {
      add(
          Severity.ERROR,
          Kind.PORT_NOT_INTERCEPTED,
          at,
          line,
          "Port "
              + port
              + " is not redirected to the sidecar ("
              + why
              + "): callers reach the application directly and write any header",
          fix);
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

  private static List<YamlNode> listOf(@Nullable YamlNode node) {
    List<YamlNode> items = new ArrayList<>();
    if (node != null && node.kind() == YamlNode.Kind.LIST) {
      for (YamlNode item : node.items()) {
        if (item.kind() == YamlNode.Kind.SCALAR || item.kind() == YamlNode.Kind.MAP) {
          items.add(item);
        }
      }
    }
    return items;
  }

  /** A comma-separated port list, trimmed; an empty value is an empty list. */
  private static List<String> portList(@Nullable String value) {
    List<String> ports = new ArrayList<>();
    if (value == null) {
      return ports;
    }
    for (String part : value.split(",")) {
      if (!part.trim().isEmpty()) {
        ports.add(part.trim());
      }
    }
    return ports;
  }

  /** A mapping's scalar values; non-scalars are left out. */
  private static Map<String, String> strings(@Nullable YamlNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> entry : nodes(node).entrySet()) {
      String text = Manifest.text(entry.getValue());
      if (text != null) {
        values.put(entry.getKey(), text);
      }
    }
    return values;
  }

  /** A list's scalar values; empty when absent or not a list. */
  private static List<String> texts(@Nullable YamlNode node) {
    List<String> values = new ArrayList<>();
    for (YamlNode item : listOf(node)) {
      if (item.scalar() != null) {
        values.add(item.scalar());
      }
    }
    return values;
  }

  private static Map<String, YamlNode> nodes(@Nullable YamlNode node) {
    return node == null || node.kind() != YamlNode.Kind.MAP ? Map.of() : node.entries();
  }
}
