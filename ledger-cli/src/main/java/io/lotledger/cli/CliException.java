package io.lotledger.cli;

/**
 * A failure the CLI reports as one line on stderr ({@code ledger: <message>}) with an exit code: a
 * bad argument, a missing or unsuitable directory, a refused overwrite. Never printed with a stack
 * trace.
 */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A usage or input error (exit code {@value LedgerCli#EXIT_USAGE}). */
  static CliException usage(String message) {
    return new CliException(LedgerCli.EXIT_USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
