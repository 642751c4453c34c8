package io.meshguard.core.policy;

import io.meshguard.core.internal.IstioMatch;
import io.meshguard.core.policy.CompiledPolicy.Action;
import io.meshguard.core.policy.CompiledPolicy.Attribute;
import io.meshguard.core.policy.CompiledPolicy.Clause;
import io.meshguard.core.policy.CompiledPolicy.Field;
import io.meshguard.core.policy.Matchers.RequestPrincipal;
import io.meshguard.core.policy.Matchers.ValueMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns YAML documents into compiled policies, strictly: whatever inside the authorization part
 * cannot be evaluated truthfully in the application fails the load, naming document, line and
 * field.
 */
final class PolicyParser {

  static final String GROUP = "security.istio.io";
  private static final Set<String> VERSIONS = Set.of("v1", "v1beta1");
  private static final Set<String> TOP_LEVEL =
      Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final String DRY_RUN = "istio.io/dry-run";
  private static final String NOT_IN_APP =
      "cannot be evaluated truthfully inside the application (it needs the connection as the"
          + " sidecar sees it)";

  private static final Logger LOG = LoggerFactory.getLogger(PolicyParser.class);
  private static final Set<String> SOURCE_FIELDS =
      Set.of(
          "principals",
          "notPrincipals",
          "requestPrincipals",
          "notRequestPrincipals",
          "namespaces",
          "notNamespaces",
          "serviceAccounts",
          "notServiceAccounts",
          "ipBlocks",
          "notIpBlocks",
          "remoteIpBlocks",
          "notRemoteIpBlocks",
          "trustDomains",
          "notTrustDomains");
  private static final Set<String> OPERATION_FIELDS =
      Set.of(
          "hosts", "notHosts", "ports", "notPorts", "methods", "notMethods", "paths", "notPaths");
  private static final int MAX_SERVICE_ACCOUNTS = 16;
  private static final int MAX_SPACE_DELIMITED_CLAIMS = 64;
  private static final int MAX_SERVICE_ACCOUNT_LENGTH = 320;

  private final Workload workload;
  private final TrustDomainBundle trustDomainBundle;
  final List<CompiledPolicy> policies = new ArrayList<>();
  final List<RequestAuthenticationRule> requestAuthentications = new ArrayList<>();

  /** Whether a rule reads the authority ({@code hosts}, {@code request.headers[:authority]}). */
  boolean readsHosts;

  private int document;

  /** The namespace of the policy being read: {@code serviceAccounts} without one mean it. */
  private String policyNamespace = "";

  private String documentName = "";

  PolicyParser(Workload workload) {
    this.workload = workload;
    this.trustDomainBundle = TrustDomainBundle.of(workload);
  }

  private PolicyLoadException fail(YamlNode at, String field, String problem) {
    return new PolicyLoadException(document, documentName, at.line, field, problem);
  }

  void parse(List<YamlNode> yamlDocuments) {
    for (YamlNode root : yamlDocuments) {
      document++;
      documentName = "";
      if (root.kind != YamlNode.Kind.MAP) {
        throw fail(root, "", "a document must be a mapping");
      }
      String apiVersion = scalar(root, "apiVersion", true);
      String kind = scalar(root, "kind", true);
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      if (!group.equals(GROUP)) {
        continue; // another API group: Gateway, VirtualService, ...
      }
      if (kind.equals("RequestAuthentication")) {
        try {
          securityDocument(root, apiVersion.substring(slash + 1), kind);
        } catch (PolicyLoadException e) {
          // The API server or Istio's webhook would refuse it, so the mesh does not have it.
          LOG.warn(
              "meshguard ignores a RequestAuthentication the mesh would refuse: {}",
              e.getMessage());
        }
      } else {
        securityDocument(root, apiVersion.substring(slash + 1), kind);
      }
    }
  }

  private void securityDocument(YamlNode root, String version, String kind) {
    for (String key : root.map.keySet()) {
      if (!TOP_LEVEL.contains(key)) {
        throw fail(root.map.get(key), key, "unknown field");
      }
    }
    YamlNode metadata = map(root, "metadata", true);
    String name = scalar(metadata, "name", true);
    String namespace = scalar(metadata, "namespace", false);
    if (namespace.isEmpty()) {
      namespace = workload.namespace();
    }
    documentName = kind + " " + namespace + "/" + name;
    if (!VERSIONS.contains(version)) {
      throw fail(
          root.get("apiVersion"), "apiVersion", "only security.istio.io/v1 and v1beta1 are read");
    }
    YamlNode spec = root.get("spec");
    if (spec != null && spec.kind == YamlNode.Kind.NULL) {
      spec = null;
    }
    if (spec != null && spec.kind != YamlNode.Kind.MAP) {
      throw fail(spec, "spec", "must be a mapping");
    }
    switch (kind) {
      case "AuthorizationPolicy":
        authorizationPolicy(metadata, spec, namespace, name);
        break;
      case "RequestAuthentication":
        requestAuthentication(spec, namespace);
        break;
      case "PeerAuthentication":
        // mTLS mode: the sidecar's business, nothing to evaluate here
        break;
      default:
        throw fail(root.get("kind"), "kind", "unknown kind under " + GROUP);
    }
  }

