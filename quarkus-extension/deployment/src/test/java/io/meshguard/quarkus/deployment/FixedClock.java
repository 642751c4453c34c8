package io.meshguard.quarkus.deployment;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The clock the guard uses in these tests: the extension picks up an application Clock bean. */
@Singleton
public class FixedClock {

  static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  @Produces
  @Singleton
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }
}
