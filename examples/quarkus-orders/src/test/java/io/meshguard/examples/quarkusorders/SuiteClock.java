package io.meshguard.examples.quarkusorders;

import io.meshguard.examples.contract.OrdersContract;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The contract suite's fixed clock as the application's {@link Clock} bean, which the extension's
 * guard uses. Test sources are part of every {@code @QuarkusTest} application, so all tests of this
 * module run at {@link OrdersContract#NOW}.
 */
@Singleton
public class SuiteClock {

  @Produces
  @Singleton
  Clock clock() {
    return OrdersContract.CLOCK;
  }
}