  private boolean applies(String namespace, @Nullable YamlNode selector, String field) {
    Map<String, String> labels = matchLabels(selector, field);
    boolean inScope =
        namespace.equals(workload.rootNamespace()) || namespace.equals(workload.namespace());
    if (!inScope) {
      return false;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getValue().equals(workload.labels().get(label.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private Map<String, String> matchLabels(@Nullable YamlNode selector, String field) {
    if (selector == null || selector.kind == YamlNode.Kind.NULL) {
      return Map.of();
    }
    if (selector.kind != YamlNode.Kind.MAP) {
      throw fail(selector, field, "must be a mapping");
    }
    java.util.LinkedHashMap<String, String> labels = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> entry : selector.map.entrySet()) {
      if (!entry.getKey().equals("matchLabels")) {
        throw fail(entry.getValue(), field + "." + entry.getKey(), "unknown field");
      }
      YamlNode match = entry.getValue();
      if (match.kind == YamlNode.Kind.NULL) {
        continue;
      }
      if (match.kind != YamlNode.Kind.MAP) {
        throw fail(match, field + ".matchLabels", "must be a mapping");
      }
      for (Map.Entry<String, YamlNode> label : match.map.entrySet()) {
        if (label.getValue().kind != YamlNode.Kind.SCALAR) {
          throw fail(
              label.getValue(), field + ".matchLabels." + label.getKey(), "must be a string");
        }
        String value = label.getValue().scalar;
        if (label.getKey().isEmpty()
            || label.getKey().contains("*")
            || (value != null && value.contains("*"))) {
          throw fail(
              label.getValue(),
              field + ".matchLabels." + label.getKey(),
              "a label needs a name and matches no wildcard (Istio refuses it)");
        }
        labels.put(label.getKey(), value);
      }
    }
    return labels;
  }

  private void authorizationPolicy(
      YamlNode metadata, @Nullable YamlNode spec, String namespace, String name) {
    YamlNode dryRunFlag = null;
    YamlNode annotations = metadata.get("annotations");
    if (annotations != null && annotations.kind == YamlNode.Kind.MAP) {
      dryRunFlag = annotations.get(DRY_RUN);
    }
    policyNamespace = namespace;
    Action action = Action.ALLOW;
    YamlNode selector = null;
    List<CompiledPolicy.Rule> rules = new ArrayList<>();
    if (spec != null) {
      for (Map.Entry<String, YamlNode> entry : spec.map.entrySet()) {
        String key = entry.getKey();
        YamlNode value = entry.getValue();
        switch (key) {
          case "selector":
            selector = value;
            break;
          case "action":
            action = action(value);
            break;
          case "rules":
            List<YamlNode> items = list(value, "spec.rules");
            for (int i = 0; i < items.size(); i++) {
              rules.add(rule(items.get(i), i, "spec.rules[" + i + "]"));
            }
            break;
          case "targetRef":
          case "targetRefs":
            throw fail(
                value,
                "spec." + key,
                "attaches the policy to a gateway, waypoint or service, never to the sidecar in"
                    + " front of this application; use selector");
          case "provider":
            throw fail(
                value,
                "spec.provider",
                "belongs to action CUSTOM, which needs an external authorizer");
          default:
            throw fail(value, "spec." + key, "unknown field");
        }
      }
    }
    boolean dryRun = dryRunFlag != null && dryRun(dryRunFlag, action);
    if (applies(namespace, selector, "spec.selector")) {
      policies.add(new CompiledPolicy(namespace, name, action, dryRun, rules));
    }
  }

  /**
   * {@code istio.io/dry-run} as Istio reads it: Go's {@code strconv.ParseBool} (builder.go {@code
   * isDryRun}), and only on ALLOW and DENY (validation.go {@code checkDryRunAnnotation}).
   */
  private boolean dryRun(YamlNode flag, Action action) {
    String field = "metadata.annotations." + DRY_RUN;
    String value = scalarValue(flag, field);
    boolean dryRun;
    switch (value) {
      case "1":
      case "t":
      case "T":
      case "TRUE":
      case "true":
      case "True":
        dryRun = true;
        break;
      case "0":
      case "f":
      case "F":
      case "FALSE":
      case "false":
      case "False":
        dryRun = false;
        break;
      default:
        throw fail(
            flag, field, "must be true or false as Go's ParseBool reads it (Istio refuses others)");
    }
    if (action == Action.AUDIT) {
      throw fail(flag, field, "is only for ALLOW and DENY policies (Istio refuses it on AUDIT)");
    }
    return dryRun;
  }

  private Action action(YamlNode value) {
    String text = scalarValue(value, "spec.action");
    switch (text) {
      case "ALLOW":
        return Action.ALLOW;
      case "DENY":
        return Action.DENY;
      case "AUDIT":
        return Action.AUDIT;
      case "CUSTOM":
        throw fail(
            value,
            "spec.action",
            "CUSTOM needs an external authorizer and cannot be evaluated in the application");
      default:
        throw fail(value, "spec.action", "must be ALLOW, DENY or AUDIT");
    }
  }

  private CompiledPolicy.Rule rule(YamlNode node, int index, String field) {
    if (node.kind != YamlNode.Kind.MAP) {
      throw fail(node, field, "must be a mapping");
    }
    List<Clause> from = new ArrayList<>();
    List<Clause> to = new ArrayList<>();
    List<Clause> when = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry : node.map.entrySet()) {
      String key = entry.getKey();
      String path = field + "." + key;
      if (!key.equals("from") && !key.equals("to") && !key.equals("when")) {
        throw fail(entry.getValue(), path, "unknown field");
      }
      List<YamlNode> items = list(entry.getValue(), path);
      if (items.isEmpty() && entry.getValue().kind == YamlNode.Kind.LIST && !key.equals("when")) {
        throw fail(entry.getValue(), path, "may not be an empty list (Istio refuses it)");
      }
      for (int i = 0; i < items.size(); i++) {
        String itemPath = path + "[" + i + "]";
        switch (key) {
          case "from":
            from.add(wrapped(items.get(i), itemPath, "source", this::source));
            break;
          case "to":
            to.add(wrapped(items.get(i), itemPath, "operation", this::operation));
            break;
          case "when":
            when.add(condition(items.get(i), itemPath));
            break;
          default:
            throw fail(entry.getValue(), path, "unknown field");
        }
      }
    }
    return new CompiledPolicy.Rule(index, from, to, when, exactPath(node));
  }

  /** The single exact path a rule is limited to, for indexing; {@code null} if none. */
  private static @Nullable String exactPath(YamlNode rule) {
    YamlNode to = rule.get("to");
    if (to == null || to.list.size() != 1) {
      return null;
    }
    YamlNode operation = to.list.get(0).get("operation");
    YamlNode paths = operation == null ? null : operation.get("paths");
    if (paths == null || paths.list.size() != 1 || paths.list.get(0).scalar == null) {
      return null;
    }
    String path = paths.list.get(0).scalar;
    return path.contains("*") || path.contains("{") ? null : path;
  }

  private interface ClauseReader {
    Clause read(YamlNode body, String field);
  }

  private Clause wrapped(YamlNode item, String field, String wrapper, ClauseReader reader) {
    if (item.kind != YamlNode.Kind.MAP || item.map.size() != 1 || item.get(wrapper) == null) {
      throw fail(item, field, "must hold exactly '" + wrapper + "'");
    }
    YamlNode body = item.get(wrapper);
    if (body.kind != YamlNode.Kind.MAP || body.map.isEmpty()) {
      throw fail(body, field + "." + wrapper, "must set at least one field");
    }
    return reader.read(body, field + "." + wrapper);
  }

  private Clause source(YamlNode body, String field) {
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry : body.map.entrySet()) {
      String key = entry.getKey();
      String path = field + "." + key;
      boolean negated = key.startsWith("not");
      if (SOURCE_FIELDS.contains(key) && list(entry.getValue(), path).isEmpty()) {
        continue; // an empty list is an unset field (proto3)
      }
      switch (key) {
        case "principals":
        case "notPrincipals":
          fields.add(
              values(
                  entry.getValue(),
                  path,
                  PolicyContext::peer,
                  literalInside(this::principalMatches),
                  negated));
          break;
        case "namespaces":
        case "notNamespaces":
          fields.add(values(entry.getValue(), path, PolicyContext::peer, NAMESPACES, negated));
          break;
        case "requestPrincipals":
        case "notRequestPrincipals":
          fields.add(requestPrincipals(entry.getValue(), path, negated));
          break;
        case "ipBlocks":
        case "notIpBlocks":
        case "remoteIpBlocks":
        case "notRemoteIpBlocks":
          throw fail(entry.getValue(), path, NOT_IN_APP);
        case "trustDomains":
        case "notTrustDomains":
          fields.add(values(entry.getValue(), path, PolicyContext::peer, trustDomains, negated));
          break;
        case "serviceAccounts":
        case "notServiceAccounts":
          fields.add(
              values(
                  serviceAccountList(entry.getValue(), path),
                  path,
                  PolicyContext::peer,
                  serviceAccounts,
                  negated));
          break;
        default:
          throw fail(entry.getValue(), path, "unknown field");
      }
    }
    if (fields.isEmpty()) {
      throw fail(body, field, "must set at least one field");
    }
    for (String key : List.of("serviceAccounts", "notServiceAccounts")) {
      if (isSet(body, key)) {
        for (String other : List.of("principals", "notPrincipals", "namespaces", "notNamespaces")) {
          if (isSet(body, other)) {
            throw fail(
                body.get(key),
                field + "." + key,
                "cannot be set with namespaces or principals (Istio refuses it)");
          }
        }
      }
    }
    return new Clause(fields, "source");
  }

  /** Whether a list field holds a value (an empty list is unset, as in proto3). */
  private static boolean isSet(YamlNode body, String key) {
    YamlNode node = body.get(key);
    return node != null
        && node.kind != YamlNode.Kind.NULL
        && !(node.kind == YamlNode.Kind.LIST && node.list.isEmpty());
  }

  /** At most 16 service accounts a list (security.go {@code CheckServiceAccount}). */
  private YamlNode serviceAccountList(YamlNode node, String field) {
    if (node.kind == YamlNode.Kind.LIST && node.list.size() > MAX_SERVICE_ACCOUNTS) {
      throw fail(node, field, "may not have more than 16 values (Istio refuses it)");
    }
    return node;
  }

  private Clause operation(YamlNode body, String field) {
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry : body.map.entrySet()) {
      String key = entry.getKey();
      String path = field + "." + key;
      boolean negated = key.startsWith("not");
      if (OPERATION_FIELDS.contains(key) && list(entry.getValue(), path).isEmpty()) {
        continue; // an empty list is an unset field (proto3)
      }
      switch (key) {
        case "hosts":
        case "notHosts":
          readsHosts = true;
          fields.add(
              values(
                  entry.getValue(),
                  path,
                  PolicyContext::host,
                  literalInside(v -> List.of(Matchers.string(v, true, true))),
                  negated));
          break;
        case "methods":
        case "notMethods":
          fields.add(
              values(
                  entry.getValue(),
                  path,
                  PolicyContext::method,
                  literalInside(v -> List.of(Matchers.string(v, true, false))),
                  negated));
          break;
        case "paths":
        case "notPaths":
          fields.add(
              values(
                  entry.getValue(),
                  path,
                  PolicyContext::path,
                  (v, at, f) -> {
                    if (v.indexOf('{') < 0) {
                      noteLiteralStar(v, at, f);
                    }
                    return List.of(pathMatch(v, at, f));
                  },
                  negated));
          break;
        case "ports":
        case "notPorts":
          fields.add(
              values(
                  entry.getValue(),
                  path,
                  PolicyContext::port,
                  (v, at, f) -> List.of(port(v, at, f)),
                  negated));
          break;
        default:
          throw fail(entry.getValue(), path, "unknown field");
      }
    }
    if (fields.isEmpty()) {
      throw fail(body, field, "must set at least one field");
    }
    return new Clause(fields, "operation");
  }

