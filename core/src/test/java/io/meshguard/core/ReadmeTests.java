package io.meshguard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.meshguard.architecture.ReadmeBlocks;
import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MeshguardSettings;
import io.meshguard.core.policy.PolicySet;
import io.meshguard.core.policy.Workload;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration samples as a newcomer copies them: every properties/YAML block is
 * marked with the adapter it is for, the servlet blocks load through {@link MeshguardSettings} (as
 * the filter reads init-parameters and its {@code config-file}), the Istio blocks through {@link
 * PolicySet}; the Spring and Quarkus blocks are loaded by those modules' {@code ReadmeTests}. The
 * README's error code table is {@link ErrorCode#values()}.
 */
class ReadmeTests {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final ReadmeBlocks readme = ReadmeBlocks.ofProject();

  @Test
  void configurationBlocksWhenReadThenEachMarkedWithItsAdapter() {
    assertThat(readme.configuration())
        .isNotEmpty()
        .allSatisfy(block -> assertThat(block.adapter()).as(block.toString()).isPresent());
  }

  @Test
  void servletBlocksWhenReadByMeshguardSettingsThenValid() throws IOException {
    List<ReadmeBlocks.Block> blocks = readme.markedFor("servlet");

    assertThat(blocks).isNotEmpty();
    for (ReadmeBlocks.Block block : blocks) {
      assertThat(block.language()).as(block.toString()).isEqualTo("properties");
      Map<String, String> settings = properties(block.text());
      assertThat(settings).as(block.toString()).isNotEmpty();
      // paths in the samples are the repository's own files, relative to its root
      settings.computeIfPresent(
          "meshguard.mesh-manifests",
          (key, path) -> ReadmeBlocks.projectRoot().resolve(path).toString());
      assertThatNoException()
          .as(block.toString())
          .isThrownBy(() -> MeshguardSettings.read(settings, CLOCK));
    }
  }

  @Test
  void readWhenCommentAfterValueThenTheCommentIsPartOfTheValueAndRefused() throws IOException {
    Map<String, String> settings =
        properties(
            "meshguard.issuers=https://auth.example.com\n"
                + "meshguard.trust-domains=cluster.local\n"
                + "meshguard.unmatched=not-found   # 404/405\n");

    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> MeshguardSettings.read(settings, CLOCK))
        .withMessageContaining("meshguard.unmatched");
  }

  @Test
  void istioBlocksWhenLoadedByPolicySetThenPoliciesForTheExampleWorkload() {
    List<ReadmeBlocks.Block> blocks = readme.markedFor("istio");

    assertThat(blocks).isNotEmpty();
    for (ReadmeBlocks.Block block : blocks) {
      assertThat(block.language()).as(block.toString()).isIn("yaml", "yml");
      PolicySet policies =
          PolicySet.load(block.text(), Workload.of("api-system", Map.of("app", "orders")));
      assertThat(policies.policyIds()).as(block.toString()).isNotEmpty();
    }
  }

  @Test
  void errorCodeTableWhenReadThenEveryErrorCodeInOrder() {
    List<List<String>> expected =
        Arrays.stream(ErrorCode.values())
            .map(
                code ->
                    List.of(
                        "`" + code.name() + "`",
                        code.status() + " " + code.title(),
                        code.challenges() ? "yes" : "no",
                        code.bearerError() == null ? "none" : "`" + code.bearerError() + "`",
                        code.defaultDescription()))
            .toList();

    assertThat(readme.table("error-codes")).isEqualTo(expected);
  }

  @Test
  void bomWhenReadThenExactlyThePublishedModulesAndEveryReadmeArtifactInIt() throws IOException {
    Path root = ReadmeBlocks.projectRoot();
    Set<String> bom = artifactIds(dependencyManagement(root.resolve("bom/pom.xml")));
    Set<String> published = new TreeSet<>();
    try (Stream<Path> poms = Files.walk(root, 3)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        if (text.contains("<packaging>pom</packaging>")
            || text.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
          continue;
        }
        published.add(ownArtifactId(text));
      }
    }
    Set<String> snippets = new TreeSet<>();
    for (ReadmeBlocks.Block block : readme.all()) {
      if (block.language().equals("xml")) {
        snippets.addAll(artifactIds(block.text()));
      }
    }
    snippets.remove("meshguard-bom");

    assertThat(bom).isEqualTo(published);
    assertThat(snippets).isNotEmpty().isSubsetOf(bom);
  }

  @Test
  void javaBlocksWhenImportingMeshguardTypesThenEachExists() {
    Path root = ReadmeBlocks.projectRoot();
    Pattern imports = Pattern.compile("(?m)^import (static )?(io\\.meshguard\\.[\\w.]+);");
    List<String> missing = new ArrayList<>();
    int seen = 0;
    for (ReadmeBlocks.Block block : readme.all()) {
      if (!block.language().equals("java")) {
        continue;
      }
      Matcher matcher = imports.matcher(block.text());
      while (matcher.find()) {
        seen++;
        String type = matcher.group(2);
        if (matcher.group(1) != null) {
          type = type.substring(0, type.lastIndexOf('.'));
        }
        if (!typeExists(root, type)) {
          missing.add(block + ": " + matcher.group(2));
        }
      }
    }

    assertThat(seen).isPositive();
    assertThat(missing).isEmpty();
  }

  private static boolean typeExists(Path root, String type) {
    String file = type.replace('.', '/') + ".java";
    try (Stream<Path> dirs = Files.walk(root, 5)) {
      return dirs.filter(dir -> dir.endsWith(Path.of("src", "main", "java")))
          .anyMatch(dir -> Files.isRegularFile(dir.resolve(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String dependencyManagement(Path pom) throws IOException {
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    return text.substring(
        text.indexOf("<dependencyManagement>"), text.indexOf("</dependencyManagement>"));
  }

  private static Set<String> artifactIds(String xml) {
    Set<String> ids = new TreeSet<>();
    Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(xml);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
  }

  /** The module's own artifactId: the first one after its parent, if it has one. */
  private static String ownArtifactId(String pom) {
    int from = pom.contains("</parent>") ? pom.indexOf("</parent>") : 0;
    Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
    if (!matcher.find(from)) {
      throw new IllegalStateException("no artifactId");
    }
    return matcher.group(1);
  }

  /**
   * The block read as a {@code .properties} file is read, so that a trailing comment is a value.
   */
  static Map<String, String> properties(String text) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    Map<String, String> map = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return map;
  }
}
