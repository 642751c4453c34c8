package io.meshguard.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.meshguard.architecture.fixtures.clean.CleanApi;
import io.meshguard.architecture.fixtures.example.AdapterUsingExample;
import io.meshguard.architecture.fixtures.framework.CoreUsingServlet;
import io.meshguard.architecture.fixtures.internal.AdapterUsingCoreInternal;
import io.meshguard.architecture.fixtures.jackson.AdapterUsingJackson;
import io.meshguard.architecture.fixtures.jackson.CoreBindingATree;
import io.meshguard.architecture.fixtures.jackson.OutsidePolicyReadingYaml;
import io.meshguard.core.internal.InternalHelperFixture;
import io.meshguard.core.internal.InternalUsingApiFixture;
import io.meshguard.core.policy.PolicyReaderFixture;
import io.meshguard.quarkus.runtime.RuntimeUsingDeploymentFixture;
import org.junit.jupiter.api.Test;

/** Each shared rule fails on a fixture that breaks it and holds on one that keeps it. */
class MeshguardRulesTests {

  @Test
  void coreImportsNoFrameworkTypeWhenAServletTypeIsUsedThenFails() {
    assertFails(MeshguardRules.CORE_IMPORTS_NO_FRAMEWORK_TYPE, CoreUsingServlet.class)
        .contains("jakarta.servlet.http.HttpServletRequest");
    assertHolds(MeshguardRules.CORE_IMPORTS_NO_FRAMEWORK_TYPE, CleanApi.class);
  }

  @Test
  void coreUsesOnlyJacksonsStreamingApiWhenDatabindIsUsedThenFails() {
    assertFails(MeshguardRules.CORE_USES_ONLY_JACKSONS_STREAMING_API, CoreBindingATree.class)
        .contains("com.fasterxml.jackson.databind.ObjectMapper");
    assertHolds(MeshguardRules.CORE_USES_ONLY_JACKSONS_STREAMING_API, PolicyReaderFixture.class);
  }

  @Test
  void jacksonStaysInsideThePolicyPackageWhenUsedOutsideThenFails() {
    assertFails(MeshguardRules.JACKSON_STAYS_INSIDE_THE_POLICY_PACKAGE, AdapterUsingJackson.class)
        .contains("com.fasterxml.jackson.core.JsonFactory");
    assertHolds(
        MeshguardRules.JACKSON_STAYS_INSIDE_THE_POLICY_PACKAGE,
        PolicyReaderFixture.class,
        CleanApi.class);
  }

  @Test
  void yamlIsReadOnlyByThePolicyLoaderWhenReadOutsideThenFails() {
    assertFails(
            MeshguardRules.YAML_IS_READ_ONLY_BY_THE_POLICY_LOADER, OutsidePolicyReadingYaml.class)
        .contains("com.fasterxml.jackson.dataformat.yaml.YAMLFactory");
    assertHolds(
        MeshguardRules.YAML_IS_READ_ONLY_BY_THE_POLICY_LOADER,
        PolicyReaderFixture.class,
        CleanApi.class);
  }

  @Test
  void internalDependsOnNoApiPackageWhenInternalUsesAnotherPackageThenFails() {
    assertFails(MeshguardRules.INTERNAL_DEPENDS_ON_NO_API_PACKAGE, InternalUsingApiFixture.class)
        .contains(CleanApi.class.getName());
    assertHolds(MeshguardRules.INTERNAL_DEPENDS_ON_NO_API_PACKAGE, InternalHelperFixture.class);
  }

  @Test
  void importsNoJacksonWhenJacksonIsUsedThenFails() {
    assertFails(MeshguardRules.IMPORTS_NO_JACKSON, AdapterUsingJackson.class)
        .contains("com.fasterxml.jackson.core.JsonFactory");
    assertHolds(MeshguardRules.IMPORTS_NO_JACKSON, CleanApi.class);
  }