  private Clause condition(YamlNode item, String field) {
    if (item.kind != YamlNode.Kind.MAP) {
      throw fail(item, field, "must be a mapping");
    }
    String key = null;
    YamlNode values = null;
    YamlNode notValues = null;
    for (Map.Entry<String, YamlNode> entry : item.map.entrySet()) {
      switch (entry.getKey()) {
        case "key":
          key = scalarValue(entry.getValue(), field + ".key");
          break;
        case "values":
          values = entry.getValue();
          break;
        case "notValues":
          notValues = entry.getValue();
          break;
        default:
          throw fail(entry.getValue(), field + "." + entry.getKey(), "unknown field");
      }
    }
    if (key == null) {
      throw fail(item, field + ".key", "is required");
    }
    if (values != null && list(values, field + ".values").isEmpty()) {
      values = null; // an empty list is an unset field (proto3)
    }
    if (notValues != null && list(notValues, field + ".notValues").isEmpty()) {
      notValues = null;
    }
    if (values == null && notValues == null) {
      throw fail(item, field, "needs values or notValues");
    }
    ValueReader matcher;
    Function<PolicyContext, @Nullable String> single = null;
    Attribute multi = null;
    List<String> claim = claimPath(key);
    String header = headerName(key);
    YamlNode at = item.get("key");
    if (claim != null) {
      if (claim.isEmpty()) {
        throw fail(
            at, field + ".key", "needs claim names in brackets, like request.auth.claims[groups]");
      }
      multi = claimAttribute(claim);
      matcher = literalInside(v -> List.of(Matchers.string(v, false, false)));
    } else if (header != null) {
      if (header.isEmpty()) {
        throw fail(at, field + ".key", "needs a header name in brackets");
      }
      single = headerValue(PolicyContext.lower(header), at, field + ".key");
      matcher = literalInside(v -> List.of(Matchers.string(v, true, false)));
    } else {
      switch (key) {
        case "request.auth.principal":
          return requestPrincipalCondition(values, notValues, field, key);
        case "request.auth.audiences":
          // generator.go requestAudiencesGenerator: the claim matcher on aud
          multi = claimAttribute(List.of("aud"));
          matcher = literalInside(v -> List.of(Matchers.string(v, false, false)));
          break;
        case "request.auth.presenter":
          // generator.go requestPresenterGenerator: the claim matcher on azp
          multi = claimAttribute(List.of("azp"));
          matcher = literalInside(v -> List.of(Matchers.string(v, false, false)));
          break;
        case "source.trustDomain":
          single = PolicyContext::peer;
          matcher = wildcardsAtEnds(this::trustDomainMatches);
          break;
        case "source.serviceAccount":
          single = PolicyContext::peer;
          matcher = serviceAccounts;
          if (values != null) {
            serviceAccountList(values, field + ".values");
          }
          if (notValues != null) {
            serviceAccountList(notValues, field + ".notValues");
          }
          break;
        case "source.principal":
          single = PolicyContext::peer;
          matcher = literalInside(this::principalMatches);
          break;
        case "source.namespace":
          single = PolicyContext::peer;
          matcher = NAMESPACES;
          break;
        case "destination.port":
          single = PolicyContext::port;
          matcher = (v, valueAt, f) -> List.of(port(v, valueAt, f));
          break;
        case "source.ip":
        case "remote.ip":
        case "destination.ip":
        case "connection.sni":
          throw fail(at, field + ".key", key + " " + NOT_IN_APP);
        case "destination.namespace":
          throw fail(
              at, field + ".key", key + " is replaced by metadata.namespace (Istio refuses it)");
        case "destination.name":
        case "destination.user":
          throw fail(
              at, field + ".key", key + " was only supported in v1alpha1 (Istio refuses it)");
        default:
          if (key.startsWith("destination.labels")) {
            throw fail(
                at,
                field + ".key",
                key + " is replaced by the workload selector (Istio refuses it)");
          }
          if (key.startsWith("experimental.envoy.filters.")) {
            throw fail(
                at,
                field + ".key",
                key
                    + " reads the dynamic metadata of Envoy filters, which the application cannot"
                    + " see");
          }
          throw fail(at, field + ".key", "unknown key " + key);
      }
    }
    List<Field> fields = new ArrayList<>();
    Attribute attribute = multi != null ? multi : Attribute.single(single);
    if (values != null) {
      fields.add(
          new Field(attribute, patterns(values, field + ".values", matcher), List.of(), false));
    }
    if (notValues != null) {
      fields.add(
          new Field(
              attribute, patterns(notValues, field + ".notValues", matcher), List.of(), true));
    }
    return new Clause(fields, key);
  }

