package io.meshguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every meshguard module checks its own main classes against, written once.
 * Each module's {@code ArchitectureTests} imports its classes with {@link #mainClassesOf} and
 * checks the rules that apply to it; {@code MeshguardRulesTests} proves, on small fixtures, that
 * each rule can fail.
 *
 * <p>A rule names packages, not modules: it holds for whatever classes it is checked against, so
 * the module chooses which classes those are.
 */
public final class MeshguardRules {

  /** Core's root package: its public entry points. */
  public static final String CORE = "io.meshguard.core";

  /** Core's implementation details: not API, not for adapters. */
  public static final String CORE_INTERNAL = "io.meshguard.core.internal..";

  /** The examples: applications that use meshguard, never used by it. */
  public static final String EXAMPLES = "io.meshguard.examples..";

  /** Framework packages core must not see, so it runs under any of them (and under none). */
  private static final String[] FRAMEWORKS = {
    "jakarta..",
    "javax.servlet..",
    "javax.ws.rs..",
    "javax.inject..",
    "javax.enterprise..",
    "org.springframework..",
    "io.quarkus..",
    "io.smallrye..",
    "io.vertx..",
    "io.netty..",
    "io.grpc..",
    "reactor..",
    "org.eclipse.jetty..",
    "org.apache.catalina..",
    "org.apache.tomcat..",
    "io.undertow..",
    "org.jboss.resteasy..",
    "io.micronaut..",
    "io.helidon.."
  };

  /** Core imports no framework type: not Spring, Quarkus, Jakarta, Vert.x, Servlet, gRPC, … */
  public static final ArchRule CORE_IMPORTS_NO_FRAMEWORK_TYPE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FRAMEWORKS)
          .because("core must run under any framework");

  /** Core reads JSON and YAML in one streaming pass: no {@code jackson-databind} tree is bound. */
  public static final ArchRule CORE_USES_ONLY_JACKSONS_STREAMING_API =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson.databind..")
          .because("payloads and policies are read in one streaming pass; no tree is bound");

  /** The payload has its own strict reader; only the policy package reads with Jackson. */
  public static final ArchRule JACKSON_STAYS_INSIDE_THE_POLICY_PACKAGE =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.meshguard.core.policy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson..")
          .because("the payload has its own strict reader; only YAML policy files use Jackson");

  /** YAML (Jackson's dataformat or SnakeYAML) is read only by the policy loader. */
  public static final ArchRule YAML_IS_READ_ONLY_BY_THE_POLICY_LOADER =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.meshguard.core.policy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson.dataformat..", "org.yaml..");

  /** Core's {@code internal} package is a leaf: it depends on no other meshguard package. */
  public static final ArchRule INTERNAL_DEPENDS_ON_NO_API_PACKAGE =
      noClasses()
          .that()
          .resideInAPackage(CORE_INTERNAL)
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "reside in a meshguard package other than " + CORE_INTERNAL,
                  target ->
                      target.getPackageName().startsWith("io.meshguard.")
                          && !target.getPackageName().equals("io.meshguard.core.internal")
                          && !target.getPackageName().startsWith("io.meshguard.core.internal.")))
          .because("internal holds helpers for the API packages, never the other way round");

  /** An adapter (or any module built on core) imports no Jackson: core reads every format. */
  public static final ArchRule IMPORTS_NO_JACKSON =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson..")
          .because("core reads payloads and policies; an adapter only translates");

  /** An adapter (or any module built on core) calls core's API, never its internals. */
  public static final ArchRule IMPORTS_NO_INTERNAL_PACKAGE_OF_CORE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CORE_INTERNAL)
          .because("io.meshguard.core.internal is not API");

  /** Nothing meshguard ships depends on an example. */
  public static final ArchRule DEPENDS_ON_NO_EXAMPLE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(EXAMPLES)
          .because("examples use meshguard, never the other way round");

  /**
   * No package cycles: every package is its own slice, the root package of a module included (so a
   * cycle {@code io.meshguard.core ↔ io.meshguard.core.policy} fails, which a rule matching only
   * {@code io.meshguard.core.(*)..} would not see), and a subpackage is a slice apart from its
   * parent.
   */
  public static final ArchRule PACKAGES_HAVE_NO_CYCLES =
      slices()
          .matching("io.meshguard.(**)")
          .namingSlices("io.meshguard.$1")
          .should()
          .beFreeOfCycles();

  /** The Quarkus runtime module never sees build-time (deployment) classes. */
  public static final ArchRule QUARKUS_RUNTIME_DEPENDS_ON_NO_DEPLOYMENT_CLASS =
      noClasses()
          .that()
          .resideInAPackage("io.meshguard.quarkus.runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.meshguard.quarkus.deployment..", "io.quarkus.deployment..")
          .because("the deployment module is not on an application's runtime class path");

  private MeshguardRules() {}

  /**
   * The main (non-test) classes in {@code packages} and their subpackages, as found on the class
   * path: a module's own classes when it names its own root package.
   */
  public static JavaClasses mainClassesOf(String... packages) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(packages);
  }
}
