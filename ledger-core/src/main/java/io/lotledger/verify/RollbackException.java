package io.lotledger.verify;

import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import java.util.Optional;

/**
 * A ledger holds less than, or something other than, what it acknowledged or its log key signed:
 * its store lost or replaced entries (a damaged write-ahead log, a restored backup, a rewritten
 * store). Opening such a ledger fails with this exception, so nothing is appended to, or signed
 * over, a rolled-back history.
 *
 * <p>{@link #recordedSize()} is the size the ledger recorded outside its store (the latest
 * checkpoint it signed, or the number of entries it acknowledged); {@link #storedSize()} the number
 * of entries the store holds now. When {@code storedSize >= recordedSize} the store's tree at the
 * signed size has another root than the checkpoint's: a history inconsistent with the signed one.
 */
public final class RollbackException extends VerificationException {
  private static final long serialVersionUID = 1L;

  /** The size the ledger recorded outside its store. */
  private final long recordedSize;

  /** The number of entries the store holds. */
  private final long storedSize;

  private final transient SignedCheckpoint signed;

  /** The store disagrees with {@code signed}, the latest checkpoint the ledger signed. */
  public RollbackException(SignedCheckpoint signed, long storedSize, String detail, String actual) {
    this(
        signed.checkpoint().size(),
        storedSize,
        signed,
        detail,
        "size " + signed.checkpoint().size() + " root " + signed.checkpoint().root().toHex(),
        actual);
  }

  /** The store holds fewer than the {@code acknowledged} entries the ledger acknowledged. */
  public RollbackException(long acknowledged, long storedSize, String detail) {
    this(acknowledged, storedSize, null, detail, "size " + acknowledged, "size " + storedSize);
  }

  private RollbackException(
      long recordedSize,
      long storedSize,
      SignedCheckpoint signed,
      String detail,
      String expected,
      String actual) {
    super(new Finding(Failure.ROLLBACK, -1, null, null, detail, expected, actual));
    this.recordedSize = recordedSize;
    this.storedSize = storedSize;
    this.signed = signed;
  }

  /**
   * The size the ledger recorded outside its store: signed in its latest checkpoint, or
   * acknowledged.
   */
  public long recordedSize() {
    return recordedSize;
  }

  /** How many entries the store holds. */
  public long storedSize() {
    return storedSize;
  }

  /** The latest checkpoint the ledger signed, when the store disagrees with it: the evidence. */
  public Optional<SignedCheckpoint> signed() {
    return Optional.ofNullable(signed);
  }
}