  /**
   * A header as Envoy's header map holds it when RBAC runs: HTTP/1.1's {@code Host} is stored as
   * {@code :authority} (so no {@code host} header exists there) and the method as {@code :method};
   * {@code :path} (with its query) and {@code :scheme} are the sidecar's, not the application's.
   */
  private Function<PolicyContext, @Nullable String> headerValue(
      String name, YamlNode at, String field) {
    switch (name) {
      case ":authority":
        readsHosts = true;
        return PolicyContext::host;
      case "host":
        return context -> null;
      case ":method":
        return PolicyContext::method;
      default:
        if (name.startsWith(":")) {
          throw fail(
              at,
              field,
              "the pseudo-header "
                  + name
                  + " is the sidecar's (:path with its query, :scheme of the connection it"
                  + " terminated), which the application cannot see");
        }
        return context -> context.header(name);
    }
  }

  private Clause requestPrincipalCondition(
      @Nullable YamlNode values, @Nullable YamlNode notValues, String field, String key) {
    List<Field> fields = new ArrayList<>();
    if (values != null) {
      fields.add(requestPrincipals(values, field + ".values", false));
    }
    if (notValues != null) {
      fields.add(requestPrincipals(notValues, field + ".notValues", true));
    }
    return new Clause(fields, key);
  }

