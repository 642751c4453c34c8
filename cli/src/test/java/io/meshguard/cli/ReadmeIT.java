package io.meshguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshguard.architecture.ReadmeBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's test table (marked {@code readme-block: cli}) passes against the examples' mesh. */
class ReadmeIT {

  @Test
  void readmeTestTableWhenRunNextToTheExamplesMeshThenEveryCasePasses(@TempDir Path dir)
      throws Exception {
    List<ReadmeBlocks.Block> blocks = ReadmeBlocks.ofProject().markedFor("cli");
    assertThat(blocks).isNotEmpty();
    Path mesh = Cli.copyOfExamplesMesh(dir);
    Files.createDirectories(mesh.resolve("tests"));
    for (ReadmeBlocks.Block block : blocks) {
      assertThat(block.language()).as(block.toString()).isEqualTo("yaml");
      Path table = mesh.resolve("tests").resolve("readme-" + block.line() + ".yaml");
      Files.writeString(table, block.text());

      Cli.Run run = Cli.run("test", table.toString());

      assertThat(run.exit()).as("%s: %s", block, run).isZero();
      assertThat(run.out()).as(block.toString()).contains(" passed, 0 failed");
    }
  }
}
