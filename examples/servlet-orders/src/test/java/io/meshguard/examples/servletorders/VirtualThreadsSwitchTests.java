package io.meshguard.examples.servletorders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.jetty.util.VirtualThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** The {@code SERVLET_ORDERS_VIRTUAL_THREADS} switch on either side of Java 21. */
class VirtualThreadsSwitchTests {

  @Test
  void threadPoolWhenSwitchedOffThenUsesPlatformThreadsOnly() {
    assertThat(ServletOrdersApplication.threadPool(false).getVirtualThreadsExecutor()).isNull();
  }

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20)
  void threadPoolWhenSwitchedOnBeforeJava21ThenRefusesToStart() {
    assertThatThrownBy(() -> ServletOrdersApplication.threadPool(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SERVLET_ORDERS_VIRTUAL_THREADS=true needs Java 21 or newer");
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void threadPoolWhenSwitchedOnFromJava21ThenRunsTasksOnVirtualThreads() throws Exception {
    var pool = ServletOrdersApplication.threadPool(true);
    var ranOnVirtual = new java.util.concurrent.CompletableFuture<Boolean>();
    pool.getVirtualThreadsExecutor()
        .execute(() -> ranOnVirtual.complete(VirtualThreads.isVirtualThread()));
    assertThat(ranOnVirtual.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }
}