  private Field requestPrincipals(YamlNode node, String field, boolean negated) {
    List<RequestPrincipal> principals = new ArrayList<>();
    for (YamlNode item : nonEmptyList(node, field)) {
      String value = nonEmptyValue(item, field);
      noteLiteralStar(value, item, field);
      principals.add(RequestPrincipal.of(value));
    }
    Attribute attribute =
        (context, f) -> {
          for (RequestPrincipal principal : f.principals) {
            if (principal.matches(context.issuer(), context.subject())) {
              return true;
            }
          }
          return false;
        };
    return new Field(attribute, List.of(), principals, negated);
  }

  /** Compiles one value of a field, refusing (with the value's node) what Istio would refuse. */
  private interface ValueReader {
    List<ValueMatch> read(String value, YamlNode at, String field);
  }

  /**
   * Istio's {@code namespaces}/{@code source.namespace}: every {@code *}, wherever it stands, is
   * {@code .*} (generator.go {@code srcNamespaceGenerator}).
   */
  private static final ValueReader NAMESPACES = (v, at, f) -> List.of(Matchers.namespace(v));

  /**
   * Istio's {@code trustDomains}: at most one {@code *}, at one end, and no {@code /} (security.go
   * {@code CheckTrustDomainValues}).
   */
  private final ValueReader trustDomains =
      (value, at, field) -> {
        checkStars(value, at, field);
        if (value.indexOf('/') >= 0) {
          throw fail(at, field, "a trust domain has no '/' (Istio refuses it)");
        }
        return trustDomainMatches(value);
      };

