package io.meshguard.examples.servletorders;

import io.meshguard.examples.contract.OrdersContract;
import io.meshguard.examples.contract.RequestFidelityContract;
import java.util.function.Supplier;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Host and path fidelity on Jetty with its {@code ForwardedRequestCustomizer} switched on. */
class ServletRequestFidelityTests extends RequestFidelityContract {

  private static Server server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Supplier<io.meshguard.core.policy.PolicySet> policies =
        ServletOrdersApplication.policies(policyFile().toString());
    policiesToClose = policies;
    server =
        ServletOrdersApplication.start(
            "127.0.0.1",
            0,
            OrdersContract.CLOCK,
            policies,
            false,
            http -> http.addCustomizer(new ForwardedRequestCustomizer()));
    port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    if (policiesToClose instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private static Object policiesToClose;

  @Override
  protected int port() {
    return port;
  }
}
