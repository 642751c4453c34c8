package io.meshguard.quarkus.runtime;

import io.meshguard.core.DecisionListener;
import io.meshguard.core.Meshguard;
import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MeshguardSpec;
import io.meshguard.core.route.PublicPaths;
import io.meshguard.core.route.Unmatched;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

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
    MeshguardConfig.Workload workload = config.workload();
    MeshguardSpec.Builder spec =
        MeshguardSpec.builder(PREFIX)
            .clock(clock)
            .requireExpiration(config.requireExpiration())
            .clockSkew(config.clockSkew())
            .payloadHeader(config.payloadHeader())
            .acceptRawJson(config.acceptRawJson())
            .acceptPercentEncodedJson(config.acceptPercentEncodedJson())
            .maxHeaderLength(config.maxHeaderLength())
            .maxDepth(config.maxDepth())
            .maxNumberLength(config.maxNumberLength())
            .maxStringLength(config.maxStringLength())
            .peerSource(config.peerSource())
            .xfccHeader(config.xfccHeader())
            .unmatched(config.unmatched())
            .workloadLabels(workload.labels())
            .workloadRootNamespace(workload.rootNamespace())
            .workloadTrustDomain(workload.trustDomain())
            .logIdentity(config.logIdentity())
            .principalClaim(config.principalClaim())
            .alignmentCheck(config.alignmentCheck())
            .trustFromMesh(config.trustFromMesh())
            .workloadPort(workload.port());
    config.issuers().ifPresent(spec::issuers);
    config.audiences().ifPresent(spec::audiences);
    config.trustDomains().ifPresent(spec::trustDomains);
    config.expectedBy().ifPresent(spec::expectedBy);
    config.trustBundle().ifPresent(spec::trustBundle);
    config.policyFile().ifPresent(spec::policyFile);
    workload.namespace().ifPresent(spec::workloadNamespace);
    workload.trustDomainAliases().ifPresent(spec::workloadTrustDomainAliases);
    config.roles().claims().ifPresent(spec::roleClaims);
    config.meshManifests().ifPresent(spec::meshManifests);
    config
        .issuerRules()
        .ifPresent(
            rules ->
                spec.issuerRules(
                    rules.stream()
                        .map(
                            rule ->
                                new MeshguardSpec.IssuerRule(
                                    rule.issuer(), rule.audiences().orElse(List.of())))
                        .toList()));
    config.roles().delimiter().ifPresent(spec::roleDelimiter);
    return spec.build();
  }

  /**
   * {@code public-paths}, else the SmallRye Health endpoints on the main router ({@code
   * /q/health/**}, following {@code quarkus.http.non-application-root-path} and {@code
   * quarkus.smallrye-health.root-path}) when quarkus-smallrye-health is present: probes reach them
   * without identity headers. Errors name the {@code quarkus.meshguard.} key.
   */
  static PublicPaths publicPaths(MeshguardConfig config) {
    List<String> patterns = config.publicPaths().orElseGet(MeshguardProducer::defaultPublicPaths);
    try {
      return PublicPaths.of(patterns);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(PREFIX + "public-paths", ": " + e.getMessage(), e);
    }
  }

  private static List<String> defaultPublicPaths() {
    boolean present;
    try {
      Class.forName(
          "io.smallrye.health.SmallRyeHealthReporter",
          false,
          Thread.currentThread().getContextClassLoader());
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    if (!present) {
      return List.of();
    }
    Config config = ConfigProvider.getConfig();
    String root = config.getOptionalValue("quarkus.http.root-path", String.class).orElse("/");
    String nonApplication =
        config.getOptionalValue("quarkus.http.non-application-root-path", String.class).orElse("q");
    String health =
        config.getOptionalValue("quarkus.smallrye-health.root-path", String.class).orElse("health");
    // As Quarkus resolves them: each path is absolute if it starts with '/', else under the one
    // before it (health under the non-application root, that under the HTTP root).
    String base = resolve(resolve(root, nonApplication), health);
    return List.of((base.equals("/") ? "" : base) + "/**");
  }

  private static String resolve(String parent, String path) {
    String joined = path.startsWith("/") ? path : parent + "/" + path;
    String normalized = joined.replaceAll("/+", "/");
    return normalized.length() > 1 && normalized.endsWith("/")
        ? normalized.substring(0, normalized.length() - 1)
        : normalized;
  }

  /** {@code unmatched}, parsed; errors name the {@code quarkus.meshguard.} key. */
  static Unmatched unmatched(MeshguardConfig config) {
    return MeshguardSpec.unmatched(PREFIX, config.unmatched());
  }
}
