package io.lotledger.crypto;

import io.lotledger.error.LedgerException;

/**
 * A key's bytes were rejected: wrong length, not a point, not of full prime order, or a bad file.
 */
public final class InvalidKeyException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /**
   * A rejected key, code {@link Code#INVALID_INPUT INVALID_INPUT}; {@code message} says what is
   * wrong.
   */
  public InvalidKeyException(String message) {
    super(Code.INVALID_INPUT, message);
  }

  /**
   * A rejected key, code {@link Code#INVALID_INPUT INVALID_INPUT}, caused by {@code cause} (a file
   * that cannot be read, say).
   */
  public InvalidKeyException(String message, Throwable cause) {
    super(Code.INVALID_INPUT, message, cause);
  }
}
