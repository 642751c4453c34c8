package io.meshguard.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.meshguard.architecture.MeshguardRules;
import org.junit.jupiter.api.Test;

/**
 * The test kit builds on core's API, never its internals or Jackson: what it shows users, they can
 * do.
 */
class ArchitectureTests {

  private static final JavaClasses MODULE = MeshguardRules.mainClassesOf("io.meshguard.testkit");

  @Test
  void testKitImportsNoJackson() {
    MeshguardRules.IMPORTS_NO_JACKSON.check(MODULE);
  }

  @Test
  void testKitImportsNoInternalPackageOfCore() {
    MeshguardRules.IMPORTS_NO_INTERNAL_PACKAGE_OF_CORE.check(MODULE);
  }

  @Test
  void testKitDependsOnNoExample() {
    MeshguardRules.DEPENDS_ON_NO_EXAMPLE.check(MODULE);
  }

  @Test
  void testKitPackagesHaveNoCycles() {
    MeshguardRules.PACKAGES_HAVE_NO_CYCLES.check(MODULE);
  }
}
