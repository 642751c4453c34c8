package io.meshguard.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Jazzer fuzz target replays a committed corpus, found where Jazzer looks for it: the
 * resource directory {@code <package>/<Class>Inputs/<method>/} next to the target's class,
 * committed under {@code src/test/resources}. A target that moves (to another class, package or
 * name) must take its corpus with it, or its regression run silently replays nothing; a corpus left
 * behind is caught too.
 */
class FuzzCorpusTests {

  /** The committed corpora (not target/test-classes, which keeps a moved directory's old copy). */
  private static final Path RESOURCES =
      Path.of(System.getProperty("basedir", "."), "src", "test", "resources");

  private static Path testClasses;
  private static Set<String> targets;

  @BeforeAll
  static void findTargets() throws URISyntaxException {
    testClasses =
        Path.of(FuzzCorpusTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    targets = new TreeSet<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPath(testClasses)) {
      for (JavaMethod method : type.getMethods()) {
        if (method.isAnnotatedWith(FuzzTest.class)) {
          targets.add(corpusOf(type, method));
        }
      }
    }
  }

  @Test
  void findTargetsWhenCoreIsScannedThenFindsEveryKnownTarget() {
    // Keeps the checks below from passing on an empty scan.
    assertThat(targets)
        .contains(
            "io/meshguard/core/fuzz/FuzzTestsInputs/payloadDecoder",
            "io/meshguard/core/peer/XfccFuzzTestsInputs/xfcc",
            "io/meshguard/core/fuzz/FuzzTestsInputs/spiffeId",
            "io/meshguard/core/fuzz/FuzzTestsInputs/policyLoader",
            "io/meshguard/core/fuzz/FuzzTestsInputs/decision",
            "io/meshguard/core/payload/JsonReaderDifferentialFuzzTestsInputs/readersAgree");
  }

  @Test
  void corpusWhenAFuzzTargetExistsThenItsDirectoryHoldsInputs() throws IOException {
    for (String target : targets) {
      Path corpus = RESOURCES.resolve(target);
      assertThat(corpus).as("corpus of %s", target).isDirectory();
      try (Stream<Path> inputs = Files.list(corpus)) {
        assertThat(inputs.filter(Files::isRegularFile).toList())
            .as("inputs of %s", target)
            .isNotEmpty();
      }
    }
  }

  @Test
  void corpusWhenADirectoryIsCommittedThenAFuzzTargetReplaysIt() throws IOException {
    List<String> corpora;
    try (Stream<Path> paths = Files.walk(RESOURCES)) {
      corpora =
          paths
              .filter(Files::isDirectory)
              .filter(path -> path.getParent().getFileName().toString().endsWith("Inputs"))
              .map(path -> RESOURCES.relativize(path).toString().replace('\\', '/'))
              .toList();
    }

    assertThat(corpora).isNotEmpty();
    assertThat(targets).containsAll(corpora);
  }

  private static String corpusOf(JavaClass type, JavaMethod method) {
    return type.getPackageName().replace('.', '/')
        + "/"
        + type.getSimpleName()
        + "Inputs/"
        + method.getName();
  }
}
