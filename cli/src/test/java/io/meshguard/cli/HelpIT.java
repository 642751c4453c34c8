package io.meshguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelpIT {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "check|--mesh-manifests|--fail-on|1   a finding at or above --fail-on",
        "explain|--claims|--require|3   denied",
        "test|--junit-xml|TABLE|1   a case failed"
      })
  void helpOfEachCommandWhenAskedThenUsageOptionsAndExitCodes(
      String command, String option, String other, String exitCode) {
    Cli.Run run = Cli.run(command, "--help");

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("Usage: meshguard " + command + " [-hV]")
        .contains(option, other, "Exit codes:", exitCode, "2   invalid options");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void topLevelHelpWhenAskedThenListsTheCommandsAndExitCodes() {
    Cli.Run run = Cli.run("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("check", "explain", "test", "Exit codes:", "3   explain: the request is denied");
  }

  @Test
  void noCommandWhenRunThenUsageErrorExit2() {
    Cli.Run run = Cli.run();

    assertThat(run.exit()).as("%s", run).isEqualTo(2);
    assertThat(run.err()).contains("Missing command: check, explain or test", "Usage: meshguard");
  }

  @Test
  void unknownOptionWhenGivenThenUsageErrorExit2() {
    Cli.Run run =
        Cli.run(
            "check",
            "--mesh-manifests",
            Cli.EXAMPLES_MESH,
            "--workload-namespace",
            "api-system",
            "--mesh-manifestz",
            "x");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option", "'--mesh-manifestz'");
  }

  @Test
  void versionWhenAskedThenNamesTheBuiltVersion() {
    Cli.Run run = Cli.run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("meshguard ").doesNotContain("development build");
  }
}
