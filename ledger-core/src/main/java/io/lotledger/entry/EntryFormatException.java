package io.lotledger.entry;

import io.lotledger.error.LedgerException;

/** An entry's bytes are malformed, non-canonical or over a limit; the message names the field. */
public final class EntryFormatException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /**
   * Malformed entry bytes, code {@link Code#INVALID_INPUT INVALID_INPUT}; {@code message} names the
   * field.
   */
  public EntryFormatException(String message) {
    super(Code.INVALID_INPUT, message);
  }

  /**
   * Malformed entry bytes, code {@link Code#INVALID_INPUT INVALID_INPUT}, caused by {@code cause}
   * (the decoder's own exception).
   */
  public EntryFormatException(String message, Throwable cause) {
    super(Code.INVALID_INPUT, message, cause);
  }
}
