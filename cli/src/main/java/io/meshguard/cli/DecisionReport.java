package io.meshguard.cli;

import io.meshguard.core.Decision;
import io.meshguard.core.Explanation;
import io.meshguard.core.MeshIdentity;
import io.meshguard.core.http.ErrorResponse;
import io.meshguard.core.http.ErrorResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decision as the CLI shows it: the outcome, meshguard's explanation step by step, the policy
 * details, and for a denial the response an adapter would send (status, {@code WWW-Authenticate},
 * RFC 9457 body), all from core's own types and renderer.
 */
final class DecisionReport {

  private final Decision decision;
  private final List<String> policyDetails;

  DecisionReport(Decision decision, List<String> policyDetails) {
    this.decision = decision;
    this.policyDetails = List.copyOf(policyDetails);
  }

  /** {@code allowed}, or {@code denied CODE}. */
  static String outcome(Decision decision) {
    return decision instanceof Decision.Denied
        ? "denied " + ((Decision.Denied) decision).code()
        : "allowed";
  }

  /** The human form, lines ending with a newline. */
  String human() {
    StringBuilder out = new StringBuilder();
    if (decision instanceof Decision.Denied) {
      Decision.Denied denied = (Decision.Denied) decision;
      out.append("DENIED ")
          .append(denied.code())
          .append(" (")
          .append(denied.code().status())
          .append(' ')
          .append(denied.code().title())
          .append("): ")
          .append(denied.description());
      if (!denied.requiredScopes().isEmpty()) {
        out.append("; needs one of the scopes ").append(denied.requiredScopes());
      }
      out.append('\n');
    } else {
      out.append("ALLOWED\n");
    }
    steps(out);
    if (decision instanceof Decision.Allowed) {
      Optional<MeshIdentity> identity = ((Decision.Allowed) decision).optionalIdentity();
      identity.ifPresent(id -> out.append("identity: ").append(identity(id)).append('\n'));
    } else {
      ErrorResponse response = ErrorResponses.render((Decision.Denied) decision);
      out.append("response:\n");
      out.append("  status: ").append(response.status()).append('\n');
      response
          .challenge()
          .ifPresent(
              challenge -> out.append("  WWW-Authenticate: ").append(challenge).append('\n'));
      out.append("  Content-Type: ").append(response.contentType()).append('\n');
      out.append("  ").append(response.body()).append('\n');
    }
    return out.toString();
  }

  /** The steps, indented, with the policy details under the policy step. */
  void steps(StringBuilder out) {
    for (Explanation.Step step : decision.explanation().steps()) {
      out.append("  ").append(step).append('\n');
      if (step.check().equals("policy")) {
        for (String detail : policyDetails) {
          out.append("    ").append(detail).append('\n');
        }
      }
    }
  }

  /** The JSON form's fields, in order. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("allowed", decision.isAllowed());
    if (decision instanceof Decision.Denied) {
      Decision.Denied denied = (Decision.Denied) decision;
      json.put("code", denied.code().name());
      json.put("description", denied.description());
      json.put("requiredScopes", denied.requiredScopes());
    }
    List<Object> steps = new ArrayList<>();
    for (Explanation.Step step : decision.explanation().steps()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("check", step.check());
      entry.put("outcome", step.outcome().name().toLowerCase(java.util.Locale.ROOT));
      entry.put("detail", step.detail());
      steps.add(entry);
    }
    json.put("steps", steps);
    json.put("policyDetails", policyDetails);
    if (decision instanceof Decision.Allowed) {
      Optional<MeshIdentity> identity = ((Decision.Allowed) decision).optionalIdentity();
      if (identity.isPresent()) {
        MeshIdentity id = identity.get();
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("subject", id.subject().orElse(null));
        who.put("issuer", id.issuer().orElse(null));
        who.put("scopes", id.scopes());
        who.put("peer", id.peer().map(peer -> peer.spiffeId().toString()).orElse(null));
        json.put("identity", who);
      }
    } else {
      ErrorResponse response = ErrorResponses.render((Decision.Denied) decision);
      Map<String, Object> rendered = new LinkedHashMap<>();
      rendered.put("status", response.status());
      rendered.put("wwwAuthenticate", response.wwwAuthenticate());
      rendered.put("contentType", response.contentType());
      rendered.put("body", response.body());
      json.put("response", rendered);
    }
    return json;
  }

  private static String identity(MeshIdentity identity) {
    List<String> parts = new ArrayList<>();
    parts.add("subject " + identity.subject().orElse("(none)"));
    parts.add("issuer " + identity.issuer().orElse("(none)"));
    parts.add("scopes " + identity.scopes());
    parts.add(
        "peer "
            + identity
                .peer()
                .map(peer -> peer.spiffeId().toString())
                .orElse(
                    identity
                        .peerAbsence()
                        .map(absence -> "none (" + absence.description() + ")")
                        .orElse("none")));
    return String.join(", ", parts);
  }
}
