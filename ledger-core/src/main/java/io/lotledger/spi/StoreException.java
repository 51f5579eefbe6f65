package io.lotledger.spi;

import io.lotledger.error.LedgerException;

/** The storage driver failed; the message names the operation and the store. */
public final class StoreException extends LedgerException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(Code.STORAGE, message);
  }

  public StoreException(String message, Throwable cause) {
    super(Code.STORAGE, message, cause);
  }
}
