package io.meshguard.core.config;

import io.meshguard.core.Meshguard;
import io.meshguard.core.policy.PolicyFileWatcher;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.RouteText;
import io.meshguard.core.route.Unmatched;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flat reader: a {@link MeshguardSpec} (and a started {@link Meshguard}) from {@code
 * meshguard.*} properties, for servlet init-parameters, properties files and the command line.
 * Parsing is strict: an unknown {@code meshguard.*} key or an invalid value fails with a message
 * naming the key; keys without the prefix are ignored.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code meshguard.issuers}</td><td>accepted issuers, comma-separated (required)</td><td></td></tr>
 *   <tr><td>{@code meshguard.issuer-rules[N].issuer}, {@code .audiences}</td><td>per-issuer audiences, instead of {@code issuers}/{@code audiences}</td><td>none</td></tr>
 *   <tr><td>{@code meshguard.audiences}</td><td>accepted audiences, comma-separated</td><td>any</td></tr>
 *   <tr><td>{@code meshguard.require-expiration}</td><td>{@code exp} required</td><td>{@code true}</td></tr>
 *   <tr><td>{@code meshguard.clock-skew}</td><td>{@code 60s}, {@code PT1M} or seconds</td><td>{@code 60s}</td></tr>
 *   <tr><td>{@code meshguard.payload-header}</td><td>payload header name</td><td>{@code x-jwt-payload}</td></tr>
 *   <tr><td>{@code meshguard.accept-raw-json}</td><td>also accept raw JSON payloads</td><td>{@code false}</td></tr>
 *   <tr><td>{@code meshguard.accept-percent-encoded-json}</td><td>also accept percent-encoded JSON</td><td>{@code false}</td></tr>
 *   <tr><td>{@code meshguard.max-header-length}, {@code max-depth}, {@code max-number-length}, {@code max-string-length}</td><td>payload limits</td><td>8192, 32, 1000, 8192</td></tr>
 *   <tr><td>{@code meshguard.peer-source}</td><td>{@code xfcc}, {@code client-certificate} or {@code none}</td><td>{@code xfcc}</td></tr>
 *   <tr><td>{@code meshguard.trust-domains}</td><td>accepted peer trust domains (required unless {@code none})</td><td></td></tr>
 *   <tr><td>{@code meshguard.xfcc-header}</td><td>XFCC header name</td><td>{@code x-forwarded-client-cert}</td></tr>
 *   <tr><td>{@code meshguard.expected-by}</td><td>this workload's SPIFFE ID, required in XFCC {@code By}</td><td>not checked</td></tr>
 *   <tr><td>{@code meshguard.trust-bundle}</td><td>PEM file of CA certificates verifying client certificates (one trust domain)</td><td>not verified</td></tr>
 *   <tr><td>{@code meshguard.routes[N]}</td><td>a route in {@link RouteText} form; ordered by N</td><td>none</td></tr>
 *   <tr><td>{@code meshguard.unmatched}</td><td>{@code deny}, {@code not-found} or {@code authenticated}</td><td>{@code deny}</td></tr>
 *   <tr><td>{@code meshguard.policy-file}</td><td>YAML file of Istio AuthorizationPolicy documents, reloaded when it changes ({@link PolicyFileWatcher})</td><td>none</td></tr>
 *   <tr><td>{@code meshguard.workload.namespace}</td><td>this workload's namespace (required with a policy file)</td><td></td></tr>
 *   <tr><td>{@code meshguard.workload.labels}</td><td>this workload's labels, {@code app=orders,version=v1}</td><td>none</td></tr>
 *   <tr><td>{@code meshguard.workload.root-namespace}</td><td>the mesh's root namespace</td><td>{@code istio-system}</td></tr>
 *   <tr><td>{@code meshguard.workload.trust-domain}, {@code workload.trust-domain-aliases}</td><td>what {@code cluster.local} in a principal means</td><td>{@code cluster.local}, none</td></tr>
 *   <tr><td>{@code meshguard.roles.claims}</td><td>claim paths carrying roles, comma-separated ({@code roles}, {@code [realm_access][roles]})</td><td>none</td></tr>
 *   <tr><td>{@code meshguard.roles.delimiter}</td><td>splits a string-valued role claim</td><td>a space</td></tr>
 *   <tr><td>{@code meshguard.principal-claim}</td><td>the claim naming the principal</td><td>{@code sub}</td></tr>
 *   <tr><td>{@code meshguard.public-paths}</td><td>path patterns served without reading identity, comma-separated; first in the route table</td><td>none</td></tr>
 *   <tr><td>{@code meshguard.mesh-manifests}</td><td>mesh YAML files or directories, comma-separated, checked against this application's trust at start-up</td><td>none</td></tr>
 *   <tr><td>{@code meshguard.alignment-check}</td><td>{@code off}, {@code warn} or {@code error}</td><td>{@code error}</td></tr>
 *   <tr><td>{@code meshguard.trust-from-mesh}</td><td>take issuers, their audiences and the payload header from the RequestAuthentications in {@code mesh-manifests} selecting the workload (instead of {@code issuers}, {@code audiences}, {@code issuer-rules})</td><td>{@code false}</td></tr>
 *   <tr><td>{@code meshguard.workload.port}</td><td>the application's port, for the alignment check</td><td>unknown</td></tr>
 *   <tr><td>{@code meshguard.log-identity}</td><td>the caller's subject may appear in logs (MDC {@code meshguard.subject})</td><td>{@code false}</td></tr>
 * </table>
 *
 * @since 0.1.0
 */
