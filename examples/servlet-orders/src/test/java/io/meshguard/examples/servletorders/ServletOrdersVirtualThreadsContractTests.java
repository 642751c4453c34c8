package io.meshguard.examples.servletorders;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.core.policy.PolicySet;
import io.meshguard.examples.contract.OrdersContract;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The shared contract suite against servlet-orders with {@code
 * SERVLET_ORDERS_VIRTUAL_THREADS=true}: every request handled on a virtual thread (Java 21 or
 * newer; CI runs it on Java 25).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class ServletOrdersVirtualThreadsContractTests extends OrdersContract {

  private static Server server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    server =
        ServletOrdersApplication.start(
            "127.0.0.1", 0, CLOCK, PolicySet::empty, false, true, http -> {});
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

  @Test
  void serverWhenStartedWithVirtualThreadsThenHandsRequestsToVirtualThreads() {
    assertThat(server.getThreadPool()).isInstanceOf(QueuedThreadPool.class);
    assertThat(((QueuedThreadPool) server.getThreadPool()).getVirtualThreadsExecutor()).isNotNull();
    assertThat(VirtualThreads.isUseVirtualThreads(server.getThreadPool())).isTrue();
  }
}
