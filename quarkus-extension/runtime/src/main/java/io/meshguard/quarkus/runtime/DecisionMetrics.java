package io.meshguard.quarkus.runtime;

import io.meshguard.core.Decision;
import io.meshguard.core.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts decisions in the Micrometer counter {@code meshguard.decisions}, tagged {@code outcome}
 * ({@code allowed} or {@code denied}) and {@code code} (the {@link ErrorCode} in lower case, or
 * {@code none}), as the Spring starter does. Installed only when quarkus-micrometer is present. No
 * high-cardinality tags: never a subject, a path or a peer.
 *
 * @since 0.1.0
 */
@Singleton
public class DecisionMetrics implements MeshguardDecisionListener {

  /** The counter's name. */
  public static final String NAME = "meshguard.decisions";

  private final Counter allowed;
  private final Map<ErrorCode, Counter> denied = new EnumMap<>(ErrorCode.class);

  /** Counters registered in {@code registry}. */
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
  public void accept(Decision decision) {
    if (decision instanceof Decision.Denied refusal) {
      denied.get(refusal.code()).increment();
    } else {
      allowed.increment();
    }
  }
}
