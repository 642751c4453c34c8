package io.meshguard.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating the policies that apply to a workload for one request, with Istio's
 * order: any matching DENY policy denies; then, if any ALLOW policy applies, one must match; with
 * no ALLOW policy the request is allowed. AUDIT and dry-run policies never change the outcome; what
 * they would have done is noted. Names policies and rules, never claim values or tokens. Immutable:
 * everything it says is computed while the request is evaluated, so it may outlive the request (a
 * servlet container recycles request objects once the response is written).
 *
 * @since 0.1.0
 */
public final class PolicyDecision {

  /** Why the decision came out as it did. */
  public enum Reason {
    /** No ALLOW or DENY policy applies to the workload. */
    NO_POLICY,
    /** No DENY policy matched and no ALLOW policy applies. */
    NO_ALLOW_POLICY,
    /** An ALLOW policy's rule matched. */
    ALLOW_MATCHED,
    /** A DENY policy's rule matched. */
    DENY_MATCHED,
    /** ALLOW policies apply but none of their rules matched. */
    NO_ALLOW_MATCHED,
    /**
     * The path is refused before any policy runs: meshguard finds it ambiguous (CONTRACT's list:
     * {@code ;}, {@code //}, dot segments, {@code %2e}, {@code %2f}, {@code %5c}, {@code %25},
     * {@code %00}), or the sidecar's normalisation fails (a raw NUL). No policy can allow it.
     */
    PATH_REFUSED,
    /**
     * A policy matches {@code hosts}, and the request has no authority ({@code :authority} or
     * {@code Host}), which no request through the sidecar lacks: no policy can allow it.
     */
    AUTHORITY_MISSING
  }

  private final boolean allowed;
  private final Reason reason;
  private final String matched;
  private final List<String> notes;
  private final List<String> details;

  PolicyDecision(
      boolean allowed, Reason reason, String matched, List<String> notes, List<String> details) {
    this.allowed = allowed;
    this.reason = Objects.requireNonNull(reason);
    this.matched = matched;
    this.notes = List.copyOf(notes);
    this.details = List.copyOf(details);
  }

  /** Whether the policies allow the request. */
  public boolean isAllowed() {
    return allowed;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }

  /**
   * The policy and rule that decided, such as {@code DENY api-system/block-admin rule 0}; empty
   * when no rule decided.
   */
  public String matched() {
    return matched;
  }

  /** What AUDIT and dry-run policies would have done. */
  public List<String> notes() {
    return notes;
  }

  /**
   * For {@link Reason#NO_ALLOW_MATCHED}, each ALLOW rule and the first part of it that did not
   * match, such as {@code ALLOW api-system/orders rule 1: to did not match}; empty for other
   * reasons.
   */
  public List<String> details() {
    return details;
  }

  /** A one-line summary, such as {@code denied: DENY api-system/block rule 0 matched}. */
  @Override
  public String toString() {
    String text;
    switch (reason) {
      case NO_POLICY:
        text = "allowed: no policy applies";
        break;
      case NO_ALLOW_POLICY:
        text = "allowed: no DENY policy matched and no ALLOW policy applies";
        break;
      case ALLOW_MATCHED:
        text = "allowed: " + matched + " matched";
        break;
      case DENY_MATCHED:
        text = "denied: " + matched + " matched";
        break;
      default:
        text = "denied: no ALLOW policy rule matched";
    }
    return notes.isEmpty() ? text : text + " " + notes;
  }
}
