package io.meshguard.servlet;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.meshguard.architecture.MeshguardRules;
import org.junit.jupiter.api.Test;

/** The servlet adapter stays thin: it calls core's API, never its internals or Jackson. */
class ArchitectureTests {

  private static final JavaClasses MODULE = MeshguardRules.mainClassesOf("io.meshguard.servlet");

  @Test
  void adapterImportsNoJackson() {
    MeshguardRules.IMPORTS_NO_JACKSON.check(MODULE);
  }

  @Test
  void adapterImportsNoInternalPackageOfCore() {
    MeshguardRules.IMPORTS_NO_INTERNAL_PACKAGE_OF_CORE.check(MODULE);
  }

  @Test
  void adapterDependsOnNoExample() {
    MeshguardRules.DEPENDS_ON_NO_EXAMPLE.check(MODULE);
  }

  @Test
  void adapterPackagesHaveNoCycles() {
    MeshguardRules.PACKAGES_HAVE_NO_CYCLES.check(MODULE);
  }
}
