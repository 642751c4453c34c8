package io.meshguard.examples.servletorders;

import io.meshguard.core.policy.PolicySet;
import io.meshguard.examples.contract.OrdersContract;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared contract suite against servlet-orders on embedded Jetty. */
class ServletOrdersContractTests extends OrdersContract {

  private static Server server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    server = ServletOrdersApplication.start("127.0.0.1", 0, CLOCK, PolicySet::empty);
    port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @Override
  protected int port() {
    return port;
  }
}
