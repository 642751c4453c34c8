package io.meshguard.spring;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.meshguard.architecture.MeshguardRules;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.error.ErrorController;

/** The Spring adapter stays thin: it calls core's API, never its internals or Jackson. */
class ArchitectureTests {

  private static final JavaClasses MODULE = MeshguardRules.mainClassesOf("io.meshguard.spring");

  /**
   * The Boot packages whose types the starter uses exist unchanged on Boot 3.5 and 4.0; every other
   * Boot package moved, split or is new in one line (Boot 4's error controller, Security, WebFlux
   * and Actuator auto-configuration, embedded servers). The starter names such types as strings
   * (package documentation). Add a package here only after checking both lines' jars.
   */
  static final ArchRule USES_ONLY_BOOT_PACKAGES_BOTH_LINES_SHARE =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.springframework.boot..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "org.springframework.boot.autoconfigure",
                              "org.springframework.boot.autoconfigure.condition",
                              "org.springframework.boot.context.properties",
                              "org.springframework.boot.web.servlet"))))
          .because("one starter jar serves Spring Boot 3.5 and 4.0 (see io.meshguard.spring)");

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

  @Test
  void adapterUsesOnlyBootPackagesThatBoot35AndBoot4Share() {
    USES_ONLY_BOOT_PACKAGES_BOTH_LINES_SHARE.check(MODULE);
  }

  @Test
  void bootLineRuleWhenATypeMovedInBoot4IsUsedThenViolated() {
    JavaClasses moved = new ClassFileImporter().importClasses(UsesBoot4ErrorController.class);
    assertThat(USES_ONLY_BOOT_PACKAGES_BOTH_LINES_SHARE.evaluate(moved).hasViolation()).isTrue();
  }

  /** A fixture: Boot 4's error controller, in a package Boot 3.5 does not have. */
  static final class UsesBoot4ErrorController {
    boolean isErrorController(Object bean) {
      return bean instanceof ErrorController;
    }
  }
}
