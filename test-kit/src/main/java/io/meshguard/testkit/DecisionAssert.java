package io.meshguard.testkit;

import io.meshguard.core.Decision;
import io.meshguard.core.Explanation;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a decision's explanation.
 *
 * @since 0.1.0
 */
public final class DecisionAssert extends AbstractAssert<DecisionAssert, Decision> {

  DecisionAssert(Decision actual) {
    super(actual, DecisionAssert.class);
  }

  /** Asserts the check that failed, such as {@code claim role in [api-admin]} or {@code policy}. */
  public DecisionAssert failedAt(String check) {
    isNotNull();
    Explanation.Step failure = actual.explanation().failure();
    if (failure == null || !failure.check().equals(check)) {
      failWithMessage(
          "Expected the check '%s' to have failed but the explanation was: %s", check, actual);
    }
    return this;
  }

  /** Asserts the explanation mentions {@code text}. */
  public DecisionAssert explanationContains(String text) {
    isNotNull();
    if (!actual.explanation().toString().contains(text)) {
      failWithMessage(
          "Expected the explanation to contain '%s' but it was: %s", text, actual.explanation());
    }
    return this;
  }
}
