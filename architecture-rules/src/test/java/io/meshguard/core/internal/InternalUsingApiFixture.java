package io.meshguard.core.internal;

import io.meshguard.architecture.fixtures.clean.CleanApi;

/** An internal class that depends on a meshguard package outside internal. */
public final class InternalUsingApiFixture {

  public int count(CleanApi api) {
    return api.names().size();
  }
}
