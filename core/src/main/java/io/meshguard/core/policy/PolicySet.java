package io.meshguard.core.policy;

import io.meshguard.core.claims.Claims;
import io.meshguard.core.internal.RawPaths;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.policy.CompiledPolicy.Action;
import io.meshguard.core.policy.CompiledPolicy.Rule;
import io.meshguard.core.request.MeshRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Istio {@code AuthorizationPolicy} documents that apply to one workload, loaded and compiled
 * once, evaluated per request with Istio's semantics. Immutable and thread-safe.
 *
 * <p>Loading reads multi-document YAML ({@code security.istio.io/v1} and {@code v1beta1}). A
 * document without {@code metadata.namespace} belongs to the workload's namespace; policies in the
 * root namespace apply to every workload, others only in the workload's own namespace; {@code
 * spec.selector.matchLabels} must match the workload's labels. Documents of other API groups and
 * {@code PeerAuthentication} are skipped. {@code RequestAuthentication} documents never fail the
 * load: those that apply (by namespace and selector, as policies; never with {@code targetRef(s)})
 * offer their {@code jwtRules} ({@link #requestAuthentications()}), and their {@code
 * spaceDelimitedClaims} are split on spaces, for tokens of the rule's issuer, before {@code
 * request.auth.claims[...]} match ({@code scope} and {@code permission} always are); one the mesh
 * would refuse is skipped with a warning. {@code status} and metadata other than name, namespace
 * and annotations are ignored. The load fails, naming document, line and field, on anything in the
 * authorization part that cannot be evaluated truthfully inside the application: action CUSTOM,
 * {@code ipBlocks}, {@code remoteIpBlocks}, {@code source.ip}, {@code remote.ip}, {@code
 * destination.ip}, {@code connection.sni}, {@code experimental.envoy.filters.*}, the pseudo-headers
 * {@code :path} and {@code :scheme}, {@code targetRef(s)}; on what Istio's validation refuses (an
 * unknown field or {@code when} key, {@code destination.namespace}/{@code labels}/{@code name}/
 * {@code user}, empty values, malformed {@code serviceAccounts}, {@code trustDomains}, ports and
 * path templates, path templates Envoy refuses); and on an unknown kind under {@code
 * security.istio.io}. Everything else Istio's {@code AuthorizationPolicy} defines is evaluated:
 * {@code principals}, {@code namespaces}, {@code serviceAccounts}, {@code trustDomains} (with the
 * workload's trust domain aliases, as Istio's trust domain bundle), {@code requestPrincipals},
 * {@code hosts}, {@code methods}, {@code paths} (with Envoy's URI templates), {@code ports}, and
 * the {@code when} keys {@code request.auth.*}, {@code source.principal}, {@code source.namespace},
 * {@code source.serviceAccount}, {@code source.trustDomain}, {@code request.headers[...]}, {@code
 * destination.port}. YAML anchors, aliases, merge keys and explicit tags fail the load wherever
 * they stand in the file (a skipped document and {@code status} included), naming the document by
 * position: Kubernetes resolves them before Istio sees the policy, and reading them otherwise would
 * change what the policy means. A policy annotated {@code istio.io/dry-run} true (as Go's {@code
 * ParseBool} reads it) is evaluated, never enforced: what it and AUDIT policies would have done is
 * in {@link PolicyDecision#notes()}, counted by {@link #shadowMatches()} and logged at DEBUG.
 *
 * <p>Rules limited to one exact path are indexed by it at load, so a large policy costs little more
 * per request than a small one.
 *
 * @see <a href="https://istio.io/latest/docs/reference/config/security/authorization-policy/">Istio
 *     AuthorizationPolicy</a>
 * @since 0.1.0
 */
public final class PolicySet {

  private static final Logger LOG = LoggerFactory.getLogger(PolicySet.class);
  private static final PolicySet EMPTY =
      new PolicySet(List.of(), List.of(), Workload.of("default", Map.of()), false);

  private final List<CompiledPolicy> policies;
  private final List<RequestAuthenticationRule> requestAuthentications;
  private final SpaceDelimitedClaims spaceDelimited;
  private final Workload workload;
  private final RuleIndex deny;
  private final RuleIndex allow;
  private final RuleIndex shadow;
  private final boolean anyAllow;
  private final boolean anyEnforced;
  private final boolean readsHosts;
  private final LongAdder shadowMatches = new LongAdder();

  private PolicySet(
      List<CompiledPolicy> policies,
      List<RequestAuthenticationRule> requestAuthentications,
      Workload workload,
      boolean readsHosts) {
    this.readsHosts = readsHosts;
    this.policies = List.copyOf(policies);
    this.requestAuthentications = List.copyOf(requestAuthentications);
    this.spaceDelimited = SpaceDelimitedClaims.of(this.requestAuthentications);
    this.workload = workload;
    List<Entry> denyRules = new ArrayList<>();
    List<Entry> allowRules = new ArrayList<>();
    List<Entry> shadowRules = new ArrayList<>();
    boolean allowPolicy = false;
    boolean enforced = false;
    for (CompiledPolicy policy : this.policies) {
      boolean enforcing = !policy.dryRun && policy.action != Action.AUDIT;
      enforced |= enforcing;
      allowPolicy |= enforcing && policy.action == Action.ALLOW;
      for (Rule rule : policy.rules) {
        Entry entry = new Entry(policy, rule);
        if (!enforcing) {
          shadowRules.add(entry);
        } else if (policy.action == Action.DENY) {
          denyRules.add(entry);
        } else {
          allowRules.add(entry);
        }
      }
    }
    this.deny = new RuleIndex(denyRules);
    this.allow = new RuleIndex(allowRules);
    this.shadow = new RuleIndex(shadowRules);
    this.anyAllow = allowPolicy;
    this.anyEnforced = enforced;
  }

  /** No policies: every request is allowed. */
  public static PolicySet empty() {
    return EMPTY;
  }

  /**
   * Loads the documents of {@code yaml} that apply to {@code workload}.
   *
   * @throws PolicyLoadException when anything cannot be loaded truthfully; nothing is loaded then
   */
  public static PolicySet load(String yaml, Workload workload) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(workload, "workload");
    List<YamlNode> documents;
    try {
      documents = YamlNode.readAll(yaml);
    } catch (YamlNode.SyntaxException e) {
      throw new PolicyLoadException(e.document, "", e.line, e.field, e.getMessage());
    }
    PolicyDocuments read = PolicyDocuments.read(documents, workload);
    return new PolicySet(read.policies, read.requestAuthentications, workload, read.readsHosts());
  }

  /**
   * Loads a YAML file (UTF-8).
   *
   * @throws IOException when it cannot be read
   * @throws PolicyLoadException when anything cannot be loaded truthfully
   */
  public static PolicySet load(Path file, Workload workload) throws IOException {
    return load(Files.readString(file, StandardCharsets.UTF_8), workload);
  }

  /**
   * Loads the mesh manifests a team keeps in Git as one set: YAML files, and directories whose
   * {@code .yaml} and {@code .yml} files are read recursively in path order (as {@code
   * MeshManifests.read} finds them), each as {@link #load(String, Workload)} reads a file. A
   * document with neither {@code apiVersion} nor {@code kind} (Helm values, a test table) is
   * skipped; every other document is read as in a single file, so the load is all-or-nothing and
   * its error names the file.
   *
   * @param paths files or directories, in the order their documents are evaluated
   * @param workload the workload the documents are selected for
   * @throws IOException when a file cannot be read
   * @throws PolicyLoadException naming the file, document, line and field of the first refusal
   * @since 0.1.0
   */
  public static PolicySet load(List<Path> paths, Workload workload) throws IOException {
    Objects.requireNonNull(workload, "workload");
    List<CompiledPolicy> policies = new ArrayList<>();
    List<RequestAuthenticationRule> rules = new ArrayList<>();
    boolean readsHosts = false;
    for (Path file : yamlFiles(paths)) {
      String source = file.toString();
      List<YamlNode> documents;
      try {
        documents = YamlNode.readAll(Files.readString(file, StandardCharsets.UTF_8));
      } catch (YamlNode.SyntaxException e) {
        throw new PolicyLoadException(
            source, new PolicyLoadException(e.document, "", e.line, e.field, e.getMessage()));
      }
      PolicyDocuments read;
      try {
        read = PolicyDocuments.read(documents, workload, true);
      } catch (PolicyLoadException e) {
        throw new PolicyLoadException(source, e);
      }
      policies.addAll(read.policies);
      rules.addAll(read.requestAuthentications);
      readsHosts |= read.readsHosts();
    }
    return new PolicySet(policies, rules, workload, readsHosts);
  }

  private static List<Path> yamlFiles(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      Objects.requireNonNull(path, "path");
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile)
            .filter(
                file -> {
                  String name = file.getFileName().toString();
                  return name.endsWith(".yaml") || name.endsWith(".yml");
                })
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  /** The workload the policies were selected for. */
  public Workload workload() {
    return workload;
  }

  /** The applying policies as {@code namespace/name}, in file order. */
  public List<String> policyIds() {
    List<String> ids = new ArrayList<>();
    for (CompiledPolicy policy : policies) {
      ids.add(policy.id());
    }
    return ids;
  }

  /** The {@code jwtRules} of the {@code RequestAuthentication} documents that apply. */
  public List<RequestAuthenticationRule> requestAuthentications() {
    return requestAuthentications;
  }

  /**
   * How many times an AUDIT or dry-run rule would have matched since this set was loaded: one per
   * rule per request, so a request two such rules match counts twice. Each is also a {@link
   * PolicyDecision#notes() note} of its decision and a DEBUG line of this class's logger, never an
   * INFO line per request. Thread-safe; counts only what {@link #evaluate} evaluated (a request
   * refused for its path or authority reaches no policy).
   *
   * @since 0.1.0
   */
  public long shadowMatches() {
    return shadowMatches.sum();
  }

  /** Whether any ALLOW or DENY policy is enforced; without one, every request is allowed. */
  public boolean isEmpty() {
    return !anyEnforced;
  }

  /**
   * Evaluates the policies for a request and the caller's identity.
   *
   * @param request the request: method, raw path (matched after Istio's BASE normalisation, as the
   *     sidecar does), authority, headers, destination port
   * @param claims the caller's validated claims
   * @param peer the calling workload, or {@code null} when no peer was authenticated
   */
  public PolicyDecision evaluate(MeshRequest request, Claims claims, @Nullable PeerIdentity peer) {
    if (RawPaths.isAmbiguous(request.rawPath())) {
      // Meshguard answers 400 before policies; a direct caller must not get a decision Envoy's
      // normalisation would contradict (such as /x/..;/admin).
      return new PolicyDecision(
          false, PolicyDecision.Reason.PATH_REFUSED, "", List.of(), List.of());
    }
    PolicyContext context = new PolicyContext(request, claims, peer, spaceDelimited);
    if (context.path() == null) {
      return new PolicyDecision(
          false, PolicyDecision.Reason.PATH_REFUSED, "", List.of(), List.of());
    }
    if (readsHosts && context.host() == null) {
      // Every request through Envoy has an authority; without one, hosts cannot be matched.
      return new PolicyDecision(
          false, PolicyDecision.Reason.AUTHORITY_MISSING, "", List.of(), List.of());
    }
    List<String> notes = shadow.isEmpty() ? List.of() : shadowNotes(context);
    Entry denied = deny.firstMatch(context);
    if (denied != null) {
      return new PolicyDecision(
          false, PolicyDecision.Reason.DENY_MATCHED, denied.describe(), notes, List.of());
    }
    if (!anyAllow) {
      PolicyDecision.Reason reason =
          anyEnforced ? PolicyDecision.Reason.NO_ALLOW_POLICY : PolicyDecision.Reason.NO_POLICY;
      return new PolicyDecision(true, reason, "", notes, List.of());
    }
    Entry allowed = allow.firstMatch(context);
    if (allowed != null) {
      return new PolicyDecision(
          true, PolicyDecision.Reason.ALLOW_MATCHED, allowed.describe(), notes, List.of());
    }
    return new PolicyDecision(
        false, PolicyDecision.Reason.NO_ALLOW_MATCHED, "", notes, allow.mismatches(context));
  }

  private List<String> shadowNotes(PolicyContext context) {
    List<String> notes = new ArrayList<>();
    for (Entry entry : shadow.all) {
      if (entry.rule.mismatch(context) == null) {
        String note =
            (entry.policy.dryRun ? "dry-run " : "") + entry.describe() + " would have matched";
        notes.add(note);
        shadowMatches.increment();
        LOG.debug("meshguard policy {}", note);
      }
    }
    return notes;
  }

  @Override
  public String toString() {
    return "PolicySet" + policyIds();
  }

  /** One rule of one policy. */
  private static final class Entry {
    final CompiledPolicy policy;
    final Rule rule;
    final String description;

    Entry(CompiledPolicy policy, Rule rule) {
      this.policy = policy;
      this.rule = rule;
      this.description = policy.action + " " + policy.id() + " rule " + rule.index;
    }

    String describe() {
      return description;
    }
  }

  /** Rules limited to one exact path, found by it; the rest scanned in order. */
  private static final class RuleIndex {
    final List<Entry> all;
    final Map<String, List<Entry>> byPath = new HashMap<>();
    final List<Entry> others = new ArrayList<>();

    RuleIndex(List<Entry> entries) {
      this.all = List.copyOf(entries);
      for (Entry entry : entries) {
        if (entry.rule.exactPath != null) {
          byPath.computeIfAbsent(entry.rule.exactPath, p -> new ArrayList<>()).add(entry);
        } else {
          others.add(entry);
        }
      }
    }

    boolean isEmpty() {
      return all.isEmpty();
    }

    @Nullable Entry firstMatch(PolicyContext context) {
      List<Entry> candidates = byPath.get(context.path());
      if (candidates != null) {
        for (Entry entry : candidates) {
          if (entry.rule.mismatch(context) == null) {
            return entry;
          }
        }
      }
      for (Entry entry : others) {
        if (entry.rule.mismatch(context) == null) {
          return entry;
        }
      }
      return null;
    }

    List<String> mismatches(PolicyContext context) {
      List<String> lines = new ArrayList<>();
      for (Entry entry : all) {
        String mismatch = entry.rule.mismatch(context);
        lines.add(
            entry.describe() + ": " + (mismatch == null ? "matched" : mismatch + " did not match"));
      }
      return lines;
    }
  }
}
