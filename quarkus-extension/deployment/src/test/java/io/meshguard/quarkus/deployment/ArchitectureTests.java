package io.meshguard.quarkus.deployment;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.meshguard.architecture.MeshguardRules;
import org.junit.jupiter.api.Test;

/** The Quarkus extension's build steps call core's API, never its internals or Jackson. */
class ArchitectureTests {

  private static final JavaClasses MODULE =
      MeshguardRules.mainClassesOf("io.meshguard.quarkus.deployment");

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
}
