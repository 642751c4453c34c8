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
}
