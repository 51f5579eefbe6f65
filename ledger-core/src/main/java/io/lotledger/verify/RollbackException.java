package io.lotledger.verify;

import io.lotledger.log.SignedCheckpoint;

/**
 * A ledger holds less than, or something other than, what its log key signed: its store lost or
 * replaced entries that a published checkpoint covers (a damaged write-ahead log, a restored backup,
 * a rewritten store). Opening such a ledger fails with this exception, so nothing is appended to, or
 * signed over, a rolled-back history.
 *
 * <p>{@link #signedSize()} is the size of the latest checkpoint the ledger signed; {@link #storedSize()}
 * the number of entries the store holds now. When {@code storedSize >= signedSize} the store's tree at
 * {@code signedSize} has another root than the checkpoint's: a history inconsistent with the signed one.
 */
public final class RollbackException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final long signedSize;
  private final long storedSize;
  private final transient SignedCheckpoint signed;

  public RollbackException(SignedCheckpoint signed, long storedSize, String detail, String actual) {
    super(new Finding(Failure.ROLLBACK, -1, null, null, detail,
        "size " + signed.checkpoint().size() + " root " + signed.checkpoint().root().toHex(), actual));
    this.signed = signed;
    this.signedSize = signed.checkpoint().size();
    this.storedSize = storedSize;
  }

  /** The size of the latest checkpoint the ledger's log key signed. */
  public long signedSize() {
    return signedSize;
  }

  /** How many entries the store holds. */
  public long storedSize() {
    return storedSize;
  }

  /** The latest checkpoint the ledger signed: the evidence. */
  public SignedCheckpoint signed() {
    return signed;
  }
}
