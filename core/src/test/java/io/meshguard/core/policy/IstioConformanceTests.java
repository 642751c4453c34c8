package io.meshguard.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshguard.core.MeshIdentity;
import io.meshguard.core.claims.Claims;
import io.meshguard.core.peer.PeerAbsence;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.peer.PeerResult;
import io.meshguard.core.peer.SpiffeIds;
import io.meshguard.core.request.MeshRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Istio's own authorization tests, turned into data and run through {@link PolicySet}: the
 * integration tests (tests/integration/security/authz_test.go and its templates), the RBAC
 * generator tests (pilot/pkg/security/authz/builder) and the per-field generator tests
 * (pilot/pkg/security/authz/model/generator_test.go), at the Istio commit named in each data file.
 * The data lives in {@code istio-conformance/} next to this class; its SOURCE.md says how the cases
 * were derived. Every case expects Istio's outcome, except a raw path meshguard refuses as
 * ambiguous before any policy (CONTRACT.md), which must be {@link
 * PolicyDecision.Reason#PATH_REFUSED}. What cannot be evaluated inside one HTTP workload is listed
 * in the data with its reason and counted here, never run.
 */
class IstioConformanceTests {

  static final String ISTIO_COMMIT = "86c9f01fd735fb01d8192f5bcaf0d424afb7f14c";

  static final String DIRECTORY = "istio-conformance/";

  static final List<String> FILES =
      List.of("authz_test.yaml", "builder_test.yaml", "generator_test.yaml");

  /**
   * Why an Istio case cannot be evaluated in-process for one HTTP workload. The first four are the
   * issue's; {@code tls-sni} is Istio's {@code connection.sni} condition, which the issue lists
   * among what cannot be known inside the application. Ingress-gateway cases are evaluated, with
   * the gateway as the workload, except those decided by the client's IP address.
   */
  static final Map<String, String> REASONS =
      Map.of(
          "ip-addresses",
              "needs IP addresses (ipBlocks, remoteIpBlocks, source/remote/destination.ip)",
          "tcp-only-port", "a TCP-only port: no HTTP request reaches the application",
          "custom-provider", "a CUSTOM (ext_authz) provider",
          "egress-gateway", "the policy is an egress gateway's own, for traffic leaving the mesh",
          "tls-sni", "needs the SNI of the mTLS connection the sidecar terminated");

  /** A source citation: an Istio file and line. */
  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_./-]+\\.(go|yaml|tmpl):\\d+");

  private static final List<ConformanceFile> DATA = load();

  /** One data file. */
  record ConformanceFile(
      String name,
      String istioCommit,
      String source,
      Map<String, Object> counts,
      Map<String, Workload> workloads,
      Map<String, String> policies,
      List<Case> cases,
      List<NotEvaluable> notEvaluable) {}

  /** One evaluable Istio case. */
  record Case(
      String file,
      String id,
      String source,
      String policies,
      String policyYaml,
      Workload workload,
      String method,
      String path,
      String authority,
      int port,
      Map<String, String> headers,
      String peer,
      Map<String, Object> claims,
      String istio,
      String expect,
      boolean stricter) {

    /** The path the container reports as the raw path: the request-target without the query. */
    String rawPath() {
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    }

    MeshRequest request() {
      MeshRequest.Builder builder =
          MeshRequest.builder().method(method).path(rawPath()).authority(authority).localPort(port);
      headers.forEach(builder::header);
      return builder.build();
    }

    MeshIdentity identity() {
      PeerResult result =
          peer.equals("none")
              ? PeerResult.Absent.of(PeerAbsence.NO_HEADER)
              : new PeerResult.Present(
                  new PeerIdentity(SpiffeIds.parse(peer), PeerIdentity.Source.XFCC));
      return new MeshIdentity(Claims.of(claims), result);
    }
  }

  /** One Istio case that cannot be evaluated here, with the reason. */
  record NotEvaluable(String file, String id, String source, String reason, String detail) {}

  static Stream<Arguments> cases() {
    return DATA.stream()
        .flatMap(file -> file.cases().stream())
        .map(c -> Arguments.of(Named.of(c.id() + " <- " + c.source(), c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void policyEngineDecidesAsIstio(Case c) {
    PolicySet policies;
    try {
      policies = PolicySet.load(c.policyYaml(), c.workload());
    } catch (PolicyLoadException e) {
      throw new AssertionError(
          c.id()
              + " <- "
              + c.source()
              + ": policies '"
              + c.policies()
              + "' of "
              + c.file()
              + " do not load: "
              + e.getMessage(),
          e);
    }
    PolicyDecision decision =
        policies.evaluate(c.request(), c.identity().claims(), c.identity().peer().orElse(null));
    String description =
        c.id()
            + " <- "
            + c.source()
            + ": Istio "
            + c.istio()
            + ", meshguard "
            + decision
            + " "
            + decision.details();
    switch (c.expect()) {
      case "allow":
        assertThat(decision.isAllowed()).as(description).isTrue();
        break;
      case "deny":
        assertThat(decision.isAllowed()).as(description).isFalse();
        assertThat(decision.reason())
            .as(description)
            .isIn(PolicyDecision.Reason.DENY_MATCHED, PolicyDecision.Reason.NO_ALLOW_MATCHED);
        break;
      default:
        assertThat(decision.isAllowed()).as(description).isFalse();
        assertThat(decision.reason()).as(description).isEqualTo(PolicyDecision.Reason.PATH_REFUSED);
    }
  }

  @Test
  void eachFileCountsWhatItHolds() {
    for (ConformanceFile file : DATA) {
      Map<String, Integer> byReason = new TreeMap<>();
      file.notEvaluable().forEach(n -> byReason.merge(n.reason(), 1, Integer::sum));
      long stricter = file.cases().stream().filter(Case::stricter).count();
      Map<String, Object> counts = file.counts();
      assertThat(number(counts, "taken"))
          .as(file.name() + " taken")
          .isEqualTo(file.cases().size() + file.notEvaluable().size());
      assertThat(number(counts, "evaluable"))
          .as(file.name() + " evaluable")
          .isEqualTo(file.cases().size());
      assertThat(number(counts, "stricter")).as(file.name() + " stricter").isEqualTo(stricter);
      Map<String, Integer> declared = new TreeMap<>();
      map(counts, "notEvaluable").forEach((k, v) -> declared.put(k, ((Number) v).intValue()));
      assertThat(declared).as(file.name() + " notEvaluable by reason").isEqualTo(byReason);
    }
    assertThat(DATA).extracting(ConformanceFile::name).containsExactlyElementsOf(FILES);
  }

  @Test
  void everyNotEvaluableCaseHasAnAllowedReason() {
    List<NotEvaluable> all =
        DATA.stream().flatMap(f -> f.notEvaluable().stream()).collect(Collectors.toList());
    assertThat(all).isNotEmpty();
    assertThat(all)
        .allSatisfy(
            n -> {
              assertThat(REASONS).as(n.id()).containsKey(n.reason());
              assertThat(n.detail()).as(n.id()).isNotBlank();
            });
  }

  @Test
  void everyEntryIsUniqueAndCitesIstioAtTheRecordedCommit() {
    Set<String> ids = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (ConformanceFile file : DATA) {
      assertThat(file.istioCommit()).as(file.name()).isEqualTo(ISTIO_COMMIT);
      for (Case c : file.cases()) {
        if (!ids.add(c.id())) {
          duplicates.add(c.id());
        }
        assertThat(c.source()).as(c.id()).matches(SOURCE);
      }
      for (NotEvaluable n : file.notEvaluable()) {
        if (!ids.add(n.id())) {
          duplicates.add(n.id());
        }
        assertThat(n.source()).as(n.id()).matches(SOURCE);
      }
    }
    assertThat(duplicates).isEmpty();
  }

  @Test
  void meshguardIsStricterThanIstioExactlyOnAmbiguousPaths() {
    for (ConformanceFile file : DATA) {
      for (Case c : file.cases()) {
        assertThat(c.istio()).as(c.id()).isIn("allow", "deny");
        assertThat(c.stricter()).as(c.id()).isEqualTo(ambiguous(c.rawPath()));
        assertThat(c.expect()).as(c.id()).isEqualTo(c.stricter() ? "refused" : c.istio());
      }
    }
  }

  @Test
  void theDirectoryHoldsNoOtherDataFile() throws URISyntaxException, IOException {
    URL url = IstioConformanceTests.class.getResource(DIRECTORY);
    assertThat(url).isNotNull();
    if (!"file".equals(url.getProtocol())) {
      return;
    }
    try (Stream<Path> entries = Files.list(Path.of(url.toURI()))) {
      Set<String> yaml =
          entries
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(yaml).containsExactlyInAnyOrderElementsOf(FILES);
    }
  }

  /**
   * CONTRACT.md's ambiguous raw paths, written out independently of the engine: {@code ;}, {@code
   * \}, {@code //}, a {@code .} or {@code ..} segment, or {@code %2e}, {@code %2f}, {@code %5c},
   * {@code %25}, {@code %00} in any case.
   */
  static boolean ambiguous(String rawPath) {
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains(";") || lower.contains("\\") || lower.contains("//")) {
      return true;
    }
    for (String escape : List.of("%2e", "%2f", "%5c", "%25", "%00")) {
      if (lower.contains(escape)) {
        return true;
      }
    }
    for (String segment : rawPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static List<ConformanceFile> load() {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    List<ConformanceFile> files = new ArrayList<>();
    for (String name : FILES) {
      try (InputStream in = IstioConformanceTests.class.getResourceAsStream(DIRECTORY + name)) {
        Objects.requireNonNull(in, name);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = mapper.readValue(in, Map.class);
        files.add(file(name, root));
      } catch (IOException e) {
        throw new UncheckedIOException(name, e);
      }
    }
    return List.copyOf(files);
  }

  private static ConformanceFile file(String name, Map<String, Object> root) {
    Map<String, Workload> workloads = new LinkedHashMap<>();
    map(root, "workloads")
        .forEach(
            (id, value) -> {
              Map<String, Object> w = asMap(value, id);
              Map<String, String> labels = new HashMap<>();
              map(w, "labels").forEach((k, v) -> labels.put(k, (String) v));
              workloads.put(
                  id,
                  new Workload(
                      string(w, "namespace"),
                      labels,
                      string(w, "rootNamespace"),
                      string(w, "trustDomain"),
                      strings(w, "trustDomainAliases")));
            });
    Map<String, String> policies = new LinkedHashMap<>();
    map(root, "policies")
        .forEach((id, value) -> policies.put(id, string(asMap(value, id), "yaml")));
    List<Case> cases = new ArrayList<>();
    for (Object item : list(root, "cases")) {
      Map<String, Object> c = asMap(item, name);
      String id = string(c, "id");
      Map<String, Object> request = map(c, "request");
      Map<String, String> headers = new LinkedHashMap<>();
      map(request, "headers").forEach((k, v) -> headers.put(k, (String) v));
      Object claims = c.get("claims");
      String policyName = string(c, "policies");
      cases.add(
          new Case(
              name,
              id,
              string(c, "source"),
              policyName,
              Objects.requireNonNull(policies.get(policyName), id + ": policies"),
              Objects.requireNonNull(workloads.get(string(c, "workload")), id + ": workload"),
              string(request, "method"),
              string(request, "path"),
              string(request, "authority"),
              ((Number) request.get("port")).intValue(),
              headers,
              string(c, "peer"),
              "none".equals(claims) ? Map.of() : asMap(claims, id + ": claims"),
              string(c, "istio"),
              string(c, "expect"),
              Boolean.TRUE.equals(c.get("stricter"))));
    }
    List<NotEvaluable> notEvaluable = new ArrayList<>();
    for (Object item : list(root, "notEvaluable")) {
      Map<String, Object> n = asMap(item, name);
      notEvaluable.add(
          new NotEvaluable(
              name,
              string(n, "id"),
              string(n, "source"),
              string(n, "reason"),
              string(n, "detail")));
    }
    return new ConformanceFile(
        name,
        string(root, "istioCommit"),
        string(root, "source"),
        map(root, "counts"),
        workloads,
        policies,
        cases,
        notEvaluable);
  }

  private static String string(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof String)) {
      throw new IllegalStateException("'" + key + "' must be a string in " + map.keySet());
    }
    return (String) value;
  }

  private static long number(Map<String, Object> map, String key) {
    return ((Number) Objects.requireNonNull(map.get(key), key)).longValue();
  }

  private static List<String> strings(Map<String, Object> map, String key) {
    List<String> out = new ArrayList<>();
    for (Object value : list(map, key)) {
      out.add((String) value);
    }
    return out;
  }

  private static List<?> list(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof List)) {
      throw new IllegalStateException("'" + key + "' must be a list");
    }
    return (List<?>) value;
  }

  private static Map<String, Object> map(Map<String, Object> map, String key) {
    return asMap(map.get(key), key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalStateException(what + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }
}