  /**
   * Istio's {@code serviceAccounts}/{@code source.serviceAccount}: {@code <namespace>/<account>},
   * or {@code <account>} in the policy's namespace, no {@code *}, at most 320 characters
   * (security.go {@code CheckServiceAccount}); matched as generator.go's {@code
   * serviceAccountRegex}.
   */
  private final ValueReader serviceAccounts =
      (value, at, field) -> {
        if (value.indexOf('*') >= 0) {
          throw fail(at, field, "a service account has no '*' (Istio refuses it)");
        }
        if (value.length() > MAX_SERVICE_ACCOUNT_LENGTH) {
          throw fail(at, field, "a service account has at most 320 characters (Istio refuses it)");
        }
        int slash = value.indexOf('/');
        boolean oneSlash = slash < 0 || value.indexOf('/', slash + 1) < 0;
        String namespace = slash < 0 ? policyNamespace : value.substring(0, slash);
        String account = value.substring(slash + 1);
        if (!oneSlash || namespace.isEmpty() || account.isEmpty()) {
          throw fail(
              at,
              field,
              "a service account is written <account> or <namespace>/<account> (Istio refuses"
                  + " others)");
        }
        return List.of(Matchers.serviceAccount(namespace, account));
      };

  /**
   * A field whose {@code *} may stand only at one end, as Istio's {@code CheckWildcardValues}
   * requires ({@code trustDomains}, {@code source.trustDomain}).
   */
  private ValueReader wildcardsAtEnds(Function<String, List<ValueMatch>> matcher) {
    return (value, at, field) -> {
      checkStars(value, at, field);
      return matcher.apply(value);
    };
  }

  /**
   * A field whose {@code *} is a wildcard only alone or at one end: anywhere else Istio accepts it
   * and matches the character {@code *} itself, and so does meshguard (said once at load, since it
   * is rarely what was meant).
   */
  private ValueReader literalInside(Function<String, List<ValueMatch>> matcher) {
    return (value, at, field) -> {
      noteLiteralStar(value, at, field);
      return matcher.apply(value);
    };
  }

  private Field values(
      YamlNode node,
      String field,
      Function<PolicyContext, @Nullable String> attribute,
      ValueReader matcher,
      boolean negated) {
    return new Field(
        Attribute.single(attribute), patterns(node, field, matcher), List.of(), negated);
  }

