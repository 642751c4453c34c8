package io.meshguard.core.metrics;

import io.meshguard.core.Decision;
import io.meshguard.core.DecisionListener;
import io.meshguard.core.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts decisions in the Micrometer counter {@code meshguard.decisions}, tagged {@code outcome}
 * ({@code allowed} or {@code denied}) and {@code code} (the {@link ErrorCode} in lower case, or
 * {@code none}). The one binder of every adapter: the Spring starter and the Quarkus extension
 * register it when the application has Micrometer. No high-cardinality tags: never a subject, a
 * path or a peer. Thread-safe.
 *
 * @since 0.1.0
 */
public final class DecisionMetrics implements DecisionListener {

  /** The counter's name. */
  public static final String NAME = "meshguard.decisions";

  private final Counter allowed;
  private final Map<ErrorCode, Counter> denied = new EnumMap<>(ErrorCode.class);

  /**
   * Registers the counters, one per outcome and code, in {@code registry}.
   *
   * @param registry the application's registry
   */
  public DecisionMetrics(MeterRegistry registry) {
    this.allowed = counter(registry, "allowed", "none");
    for (ErrorCode code : ErrorCode.values()) {
      denied.put(code, counter(registry, "denied", code.name().toLowerCase(Locale.ROOT)));
    }
  }

  private static Counter counter(MeterRegistry registry, String outcome, String code) {
    return Counter.builder(NAME)
        .description("meshguard decisions")
        .tag("outcome", outcome)
        .tag("code", code)
        .register(registry);
  }

  @Override
  public void onDecision(Decision decision) {
    if (decision instanceof Decision.Denied) {
      denied.get(((Decision.Denied) decision).code()).increment();
    } else {
      allowed.increment();
    }
  }
}
