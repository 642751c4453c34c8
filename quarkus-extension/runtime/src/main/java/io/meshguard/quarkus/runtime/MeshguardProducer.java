package io.meshguard.quarkus.runtime;

import io.meshguard.core.Meshguard;
import io.meshguard.core.config.MeshguardSettings;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Produces the application's {@link Meshguard} from {@code quarkus.meshguard.*}, with the
 * application's {@link Clock} bean if it has one and every {@link MeshguardDecisionListener} bean
 * attached. An application replaces it by producing its own {@link Meshguard}.
 *
 * @since 0.1.0
 */
@Singleton
public class MeshguardProducer {

  private static final String QUARKUS_PREFIX = "quarkus.";

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
      MeshguardConfig config,
      Instance<Clock> clock,
      Instance<MeshguardDecisionListener> listeners) {
    Meshguard guard;
    try {
      guard =
          MeshguardSettings.parse(
                  settings(config), clock.isResolvable() ? clock.get() : Clock.systemUTC())
              .guard();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException(quarkusKeys(e.getMessage()), e);
    }
    List<MeshguardDecisionListener> all = listeners.stream().toList();
    if (all.isEmpty()) {
      return guard;
    }
    return guard.toBuilder()
        .decisionListener(decision -> all.forEach(listener -> listener.accept(decision)))
        .build();
  }

  /**
   * The core's messages name {@code meshguard.*}; Quarkus users set {@code quarkus.meshguard.*}.
   */
  static String quarkusKeys(String message) {
    return message == null
        ? "Invalid quarkus.meshguard configuration"
        : message.replace(MeshguardSettings.PREFIX, QUARKUS_PREFIX + MeshguardSettings.PREFIX);
  }

  /** The {@link MeshguardSettings} entries of {@code config}. */
  static Map<String, String> settings(MeshguardConfig config) {
    Map<String, String> map = new TreeMap<>();
    config.issuers().ifPresent(values -> put(map, "issuers", String.join(",", values)));
    config.audiences().ifPresent(values -> put(map, "audiences", String.join(",", values)));
    put(map, "require-expiration", Boolean.toString(config.requireExpiration()));
    put(map, "clock-skew", config.clockSkew().toString());
    put(map, "payload-header", config.payloadHeader());
    put(map, "accept-raw-json", Boolean.toString(config.acceptRawJson()));
    put(map, "accept-percent-encoded-json", Boolean.toString(config.acceptPercentEncodedJson()));
    put(map, "max-header-length", Integer.toString(config.maxHeaderLength()));
    put(map, "max-depth", Integer.toString(config.maxDepth()));
    put(map, "max-number-length", Integer.toString(config.maxNumberLength()));
    put(map, "max-string-length", Integer.toString(config.maxStringLength()));
    put(map, "peer-source", config.peerSource());
    config.trustDomains().ifPresent(values -> put(map, "trust-domains", String.join(",", values)));
    put(map, "xfcc-header", config.xfccHeader());
    config.expectedBy().ifPresent(value -> put(map, "expected-by", value));
    config.trustBundle().ifPresent(value -> put(map, "trust-bundle", value));
    put(map, "unmatched", config.unmatched());
    config.policyFile().ifPresent(value -> put(map, "policy-file", value));
    MeshguardConfig.Workload workload = config.workload();
    workload.namespace().ifPresent(value -> put(map, "workload.namespace", value));
    List<String> labels =
        workload.labels().entrySet().stream()
            .map(label -> label.getKey() + "=" + label.getValue())
            .sorted()
            .toList();
    put(map, "workload.labels", String.join(",", labels));
    put(map, "workload.root-namespace", workload.rootNamespace());
    put(map, "workload.trust-domain", workload.trustDomain());
    workload
        .trustDomainAliases()
        .ifPresent(values -> put(map, "workload.trust-domain-aliases", String.join(",", values)));
    return map;
  }

  private static void put(Map<String, String> map, String key, String value) {
    map.put(MeshguardSettings.PREFIX + key, value);
  }
}
