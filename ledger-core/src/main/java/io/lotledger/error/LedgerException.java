package io.lotledger.error;

/**
 * The checked root of every failure a caller of lotledger must handle.
 *
 * <p>Each exception carries a {@link Code} so callers (and the CLI's exit codes) can branch on the
 * kind of failure without parsing messages. Library exceptions (RocksDB, protobuf, JCA) never leak
 * through API signatures; they are wrapped and kept as the cause.
 */
public class LedgerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is. */
  public enum Code {
    /** Input from outside (a file, an entry's bytes, an argument) is malformed or over a limit. */
    INVALID_INPUT,
    /** An append was refused; the store is unchanged. */
    REJECTED,
    /** Stored or supplied history does not verify. */
    VERIFICATION_FAILED,
    /** The storage layer failed (I/O, corruption the driver itself detected). */
    STORAGE,
    /** No such ledger, entry or lot. */
    NOT_FOUND,
    /** The ledger or store is closed, or already exists. */
    ILLEGAL_STATE
  }

  /** The kind of failure; never null in exceptions this library throws. */
  private final Code code;

  /** A failure of kind {@code code}, described by {@code message}. */
  public LedgerException(Code code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * A failure of kind {@code code}, described by {@code message}, caused by {@code cause} (kept so
   * a wrapped library exception stays visible).
   */
  public LedgerException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** What kind of failure this is, for branching (the CLI maps it to an exit code). */
  public Code code() {
    return code;
  }
}