  @Test
  void importsNoInternalPackageOfCoreWhenInternalIsUsedThenFails() {
    assertFails(MeshguardRules.IMPORTS_NO_INTERNAL_PACKAGE_OF_CORE, AdapterUsingCoreInternal.class)
        .contains(InternalHelperFixture.class.getName());
    assertHolds(MeshguardRules.IMPORTS_NO_INTERNAL_PACKAGE_OF_CORE, CleanApi.class);
  }

  @Test
  void dependsOnNoExampleWhenAnExampleIsUsedThenFails() {
    assertFails(MeshguardRules.DEPENDS_ON_NO_EXAMPLE, AdapterUsingExample.class)
        .contains("io.meshguard.examples.fixture.ExampleFixture");
    assertHolds(MeshguardRules.DEPENDS_ON_NO_EXAMPLE, CleanApi.class);
  }

  @Test
  void quarkusRuntimeDependsOnNoDeploymentClassWhenRuntimeUsesDeploymentThenFails() {
    assertFails(
            MeshguardRules.QUARKUS_RUNTIME_DEPENDS_ON_NO_DEPLOYMENT_CLASS,
            RuntimeUsingDeploymentFixture.class)
        .contains("io.meshguard.quarkus.deployment.DeploymentFixture");
    assertHolds(
        MeshguardRules.QUARKUS_RUNTIME_DEPENDS_ON_NO_DEPLOYMENT_CLASS,
        io.meshguard.quarkus.runtime.CleanRuntimeFixture.class);
  }

  @Test
  void packagesHaveNoCyclesWhenACycleRunsThroughTheRootPackageThenFails() {
    assertFails(
            MeshguardRules.PACKAGES_HAVE_NO_CYCLES,
            io.meshguard.architecture.fixtures.cycle.RootFixture.class,
            io.meshguard.architecture.fixtures.cycle.policy.PolicyFixture.class)
        .contains(
            "Cycle detected: io.meshguard.architecture.fixtures.cycle -> ",
            "io.meshguard.architecture.fixtures.cycle.policy -> ");
  }

  @Test
  void packagesHaveNoCyclesWhenTheRootOnlyUsesASubpackageThenHolds() {
    assertHolds(
        MeshguardRules.PACKAGES_HAVE_NO_CYCLES,
        io.meshguard.architecture.fixtures.acyclic.RootFixture.class,
        io.meshguard.architecture.fixtures.acyclic.policy.PolicyFixture.class);
  }

  @Test
  void oldSliceRuleWhenACycleRunsThroughTheRootPackageThenMissesIt() {
    // Why the shared rule slices every package: the rule core used before left its root out.
    ArchRule old =
        slices()
            .matching("io.meshguard.architecture.fixtures.cycle.(*)..")
            .should()
            .beFreeOfCycles();

    assertThat(
            old.evaluate(
                    classes(
                        io.meshguard.architecture.fixtures.cycle.RootFixture.class,
                        io.meshguard.architecture.fixtures.cycle.policy.PolicyFixture.class))
                .hasViolation())
        .isFalse();
  }

  @Test
  void mainClassesOfWhenAskedForAPackageThenLeavesTestClassesOut() {
    assertThat(MeshguardRules.mainClassesOf("io.meshguard.architecture.fixtures")).isEmpty();
    assertThat(
            MeshguardRules.mainClassesOf("io.meshguard.architecture").contain(MeshguardRules.class))
        .isTrue();
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertFails(
      ArchRule rule, Class<?>... fixtures) {
    var result = rule.evaluate(classes(fixtures));
    assertThat(result.hasViolation()).as("%s violated by %s", rule, fixtures).isTrue();
    return assertThat(result.getFailureReport().toString());
  }

  private static void assertHolds(ArchRule rule, Class<?>... fixtures) {
    rule.check(classes(fixtures));
  }

  private static JavaClasses classes(Class<?>... fixtures) {
    return new ClassFileImporter().importClasses(fixtures);
  }
}
