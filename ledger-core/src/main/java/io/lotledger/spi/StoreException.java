package io.lotledger.spi;

import io.lotledger.error.LedgerException;

/** The storage driver failed; the message names the operation and the store. */
public final class StoreException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /**
   * A storage failure, code {@link Code#STORAGE STORAGE}; {@code message} names the operation and
   * the store.
   */
  public StoreException(String message) {
    super(Code.STORAGE, message);
  }

  /**
   * A storage failure, code {@link Code#STORAGE STORAGE}, caused by {@code cause} (the driver's own
   * exception).
   */
  public StoreException(String message, Throwable cause) {
    super(Code.STORAGE, message, cause);
  }
}
