package io.meshguard.cli;

import io.meshguard.core.Authentication;
import io.meshguard.core.Decision;
import io.meshguard.core.Explanation;
import io.meshguard.core.Meshguard;
import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MeshguardSpec;
import io.meshguard.core.config.MissingSettingException;
import io.meshguard.core.policy.PolicyDecision;
import io.meshguard.core.policy.PolicyLoadException;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.Workload;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.route.RouteTable;
import io.meshguard.core.route.RouteText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Meshguard} as an application with these settings would build it, with the policies of
 * the mesh manifests: the one place {@code explain} and {@code test} decide a request.
 */
final class Guard {

  private final Meshguard meshguard;
  private final RouteTable routes;

  private Guard(Meshguard meshguard, RouteTable routes) {
    this.meshguard = meshguard;
    this.routes = routes;
  }

  /**
   * Loads the manifests' policies and validates the settings as meshguard's configuration does.
   *
   * @param prefix how setting errors name keys: {@code --} for options, empty for a test table
   * @throws InputException when the manifests cannot be read or loaded
   * @throws InvalidSettingException for an invalid setting, naming it
   */
  static Guard of(Settings settings, String prefix) {
    PolicySet policies;
    try {
      policies = PolicySet.load(settings.manifests(), settings.workload());
    } catch (IOException e) {
      throw new InputException("cannot read the mesh manifests: " + describe(e));
    } catch (PolicyLoadException e) {
      throw new InputException("the mesh manifests cannot be loaded: " + e.getMessage());
    }
    MeshguardSpec.Builder spec =
        MeshguardSpec.builder(prefix)
            .payloadHeader(settings.payloadHeader())
            .peerSource(settings.peerSource())
            .trustDomains(
                settings.trustDomains().isEmpty()
                    ? List.of(settings.workload().trustDomain())
                    : settings.trustDomains())
            .clock(settings.clock());
    boolean fromMesh =
        settings.issuers().isEmpty()
            && settings.audiences().isEmpty()
            && settings.issuerRules().isEmpty();
    if (fromMesh) {
      // What an application with trust-from-mesh would accept; the alignment is check's business.
      Workload workload = settings.workload();
      spec.trustFromMesh(true)
          .alignmentCheck("off")
          .meshManifests(settings.manifests().stream().map(Path::toString).toList())
          .workloadNamespace(workload.namespace())
          .workloadLabels(workload.labels())
          .workloadRootNamespace(workload.rootNamespace())
          .workloadTrustDomain(workload.trustDomain())
          .workloadTrustDomainAliases(workload.trustDomainAliases());
    } else {
      spec.issuers(settings.issuers()).audiences(settings.audiences());
      List<MeshguardSpec.IssuerRule> rules = new ArrayList<>();
      for (int i = 0; i < settings.issuerRules().size(); i++) {
        rules.add(issuerRule(prefix + "issuer-rules[" + i + "]", settings.issuerRules().get(i)));
      }
      spec.issuerRules(rules);
    }
    for (int i = 0; i < settings.routes().size(); i++) {
      spec.route(i, settings.routes().get(i));
    }
    if (settings.unmatched() != null) {
      spec.unmatched(settings.unmatched());
    }
    MeshguardSpec built;
    try {
      built = spec.build();
    } catch (InvalidSettingException e) {
      if (fromMesh && e.key().equals(prefix + "trust-from-mesh")) {
        Throwable reason = e.getCause() == null ? e : e.getCause();
        throw new MissingSettingException(
            prefix + "issuers",
            "is required: the mesh names none to trust (" + reason.getMessage() + ")");
      }
      throw e;
    }
    // The copy owns nothing: closing the started guard stops any watcher it started.
    try (Meshguard started = built.start()) {
      return new Guard(started.toBuilder().policies(policies).build(), built.routes());
    }
  }

  /** {@code ISSUER=AUD[,AUD...]}, split at the first {@code =}. */
  static MeshguardSpec.IssuerRule issuerRule(String key, String text) {
    int equals = text.indexOf('=');
    if (equals <= 0 || equals == text.length() - 1) {
      throw new InvalidSettingException(
          key, "must be ISSUER=AUDIENCE[,AUDIENCE...] (* for any audience)");
    }
    return new MeshguardSpec.IssuerRule(
        text.substring(0, equals), List.of(text.substring(equals + 1).split(",", -1)));
  }

  /**
   * The requirement of a {@code --require}/{@code require:} text: the requirement words of a route
   * ({@code scopes=orders:read peer.namespace=api-system}, {@code public}, {@code authenticated}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Requirement requirement(String words) {
    if (words.isBlank()) {
      throw new IllegalArgumentException("names no requirement");
    }
    String route = "GET / " + words.trim();
    try {
      return RouteText.parse(route).requirement();
    } catch (IllegalArgumentException e) {
      // the message quotes the route it parsed; the user wrote only the words
      String message = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(message.replace(" in: " + route, ""), e);
    }
  }

  /** Whether the settings have a route table. */
  boolean hasRoutes() {
    return !routes.routes().isEmpty();
  }

  /**
   * Decides a request: with {@code requirement} when given, else through the route table when there
   * is one, else with {@link Requirement#authenticated()}; the manifests' policies apply in every
   * case.
   */
  Decision decide(MeshRequest request, @Nullable Requirement requirement) {
    if (requirement != null) {
      return meshguard.decide(request, requirement);
    }
    if (hasRoutes()) {
      return meshguard.decide(request, routes);
    }
    return meshguard.decide(request, Requirement.authenticated());
  }

  /**
   * For a decision whose policy step ran, what the policies said beyond its one line: for each
   * ALLOW rule, the first part that did not match ({@link PolicyDecision#details()}).
   */
  List<String> policyDetails(MeshRequest request, Decision decision) {
    boolean policyRan = false;
    for (Explanation.Step step : decision.explanation().steps()) {
      policyRan |= step.check().equals("policy");
    }
    if (!policyRan) {
      return List.of();
    }
    Authentication authentication = meshguard.authenticate(request);
    if (!(authentication instanceof Authentication.Identified)) {
      return List.of();
    }
    Authentication.Identified identified = (Authentication.Identified) authentication;
    PolicyDecision policy =
        meshguard
            .policies()
            .evaluate(
                request, identified.identity().claims(), identified.identity().peer().orElse(null));
    return policy.details();
  }

  /** The payload header's name, lower case. */
  String payloadHeader() {
    return meshguard.payloadHeader();
  }

  /** The XFCC header's name, lower case. */
  String xfccHeader() {
    return meshguard.xfccHeader();
  }

  static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
