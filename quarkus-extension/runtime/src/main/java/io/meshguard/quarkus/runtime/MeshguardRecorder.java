package io.meshguard.quarkus.runtime;

import io.meshguard.core.Meshguard;
import io.meshguard.core.config.MeshguardSettings;
import io.meshguard.core.route.RouteTable;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Builds meshguard's filter at start-up from what the build found.
 *
 * @since 0.1.0
 */
@Recorder
public class MeshguardRecorder {

  private final RuntimeValue<MeshguardConfig> config;

  /** A recorder reading the run-time configuration. */
  public MeshguardRecorder(RuntimeValue<MeshguardConfig> config) {
    this.config = config;
  }

  /**
   * The filter: the application's {@link Meshguard} bean and the route table of {@code endpoints}.
   * Both are built now, so an invalid setting or policy file stops the start.
   */
  public Handler<RoutingContext> filter(List<EndpointRoute> endpoints) {
    refuseForwardedHostWithPolicies(config.getValue().policyFile().filter(f -> !f.isBlank()));
    RouteTable routes;
    try {
      routes =
          EndpointRoutes.table(
              endpoints,
              MeshguardSettings.unmatched(config.getValue().unmatched()),
              Thread.currentThread().getContextClassLoader());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(MeshguardProducer.quarkusKeys(e.getMessage()), e);
    }
    Meshguard guard = Arc.container().instance(Meshguard.class).get();
    return new MeshguardFilter(guard, routes);
  }

  /**
   * With proxy forwarding on, Quarkus overwrites the request's {@code Host} header before any route
   * runs: from {@code X-Forwarded-Host} with {@code enable-forwarded-host}, and from the host of a
   * {@code Forwarded} header with {@code allow-forwarded}. An AuthorizationPolicy's {@code hosts}
   * could then no longer be matched against the authority the request arrived with: with a policy
   * file, either stops the start.
   */
  static void refuseForwardedHostWithPolicies(Optional<String> policyFile) {
    org.eclipse.microprofile.config.Config quarkus = ConfigProvider.getConfig();
    boolean forwarding =
        quarkus
            .getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class)
            .orElse(false);
    boolean forwardedHost =
        quarkus
            .getOptionalValue("quarkus.http.proxy.enable-forwarded-host", Boolean.class)
            .orElse(false);
    boolean forwarded =
        quarkus.getOptionalValue("quarkus.http.proxy.allow-forwarded", Boolean.class).orElse(false);
    if (policyFile.isPresent() && forwarding && (forwardedHost || forwarded)) {
      String key =
          forwardedHost
              ? "quarkus.http.proxy.enable-forwarded-host"
              : "quarkus.http.proxy.allow-forwarded";
      throw new ConfigurationException(
          "quarkus.meshguard.policy-file cannot be used with "
              + key
              + "=true: Quarkus then replaces the Host header with a host the client sent"
              + " (X-Forwarded-Host or Forwarded), and policy hosts must match the authority the"
              + " request arrived with. Switch "
              + key
              + " off.");
    }
  }
}
