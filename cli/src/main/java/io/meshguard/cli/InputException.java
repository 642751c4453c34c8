package io.meshguard.cli;

/**
 * Input the command cannot use: a file that cannot be read, manifests meshguard refuses, a test
 * table that is not valid. Exits with {@link MeshguardCli#EXIT_INPUT}; the message is printed as it
 * is, so it names the file (and line, where known) and never a token.
 */
final class InputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message, null, false, false);
  }
}
