package io.meshguard.core.mesh;

import io.meshguard.core.policy.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The mesh manifests of a workload, as a team keeps them in Git: multi-document YAML files, or
 * directories of them ({@code .yaml}/{@code .yml}, read in name order). Every document with an
 * {@code apiVersion} and {@code kind} is kept; documents without them (Helm values, Kustomize
 * patches) are skipped. YAML is read as strictly as meshguard's policies are (no anchors, aliases,
 * merge keys or tags; duplicate keys refused). Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class MeshManifests {

  private final List<Manifest> documents;

  private MeshManifests(List<Manifest> documents) {
    this.documents = List.copyOf(documents);
  }

  /**
   * Reads the documents of {@code yaml}.
   *
   * @param source how findings name the file (a file name)
   * @param yaml the text
   * @throws MeshManifestException when it cannot be read
   */
  public static MeshManifests read(String source, String yaml) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(yaml, "yaml");
    List<Manifest> documents = new ArrayList<>();
    add(source, yaml, documents);
    return new MeshManifests(documents);
  }

  /**
   * Reads files and directories (UTF-8); a directory contributes its {@code .yaml} and {@code .yml}
   * files, recursively, in path order. Findings name each file by its path as given.
   *
   * @throws IOException when a file cannot be read
   * @throws MeshManifestException when a file is not readable YAML
   */
  public static MeshManifests read(List<Path> paths) throws IOException {
    List<Manifest> documents = new ArrayList<>();
    for (Path file : files(paths)) {
      add(file.toString(), Files.readString(file, StandardCharsets.UTF_8), documents);
    }
    return new MeshManifests(documents);
  }

  /**
   * The files {@link #read(List)} reads for {@code paths}, in its order: a file as given, a
   * directory's {@code .yaml} and {@code .yml} files, recursively, in path order.
   *
   * @throws IOException when a directory cannot be listed
   */
  public static List<Path> files(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(MeshManifests::isYaml)
              .sorted()
              .forEach(files::add);
        }
      } else {
        files.add(path);
      }
    }
    return files;
  }

  /** Reads one file or directory, as {@link #read(List)}. */
  public static MeshManifests read(Path path) throws IOException {
    return read(List.of(path));
  }

  /** How many documents were read. */
  public int size() {
    return documents.size();
  }

  List<Manifest> documents() {
    return documents;
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static void add(String source, String yaml, List<Manifest> documents) {
    List<YamlNode> roots;
    try {
      roots = YamlNode.readAll(yaml);
    } catch (YamlNode.SyntaxException e) {
      throw new MeshManifestException(source, e.document(), e.line(), e.getMessage());
    }
    int index = 0;
    for (YamlNode root : roots) {
      index++;
      if (root.kind() != YamlNode.Kind.MAP) {
        throw new MeshManifestException(source, index, root.line(), "a document must be a mapping");
      }
      String apiVersion = Manifest.text(root.get("apiVersion"));
      String kind = Manifest.text(root.get("kind"));
      if (apiVersion == null || kind == null) {
        continue;
      }
      String namespace = Manifest.text(Manifest.at(root, "metadata.namespace"));
      String name = Manifest.text(Manifest.at(root, "metadata.name"));
      documents.add(
          new Manifest(
              source,
              index,
              root,
              apiVersion,
              kind,
              namespace == null ? "" : namespace,
              name == null ? "" : name));
    }
  }
}
