package io.meshguard.quarkus.runtime;

import io.meshguard.core.DecisionListener;
import io.meshguard.core.metrics.DecisionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Registers core's {@link DecisionMetrics} (the {@code meshguard.decisions} counter) as a {@link
 * DecisionListener} bean. Installed only when quarkus-micrometer is present.
 *
 * @since 0.1.0
 */
@Singleton
public class DecisionMetricsProducer {

  /** The counters, in the application's registry. */
  @Produces
  @Singleton
  DecisionListener decisionMetrics(MeterRegistry registry) {
    return new DecisionMetrics(registry);
  }
}
