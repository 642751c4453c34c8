package io.meshguard.core.config;

import io.meshguard.core.Meshguard;
import io.meshguard.core.claims.ClaimsValidator;
import io.meshguard.core.payload.PayloadDecoder;
import io.meshguard.core.payload.PayloadLimits;
import io.meshguard.core.peer.CertificatePeerResolver;
import io.meshguard.core.peer.X509BundleWatcher;
import io.meshguard.core.peer.XfccPeerResolver;
import io.meshguard.core.policy.PolicyFileWatcher;
import io.meshguard.core.policy.PolicyLoadException;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.Workload;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Meshguard} and a {@link RouteTable} built from {@code meshguard.*} properties. Parsing
 * is strict: an unknown {@code meshguard.*} key or an invalid value fails with a message naming the
 * key; keys without the prefix are ignored.
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code meshguard.issuers}</td><td>accepted issuers, comma-separated (required)</td><td></td></tr>
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
 * </table>
 *
 * @since 0.1.0
 */
public final class MeshguardSettings {

  /** The prefix of every key read. */
  public static final String PREFIX = "meshguard.";

  private static final Pattern ROUTE_KEY = Pattern.compile("routes\\[(\\d{1,9})]");
  private static final Set<String> KEYS =
      Set.of(
          "issuers",
          "audiences",
          "require-expiration",
          "clock-skew",
          "payload-header",
          "accept-raw-json",
          "accept-percent-encoded-json",
          "max-header-length",
          "max-depth",
          "max-number-length",
          "max-string-length",
          "peer-source",
          "trust-domains",
          "xfcc-header",
          "expected-by",
          "trust-bundle",
          "unmatched",
          "policy-file",
          "workload.namespace",
          "workload.labels",
          "workload.root-namespace",
          "workload.trust-domain",
          "workload.trust-domain-aliases");

  private final Meshguard guard;
  private final RouteTable routes;

  private MeshguardSettings(Meshguard guard, RouteTable routes) {
    this.guard = guard;
    this.routes = routes;
  }

  /**
   * Reads the {@code meshguard.*} entries of {@code properties}.
   *
   * @throws IllegalArgumentException naming the key, for an unknown key or an invalid value
   * @throws IllegalStateException when a required setting is missing
   */
  public static MeshguardSettings parse(Map<String, String> properties) {
    return parse(properties, Clock.systemUTC());
  }

