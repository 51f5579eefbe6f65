package io.lotledger.note;

import io.lotledger.error.LedgerException;

/**
 * A signed note, verifier key or checkpoint (C2SP signed-note, C2SP tlog-checkpoint) is malformed
 * or over a limit. The message names the line and the rule; {@link #line()} carries the line
 * number.
 */
public final class NoteFormatException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /** The 1-based line at fault, or 0 for the input as a whole. */
  private final int line;

  /** A problem with the input as a whole (its size, a vkey), not with one line. */
  public NoteFormatException(String message) {
    this(0, message);
  }

  /** A problem on the 1-based {@code line}; the message is prefixed with the line number. */
  public NoteFormatException(int line, String message) {
    super(Code.INVALID_INPUT, line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  /**
   * A problem with the input as a whole caused by {@code cause} (a vkey whose key bytes are
   * rejected, say).
   */
  public NoteFormatException(String message, Throwable cause) {
    super(Code.INVALID_INPUT, message, cause);
    this.line = 0;
  }

  /** The 1-based line the problem is on, or 0 when it concerns the input as a whole. */
  public int line() {
    return line;
  }
}
