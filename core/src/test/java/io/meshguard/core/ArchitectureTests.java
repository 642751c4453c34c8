package io.meshguard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture of core, written as tests. */
class ArchitectureTests {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meshguard.core");
  }

  @Test
  void coreImportsNoFrameworkType() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "jakarta.servlet..",
            "javax.servlet..",
            "org.springframework..",
            "io.quarkus..",
            "io.vertx..",
            "jakarta.ws.rs..",
            "jakarta.enterprise..")
        .because("core must run under any framework")
        .check(core);
  }

  @Test
  void coreUsesOnlyJacksonsStreamingApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson.databind..")
        .because("payloads and policies are read in one streaming pass; no tree is bound")
        .check(core);
  }

  @Test
  void jacksonStaysInsideThePolicyPackage() {
    // The payload has its own strict reader; only YAML policy files are read with Jackson.
    noClasses()
        .that()
        .resideOutsideOfPackage("io.meshguard.core.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..")
        .check(core);
  }

  @Test
  void yamlIsReadOnlyByThePolicyLoader() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.meshguard.core.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson.dataformat..", "org.yaml..")
        .check(core);
  }

  @Test
  void internalDependsOnNoApiPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.meshguard.core.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshguard.core",
            "io.meshguard.core.payload..",
            "io.meshguard.core.claims..",
            "io.meshguard.core.peer..",
            "io.meshguard.core.requirement..",
            "io.meshguard.core.annotation..",
            "io.meshguard.core.http..")
        .check(core);
  }

  @Test
  void corePackagesHaveNoCycles() {
    slices().matching("io.meshguard.core.(*)..").should().beFreeOfCycles().check(core);
  }
}
