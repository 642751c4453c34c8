package io.meshguard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM lists exactly the published artifacts: every module of the build that builds a jar and
 * does not set {@code maven.deploy.skip} (the one switch between published and unpublished modules,
 * see the root POM). Reads the POMs of this repository as they are on disk.
 */
class PublishedArtifactsTests {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void bomWhenComparedWithTheModulesThenListsExactlyThePublishedJars() throws Exception {
    TreeMap<String, Module> modules = new TreeMap<>();
    collect(ROOT, null, modules);
    TreeSet<String> published = new TreeSet<>();
    modules.values().stream()
        .filter(module -> module.packaging.equals("jar") && !module.deploySkip)
        .forEach(module -> published.add(module.artifactId));

    Document bom = read(ROOT.resolve("bom/pom.xml"));
    TreeSet<String> listed = new TreeSet<>();
    Element management = child(bom.getDocumentElement(), "dependencyManagement").orElseThrow();
    Element dependencies = child(management, "dependencies").orElseThrow();
    for (Element dependency : children(dependencies, "dependency")) {
      assertThat(text(dependency, "groupId")).contains("io.meshguard");
      listed.add(text(dependency, "artifactId").orElseThrow());
    }

    assertThat(listed)
        .as("the BOM's artifacts against the modules without maven.deploy.skip")
        .containsExactlyElementsOf(published);
    assertThat(published)
        .contains("meshguard-core", "meshguard-servlet", "meshguard-test-kit", "meshguard-cli")
        .doesNotContain("meshguard-architecture-rules", "meshguard-benchmarks");
  }

  @Test
  void publishedModuleWhenReadThenNamesAndDescribesItself() throws Exception {
    TreeMap<String, Module> modules = new TreeMap<>();
    collect(ROOT, null, modules);
    for (Module module : modules.values()) {
      if (!module.deploySkip) {
        assertThat(module.name).as("<name> of %s", module.artifactId).isNotBlank();
        assertThat(module.description).as("<description> of %s", module.artifactId).isNotBlank();
      }
    }
  }

  private static void collect(Path dir, Module parent, TreeMap<String, Module> modules)
      throws Exception {
    Document pom = read(dir.resolve("pom.xml"));
    Element project = pom.getDocumentElement();
    boolean deploySkip = parent != null && parent.deploySkip;
    Optional<Element> properties = child(project, "properties");
    if (properties.isPresent()) {
      Optional<String> skip = text(properties.get(), "maven.deploy.skip");
      if (skip.isPresent()) {
        deploySkip = Boolean.parseBoolean(skip.get());
      }
    }
    Module module =
        new Module(
            text(project, "artifactId").orElseThrow(),
            text(project, "packaging").orElse("jar"),
            deploySkip,
            text(project, "name").orElse(""),
            text(project, "description").orElse(""));
    modules.put(module.artifactId, module);
    Optional<Element> moduleList = child(project, "modules");
    if (moduleList.isPresent()) {
      for (Element child : children(moduleList.get(), "module")) {
        Path childDir = dir.resolve(child.getTextContent().trim()).normalize();
        if (Files.exists(childDir.resolve("pom.xml"))) {
          collect(childDir, module, modules);
        }
      }
    }
  }

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  private static Optional<Element> child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(element -> element.getTextContent().trim());
  }

  private record Module(
      String artifactId, String packaging, boolean deploySkip, String name, String description) {}
}
