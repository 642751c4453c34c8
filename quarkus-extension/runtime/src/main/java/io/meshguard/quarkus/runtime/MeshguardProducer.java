package io.meshguard.quarkus.runtime;

import io.meshguard.core.DecisionListener;
import io.meshguard.core.Meshguard;
import io.meshguard.core.config.MeshguardSpec;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Produces the application's {@link Meshguard} from {@code quarkus.meshguard.*}, with the
 * application's {@link Clock} bean if it has one and every {@link DecisionListener} bean attached.
 * An application replaces it by producing its own {@link Meshguard}.
 *
 * @since 0.1.0
 */
@Singleton
public class MeshguardProducer {

  /** The prefix of every key, as error messages name them. */
  static final String PREFIX = "quarkus.meshguard.";

  /**
   * The guard.
   *
   * @throws ConfigurationException naming the {@code quarkus.meshguard.*} key, for a missing or
   *     invalid setting, so that the application does not start unguarded
   */
  @Produces
  @Singleton
  @DefaultBean
  public Meshguard meshguard(
      MeshguardConfig config, Instance<Clock> clock, Instance<DecisionListener> listeners) {
    try {
      return spec(config, clock.isResolvable() ? clock.get() : Clock.systemUTC())
          .start(listeners.stream().toList());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /** Stops the guard's policy and bundle watchers when the application stops. */
  void close(@Disposes Meshguard guard) {
    guard.close();
  }

  /** The core's typed configuration, mapped field by field from {@code config}. */
  static MeshguardSpec spec(MeshguardConfig config, Clock clock) {
    MeshguardSpec.Builder spec = MeshguardSpec.builder(PREFIX).clock(clock);
    config.issuers().ifPresent(spec::issuers);
    config.audiences().ifPresent(spec::audiences);
    config.requireExpiration().ifPresent(spec::requireExpiration);
    config.clockSkew().ifPresent(spec::clockSkew);
    config.payloadHeader().ifPresent(spec::payloadHeader);
    config.acceptRawJson().ifPresent(spec::acceptRawJson);
    config.acceptPercentEncodedJson().ifPresent(spec::acceptPercentEncodedJson);
    config.maxHeaderLength().ifPresent(spec::maxHeaderLength);
    config.maxDepth().ifPresent(spec::maxDepth);
    config.maxNumberLength().ifPresent(spec::maxNumberLength);
    config.maxStringLength().ifPresent(spec::maxStringLength);
    config.peerSource().ifPresent(spec::peerSource);
    config.trustDomains().ifPresent(spec::trustDomains);
    config.xfccHeader().ifPresent(spec::xfccHeader);
    config.expectedBy().ifPresent(spec::expectedBy);
    config.trustBundle().ifPresent(spec::trustBundle);
    spec.unmatched(unmatched(config));
    config.policyFile().ifPresent(spec::policyFile);
    MeshguardConfig.Workload workload = config.workload();
    workload.namespace().ifPresent(spec::workloadNamespace);
    spec.workloadLabels(workload.labels());
    workload.rootNamespace().ifPresent(spec::workloadRootNamespace);
    workload.trustDomain().ifPresent(spec::workloadTrustDomain);
    workload.trustDomainAliases().ifPresent(spec::workloadTrustDomainAliases);
    return spec.build();
  }

  /**
   * {@code unmatched}, else {@link MeshguardSpec#FRAMEWORK_ROUTED_UNMATCHED}: Quarkus answers its
   * own 404 and 405.
   */
  static io.meshguard.core.route.Unmatched unmatched(MeshguardConfig config) {
    return config
        .unmatched()
        .map(value -> MeshguardSpec.unmatched(PREFIX, value))
        .orElse(MeshguardSpec.FRAMEWORK_ROUTED_UNMATCHED);
  }
}
