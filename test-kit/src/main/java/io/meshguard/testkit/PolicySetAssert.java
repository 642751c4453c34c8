package io.meshguard.testkit;

import io.meshguard.core.MeshIdentity;
import io.meshguard.core.policy.PolicyDecision;
import io.meshguard.core.policy.PolicySet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link PolicySet}. A failure says why the policies decided as they did.
 *
 * @since 0.1.0
 */
public final class PolicySetAssert extends AbstractAssert<PolicySetAssert, PolicySet> {

  PolicySetAssert(PolicySet actual) {
    super(actual, PolicySetAssert.class);
  }

  /** Asserts the policies allow {@code request}. */
  public PolicyDecisionAssert allows(TestRequest request) {
    isNotNull();
    PolicyDecision decision = evaluate(request);
    if (!decision.isAllowed()) {
      failWithMessage(
          "Expected the policies %s to allow%n  %s%nbut they denied it: %s%s",
          actual.policyIds(), request, decision, details(decision));
    }
    return new PolicyDecisionAssert(decision);
  }

  /** Asserts the policies deny {@code request}. */
  public PolicyDecisionAssert denies(TestRequest request) {
    isNotNull();
    PolicyDecision decision = evaluate(request);
    if (decision.isAllowed()) {
      failWithMessage(
          "Expected the policies %s to deny%n  %s%nbut they allowed it: %s",
          actual.policyIds(), request, decision);
    }
    return new PolicyDecisionAssert(decision);
  }

  private PolicyDecision evaluate(TestRequest request) {
    MeshIdentity identity = request.toIdentity();
    return actual.evaluate(
        request.toMeshRequest(), identity.claims(), identity.peer().orElse(null));
  }

  static String details(PolicyDecision decision) {
    String newLine = System.lineSeparator() + "  ";
    return decision.reason() == PolicyDecision.Reason.NO_ALLOW_MATCHED
        ? newLine + String.join(newLine, decision.details())
        : "";
  }
}
