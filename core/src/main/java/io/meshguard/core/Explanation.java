package io.meshguard.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The checks behind a {@link Decision}, in the order they ran. Steps name checks, claims, scopes
 * and policies from the configuration, and the peer's SPIFFE ID; never a claim value or a token.
 * Meant for debug logs and tests, not for responses. Immutable.
 *
 * @since 0.1.0
 */
public final class Explanation {

  private final Step[] steps;
  private final int size;

  /** Trusted: the caller hands over an array it no longer writes to. */
  Explanation(Step[] steps, int size) {
    this.steps = steps;
    this.size = size;
  }

  /** An explanation of these steps, in order. */
  public static Explanation of(List<Step> steps) {
    Step[] copy = steps.toArray(new Step[0]);
    for (Step step : copy) {
      Objects.requireNonNull(step, "step");
    }
    return new Explanation(copy, copy.length);
  }

  /** The steps, in order; unmodifiable. */
  public List<Step> steps() {
    return Collections.unmodifiableList(Arrays.asList(steps).subList(0, size));
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
    for (int i = 0; i < size; i++) {
      if (steps[i].outcome() == Outcome.FAILED) {
        return steps[i];
      }
    }
    return null;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Explanation && ((Explanation) other).steps().equals(steps());
  }

  @Override
  public int hashCode() {
    return steps().hashCode();
  }

  /** The steps joined with {@code "; "}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        text.append("; ");
      }
      text.append(steps[i]);
    }
    return text.toString();
  }

  /** Collects the steps of one decision; not thread-safe, used once. */
  static final class Trail {
    private Step[] steps = new Step[8];
    private int size;

    Trail add(Step step) {
      if (size == steps.length) {
        steps = Arrays.copyOf(steps, size * 2);
      }
      steps[size++] = step;
      return this;
    }

    Explanation explanation() {
      return new Explanation(steps, size);
    }
  }
}
