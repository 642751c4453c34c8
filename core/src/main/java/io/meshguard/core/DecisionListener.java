package io.meshguard.core;

import java.util.List;

/**
 * Called with every decision a {@link Meshguard} makes, on the deciding thread: the one hook for
 * metrics and audit in every adapter (Spring and Quarkus collect their listener beans into it).
 * Implementations must be fast, thread-safe and must not throw.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DecisionListener {

  /**
   * Receives one decision.
   *
   * @param decision the decision, with its explanation
   */
  void onDecision(Decision decision);

  /**
   * One listener that calls each of {@code listeners} in order.
   *
   * @param listeners the listeners, copied
   * @return the fan-out (a no-op when the list is empty)
   */
  static DecisionListener all(List<? extends DecisionListener> listeners) {
    List<DecisionListener> copy = List.copyOf(listeners);
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return decision -> {
      for (DecisionListener listener : copy) {
        listener.onDecision(decision);
      }
    };
  }
}
