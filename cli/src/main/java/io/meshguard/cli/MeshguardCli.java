package io.meshguard.cli;

import io.meshguard.core.config.InvalidSettingException;
import io.meshguard.core.config.MissingSettingException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code meshguard} command: {@code check} (mesh alignment), {@code explain} (one request
 * decided and explained) and {@code test} (a YAML table of requests and expected outcomes, with
 * JUnit XML). Run it as {@code java -jar meshguard-cli.jar <command> --help}.
 *
 * <p>Exit codes, the same for every command: 0 success; 1 alignment findings or failed test cases;
 * 2 invalid options; 3 {@code explain}: denied; 4 input that cannot be read (files, manifests, a
 * test table); 5 internal error.
 *
 * @since 0.1.0
 */
@Command(
    name = "meshguard",
    mixinStandardHelpOptions = true,
    versionProvider = MeshguardCli.Version.class,
    exitCodeOnExecutionException = MeshguardCli.EXIT_INTERNAL,
    description =
        "Checks, explains and tests the identity an Istio/Envoy mesh forwards to an application,"
            + " and the mesh's AuthorizationPolicies, as meshguard evaluates them.",
    subcommands = {
      CheckCommand.class,
      ExplainCommand.class,
      TestCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (aligned; allowed; every test case passed)",
      "1:check: findings at or above --fail-on; test: a case failed",
      "2:invalid options",
      "3:explain: the request is denied",
      "4:an input cannot be read (files, manifests, test table)",
      "5:internal error"
    })
public final class MeshguardCli implements Runnable {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_DENIED = 3;
  static final int EXIT_INPUT = 4;
  static final int EXIT_INTERNAL = 5;

  @Spec CommandSpec spec;

  MeshguardCli() {}

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line, writing UTF-8 to standard output and error; returns the exit code. */
  static int execute(String... args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    CommandLine line = new CommandLine(new MeshguardCli());
    line.setOut(out);
    line.setErr(err);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    // --claims @file.json is the command's own: picocli must not read @file as an argument file
    line.setExpandAtFiles(false);
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          PrintWriter errors = commandLine.getErr();
          String name = commandLine.getCommandName();
          if (exception instanceof InputException) {
            errors.println("meshguard " + name + ": " + exception.getMessage());
            errors.flush();
            return EXIT_INPUT;
          }
          if (exception instanceof InvalidSettingException
              || exception instanceof MissingSettingException
              || exception instanceof IllegalArgumentException) {
            errors.println("meshguard " + name + ": " + exception.getMessage());
            errors.println("Try 'meshguard " + name + " --help' for the options.");
            errors.flush();
            return EXIT_USAGE;
          }
          throw exception;
        });
    int code = line.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: check, explain or test");
  }

  /** The version, from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = MeshguardCli.class.getPackage().getImplementationVersion();
      return new String[] {"meshguard " + (version == null ? "(development build)" : version)};
    }
  }
}