  private List<ValueMatch> patterns(YamlNode node, String field, ValueReader matcher) {
    List<ValueMatch> matches = new ArrayList<>();
    for (YamlNode item : nonEmptyList(node, field)) {
      matches.addAll(matcher.read(nonEmptyValue(item, field), item, field));
    }
    return matches;
  }

  /**
   * Istio's {@code principals}/{@code source.principal}, after bundle.go's {@code
   * ReplaceTrustDomainAliases}: a principal in the mesh's trust domain, an alias or {@code
   * cluster.local} stands for itself in each of them.
   */
  private List<ValueMatch> principalMatches(String value) {
    List<ValueMatch> matches = new ArrayList<>();
    for (String principal : trustDomainBundle.replaceTrustDomainAliases(value)) {
      matches.add(Matchers.principal(principal));
    }
    return matches;
  }

  /** Istio's trust domain values, after bundle.go's {@code ExpandTrustDomainAliases}. */
  private List<ValueMatch> trustDomainMatches(String value) {
    List<ValueMatch> matches = new ArrayList<>();
    for (String trustDomain : trustDomainBundle.expandTrustDomainAliases(value)) {
      matches.add(Matchers.trustDomain(trustDomain));
    }
    return matches;
  }

  private ValueMatch pathMatch(String value, YamlNode at, String field) {
    if (!(value.startsWith("/") || value.startsWith("*"))) {
      throw fail(at, field, "a path starts with '/' or '*'");
    }
    try {
      return Matchers.path(value);
    } catch (IllegalArgumentException e) {
      throw fail(at, field, e.getMessage());
    }
  }

  /** A port as Istio's {@code ValidatePorts} reads it: decimal digits only, at most 65535. */
  private ValueMatch port(String value, YamlNode at, String field) {
    boolean digits = !value.isEmpty() && value.length() <= 10;
    for (int i = 0; i < value.length() && digits; i++) {
      digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
    }
    if (digits && Long.parseLong(value) <= 65535) {
      String text = Long.toString(Long.parseLong(value));
      return actual -> text.equals(actual);
    }
    throw fail(at, field, "a port is a number from 0 to 65535");
  }

  private void noteLiteralStar(String value, YamlNode at, String field) {
    int first = value.indexOf('*');
    if (first < 0 || value.equals("*")) {
      return;
    }
    int last = value.lastIndexOf('*');
    boolean wildcardOnly = first == last && (first == 0 || first == value.length() - 1);
    if (!wildcardOnly) {
      LOG.warn(
          "meshguard policy: line {}, {}: a '*' that is not alone or at one end of the value"
              + " matches the character '*' itself, as in Istio",
          at.line,
          field);
    }
  }

  private void checkStars(String value, YamlNode at, String field) {
    int first = value.indexOf('*');
    if (first < 0 || value.equals("*")) {
      return;
    }
    int last = value.lastIndexOf('*');
    boolean atOneEnd = first == last && (first == 0 || first == value.length() - 1);
    if (!atOneEnd) {
      throw fail(at, field, "'*' may stand only at the start or the end of a value");
    }
  }

  private static @Nullable List<String> claimPath(String key) {
    String prefix = "request.auth.claims";
    if (!key.startsWith(prefix)) {
      return null;
    }
    String rest = key.substring(prefix.length());
    if (rest.length() < 3 || !rest.startsWith("[") || !rest.endsWith("]")) {
      return List.of();
    }
    String[] names = rest.substring(1, rest.length() - 1).split("\\]\\[", -1);
    for (String name : names) {
      if (name.isEmpty() || name.contains("[") || name.contains("]")) {
        return List.of();
      }
    }
    return List.of(names);
  }

  private static @Nullable String headerName(String key) {
    String prefix = "request.headers";
    if (!key.startsWith(prefix)) {
      return null;
    }
    String rest = key.substring(prefix.length());
    if (rest.length() < 3 || !rest.startsWith("[") || !rest.endsWith("]")) {
      return "";
    }
    String name = rest.substring(1, rest.length() - 1);
    return name.contains("[") || name.contains("]") ? "" : name;
  }

  /**
   * A claim matches when it is a string that matches, or a list with a string element that matches
   * (Istio's {@code MetadataListValueMatcher} with {@code useExtendedJwt}); top-level strings the
   * sidecar splits on spaces are matched part by part ({@link PolicyContext#claim}); numbers,
   * booleans and objects never match.
   */
  private static Attribute claimAttribute(List<String> path) {
    return (context, field) -> IstioMatch.claimMatches(context.claim(path), field.values);
  }

