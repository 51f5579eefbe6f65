package io.lotledger.cli;

import io.lotledger.error.LedgerException;
import java.nio.file.Path;

/**
 * A key file cannot be read or written: the message names the file and, for a format error, the
 * 1-based line. Code {@link LedgerException.Code#INVALID_INPUT}.
 */
public final class KeyFileException extends LedgerException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final int line;

  KeyFileException(Path file, int line, String problem) {
    super(
        Code.INVALID_INPUT,
        "key file " + file + (line > 0 ? " line " + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  KeyFileException(Path file, String problem, Throwable cause) {
    super(Code.INVALID_INPUT, "key file " + file + ": " + problem, cause);
    this.file = file;
    this.line = 0;
  }

  /** The key file concerned. */
  public Path file() {
    return file;
  }

  /** The 1-based line at fault, or 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }
}
