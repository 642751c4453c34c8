package io.meshguard.core.policy;

import io.meshguard.core.policy.CompiledPolicy.Action;
import io.meshguard.core.policy.CompiledPolicy.Clause;
import io.meshguard.core.policy.CompiledPolicy.Field;
import io.meshguard.core.policy.CompiledPolicy.Rule;
import io.meshguard.core.policy.Matchers.RequestPrincipal;
import io.meshguard.core.policy.Matchers.ValueMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the {@code spec} of an AuthorizationPolicy, strictly: whatever cannot be evaluated
 * truthfully in the application, or Istio's validation refuses, is refused. The fields of {@code
 * source} and {@code operation} are one table, each with the attribute it reads and how its values
 * compile; {@link WhenKeys} maps {@code when} keys onto the same entries.
 */
final class AuthorizationPolicyCompiler {

  static final String NOT_IN_APP =
      "cannot be evaluated truthfully inside the application (it needs the connection as the"
          + " sidecar sees it)";
  private static final String DRY_RUN = "istio.io/dry-run";
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");
  private static final Set<String> ACTIONS = Set.of("ALLOW", "DENY", "AUDIT");
  private static final int MAX_SERVICE_ACCOUNTS = 16;
  private static final int MAX_SERVICE_ACCOUNT_LENGTH = 320;
  private static final Logger LOG = LoggerFactory.getLogger(PolicySet.class);

  /** The policy compiled, and its {@code spec.selector}, which decides whether it applies. */
  record Compiled(CompiledPolicy policy, @Nullable YamlNode selector) {}

  /** Compiles one value, refusing (at the value's node) what Istio would refuse. */
  interface ValueReader<M> {
    List<M> read(String value, YamlNode at, String field);
  }

  /**
   * How the values of one field or {@code when} key compile into a check of the request, and how
   * many values Istio allows.
   */
  record FieldKind(int maxValues, BiFunction<YamlNode, String, Predicate<PolicyContext>> compiler) {

    FieldKind(BiFunction<YamlNode, String, Predicate<PolicyContext>> compiler) {
      this(Integer.MAX_VALUE, compiler);
    }

    /** Refuses a list Istio refuses for its length, before any value is read. */
    void checkLength(YamlNode values, String field) {
      if (values.kind == YamlNode.Kind.LIST && values.list.size() > maxValues) {
        throw values.refuse(
            field, "may not have more than " + maxValues + " values (Istio refuses it)");
      }
    }

    Field compile(YamlNode values, String field, boolean negated) {
      return new Field(compiler.apply(values, field), negated);
    }
  }

  private final TrustDomainBundle trustDomainBundle;

  /** The namespace of the policy being compiled: {@code serviceAccounts} without one mean it. */
  private String policyNamespace = "";

  /** Whether a rule reads the authority ({@code hosts}, {@code request.headers[:authority]}). */
  boolean readsHosts;

  /** {@code source} fields; each also as {@code notX}. */
  final Map<String, FieldKind> sourceFields =
      withNegations(
          Map.of(
              "principals", single(PolicyContext::peer, literalInside(this::principalMatches)),
              "namespaces", single(PolicyContext::peer, AuthorizationPolicyCompiler::namespace),
              "requestPrincipals", new FieldKind(this::requestPrincipals),
              "trustDomains", single(PolicyContext::peer, this::trustDomain),
              "serviceAccounts",
                  new FieldKind(
                      MAX_SERVICE_ACCOUNTS,
                      (values, field) ->
                          anyMatches(PolicyContext::peer, values(values, field, this::account))),
              "ipBlocks", refused(NOT_IN_APP),
              "remoteIpBlocks", refused(NOT_IN_APP)));

  /** {@code operation} fields; each also as {@code notX}. */
  final Map<String, FieldKind> operationFields =
      withNegations(
          Map.of(
              "hosts",
                  readingHosts(
                      single(
                          PolicyContext::host,
                          literalInside(v -> List.of(Matchers.string(v, true, true))))),
              "methods",
                  single(
                      PolicyContext::method,
                      literalInside(v -> List.of(Matchers.string(v, true, false)))),
              "paths", single(PolicyContext::path, AuthorizationPolicyCompiler::path),
              "ports", single(PolicyContext::port, AuthorizationPolicyCompiler::port)));

  private final WhenKeys whenKeys = new WhenKeys(this); // after the tables it reuses

  AuthorizationPolicyCompiler(TrustDomainBundle trustDomainBundle) {
    this.trustDomainBundle = trustDomainBundle;
  }

