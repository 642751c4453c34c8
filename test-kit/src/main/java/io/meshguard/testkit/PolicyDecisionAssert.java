package io.meshguard.testkit;

import io.meshguard.core.policy.PolicyDecision;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on why policies decided as they did.
 *
 * @since 0.1.0
 */
public final class PolicyDecisionAssert
    extends AbstractAssert<PolicyDecisionAssert, PolicyDecision> {

  PolicyDecisionAssert(PolicyDecision actual) {
    super(actual, PolicyDecisionAssert.class);
  }

  /** Asserts the deciding policy and rule, such as {@code ALLOW api-system/orders rule 0}. */
  public PolicyDecisionAssert matched(String rule) {
    isNotNull();
    if (!Objects.equals(actual.matched(), rule)) {
      failWithMessage("Expected %s to have decided but it was: %s", rule, actual);
    }
    return this;
  }

  /** Asserts the reason. */
  public PolicyDecisionAssert hasReason(PolicyDecision.Reason reason) {
    isNotNull();
    if (actual.reason() != reason) {
      failWithMessage("Expected reason %s but was %s: %s", reason, actual.reason(), actual);
    }
    return this;
  }
}
