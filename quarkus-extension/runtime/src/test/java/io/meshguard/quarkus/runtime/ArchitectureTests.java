package io.meshguard.quarkus.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.meshguard.architecture.MeshguardRules;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus extension's runtime stays thin: it calls core's API, never its internals or Jackson,
 * and never sees a deployment class.
 */
class ArchitectureTests {

  private static final JavaClasses MODULE =
      MeshguardRules.mainClassesOf("io.meshguard.quarkus.runtime");

  @Test
  void extensionImportsNoJackson() {
    MeshguardRules.IMPORTS_NO_JACKSON.check(MODULE);
  }

  @Test
  void extensionImportsNoInternalPackageOfCore() {
    MeshguardRules.IMPORTS_NO_INTERNAL_PACKAGE_OF_CORE.check(MODULE);
  }

  @Test
  void extensionDependsOnNoExample() {
    MeshguardRules.DEPENDS_ON_NO_EXAMPLE.check(MODULE);
  }

  @Test
  void extensionPackagesHaveNoCycles() {
    MeshguardRules.PACKAGES_HAVE_NO_CYCLES.check(MODULE);
  }

  @Test
  void runtimeDependsOnNoDeploymentClass() {
    MeshguardRules.QUARKUS_RUNTIME_DEPENDS_ON_NO_DEPLOYMENT_CLASS.check(MODULE);
  }
}
