package io.lotledger.crypto;

import io.lotledger.error.LedgerException;

/**
 * A key's bytes were rejected: wrong length, not a point, not of full prime order, or a bad file.
 */
public final class InvalidKeyException extends LedgerException {
  private static final long serialVersionUID = 1L;

  public InvalidKeyException(String message) {
    super(Code.INVALID_INPUT, message);
  }

  public InvalidKeyException(String message, Throwable cause) {
    super(Code.INVALID_INPUT, message, cause);
  }
}
