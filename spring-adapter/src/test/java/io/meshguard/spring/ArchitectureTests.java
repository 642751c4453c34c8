package io.meshguard.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Spring adapter stays thin: it calls core's API, never its internals or Jackson. */
class ArchitectureTests {

  private static final JavaClasses ADAPTER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshguard.spring");

  @Test
  void adapterImportsNoJackson() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..")
        .check(ADAPTER);
  }

  @Test
  void adapterImportsNoInternalPackageOfCore() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshguard.core.internal..")
        .check(ADAPTER);
  }

  @Test
  void adapterDependsOnNoExample() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.meshguard.examples..")
        .check(ADAPTER);
  }
}
