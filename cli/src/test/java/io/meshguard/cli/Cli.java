package io.meshguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar ({@code target/meshguard-cli.jar}, from failsafe's {@code meshguard.cli.jar})
 * as a user would: {@code java -jar meshguard-cli.jar ARGS}, in the module's directory, and
 * captures the exit code and both streams.
 */
final class Cli {

  /** The examples' mesh, from the module's directory. */
  static final String EXAMPLES_MESH = Path.of("..", "examples", "mesh").toString();

  /** The options naming the examples' orders workload and its manifests. */
  static final List<String> ORDERS =
      List.of(
          "--mesh-manifests",
          EXAMPLES_MESH,
          "--workload-namespace",
          "api-system",
          "--workload-label",
          "app=orders");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a run gave. */
  record Run(int exit, String out, String err) {

    /** The standard output as JSON. */
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Cli() {}

  static Run run(List<String> first, String... more) {
    List<String> args = new ArrayList<>(first);
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  static Run run(String... args) {
    String jar = System.getProperty("meshguard.cli.jar");
    assertThat(jar).as("system property meshguard.cli.jar (set by failsafe)").isNotNull();
    assertThat(Path.of(jar)).as("the runnable jar").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("meshguard-cli", ".out");
      Path err = Files.createTempFile("meshguard-cli", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("meshguard-cli did not finish within 60 s: " + command);
        }
        return new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A copy of the examples' mesh in {@code dir}, for misaligning. */
  static Path copyOfExamplesMesh(Path dir) throws IOException {
    Path copy = dir.resolve("mesh");
    Files.createDirectories(copy);
    for (String file : List.of("gateway.yaml", "security.yaml")) {
      Files.copy(Path.of(EXAMPLES_MESH, file), copy.resolve(file));
    }
    return copy;
  }

  /** Replaces {@code from} by {@code to} in {@code file}, which must hold it. */
  static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }
}
