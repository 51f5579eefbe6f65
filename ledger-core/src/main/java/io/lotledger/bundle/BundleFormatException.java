package io.lotledger.bundle;

import io.lotledger.error.LedgerException;

/** A bundle or trust file is unreadable, malformed or over a limit; the message says what and where. */
public final class BundleFormatException extends LedgerException {
  private static final long serialVersionUID = 1L;

  public BundleFormatException(String message) {
    super(Code.INVALID_INPUT, message);
  }

  public BundleFormatException(String message, Throwable cause) {
    super(Code.INVALID_INPUT, message, cause);
  }
}
