package io.meshguard.quarkus.runtime;

/** A Quarkus runtime class that depends on no deployment class. */
public final class CleanRuntimeFixture {

  public String step() {
    return "runtime";
  }
}
