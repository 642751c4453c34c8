package io.meshguard.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks and marked tables of the project's {@code README.md}, so that each
 * module's tests can load the README's samples through the real binder of its adapter and keep them
 * copyable.
 *
 * <p>A block is marked for an adapter by an HTML comment on the line right before its opening
 * fence, {@code <!-- readme-block: spring -->}; the adapters are {@link #ADAPTERS}. A table is
 * marked the same way, {@code <!-- readme-table: error-codes -->}, on the line right before its
 * header row. A marker followed by anything else, or naming an unknown adapter, fails the parse.
 */
public final class ReadmeBlocks {

  /**
   * The names a block can be marked with: {@code servlet} (flat {@code meshguard.*} text read by
   * {@code MeshguardSettings}), {@code spring} ({@code meshguard.*} bound to {@code
   * MeshguardProperties}), {@code quarkus} ({@code quarkus.meshguard.*} bound to {@code
   * MeshguardConfig}), {@code istio} (a complete YAML stream of Istio documents read by {@code
   * PolicySet}) and {@code cli} (a policy test table that {@code meshguard test} runs against the
   * examples' mesh).
   */
  public static final Set<String> ADAPTERS = Set.of("servlet", "spring", "quarkus", "istio", "cli");

  /** The info strings of configuration blocks, each of which must be marked. */
  public static final Set<String> CONFIGURATION_LANGUAGES = Set.of("properties", "yaml", "yml");

  private static final Pattern BLOCK_MARKER =
      Pattern.compile("<!--\\s*readme-block:\\s*([a-z-]+)\\s*-->");
  private static final Pattern TABLE_MARKER =
      Pattern.compile("<!--\\s*readme-table:\\s*([a-z-]+)\\s*-->");
  private static final String FENCE = "```";

  /**
   * One fenced block.
   *
   * @param line the 1-based line of its opening fence
   * @param language the fence's info string, empty when it has none
   * @param adapter the adapter it is marked for, if marked
   * @param text its content, each line ending with {@code \n}, indentation of the fence removed
   */
  public record Block(int line, String language, Optional<String> adapter, String text) {

    /** Whether this is a configuration block ({@link #CONFIGURATION_LANGUAGES}). */
    public boolean isConfiguration() {
      return CONFIGURATION_LANGUAGES.contains(language);
    }

    @Override
    public String toString() {
      return "README.md:" + line + " (" + language + ", " + adapter.orElse("unmarked") + ")";
    }
  }

  private final List<String> lines;
  private final List<Block> blocks;

  private ReadmeBlocks(List<String> lines) {
    this.lines = List.copyOf(lines);
    this.blocks = parse(this.lines);
  }

  /** The project's {@code README.md}, found from the working directory upwards. */
  public static ReadmeBlocks ofProject() {
    Path readme = projectReadme();
    try {
      return new ReadmeBlocks(Files.readAllLines(readme, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The blocks of {@code markdown}'s lines. */
  public static ReadmeBlocks of(List<String> markdown) {
    return new ReadmeBlocks(markdown);
  }

  /**
   * The project's {@code README.md}: the first directory from the working directory upwards that
   * holds both it and {@code mvnw}.
   *
   * @throws IllegalStateException when there is none
   */
  public static Path projectReadme() {
    return projectRoot().resolve("README.md");
  }

  /**
   * The project's root directory: the first directory from the working directory upwards that holds
   * both {@code README.md} and {@code mvnw}.
   *
   * @throws IllegalStateException when there is none
   */
  public static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No README.md next to mvnw above " + Path.of("").toAbsolutePath());
  }

  /** Every fenced block, in order. */
  public List<Block> all() {
    return blocks;
  }

  /** The configuration blocks ({@link #CONFIGURATION_LANGUAGES}), marked or not, in order. */
  public List<Block> configuration() {
    return blocks.stream().filter(Block::isConfiguration).toList();
  }

  /** The blocks marked for {@code adapter}, in order. */
  public List<Block> markedFor(String adapter) {
    if (!ADAPTERS.contains(adapter)) {
      throw new IllegalArgumentException("Unknown adapter " + adapter + "; known: " + ADAPTERS);
    }
    return blocks.stream().filter(b -> b.adapter().equals(Optional.of(adapter))).toList();
  }

  /**
   * The rows of the table marked {@code <!-- readme-table: name -->}, without the header row and
   * the delimiter row; each cell trimmed, with {@code \|} read as {@code |}.
   *
   * @throws IllegalStateException when no table has that marker, or when it is not right before a
   *     table
   */
  public List<List<String>> table(String name) {
    for (int i = 0; i < lines.size(); i++) {
      Matcher marker = TABLE_MARKER.matcher(lines.get(i).strip());
      if (marker.matches() && marker.group(1).equals(name)) {
        if (i + 2 >= lines.size()
            || !lines.get(i + 1).strip().startsWith("|")
            || !lines.get(i + 2).strip().startsWith("|---")) {
          throw new IllegalStateException(
              "README.md:" + (i + 1) + ": the table marker is not right before a table");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int j = i + 3; j < lines.size() && lines.get(j).strip().startsWith("|"); j++) {
          rows.add(cells(lines.get(j).strip()));
        }
        return rows;
      }
    }
    throw new IllegalStateException("README.md has no table marked readme-table: " + name);
  }

  private static List<String> cells(String row) {
    String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
    return Arrays.stream(inner.split("(?<!\\\\)\\|", -1))
        .map(cell -> cell.replace("\\|", "|").strip())
        .toList();
  }

  private static List<Block> parse(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String stripped = line.strip();
      Matcher marker = BLOCK_MARKER.matcher(stripped);
      if (marker.matches()) {
        if (!ADAPTERS.contains(marker.group(1))) {
          throw new IllegalStateException(
              "README.md:"
                  + (i + 1)
                  + ": unknown adapter "
                  + marker.group(1)
                  + "; known: "
                  + ADAPTERS);
        }
        if (i + 1 >= lines.size() || !lines.get(i + 1).strip().startsWith(FENCE)) {
          throw new IllegalStateException(
              "README.md:" + (i + 1) + ": a block marker must be right before an opening fence");
        }
        continue;
      }
      if (!stripped.startsWith(FENCE)) {
        continue;
      }
      int indent = line.indexOf(FENCE);
      String language = stripped.substring(FENCE.length()).strip();
      Optional<String> adapter = Optional.empty();
      if (i > 0) {
        Matcher previous = BLOCK_MARKER.matcher(lines.get(i - 1).strip());
        if (previous.matches()) {
          adapter = Optional.of(previous.group(1));
        }
      }
      StringBuilder text = new StringBuilder();
      int open = i;
      for (i++; i < lines.size() && !lines.get(i).strip().equals(FENCE); i++) {
        String content = lines.get(i);
        int cut = 0;
        while (cut < indent && cut < content.length() && content.charAt(cut) == ' ') {
          cut++;
        }
        text.append(content, cut, content.length()).append('\n');
      }
      if (i >= lines.size()) {
        throw new IllegalStateException("README.md:" + (open + 1) + ": the block is never closed");
      }
      blocks.add(new Block(open + 1, language, adapter, text.toString()));
    }
    return List.copyOf(blocks);
  }
}