public final class MeshguardSettings {

  /** The prefix of every key read. */
  public static final String PREFIX = MeshguardSpec.DEFAULT_PREFIX;

  private static final Pattern ROUTE_KEY = Pattern.compile("routes\\[(\\d{1,9})]");
  private static final Pattern ISSUER_RULE_KEY =
      Pattern.compile("issuer-rules\\[(\\d{1,9})]\\.(issuer|audiences)");

  private final MeshguardSpec spec;
  private final Meshguard guard;

  private MeshguardSettings(MeshguardSpec spec) {
    this.spec = spec;
    this.guard = spec.start();
  }

  /**
   * Reads the {@code meshguard.*} entries of {@code properties} and starts the guard.
   *
   * @throws InvalidSettingException naming the key, for an unknown key or an invalid value
   * @throws MissingSettingException naming the key, when a required setting is missing
   */
  public static MeshguardSettings parse(Map<String, String> properties) {
    return parse(properties, Clock.systemUTC());
  }

  /**
   * Reads the {@code meshguard.*} entries of {@code properties} and starts the guard, with {@code
   * clock} for the time checks (tests pass a fixed one).
   *
   * @throws InvalidSettingException naming the key, for an unknown key or an invalid value
   * @throws MissingSettingException naming the key, when a required setting is missing
   */
  public static MeshguardSettings parse(Map<String, String> properties, Clock clock) {
    return new MeshguardSettings(read(properties, clock));
  }

