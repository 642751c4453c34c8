package io.meshguard.testkit;

import io.meshguard.core.Decision;
import io.meshguard.core.ErrorCode;
import io.meshguard.core.Meshguard;
import io.meshguard.core.route.RouteTable;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a whole guard: the request's identity headers are minted from the {@link
 * TestRequest} and the complete decision runs (identity, routing, policies, requirements).
 *
 * @since 0.1.0
 */
public final class GuardAssert extends AbstractAssert<GuardAssert, Meshguard> {

  private final RouteTable routes;

  GuardAssert(Meshguard actual, RouteTable routes) {
    super(actual, GuardAssert.class);
    this.routes = routes;
  }

  /** Asserts the request is allowed. */
  public DecisionAssert allows(TestRequest request) {
    Decision decision = decide(request);
    if (!decision.isAllowed()) {
      failWithMessage("Expected%n  %s%nto be allowed but it was %s", request, decision);
    }
    return new DecisionAssert(decision);
  }

  /** Asserts the request is denied, whatever the reason. */
  public DecisionAssert denies(TestRequest request) {
    Decision decision = decide(request);
    if (decision.isAllowed()) {
      failWithMessage("Expected%n  %s%nto be denied but it was %s", request, decision);
    }
    return new DecisionAssert(decision);
  }

  /** Asserts the request is denied with {@code code}. */
  public DecisionAssert deniesWith(ErrorCode code, TestRequest request) {
    Decision decision = decide(request);
    if (!(decision instanceof Decision.Denied) || ((Decision.Denied) decision).code() != code) {
      failWithMessage(
          "Expected%n  %s%nto be denied with %s but it was %s", request, code, decision);
    }
    return new DecisionAssert(decision);
  }

  private Decision decide(TestRequest request) {
    isNotNull();
    return actual.decide(request.toForwardedRequest(), routes);
  }
}
