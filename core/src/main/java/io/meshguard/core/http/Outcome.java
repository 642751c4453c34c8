package io.meshguard.core.http;

import io.meshguard.core.Decision;
import io.meshguard.core.ErrorCode;
import io.meshguard.core.MeshIdentity;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * What an adapter does with a request once meshguard has decided: write a response, or continue
 * with the caller's identity. The one place that turns a {@link Decision} (or a failure while
 * deciding) into that choice, so every filter reads the same.
 *
 * @since 0.1.0
 */
public sealed interface Outcome {

  /**
   * Decides with {@code deciding} and says what to do: a denial becomes its rendered response; an
   * unexpected failure is logged with its stack trace and becomes a 500 problem, never a pass.
   *
   * @param deciding the call into {@link io.meshguard.core.Meshguard}
   * @return the outcome
   */
  static Outcome of(Supplier<Decision> deciding) {
    Decision decision;
    try {
      decision = Objects.requireNonNull(deciding.get(), "decision");
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Outcome.class)
          .error("meshguard failed while deciding; the request is denied", e);
      return new Respond(ErrorResponses.render(ErrorCode.INTERNAL_ERROR), null);
    }
    if (decision instanceof Decision.Denied) {
      return new Respond(ErrorResponses.render((Decision.Denied) decision), decision);
    }
    return new Proceed((Decision.Allowed) decision);
  }

  /** The decision, or {@code null} when deciding failed. */
  @Nullable Decision decision();

  /**
   * Write {@code response} and stop.
   *
   * @param response status, challenge and problem body
   * @param decision the denial, or {@code null} when deciding failed
   */
  record Respond(ErrorResponse response, @Nullable Decision decision) implements Outcome {
    /** Checks the response is present. */
    public Respond {
      Objects.requireNonNull(response, "response");
    }
  }

  /**
   * Continue with the request.
   *
   * @param decision the allowing decision
   */
  record Proceed(Decision.Allowed decision) implements Outcome {
    /** Checks the decision is present. */
    public Proceed {
      Objects.requireNonNull(decision, "decision");
    }

    /** The caller, or {@code null} for a public endpoint or a CORS preflight. */
    public @Nullable MeshIdentity identity() {
      return decision.identity();
    }
  }
}