  /**
   * Reads the {@code meshguard.*} entries of {@code properties}, with {@code clock} for the time
   * checks (tests pass a fixed one).
   *
   * @throws IllegalArgumentException naming the key, for an unknown key or an invalid value
   * @throws IllegalStateException when a required setting is missing
   */
  public static MeshguardSettings parse(Map<String, String> properties, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Map<String, String> own = new TreeMap<>();
    TreeMap<Integer, String> routeLines = new TreeMap<>();
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      String key = Objects.requireNonNull(entry.getKey(), "key");
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String leaf = key.substring(PREFIX.length());
      String value = Objects.requireNonNull(entry.getValue(), key).trim();
      Matcher route = ROUTE_KEY.matcher(leaf);
      if (route.matches()) {
        routeLines.put(Integer.parseInt(route.group(1)), value);
      } else if (KEYS.contains(leaf)) {
        own.put(leaf, value);
      } else {
        throw new IllegalArgumentException("Unknown setting " + key);
      }
    }
    return new MeshguardSettings(guard(own, clock), routes(own, routeLines));
  }

  /**
   * Reads a properties file (UTF-8).
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException naming the key, for an unknown key or an invalid value
   */
  public static MeshguardSettings load(Path file) throws IOException {
    return load(file, Map.of());
  }

  /**
   * Reads a properties file (UTF-8), with {@code overrides} taking precedence over its entries.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException naming the key, for an unknown key or an invalid value
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

  /** The guard. */
  public Meshguard guard() {
    return guard;
  }

  /** The route table. */
  public RouteTable routes() {
    return routes;
  }

  private static Meshguard guard(Map<String, String> settings, Clock clock) {
    Meshguard.Builder builder = Meshguard.builder();
    String header = settings.get("payload-header");
    if (header != null) {
      attempt("payload-header", () -> builder.payloadHeader(header));
    }
    PayloadLimits defaults = PayloadLimits.DEFAULTS;
    PayloadLimits limits =
        attempt(
            "max-*",
            () ->
                new PayloadLimits(
                    integer(settings, "max-header-length", defaults.maxHeaderLength()),
                    integer(settings, "max-depth", defaults.maxDepth()),
                    integer(settings, "max-number-length", defaults.maxNumberLength()),
                    integer(settings, "max-string-length", defaults.maxStringLength())));
    builder.payloadDecoder(
        PayloadDecoder.builder()
            .limits(limits)
            .acceptRawJson(bool(settings, "accept-raw-json", false))
            .acceptPercentEncodedJson(bool(settings, "accept-percent-encoded-json", false))
            .build());

    ClaimsValidator.Builder validator = ClaimsValidator.builder().clock(clock);
    List<String> issuers = list(settings, "issuers");
    if (issuers.isEmpty()) {
      throw new IllegalStateException("Setting " + PREFIX + "issuers is required");
    }
    attempt("issuers", () -> validator.issuers(issuers));
    attempt("audiences", () -> validator.audiences(list(settings, "audiences")));
    validator.requireExpiration(bool(settings, "require-expiration", true));
    String skew = settings.get("clock-skew");
    if (skew != null) {
      attempt("clock-skew", () -> validator.clockSkew(duration(skew)));
    }
    builder.claimsValidator(validator.build());

    String source = settings.getOrDefault("peer-source", "xfcc").toLowerCase(Locale.ROOT);
    List<String> trustDomains = list(settings, "trust-domains");
    switch (source) {
      case "xfcc":
        XfccPeerResolver.Builder xfcc = XfccPeerResolver.builder();
        attempt("trust-domains", () -> xfcc.trustDomains(requireTrustDomains(trustDomains)));
        String expectedBy = settings.get("expected-by");
        if (expectedBy != null) {
          attempt("expected-by", () -> xfcc.expectedBy(expectedBy));
        }
        String xfccHeader = settings.get("xfcc-header");
        if (xfccHeader != null) {
          attempt("xfcc-header", () -> builder.xfccHeader(xfccHeader));
        }
        builder.xfcc(xfcc.build());
        break;
      case "client-certificate":
        CertificatePeerResolver.Builder certificates = CertificatePeerResolver.builder();
        attempt(
            "trust-domains", () -> certificates.trustDomains(requireTrustDomains(trustDomains)));
        String bundle = settings.get("trust-bundle");
        if (bundle != null) {
          if (trustDomains.size() != 1) {
            throw new IllegalArgumentException(
                "Setting " + PREFIX + "trust-bundle needs exactly one trust domain");
          }
          certificates.bundles(bundle(trustDomains.get(0), bundle));
        }
        builder.clientCertificates(certificates.build());
        break;
      case "none":
        break;
      default:
        throw new IllegalArgumentException(
            "Setting " + PREFIX + "peer-source must be xfcc, client-certificate or none");
    }
    String policyFile = settings.get("policy-file");
    if (policyFile != null && !policyFile.isEmpty()) {
      builder.policies(policies(settings, policyFile));
    }
    return builder.build();
  }

  private static Supplier<PolicySet> policies(Map<String, String> settings, String file) {
    String namespace = settings.get("workload.namespace");
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalStateException(
          "Setting " + PREFIX + "workload.namespace is required with " + PREFIX + "policy-file");
    }
    Map<String, String> labels = new TreeMap<>();
    for (String pair : list(settings, "workload.labels")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "Setting " + PREFIX + "workload.labels takes name=value pairs, comma-separated");
      }
      labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
    }
    Workload workload =
        attempt(
            "workload.namespace",
            () ->
                new Workload(
                    namespace,
                    labels,
                    settings.getOrDefault(
                        "workload.root-namespace", Workload.DEFAULT_ROOT_NAMESPACE),
                    settings.getOrDefault("workload.trust-domain", Workload.DEFAULT_TRUST_DOMAIN),
                    list(settings, "workload.trust-domain-aliases")));
    try {
      return PolicyFileWatcher.watch(Path.of(file), workload, PolicyFileWatcher.DEFAULT_INTERVAL);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Setting " + PREFIX + "policy-file: cannot read " + file, e);
    } catch (PolicyLoadException e) {
      throw new IllegalArgumentException(
          "Setting " + PREFIX + "policy-file: " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> requireTrustDomains(List<String> trustDomains) {
    if (trustDomains.isEmpty()) {
      throw new IllegalStateException("is required unless peer-source is none");
    }
    return trustDomains;
  }

  private static X509BundleWatcher bundle(String trustDomain, String file) {
    try {
      return X509BundleWatcher.watch(
          trustDomain, Path.of(file), PolicyFileWatcher.DEFAULT_INTERVAL);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Setting " + PREFIX + "trust-bundle: cannot load a PEM bundle from " + file, e);
    }
  }

  private static RouteTable routes(Map<String, String> settings, Map<Integer, String> lines) {
    RouteTable.Builder routes = RouteTable.builder();
    for (Map.Entry<Integer, String> line : lines.entrySet()) {
      attempt(
          "routes[" + line.getKey() + "]", () -> routes.route(RouteText.parse(line.getValue())));
    }
    String unmatched = settings.get("unmatched");
    if (unmatched != null) {
      routes.unmatched(unmatched(unmatched));
    }
    return routes.build();
  }

  /**
   * Parses the value of {@code meshguard.unmatched}: {@code deny}, {@code not-found} or {@code
   * authenticated}, in any case.
   *
   * @param value the setting's text
   * @return the policy for requests no route matches
   * @throws IllegalArgumentException naming the key, for any other value
   */
  public static Unmatched unmatched(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "deny":
        return Unmatched.DENY;
      case "not-found":
        return Unmatched.NOT_FOUND;
      case "authenticated":
        return Unmatched.AUTHENTICATED;
      default:
        throw new IllegalArgumentException(
            "Setting " + PREFIX + "unmatched must be deny, not-found or authenticated");
    }
  }

  private static List<String> list(Map<String, String> settings, String key) {
    String value = settings.get(key);
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : Arrays.asList(value.split(","))) {
      String trimmed = item.trim();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException("Setting " + PREFIX + key + " has an empty entry");
      }
      items.add(trimmed);
    }
    return items;
  }

  private static boolean bool(Map<String, String> settings, String key, boolean fallback) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException("Setting " + PREFIX + key + " must be true or false");
  }

  private static int integer(Map<String, String> settings, String key, int fallback) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting " + PREFIX + key + " must be a whole number", e);
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

  private static <T> T attempt(String key, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      String message = e.getMessage() == null ? "invalid value" : e.getMessage();
      if (message.startsWith("Setting ")) {
        throw e;
      }
      throw new IllegalArgumentException("Setting " + PREFIX + key + ": " + message, e);
    }
  }
}