  /**
   * Reads the {@code meshguard.*} entries of {@code properties} into a validated spec, starting
   * nothing.
   *
   * @throws InvalidSettingException naming the key, for an unknown key or an invalid value
   * @throws MissingSettingException naming the key, when a required setting is missing
   */
  public static MeshguardSpec read(Map<String, String> properties, Clock clock) {
    MeshguardSpec.Builder spec = MeshguardSpec.builder(PREFIX).clock(clock);
    TreeMap<Integer, String> ruleIssuers = new TreeMap<>();
    TreeMap<Integer, List<String>> ruleAudiences = new TreeMap<>();
    for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
      String key = Objects.requireNonNull(entry.getKey(), "key");
      if (key.startsWith(PREFIX)) {
        String leaf = key.substring(PREFIX.length());
        String value = Objects.requireNonNull(entry.getValue(), key).trim();
        Matcher rule = ISSUER_RULE_KEY.matcher(leaf);
        if (!rule.matches()) {
          set(spec, leaf, value);
        } else if (rule.group(2).equals("issuer")) {
          ruleIssuers.put(Integer.parseInt(rule.group(1)), value);
        } else {
          ruleAudiences.put(Integer.parseInt(rule.group(1)), list(leaf, value));
        }
      }
    }
    List<MeshguardSpec.IssuerRule> rules = new ArrayList<>();
    for (Integer index : ruleAudiences.keySet()) {
      if (!ruleIssuers.containsKey(index)) {
        throw new MissingSettingException(
            PREFIX + "issuer-rules[" + index + "].issuer", "is required with its audiences");
      }
    }
    ruleIssuers.forEach(
        (index, issuer) ->
            rules.add(
                new MeshguardSpec.IssuerRule(
                    issuer, ruleAudiences.getOrDefault(index, List.of()))));
    return spec.issuerRules(rules).build();
  }

  /**
   * Reads a properties file (UTF-8) and starts the guard.
   *
   * @throws IOException when it cannot be read
   * @throws InvalidSettingException naming the key, for an unknown key or an invalid value
   */
  public static MeshguardSettings load(Path file) throws IOException {
    return load(file, Map.of());
  }

  /**
   * Reads a properties file (UTF-8), with {@code overrides} taking precedence over its entries, and
   * starts the guard.
   *
   * @throws IOException when it cannot be read
   * @throws InvalidSettingException naming the key, for an unknown key or an invalid value
   */
  public static MeshguardSettings load(Path file, Map<String, String> overrides)
      throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> map = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    map.putAll(overrides);
    return parse(map);
  }

  /** The validated configuration. */
  public MeshguardSpec spec() {
    return spec;
  }

  /** The guard, started; close it when the application stops. */
  public Meshguard guard() {
    return guard;
  }

  /** The route table. */
  public RouteTable routes() {
    return spec.routes();
  }

  /**
   * Parses the value of {@code meshguard.unmatched}: {@code deny}, {@code not-found} or {@code
   * authenticated}, in any case.
   *
   * @param value the setting's text
   * @return the policy for requests no route matches
   * @throws InvalidSettingException naming the key, for any other value
   */
  public static Unmatched unmatched(String value) {
    return MeshguardSpec.unmatched(PREFIX, value);
  }

  private static void set(MeshguardSpec.Builder spec, String leaf, String value) {
    switch (leaf) {
      case "issuers" -> spec.issuers(list(leaf, value));
      case "audiences" -> spec.audiences(list(leaf, value));
      case "require-expiration" -> spec.requireExpiration(bool(leaf, value));
      case "clock-skew" -> spec.clockSkew(duration(leaf, value));
      case "payload-header" -> spec.payloadHeader(value);
      case "accept-raw-json" -> spec.acceptRawJson(bool(leaf, value));
      case "accept-percent-encoded-json" -> spec.acceptPercentEncodedJson(bool(leaf, value));
      case "max-header-length" -> spec.maxHeaderLength(integer(leaf, value));
      case "max-depth" -> spec.maxDepth(integer(leaf, value));
      case "max-number-length" -> spec.maxNumberLength(integer(leaf, value));
      case "max-string-length" -> spec.maxStringLength(integer(leaf, value));
      case "peer-source" -> spec.peerSource(value);
      case "trust-domains" -> spec.trustDomains(list(leaf, value));
      case "xfcc-header" -> spec.xfccHeader(value);
      case "expected-by" -> spec.expectedBy(value);
      case "trust-bundle" -> spec.trustBundle(value);
      case "unmatched" -> spec.unmatched(value);
      case "policy-file" -> spec.policyFile(value);
      case "workload.namespace" -> spec.workloadNamespace(value);
      case "workload.labels" -> spec.workloadLabels(labels(leaf, value));
      case "workload.root-namespace" -> spec.workloadRootNamespace(value);
      case "workload.trust-domain" -> spec.workloadTrustDomain(value);
      case "workload.trust-domain-aliases" -> spec.workloadTrustDomainAliases(list(leaf, value));
      case "log-identity" -> spec.logIdentity(bool(leaf, value));
      case "roles.claims" -> spec.roleClaims(list(leaf, value));
      case "roles.delimiter" -> spec.roleDelimiter(value);
      case "principal-claim" -> spec.principalClaim(value);
      case "public-paths" -> spec.publicPaths(list(leaf, value));
      case "mesh-manifests" -> spec.meshManifests(list(leaf, value));
      case "alignment-check" -> spec.alignmentCheck(value);
      case "trust-from-mesh" -> spec.trustFromMesh(bool(leaf, value));
      case "workload.port" -> spec.workloadPort(integer(leaf, value));
      default -> {
        Matcher route = ROUTE_KEY.matcher(leaf);
        if (!route.matches()) {
          throw InvalidSettingException.unknown(PREFIX + leaf);
        }
        spec.route(Integer.parseInt(route.group(1)), value);
      }
    }
  }

  private static List<String> list(String leaf, String value) {
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String trimmed = item.trim();
      if (trimmed.isEmpty()) {
        throw new InvalidSettingException(PREFIX + leaf, "has an empty entry");
      }
      items.add(trimmed);
    }
    return items;
  }

  private static Map<String, String> labels(String leaf, String value) {
    Map<String, String> labels = new TreeMap<>();
    for (String pair : list(leaf, value)) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new InvalidSettingException(PREFIX + leaf, "takes name=value pairs, comma-separated");
      }
      labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    return labels;
  }

  private static boolean bool(String leaf, String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new InvalidSettingException(PREFIX + leaf, "must be true or false");
  }

  private static int integer(String leaf, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(PREFIX + leaf, "must be a whole number", e);
    }
  }

  private static Duration duration(String leaf, String text) {
    try {
      return duration(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(PREFIX + leaf, ": " + e.getMessage(), e);
    }
  }

  static Duration duration(String text) {
    try {
      if (text.matches("\\d{1,9}")) {
        return Duration.ofSeconds(Long.parseLong(text));
      }
      if (text.matches("\\d{1,9}s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      if (text.matches("\\d{1,12}ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration (60s, 500ms, PT1M or seconds)", e);
    }
  }
}
