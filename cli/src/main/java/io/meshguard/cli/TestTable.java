package io.meshguard.cli;

import io.meshguard.core.ErrorCode;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.policy.YamlNode;
import io.meshguard.core.requirement.Requirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A policy test table: the workload, its manifests (relative to the table's file), what the
 * application trusts, and cases of one request and its expected outcome each. Read with core's
 * strict YAML reader (no anchors, aliases, merge keys or tags; duplicate keys refused); an unknown
 * key is an error naming its line, so a misspelt key never passes silently.
 */
final class TestTable {

  private static final Set<String> TOP =
      Set.of(
          "workload",
          "manifests",
          "issuers",
          "audiences",
          "issuer-rules",
          "payload-header",
          "peer-source",
          "trust-domains",
          "routes",
          "unmatched",
          "now",
          "defaults",
          "cases");
  private static final Set<String> WORKLOAD =
      Set.of("namespace", "labels", "root-namespace", "trust-domain", "port");
  private static final Set<String> CASE = Set.of("name", "request", "expect");
  private static final Set<String> REQUEST =
      Set.of(
          "method",
          "path",
          "claims",
          "payload",
          "peer",
          "xfcc",
          "headers",
          "port",
          "authority",
          "require");
  // A JSON number (RFC 8259 §6): what a YAML number in the claims must look like to be sent as one.
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /** What a case expects: allowed, or denied (with a code, or any). */
  record Expectation(boolean allow, @Nullable ErrorCode code) {

    /** {@code allow}, {@code deny}, or {@code deny CODE}. */
    @Override
    public String toString() {
      return allow ? "allow" : code == null ? "deny" : "deny " + code;
    }

    boolean matches(io.meshguard.core.Decision decision) {
      if (allow || decision.isAllowed()) {
        return allow == decision.isAllowed();
      }
      return code == null || ((io.meshguard.core.Decision.Denied) decision).code() == code;
    }
  }

  /** One case: its name and line, the request, its own requirement if any, what it expects. */
  record Case(
      String name,
      int line,
      RequestSpec request,
      @Nullable Requirement requirement,
      Expectation expectation) {}

  private final Path file;
  private final Settings settings;
  private final List<Case> cases;

  private TestTable(Path file, Settings settings, List<Case> cases) {
    this.file = file;
    this.settings = settings;
    this.cases = List.copyOf(cases);
  }

  Path file() {
    return file;
  }

  Settings settings() {
    return settings;
  }

  List<Case> cases() {
    return cases;
  }

  /**
   * Reads a table.
   *
   * @throws InputException naming the file and line of what is wrong
   */
  static TestTable read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read the test table: " + Guard.describe(e));
    }
    List<YamlNode> documents;
    try {
      documents = YamlNode.readAll(text);
    } catch (YamlNode.SyntaxException e) {
      throw new InputException(file + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
    }
    return new Reader(file).table(documents);
  }

  /** Reads one table, naming the file in every error. */
  private static final class Reader {
    private final Path file;

    Reader(Path file) {
      this.file = file;
    }

    InputException error(@Nullable YamlNode at, String message) {
      return new InputException(file + (at == null ? "" : ":" + at.line()) + ": " + message);
    }

    TestTable table(List<YamlNode> documents) {
      if (documents.size() != 1 || documents.get(0).kind() != YamlNode.Kind.MAP) {
        throw error(null, "a test table is one YAML mapping (workload, manifests, cases)");
      }
      YamlNode root = documents.get(0);
      keys(root, TOP, "");
      YamlNode workloadNode = required(root, "workload");
      keys(workloadNode, WORKLOAD, "workload.");
      YamlNode namespace = required(workloadNode, "namespace");
      Workload workload =
          new Workload(
              text(namespace, "workload.namespace"),
              strings(workloadNode.get("labels"), "workload.labels"),
              optionalText(workloadNode.get("root-namespace"), "workload.root-namespace")
                  .orElse(Workload.DEFAULT_ROOT_NAMESPACE),
              optionalText(workloadNode.get("trust-domain"), "workload.trust-domain")
                  .orElse(Workload.DEFAULT_TRUST_DOMAIN),
              List.of());
      int port = port(workloadNode.get("port"), "workload.port");
      Path base = file.toAbsolutePath().getParent();
      List<Path> manifests = new ArrayList<>();
      YamlNode manifestsNode = required(root, "manifests");
      for (String manifest : list(manifestsNode, "manifests")) {
        manifests.add(base.resolve(manifest).normalize());
      }
      if (manifests.isEmpty()) {
        throw error(manifestsNode, "manifests: names no file or directory");
      }
      Clock clock = Clock.systemUTC();
      YamlNode nowNode = root.get("now");
      if (nowNode != null) {
        try {
          clock = Clock.fixed(Instant.parse(text(nowNode, "now")), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          throw error(nowNode, "now: must be an instant such as 2026-12-02T12:00:00Z");
        }
      }
      Settings settings =
          new Settings(
              workload,
              manifests,
              port,
              list(root.get("issuers"), "issuers"),
              list(root.get("audiences"), "audiences"),
              list(root.get("issuer-rules"), "issuer-rules"),
              optionalText(root.get("payload-header"), "payload-header")
                  .orElse(io.meshguard.core.config.MeshguardSpec.DEFAULT_PAYLOAD_HEADER),
              optionalText(root.get("peer-source"), "peer-source")
                  .orElse(io.meshguard.core.config.MeshguardSpec.DEFAULT_PEER_SOURCE),
              list(root.get("trust-domains"), "trust-domains"),
              list(root.get("routes"), "routes"),
              optionalText(root.get("unmatched"), "unmatched").orElse(null),
              clock);
      YamlNode defaults = root.get("defaults");
      if (defaults != null && defaults.kind() != YamlNode.Kind.MAP) {
        throw error(defaults, "defaults: must be a mapping of request keys");
      }
      if (defaults != null) {
        keys(defaults, REQUEST, "defaults.");
      }
      YamlNode casesNode = required(root, "cases");
      if (casesNode.kind() != YamlNode.Kind.LIST || casesNode.items().isEmpty()) {
        throw error(casesNode, "cases: must be a list of at least one case");
      }
      List<Case> cases = new ArrayList<>();
      Set<String> names = new java.util.HashSet<>();
      for (YamlNode item : casesNode.items()) {
        Case read = testCase(item, defaults, port);
        if (!names.add(read.name())) {
          throw error(item, "two cases are named '" + read.name() + "'");
        }
        cases.add(read);
      }
      return new TestTable(file, settings, cases);
    }

    private Case testCase(YamlNode item, @Nullable YamlNode defaults, int port) {
      if (item.kind() != YamlNode.Kind.MAP) {
        throw error(item, "a case is a mapping with name, request and expect");
      }
      keys(item, CASE, "");
      String name = text(required(item, "name"), "name");
      YamlNode request = required(item, "request");
      if (request.kind() != YamlNode.Kind.MAP) {
        throw error(request, "request: must be a mapping");
      }
      keys(request, REQUEST, "request.");
      Map<String, YamlNode> merged = new LinkedHashMap<>();
      if (defaults != null) {
        merged.putAll(defaults.entries());
      }
      merged.putAll(request.entries());
      YamlNode pathNode = merged.get("path");
      if (pathNode == null) {
        throw error(request, "request.path: is required");
      }
      String claims = claims(defaults == null ? null : defaults.get("claims"), request);
      RequestSpec spec;
      try {
        spec =
            new RequestSpec(
                optionalText(merged.get("method"), "request.method").orElse("GET"),
                text(pathNode, "request.path"),
                claims,
                optionalText(merged.get("payload"), "request.payload").orElse(null),
                optionalText(merged.get("peer"), "request.peer").orElse(null),
                optionalText(merged.get("xfcc"), "request.xfcc").orElse(null),
                headers(merged.get("headers")),
                merged.containsKey("port") ? port(merged.get("port"), "request.port") : port,
                optionalText(merged.get("authority"), "request.authority").orElse(null));
      } catch (IllegalArgumentException e) {
        throw error(request, "request: " + e.getMessage());
      }
      Requirement requirement = null;
      YamlNode require = merged.get("require");
      if (require != null) {
        try {
          requirement = Guard.requirement(text(require, "request.require"));
        } catch (IllegalArgumentException e) {
          throw error(require, "request.require: " + e.getMessage());
        }
      }
      return new Case(name, item.line(), spec, requirement, expectation(required(item, "expect")));
    }

    /**
     * The claims JSON: the default claims with the case's on top (a case's {@code null} removes a
     * default claim; {@code claims: null} sends no payload), or {@code null} for no payload.
     */
    private @Nullable String claims(@Nullable YamlNode defaults, YamlNode request) {
      YamlNode own = request.get("claims");
      if (request.entries().containsKey("claims")
          && own != null
          && own.kind() == YamlNode.Kind.NULL) {
        return null;
      }
      if (request.get("payload") != null) {
        if (own != null) {
          throw error(own, "request: give claims or payload, not both");
        }
        return null;
      }
      Map<String, YamlNode> claims = new LinkedHashMap<>();
      for (YamlNode node : new YamlNode[] {defaults, own}) {
        if (node == null) {
          continue;
        }
        if (node.kind() != YamlNode.Kind.MAP) {
          throw error(node, "claims: must be a mapping of claim names to values");
        }
        for (Map.Entry<String, YamlNode> claim : node.entries().entrySet()) {
          if (claim.getValue().kind() == YamlNode.Kind.NULL) {
            claims.remove(claim.getKey());
          } else {
            claims.put(claim.getKey(), claim.getValue());
          }
        }
      }
      if (defaults == null && own == null) {
        return null;
      }
      StringBuilder json = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<String, YamlNode> claim : claims.entrySet()) {
        if (!first) {
          json.append(',');
        }
        first = false;
        Json.string(claim.getKey(), json);
        json.append(':');
        json(claim.getValue(), json);
      }
      return json.append('}').toString();
    }

    /** A claim value as JSON: strings stay strings, YAML numbers and booleans become JSON ones. */
    private void json(YamlNode node, StringBuilder out) {
      switch (node.kind()) {
        case MAP:
          out.append('{');
          boolean first = true;
          for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
            if (!first) {
              out.append(',');
            }
            first = false;
            Json.string(entry.getKey(), out);
            out.append(':');
            json(entry.getValue(), out);
          }
          out.append('}');
          return;
        case LIST:
          out.append('[');
          for (int i = 0; i < node.items().size(); i++) {
            if (i > 0) {
              out.append(',');
            }
            json(node.items().get(i), out);
          }
          out.append(']');
          return;
        case NULL:
          out.append("null");
          return;
        default:
          String text = String.valueOf(node.scalar());
          if (node.isString()) {
            Json.string(text, out);
          } else if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            out.append(text.toLowerCase(Locale.ROOT));
          } else if (JSON_NUMBER.matcher(text).matches()) {
            out.append(text);
          } else {
            throw error(
                node,
                "claims: "
                    + text
                    + " is a YAML number JSON cannot hold; quote it or write it in decimal");
          }
      }
    }

    private List<Map.Entry<String, String>> headers(@Nullable YamlNode node) {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      if (node == null || node.kind() == YamlNode.Kind.NULL) {
        return headers;
      }
      if (node.kind() != YamlNode.Kind.MAP) {
        throw error(node, "request.headers: must map header names to a value or a list of values");
      }
      for (Map.Entry<String, YamlNode> header : node.entries().entrySet()) {
        YamlNode value = header.getValue();
        List<String> values =
            value.kind() == YamlNode.Kind.LIST
                ? list(value, "request.headers." + header.getKey())
                : List.of(text(value, "request.headers." + header.getKey()));
        for (String line : values) {
          headers.add(new AbstractMap.SimpleImmutableEntry<>(header.getKey(), line));
        }
      }
      return headers;
    }

    private Expectation expectation(YamlNode node) {
      if (node.kind() == YamlNode.Kind.SCALAR) {
        String value = String.valueOf(node.scalar());
        if (value.equals("allow")) {
          return new Expectation(true, null);
        }
        if (value.equals("deny")) {
          return new Expectation(false, null);
        }
      } else if (node.kind() == YamlNode.Kind.MAP
          && node.entries().keySet().equals(Set.of("deny"))) {
        YamlNode code = node.get("deny");
        String name = text(code, "expect.deny");
        try {
          return new Expectation(false, ErrorCode.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw error(
              code,
              "expect.deny: unknown denial code '"
                  + name
                  + "'; one of "
                  + java.util.Arrays.toString(ErrorCode.values()));
        }
      }
      throw error(node, "expect: must be allow, deny, or {deny: CODE}");
    }

    private void keys(YamlNode node, Set<String> known, String prefix) {
      if (node.kind() != YamlNode.Kind.MAP) {
        throw error(node, prefix.isEmpty() ? "must be a mapping" : prefix + " must be a mapping");
      }
      for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
        if (!known.contains(entry.getKey())) {
          throw error(
              entry.getValue(),
              "unknown key '"
                  + prefix
                  + entry.getKey()
                  + "'; known: "
                  + new java.util.TreeSet<>(known));
        }
      }
    }

    private YamlNode required(YamlNode map, String key) {
      YamlNode node = map.get(key);
      if (node == null || node.kind() == YamlNode.Kind.NULL) {
        throw error(map, key + ": is required");
      }
      return node;
    }

    private String text(YamlNode node, String key) {
      if (node.kind() != YamlNode.Kind.SCALAR) {
        throw error(node, key + ": must be a single value");
      }
      return String.valueOf(node.scalar());
    }

    private java.util.Optional<String> optionalText(@Nullable YamlNode node, String key) {
      if (node == null || node.kind() == YamlNode.Kind.NULL) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(text(node, key));
    }

    private List<String> list(@Nullable YamlNode node, String key) {
      if (node == null || node.kind() == YamlNode.Kind.NULL) {
        return List.of();
      }
      if (node.kind() == YamlNode.Kind.SCALAR) {
        return List.of(text(node, key));
      }
      if (node.kind() != YamlNode.Kind.LIST) {
        throw error(node, key + ": must be a list");
      }
      List<String> values = new ArrayList<>();
      for (YamlNode item : node.items()) {
        values.add(text(item, key));
      }
      return values;
    }

    private Map<String, String> strings(@Nullable YamlNode node, String key) {
      Map<String, String> values = new LinkedHashMap<>();
      if (node == null || node.kind() == YamlNode.Kind.NULL) {
        return values;
      }
      if (node.kind() != YamlNode.Kind.MAP) {
        throw error(node, key + ": must be a mapping");
      }
      for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
        values.put(entry.getKey(), text(entry.getValue(), key + "." + entry.getKey()));
      }
      return values;
    }

    private int port(@Nullable YamlNode node, String key) {
      if (node == null || node.kind() == YamlNode.Kind.NULL) {
        return 0;
      }
      String text = text(node, key);
      try {
        int port = Integer.parseInt(text);
        if (port >= 0 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(node, key + ": must be a port, 0 to 65535");
    }
  }
}