  Compiled compile(YamlNode metadata, @Nullable YamlNode spec, String namespace, String name) {
    YamlNode dryRunFlag = null;
    YamlNode annotations = metadata.get("annotations");
    if (annotations != null && annotations.kind == YamlNode.Kind.MAP) {
      dryRunFlag = annotations.get(DRY_RUN);
    }
    policyNamespace = namespace;
    Action action = Action.ALLOW;
    YamlNode selector = null;
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry :
        (spec == null ? Map.<String, YamlNode>of() : spec.map).entrySet()) {
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
          List<YamlNode> items = value.list("spec.rules");
          for (int i = 0; i < items.size(); i++) {
            rules.add(rule(items.get(i), i, "spec.rules[" + i + "]"));
          }
          break;
        case "targetRef":
        case "targetRefs":
          throw value.refuse(
              "spec." + key,
              "attaches the policy to a gateway, waypoint or service, never to the sidecar in"
                  + " front of this application; use selector");
        case "provider":
          throw value.refuse(
              "spec.provider", "belongs to action CUSTOM, which needs an external authorizer");
        default:
          throw value.refuse("spec." + key, "unknown field");
      }
    }
    boolean dryRun = dryRunFlag != null && dryRun(dryRunFlag, action);
    return new Compiled(new CompiledPolicy(namespace, name, action, dryRun, rules), selector);
  }

  /**
   * {@code istio.io/dry-run} as Istio reads it: Go's {@code strconv.ParseBool} (builder.go {@code
   * isDryRun}), and only on ALLOW and DENY (validation.go {@code checkDryRunAnnotation}).
   */
  private static boolean dryRun(YamlNode flag, Action action) {
    String field = "metadata.annotations." + DRY_RUN;
    String value = flag.text(field);
    if (!TRUE.contains(value) && !FALSE.contains(value)) {
      throw flag.refuse(
          field, "must be true or false as Go's ParseBool reads it (Istio refuses others)");
    }
    if (action == Action.AUDIT) {
      throw flag.refuse(field, "is only for ALLOW and DENY policies (Istio refuses it on AUDIT)");
    }
    return TRUE.contains(value);
  }

  private static Action action(YamlNode value) {
    String text = value.text("spec.action");
    if (text.equals("CUSTOM")) {
      throw value.refuse(
          "spec.action",
          "CUSTOM needs an external authorizer and cannot be evaluated in the application");
    }
    if (!ACTIONS.contains(text)) {
      throw value.refuse("spec.action", "must be ALLOW, DENY or AUDIT");
    }
    return Action.valueOf(text);
  }

  private Rule rule(YamlNode node, int index, String field) {
    if (node.kind != YamlNode.Kind.MAP) {
      throw node.refuse(field, "must be a mapping");
    }
    List<Clause> from = new ArrayList<>();
    List<Clause> to = new ArrayList<>();
    List<Clause> when = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry : node.map.entrySet()) {
      String key = entry.getKey();
      String path = field + "." + key;
      if (!key.equals("from") && !key.equals("to") && !key.equals("when")) {
        throw entry.getValue().refuse(path, "unknown field");
      }
      List<YamlNode> items = entry.getValue().list(path);
      if (items.isEmpty() && entry.getValue().kind == YamlNode.Kind.LIST && !key.equals("when")) {
        throw entry.getValue().refuse(path, "may not be an empty list (Istio refuses it)");
      }
      for (int i = 0; i < items.size(); i++) {
        String itemPath = path + "[" + i + "]";
        switch (key) {
          case "from":
            from.add(clause(items.get(i), itemPath, "source", sourceFields));
            break;
          case "to":
            to.add(clause(items.get(i), itemPath, "operation", operationFields));
            break;
          default:
            when.add(whenKeys.condition(items.get(i), itemPath));
        }
      }
    }
    return new Rule(index, from, to, when, exactPath(node));
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

  /** A {@code source} or {@code operation}: its fields, each read as the table says. */
  private Clause clause(
      YamlNode item, String itemField, String wrapper, Map<String, FieldKind> kinds) {
    if (item.kind != YamlNode.Kind.MAP || item.map.size() != 1 || item.get(wrapper) == null) {
      throw item.refuse(itemField, "must hold exactly '" + wrapper + "'");
    }
    YamlNode body = item.get(wrapper);
    String field = itemField + "." + wrapper;
    if (body.kind != YamlNode.Kind.MAP || body.map.isEmpty()) {
      throw body.refuse(field, "must set at least one field");
    }
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, YamlNode> entry : body.map.entrySet()) {
      String path = field + "." + entry.getKey();
      FieldKind kind = kinds.get(entry.getKey());
      if (kind == null) {
        throw entry.getValue().refuse(path, "unknown field");
      }
      if (entry.getValue().list(path).isEmpty()) {
        continue; // an empty list is an unset field (proto3)
      }
      kind.checkLength(entry.getValue(), path);
      fields.add(kind.compile(entry.getValue(), path, entry.getKey().startsWith("not")));
    }
    if (fields.isEmpty()) {
      throw body.refuse(field, "must set at least one field");
    }
    for (String key : List.of("serviceAccounts", "notServiceAccounts")) {
      for (String other : List.of("principals", "notPrincipals", "namespaces", "notNamespaces")) {
        if (isSet(body, key) && isSet(body, other)) {
          throw body.get(key)
              .refuse(
                  field + "." + key,
                  "cannot be set with namespaces or principals (Istio refuses it)");
        }
      }
    }
    return new Clause(fields, wrapper);
  }

  /** Whether a list field holds a value (an empty list is unset, as in proto3). */
  private static boolean isSet(YamlNode body, String key) {
    YamlNode node = body.get(key);
    return node != null
        && node.kind != YamlNode.Kind.NULL
        && !(node.kind == YamlNode.Kind.LIST && node.list.isEmpty());
  }

  private static Map<String, FieldKind> withNegations(Map<String, FieldKind> fields) {
    Map<String, FieldKind> all = new HashMap<>(fields);
    fields.forEach(
        (key, kind) ->
            all.put("not" + Character.toUpperCase(key.charAt(0)) + key.substring(1), kind));
    return Map.copyOf(all);
  }

  /** A single-valued attribute, matched when any value matches it. */
  static FieldKind single(
      Function<PolicyContext, @Nullable String> attribute, ValueReader<ValueMatch> reader) {
    return new FieldKind((values, field) -> anyMatches(attribute, values(values, field, reader)));
  }

  private static Predicate<PolicyContext> anyMatches(
      Function<PolicyContext, @Nullable String> attribute, List<ValueMatch> matches) {
    return request -> anyMatch(matches, attribute.apply(request));
  }

  static boolean anyMatch(List<ValueMatch> matches, @Nullable String value) {
    for (ValueMatch match : matches) {
      if (match.matches(value)) {
        return true;
      }
    }
    return false;
  }

  private static FieldKind refused(String problem) {
    return new FieldKind(
        (values, field) -> {
          throw values.refuse(field, problem);
        });
  }

  /** A field that reads the authority, which a request without one cannot be matched on. */
  FieldKind readingHosts(FieldKind kind) {
    return new FieldKind(
        (values, field) -> {
          readsHosts = true;
          return kind.compiler().apply(values, field);
        });
  }

  /** The values of a field or condition: at least one, none empty, each compiled. */
  static <M> List<M> values(YamlNode node, String field, ValueReader<M> reader) {
    List<M> compiled = new ArrayList<>();
    for (YamlNode item : node.nonEmptyList(field)) {
      compiled.addAll(reader.read(item.nonEmptyText(field), item, field));
    }
    return compiled;
  }

  private Predicate<PolicyContext> requestPrincipals(YamlNode node, String field) {
    List<RequestPrincipal> principals =
        values(
            node,
            field,
            (value, at, f) -> {
              noteLiteralStar(value, at, f);
              return List.of(RequestPrincipal.of(value));
            });
    return request -> {
      for (RequestPrincipal principal : principals) {
        if (principal.matches(request.issuer(), request.subject())) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * Istio's {@code namespaces}/{@code source.namespace}: every {@code *}, wherever it stands, is
   * {@code .*} (generator.go {@code srcNamespaceGenerator}).
   */
  private static List<ValueMatch> namespace(String value, YamlNode at, String field) {
    return List.of(Matchers.namespace(value));
  }

  /**
   * Istio's {@code trustDomains}: at most one {@code *}, at one end, and no {@code /} (security.go
   * {@code CheckTrustDomainValues}).
   */
  private List<ValueMatch> trustDomain(String value, YamlNode at, String field) {
    checkStars(value, at, field);
    if (value.indexOf('/') >= 0) {
      throw at.refuse(field, "a trust domain has no '/' (Istio refuses it)");
    }
    return trustDomainMatches(value);
  }

  /**
   * Istio's {@code serviceAccounts}/{@code source.serviceAccount}: {@code <namespace>/<account>},
   * or {@code <account>} in the policy's namespace, no {@code *}, at most 320 characters
   * (security.go {@code CheckServiceAccount}); matched as generator.go's {@code
   * serviceAccountRegex}.
   */
  private List<ValueMatch> account(String value, YamlNode at, String field) {
    if (value.indexOf('*') >= 0) {
      throw at.refuse(field, "a service account has no '*' (Istio refuses it)");
    }
    if (value.length() > MAX_SERVICE_ACCOUNT_LENGTH) {
      throw at.refuse(field, "a service account has at most 320 characters (Istio refuses it)");
    }
    int slash = value.indexOf('/');
    boolean oneSlash = slash < 0 || value.indexOf('/', slash + 1) < 0;
    String namespace = slash < 0 ? policyNamespace : value.substring(0, slash);
    String account = value.substring(slash + 1);
    if (!oneSlash || namespace.isEmpty() || account.isEmpty()) {
      throw at.refuse(
          field,
          "a service account is written <account> or <namespace>/<account> (Istio refuses"
              + " others)");
    }
    return List.of(Matchers.serviceAccount(namespace, account));
  }

  private static List<ValueMatch> path(String value, YamlNode at, String field) {
    if (value.indexOf('{') < 0) {
      noteLiteralStar(value, at, field);
    }
    if (!(value.startsWith("/") || value.startsWith("*"))) {
      throw at.refuse(field, "a path starts with '/' or '*'");
    }
    try {
      return List.of(Matchers.path(value));
    } catch (IllegalArgumentException e) {
      throw at.refuse(field, e.getMessage());
    }
  }

  /** A port as Istio's {@code ValidatePorts} reads it: decimal digits only, at most 65535. */
  static List<ValueMatch> port(String value, YamlNode at, String field) {
    boolean digits = !value.isEmpty() && value.length() <= 10;
    for (int i = 0; i < value.length() && digits; i++) {
      digits = value.charAt(i) >= '0' && value.charAt(i) <= '9';
    }
    if (digits && Long.parseLong(value) <= 65535) {
      String text = Long.toString(Long.parseLong(value));
      return List.of(actual -> text.equals(actual));
    }
    throw at.refuse(field, "a port is a number from 0 to 65535");
  }

  /**
   * Istio's {@code principals}/{@code source.principal}, after bundle.go's {@code
   * ReplaceTrustDomainAliases}: a principal in the mesh's trust domain, an alias or {@code
   * cluster.local} stands for itself in each of them.
   */
  List<ValueMatch> principalMatches(String value) {
    return trustDomainBundle.replaceTrustDomainAliases(value).stream()
        .map(Matchers::principal)
        .toList();
  }

  /** Istio's trust domain values, after bundle.go's {@code ExpandTrustDomainAliases}. */
  List<ValueMatch> trustDomainMatches(String value) {
    return trustDomainBundle.expandTrustDomainAliases(value).stream()
        .map(Matchers::trustDomain)
        .toList();
  }

  /**
   * A field whose {@code *} may stand only at one end, as Istio's {@code CheckWildcardValues}
   * requires ({@code trustDomains}, {@code source.trustDomain}).
   */
  static ValueReader<ValueMatch> wildcardsAtEnds(Function<String, List<ValueMatch>> matcher) {
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
  static ValueReader<ValueMatch> literalInside(Function<String, List<ValueMatch>> matcher) {
    return (value, at, field) -> {
      noteLiteralStar(value, at, field);
      return matcher.apply(value);
    };
  }

  private static void noteLiteralStar(String value, YamlNode at, String field) {
    if (!starsAtOneEnd(value)) {
      LOG.warn(
          "meshguard policy: line {}, {}: a '*' that is not alone or at one end of the value"
              + " matches the character '*' itself, as in Istio",
          at.line,
          field);
    }
  }

  private static void checkStars(String value, YamlNode at, String field) {
    if (!starsAtOneEnd(value)) {
      throw at.refuse(field, "'*' may stand only at the start or the end of a value");
    }
  }

  /** No {@code *}, {@code *} alone, or one {@code *} at one end. */
  private static boolean starsAtOneEnd(String value) {
    int first = value.indexOf('*');
    if (first < 0 || value.equals("*")) {
      return true;
    }
    return first == value.lastIndexOf('*') && (first == 0 || first == value.length() - 1);
  }
}