  /**
   * A {@code RequestAuthentication}: never fails the load. One the mesh would not have (a wrong
   * type, no {@code issuer} and no {@code jwksUri}, an empty audience or claim name, more than 64
   * {@code spaceDelimitedClaims}) is skipped with a warning by the caller; one with {@code
   * targetRef(s)} attaches to gateways and waypoints, never to a sidecar (policyattachment.go
   * {@code ShouldAttachPolicy}); fields that do not affect decisions are ignored.
   */
  private void requestAuthentication(@Nullable YamlNode spec, String namespace) {
    YamlNode selector = null;
    List<RequestAuthenticationRule> rules = new ArrayList<>();
    if (spec != null) {
      selector = spec.get("selector");
      if (spec.get("targetRef") != null || spec.get("targetRefs") != null) {
        return;
      }
      YamlNode jwtRules = spec.get("jwtRules");
      List<YamlNode> items = jwtRules == null ? List.of() : list(jwtRules, "spec.jwtRules");
      for (int i = 0; i < items.size(); i++) {
        rules.add(jwtRule(items.get(i), "spec.jwtRules[" + i + "]"));
      }
    }
    if (applies(namespace, selector, "spec.selector")) {
      requestAuthentications.addAll(rules);
    }
  }

  private RequestAuthenticationRule jwtRule(YamlNode rule, String field) {
    if (rule.kind != YamlNode.Kind.MAP) {
      throw fail(rule, field, "must be a mapping");
    }
    String issuer = scalar(rule, "issuer", false);
    if (issuer.isEmpty() && scalar(rule, "jwksUri", false).isEmpty()) {
      throw fail(rule, field, "needs issuer or jwksUri (Istio refuses it)");
    }
    List<String> audiences = strings(rule, "audiences", field);
    List<String> claims = strings(rule, "spaceDelimitedClaims", field);
    if (claims.size() > MAX_SPACE_DELIMITED_CLAIMS) {
      throw fail(
          rule.get("spaceDelimitedClaims"),
          field + ".spaceDelimitedClaims",
          "may not have more than 64 values");
    }
    String header = scalar(rule, "outputPayloadToHeader", false);
    return new RequestAuthenticationRule(
        issuer, audiences, header.isEmpty() ? null : header.toLowerCase(Locale.ROOT), claims);
  }

  /** A list of non-empty strings, empty when absent. */
  private List<String> strings(YamlNode parent, String key, String field) {
    YamlNode node = parent.get(key);
    List<String> values = new ArrayList<>();
    if (node != null) {
      for (YamlNode item : list(node, field + "." + key)) {
        String value = scalarValue(item, field + "." + key);
        if (value.isEmpty()) {
          throw fail(item, field + "." + key, "may not hold an empty value");
        }
        values.add(value);
      }
    }
    return values;
  }

  private YamlNode map(YamlNode parent, String key, boolean required) {
    YamlNode node = parent.get(key);
    if (node == null || node.kind == YamlNode.Kind.NULL) {
      if (required) {
        throw fail(parent, key, "is required");
      }
      return parent;
    }
    if (node.kind != YamlNode.Kind.MAP) {
      throw fail(node, key, "must be a mapping");
    }
    return node;
  }

  private String scalar(YamlNode parent, String key, boolean required) {
    YamlNode node = parent.get(key);
    if (node == null || node.kind == YamlNode.Kind.NULL) {
      if (required) {
        throw fail(parent, key, "is required");
      }
      return "";
    }
    return scalarValue(node, key);
  }

  private String scalarValue(YamlNode node, String field) {
    if (node.kind != YamlNode.Kind.SCALAR || node.scalar == null) {
      throw fail(node, field, "must be a single value");
    }
    return node.scalar;
  }

  /** A value of a field or condition: Istio refuses an empty one ({@code CheckEmptyValues}). */
  private String nonEmptyValue(YamlNode node, String field) {
    String value = scalarValue(node, field);
    if (value.isEmpty()) {
      throw fail(node, field, "an empty value is refused (Istio refuses it)");
    }
    return value;
  }

  private List<YamlNode> list(YamlNode node, String field) {
    if (node.kind == YamlNode.Kind.NULL) {
      return List.of();
    }
    if (node.kind != YamlNode.Kind.LIST) {
      throw fail(node, field, "must be a list");
    }
    return node.list;
  }

  private List<YamlNode> nonEmptyList(YamlNode node, String field) {
    List<YamlNode> items = list(node, field);
    if (items.isEmpty()) {
      throw fail(node, field, "needs at least one value");
    }
    return items;
  }
}
