package io.meshguard.quarkus.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus extension stays thin: both its modules call core's API, never its internals or
 * Jackson, and depend on no example.
 */
class ArchitectureTests {

  private static final JavaClasses EXTENSION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshguard.quarkus");

  @Test
  void extensionImportsNoJackson() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..")
        .check(EXTENSION);
  }

  @Test
  void extensionImportsNoInternalPackageOfCore() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshguard.core.internal..")
        .check(EXTENSION);
  }

  @Test
  void extensionDependsOnNoExample() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshguard.examples..")
        .check(EXTENSION);
  }

  @Test
  void runtimeDependsOnNoDeploymentClass() {
    noClasses()
        .that()
        .resideInAPackage("io.meshguard.quarkus.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshguard.quarkus.deployment..", "io.quarkus.deployment..")
        .check(EXTENSION);
  }
}
