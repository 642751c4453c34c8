package io.meshguard.quarkus.deployment;

/** A class in the Quarkus deployment package: a target the runtime must not depend on. */
public final class DeploymentFixture {

  public static String step() {
    return "build";
  }
}
