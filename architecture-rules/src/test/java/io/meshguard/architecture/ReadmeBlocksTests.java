package io.meshguard.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadmeBlocksTests {

  @Test
  void ofWhenMarkedBlocksThenAdapterLanguageLineAndText() {
    ReadmeBlocks readme =
        ReadmeBlocks.of(
            List.of(
                "# title",
                "<!-- readme-block: spring -->",
                "```properties",
                "meshguard.issuers=x",
                "```",
                "- item:",
                "  ```java",
                "  class A {}",
                "    int x;",
                "  ```",
                "```yaml",
                "a: b",
                "```"));

    assertThat(readme.all())
        .containsExactly(
            new ReadmeBlocks.Block(3, "properties", Optional.of("spring"), "meshguard.issuers=x\n"),
            new ReadmeBlocks.Block(7, "java", Optional.empty(), "class A {}\n  int x;\n"),
            new ReadmeBlocks.Block(11, "yaml", Optional.empty(), "a: b\n"));
    assertThat(readme.markedFor("spring")).hasSize(1);
    assertThat(readme.configuration()).extracting(ReadmeBlocks.Block::line).containsExactly(3, 11);
  }

  @Test
  void ofWhenMarkerNotBeforeFenceThenFails() {
    assertThatIllegalStateException()
        .isThrownBy(
            () -> ReadmeBlocks.of(List.of("<!-- readme-block: spring -->", "", "```x", "```")))
        .withMessage("README.md:1: a block marker must be right before an opening fence");
  }

  @Test
  void ofWhenUnknownAdapterThenFails() {
    assertThatIllegalStateException()
        .isThrownBy(
            () -> ReadmeBlocks.of(List.of("<!-- readme-block: micronaut -->", "```x", "```")))
        .withMessageStartingWith("README.md:1: unknown adapter micronaut");
  }

  @Test
  void ofWhenBlockNeverClosedThenFails() {
    assertThatIllegalStateException()
        .isThrownBy(() -> ReadmeBlocks.of(List.of("text", "```x", "y")))
        .withMessage("README.md:2: the block is never closed");
  }

  @Test
  void tableWhenMarkedThenRowsWithoutHeader() {
    ReadmeBlocks readme =
        ReadmeBlocks.of(
            List.of(
                "<!-- readme-table: codes -->",
                "| a | b |",
                "|---|---|",
                "| `X` | 1 \\| 2 |",
                "| Y |  |",
                "",
                "| not | this |"));

    assertThat(readme.table("codes")).containsExactly(List.of("`X`", "1 | 2"), List.of("Y", ""));
  }

  @Test
  void tableWhenMissingThenFails() {
    assertThatIllegalStateException()
        .isThrownBy(() -> ReadmeBlocks.of(List.of("text")).table("codes"))
        .withMessage("README.md has no table marked readme-table: codes");
  }

  @Test
  void ofProjectWhenRunInsideTheProjectThenFindsTheReadme() {
    assertThat(ReadmeBlocks.projectReadme()).hasFileName("README.md").exists();
    assertThat(ReadmeBlocks.ofProject().all()).isNotEmpty();
  }
}
