package io.meshguard.quarkus.runtime;

import io.meshguard.core.Meshguard;
import io.meshguard.core.route.RouteTable;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.eclipse.microprofile.config.Config;
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
   * The filter: the application's {@link Meshguard} bean and the route table of those {@code
   * endpoints} Quarkus REST serves with the run-time configuration. Both are built now, so an
   * invalid setting or policy file stops the start.
   */
  public Handler<RoutingContext> filter(List<EndpointRoute> endpoints) {
    // A resource class Quarkus REST leaves out (@EndpointDisabled) is not a route either.
    Config runtime = ConfigProvider.getConfig();
    List<EndpointRoute> served =
        endpoints.stream()
            .filter(
                endpoint -> endpoint.isServedWith(name -> runtime.getConfigValue(name).getValue()))
            .toList();
    RouteTable routes;
    try {
      routes =
          EndpointRoutes.table(
              served,
              MeshguardProducer.unmatched(config.getValue()),
              Thread.currentThread().getContextClassLoader(),
              MeshguardProducer.publicPaths(config.getValue()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    Meshguard guard = Arc.container().instance(Meshguard.class).get();
    boolean policies =
        config.getValue().policyFile().filter(file -> !file.isBlank()).isPresent()
            || !guard.policies().isEmpty();
    refuseProxyForwardingWithPolicies(policies);
    return new MeshguardFilter(guard, routes);
  }

  /**
   * With {@code quarkus.http.proxy.proxy-address-forwarding} on, Quarkus rewrites the request's
   * {@code Host} header before any route runs, from headers the client sends: {@code
   * X-Forwarded-Host} ({@code enable-forwarded-host}), the host of {@code Forwarded} ({@code
   * allow-forwarded}), and even without those, {@code X-Forwarded-Port}/{@code -Proto}/{@code -Ssl}
   * change or drop its port. An AuthorizationPolicy's {@code hosts} must match the authority the
   * request arrived with, so with policies in force the option stops the start.
   */
  static void refuseProxyForwardingWithPolicies(boolean policies) {
    boolean forwarding =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class)
            .orElse(false);
    if (policies && forwarding) {
      throw new ConfigurationException(
          "meshguard policies (quarkus.meshguard.policy-file) cannot be used with"
              + " quarkus.http.proxy.proxy-address-forwarding=true: Quarkus then rewrites the Host"
              + " header from headers the client sends (X-Forwarded-Host, -Port, -Proto,"
              + " Forwarded), and policy hosts must match the authority the request arrived with."
              + " Switch quarkus.http.proxy.proxy-address-forwarding off; behind a sidecar the"
              + " forwarded headers come from the client.");
    }
  }
}
