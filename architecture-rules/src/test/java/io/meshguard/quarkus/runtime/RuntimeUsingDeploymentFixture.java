package io.meshguard.quarkus.runtime;

import io.meshguard.quarkus.deployment.DeploymentFixture;

/** A Quarkus runtime class that depends on a deployment class. */
public final class RuntimeUsingDeploymentFixture {

  public String step() {
    return DeploymentFixture.step();
  }
}
