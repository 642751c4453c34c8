package io.meshguard.spring;

import io.meshguard.core.Decision;
import io.meshguard.core.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts decisions in the Micrometer counter {@code meshguard.decisions}, tagged {@code outcome}
 * ({@code allowed} or {@code denied}) and {@code code} (the {@link ErrorCode}, or {@code none}). No
 * high-cardinality tags: never a subject, a path or a peer.
 *
 * @since 0.1.0
 */
public final class DecisionMetrics implements MeshguardDecisionListener {

  /** The counter's name. */
  public static final String NAME = "meshguard.decisions";

  private final Counter allowed;
  private final Map<ErrorCode, Counter> denied = new EnumMap<>(ErrorCode.class);

  /** Counters registered in {@code registry}. */
  public DecisionMetrics(MeterRegistry registry) {
    this.allowed =
        Counter.builder(NAME)
            .description("meshguard decisions")
            .tag("outcome", "allowed")
            .tag("code", "none")
            .register(registry);
    for (ErrorCode code : ErrorCode.values()) {
      denied.put(
          code,
          Counter.builder(NAME)
              .description("meshguard decisions")
              .tag("outcome", "denied")
              .tag("code", code.name().toLowerCase(java.util.Locale.ROOT))
              .register(registry));
    }
  }

  @Override
  public void accept(Decision decision) {
    if (decision instanceof Decision.Denied) {
      denied.get(((Decision.Denied) decision).code()).increment();
    } else {
      allowed.increment();
    }
  }
}
