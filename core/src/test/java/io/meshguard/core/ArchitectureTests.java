package io.meshguard.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.meshguard.architecture.MeshguardRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture of core, written as tests: the shared rules that apply to core. */
class ArchitectureTests {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = MeshguardRules.mainClassesOf("io.meshguard.core");
  }

  @Test
  void coreImportsNoFrameworkType() {
    MeshguardRules.CORE_IMPORTS_NO_FRAMEWORK_TYPE.check(core);
  }

  @Test
  void coreUsesOnlyJacksonsStreamingApi() {
    MeshguardRules.CORE_USES_ONLY_JACKSONS_STREAMING_API.check(core);
  }

  @Test
  void jacksonStaysInsideThePolicyPackage() {
    MeshguardRules.JACKSON_STAYS_INSIDE_THE_POLICY_PACKAGE.check(core);
  }

  @Test
  void yamlIsReadOnlyByThePolicyLoader() {
    MeshguardRules.YAML_IS_READ_ONLY_BY_THE_POLICY_LOADER.check(core);
  }

  @Test
  void internalDependsOnNoApiPackage() {
    MeshguardRules.INTERNAL_DEPENDS_ON_NO_API_PACKAGE.check(core);
  }

  @Test
  void coreDependsOnNoExample() {
    MeshguardRules.DEPENDS_ON_NO_EXAMPLE.check(core);
  }

  @Test
  void corePackagesHaveNoCycles() {
    // Every package is a slice, the root package io.meshguard.core included.
    MeshguardRules.PACKAGES_HAVE_NO_CYCLES.check(core);
  }
}
