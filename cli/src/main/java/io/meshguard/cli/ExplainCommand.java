package io.meshguard.cli;

import io.meshguard.core.Decision;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshguard explain}: one request decided against the manifests, with the explanation. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    exitCodeOnExecutionException = MeshguardCli.EXIT_INTERNAL,
    header = "Decides one request against the manifests and explains the decision.",
    description = {
      "Decides one request as an application running meshguard behind this mesh would: the"
          + " payload and claims checks, the peer from XFCC, the route's requirement and the"
          + " manifests' AuthorizationPolicies with Istio's semantics; prints the decision, each"
          + " check, the policy details and, for a denial, the response meshguard sends (status,"
          + " WWW-Authenticate, RFC 9457 body).",
      "Without --issuers or --issuer-rules, the issuers and audiences are those of the"
          + " RequestAuthentications selecting the workload. A malformed --payload or --xfcc is a"
          + " request meshguard refuses: explain shows that denial."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:allowed",
      "2:invalid options",
      "3:denied",
      "4:an input file or the manifests cannot be read",
      "5:internal error"
    })
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "METHOD", description = "The HTTP method, such as GET.")
  String method = "GET";

  @Parameters(
      index = "1",
      paramLabel = "PATH",
      description = "The raw request path, as sent (percent-encoding kept), without the query.")
  String path = "/";

  @Mixin WorkloadOptions workload = new WorkloadOptions();

  @Mixin TrustOptions trust = new TrustOptions();

  /** The caller's token: its claims, or the header value. */
  static final class Token {
    @Option(
        names = "--claims",
        paramLabel = "JSON|@FILE",
        description =
            "The token's claims as JSON, or @ and a file holding it; sent as the payload header"
                + " (unpadded base64url, as Istio forwards it).")
    @Nullable String claims;

    @Option(
        names = "--payload",
        paramLabel = "VALUE",
        description = "The payload header's value as the sidecar would send it.")
    @Nullable String payload;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable Token token;

  /** The calling workload: its SPIFFE ID, or the XFCC header value. */
  static final class Peer {
    @Option(
        names = "--peer",
        paramLabel = "SPIFFE_ID",
        description = "The calling workload, sent as the XFCC element the sidecar appends.")
    @Nullable String peer;

    @Option(
        names = "--xfcc",
        paramLabel = "VALUE",
        description = "The x-forwarded-client-cert value as the sidecar would send it.")
    @Nullable String xfcc;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable Peer peer;

  @Option(
      names = "--header",
      paramLabel = "NAME:VALUE",
      description = "Another request header, repeated for several.")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--authority",
      paramLabel = "HOST",
      description = "The authority (:authority or Host), for policies matching hosts.")
  @Nullable String authority;

  @Option(
      names = "--require",
      paramLabel = "WORDS",
      description =
          "What the endpoint needs, as the requirement words of a route: scopes=a,b"
              + " all-scopes=a,b claim.role=x peer.namespace=ns peer.id=spiffe://..."
              + " (default: a valid identity, or the route table's).")
  @Nullable String require;

  @Option(
      names = {"--routes", "--route"},
      paramLabel = "ROUTE",
      description =
          "A route as in routes[N] (METHOD PATTERN REQUIREMENT...), repeated in order; instead"
              + " of --require.")
  List<String> routes = new ArrayList<>();

  @Option(
      names = "--unmatched",
      paramLabel = "deny|not-found|authenticated",
      description = "What happens to a request no route matches (unmatched; default: deny).")
  @Nullable String unmatched;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      description =
          "The time of the exp, nbf and iat checks, such as 2026-12-02T12:00:00Z (default: the"
              + " current time).")
  @Nullable String now;

  @Option(
      names = "--format",
      paramLabel = "human|json",
      defaultValue = "human",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  Format format = Format.human;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (require != null && !routes.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give --require or --routes, not both");
    }
    Requirement requirement = null;
    if (require != null) {
      try {
        requirement = Guard.requirement(require);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--require: " + e.getMessage());
      }
    }
    Settings settings =
        new Settings(
            workload.workload(),
            workload.meshManifests,
            workload.port,
            trust.issuers,
            trust.audiences,
            trust.issuerRules,
            trust.payloadHeader,
            trust.peerSource,
            trust.trustDomains,
            routes,
            unmatched,
            clock(now, spec));
    Guard guard = Guard.of(settings, "--");
    RequestSpec request =
        new RequestSpec(
            method,
            path,
            token == null ? null : claims(token.claims),
            token == null ? null : token.payload,
            peer == null ? null : peer.peer,
            peer == null ? null : peer.xfcc,
            headers(headers, spec),
            workload.port,
            authority);
    MeshRequest meshRequest = request.toRequest(guard);
    Decision decision = guard.decide(meshRequest, requirement);
    DecisionReport report =
        new DecisionReport(decision, guard.policyDetails(meshRequest, decision));
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      Map<String, Object> asked = new LinkedHashMap<>();
      asked.put("method", method);
      asked.put("path", path);
      json.put("request", asked);
      json.putAll(report.json());
      out.println(Json.write(json));
    } else {
      out.printf("%s %s%n", method, path);
      out.print(report.human());
    }
    out.flush();
    return decision.isAllowed() ? MeshguardCli.EXIT_OK : MeshguardCli.EXIT_DENIED;
  }

  /** The claims JSON of {@code --claims}: as given, or read from the file after {@code @}. */
  private static @Nullable String claims(@Nullable String value) {
    if (value == null || !value.startsWith("@")) {
      return value;
    }
    Path file = Path.of(value.substring(1));
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read the claims: " + Guard.describe(e));
    }
  }

  static Clock clock(@Nullable String now, CommandSpec spec) {
    if (now == null) {
      return Clock.systemUTC();
    }
    try {
      return Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--now must be an instant such as 2026-12-02T12:00:00Z");
    }
  }

  private static List<Map.Entry<String, String>> headers(List<String> lines, CommandSpec spec) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ParameterException(spec.commandLine(), "--header must be NAME:VALUE");
      }
      headers.add(
          new AbstractMap.SimpleImmutableEntry<>(
              line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
    }
    return headers;
  }
}
