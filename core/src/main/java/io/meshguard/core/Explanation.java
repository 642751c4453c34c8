package io.meshguard.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The checks behind a {@link Decision}, in the order they ran. Steps name checks, claims, scopes
 * and policies from the configuration, and the peer's SPIFFE ID; never a claim value or a token.
 * Meant for debug logs and tests, not for responses. Immutable.
 *
 * @param steps the steps, in order
 * @since 0.1.0
 */
public record Explanation(List<Step> steps) {

  /** Copies the steps. */
  public Explanation {
    steps = List.copyOf(steps);
  }

  /** The outcome of one step. */
  public enum Outcome {
    /** The check passed. */
    PASSED,
    /** The check failed; it decided the denial. */
    FAILED,
    /** Not a check: what was found or why checks were skipped. */
    NOTED
  }

  /**
   * One check.
   *
   * @param check what was checked, such as {@code payload} or {@code scopes any of [orders:read]}
   * @param outcome the outcome
   * @param detail more about the outcome, or {@code null}
   */
  public record Step(String check, Outcome outcome, @Nullable String detail) {
    /** Checks the required parts are present. */
    public Step {
      Objects.requireNonNull(check, "check");
      Objects.requireNonNull(outcome, "outcome");
    }

    /** For example {@code payload: failed (the payload has a duplicate member name)}. */
    @Override
    public String toString() {
      String text = check + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT);
      return detail == null ? text : text + " (" + detail + ")";
    }
  }

  /** The first failed step, if any. */
  public @Nullable Step failure() {
    for (Step step : steps) {
      if (step.outcome() == Outcome.FAILED) {
        return step;
      }
    }
    return null;
  }

  /** The steps joined with {@code "; "}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Step step : steps) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(step);
    }
    return text.toString();
  }
}
