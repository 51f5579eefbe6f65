package io.lotledger.note;

import io.lotledger.error.LedgerException;

/**
 * A signed note or checkpoint does not verify against the trusted keys (C2SP signed-note
 * §Signatures): a signature by a trusted key is invalid, no trusted key signed it at all, or a
 * checkpoint's origin is not the one expected. {@link #line()} names the signature line when one is
 * at fault.
 */
public final class NoteVerificationException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /** The 1-based line of the failing signature, or 0 for the note as a whole. */
  private final int line;

  /** A failure of the note as a whole (no trusted signature, wrong origin). */
  public NoteVerificationException(String message) {
    this(0, message);
  }

  /** A failure of the signature on the 1-based {@code line}; the message is prefixed with it. */
  public NoteVerificationException(int line, String message) {
    super(Code.VERIFICATION_FAILED, line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  /** The 1-based line of the failing signature, or 0 when the note as a whole fails. */
  public int line() {
    return line;
  }
}
