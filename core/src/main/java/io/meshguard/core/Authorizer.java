package io.meshguard.core;

import io.meshguard.core.Explanation.Outcome;
import io.meshguard.core.Explanation.Step;
import io.meshguard.core.Explanation.Trail;
import io.meshguard.core.peer.PeerIdentity;
import io.meshguard.core.policy.PolicyDecision;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.request.MeshRequest;
import io.meshguard.core.requirement.ClaimCondition;
import io.meshguard.core.requirement.PeerMatcher;
import io.meshguard.core.requirement.Requirement;
import io.meshguard.core.requirement.ScopeRequirement;
import java.util.Optional;
import java.util.function.Supplier;

/** Step 4 of the pipeline: the policies in force, then the route's requirement. */
final class Authorizer {

  private static final Step PEER_REQUIRED_STEP =
      new Step("peer", Outcome.FAILED, "a peer is required");

  final Supplier<PolicySet> policies;

  Authorizer(Supplier<PolicySet> policies) {
    this.policies = policies;
  }

  /** Policies first, then scopes, claims and peer, in that order. */
  Decision authorize(
      MeshIdentity identity, MeshRequest request, Requirement requirement, Trail steps) {
    PolicySet inForce = policies.get();
    if (!inForce.isEmpty()) {
      PolicyDecision policy =
          inForce.evaluate(request, identity.claims(), identity.peer().orElse(null));
      if (!policy.isAllowed()) {
        steps.add(new Step("policy", Outcome.FAILED, policy.toString()));
        return Decision.Denied.of(ErrorCode.POLICY_DENIED, steps.explanation());
      }
      steps.add(new Step("policy", Outcome.PASSED, policy.toString()));
    }
    for (ScopeRequirement scopes : requirement.scopes()) {
      if (!scopes.isSatisfiedBy(identity.scopes())) {
        steps.add(new Step(scopes.toString(), Outcome.FAILED, null));
        return Decision.Denied.insufficientScope(scopes.scopes(), steps.explanation());
      }
      steps.add(new Step(scopes.toString(), Outcome.PASSED, null));
    }
    for (ClaimCondition condition : requirement.claims()) {
      if (!condition.isSatisfiedBy(identity.claims())) {
        steps.add(new Step(condition.toString(), Outcome.FAILED, null));
        return Decision.Denied.of(ErrorCode.CLAIM_DENIED, steps.explanation());
      }
      steps.add(new Step(condition.toString(), Outcome.PASSED, null));
    }
    if (!requirement.peers().isEmpty()) {
      Optional<PeerIdentity> peer = identity.peer();
      if (peer.isEmpty()) {
        steps.add(PEER_REQUIRED_STEP);
        return Decision.Denied.peerMissing(steps.explanation());
      }
      for (PeerMatcher matcher : requirement.peers()) {
        if (!matcher.matches(peer.get())) {
          steps.add(new Step(matcher.toString(), Outcome.FAILED, null));
          return Decision.Denied.of(ErrorCode.PEER_DENIED, steps.explanation());
        }
        steps.add(new Step(matcher.toString(), Outcome.PASSED, null));
      }
    }
    return new Decision.Allowed(identity, steps.explanation());
  }
}
