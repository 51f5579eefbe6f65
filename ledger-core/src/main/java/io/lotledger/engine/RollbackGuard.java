package io.lotledger.engine;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.error.LedgerException;
import io.lotledger.log.NodeHash;
import io.lotledger.log.ProofBuilder;
import io.lotledger.log.StoredTree;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.CheckpointFile;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.state.StoredLedger;
import io.lotledger.verify.RollbackException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A ledger's records beside its store, and the checks they make possible: the latest checkpoint its
 * log key signed ({@value #CHECKPOINT_FILE}) and how many entries it acknowledged ({@code
 * SizeMark}). Store files can be lost together — a damaged write-ahead log takes entries,
 * checkpoint records and the log key's pin with it — so only records outside them can tell that a
 * store holds less than, or other than, what the ledger promised. Opening refuses such a store
 * ({@code RollbackException}); see docs/reliability.md.
 *
 * <p>Used by one ledger; {@link #recordSigned} under the ledger's checkpoint lock.
 */
public final class RollbackGuard {
  private final Path directory;
  private final CheckpointFile signedFile;
  private final SizeMark sizeMark;

  /** The size of the checkpoint in {@link #signedFile}, as last read or written. */
  private long signedFileSize = -1;

  /** For a reader: both records as read before its store was opened; it never writes them. */
  private final boolean readOnly;

  private Optional<SignedCheckpoint> signedAtOpen;
  private OptionalLong acknowledgedAtOpen;

  private RollbackGuard(Path directory, boolean readOnly) {
    this.directory = directory;
    this.signedFile = checkpointFile(directory);
    this.sizeMark = SizeMark.in(directory);
    this.readOnly = readOnly;
  }

  /**
   * The name of the file, in a ledger's directory, that holds the latest checkpoint the ledger
   * signed.
   */
  public static final String CHECKPOINT_FILE = "signed.checkpoint";

  /** The checkpoint file of the ledger whose records live in {@code directory}. */
  public static CheckpointFile checkpointFile(Path directory) {
    return CheckpointFile.at(directory.resolve(CHECKPOINT_FILE));
  }

  /** The guard of the ledger whose records live in {@code directory}. */
  public static RollbackGuard in(Path directory) {
    return new RollbackGuard(directory, false);
  }

  /**
   * The guard of a reader of the ledger whose records live in {@code directory}, while another
   * process may write it: reads both records now, before the reader opens the store, so that the
   * store it opens holds at least what they say (the writer records a size only once its entries
   * are in the store); it never writes them.
   */
  public static RollbackGuard reading(Path directory) throws StoreException {
    RollbackGuard guard = new RollbackGuard(directory, true);
    guard.signedAtOpen = guard.signedFile.read();
    guard.acknowledgedAtOpen = guard.sizeMark.read();
    return guard;
  }

  private Optional<SignedCheckpoint> signed() throws StoreException {
    return readOnly ? signedAtOpen : signedFile.read();
  }

  private OptionalLong acknowledged() throws StoreException {
    return readOnly ? acknowledgedAtOpen : sizeMark.read();
  }

  /**
   * Refuses to create a new ledger where one kept its records: a new ledger would hide that its
   * store is gone.
   */
  public static void refuseCreatingOver(Path directory) throws LedgerException {
    RollbackGuard guard = in(directory);
    for (Path record : List.of(guard.signedFile.path(), guard.sizeMark.path())) {
      if (Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
        throw new LedgerException(
            LedgerException.Code.ILLEGAL_STATE,
            "cannot create a ledger in "
                + directory
                + ": it holds "
                + record.getFileName()
                + ", a record of the ledger that was there");
      }
    }
  }

  /**
   * {@code store}, with every synced write that adds entries recorded in the size mark before it
   * returns.
   */
  public LedgerStore marking(LedgerStore store) {
    return sizeMark.marking(store);
  }

  /**
   * For a store that holds no ledger at all: refuses it when the ledger there had signed or
   * acknowledged entries.
   */
  public void requireNothingLost() throws LedgerException {
    Optional<SignedCheckpoint> signed = signed();
    if (signed.isPresent()) {
      throw new RollbackException(
          signed.get(),
          0,
          "the store holds no ledger, but the ledger there signed a checkpoint of "
              + signed.get().checkpoint().size()
              + " ("
              + signedFile.path()
              + "): entries were lost",
          "size 0");
    }
    OptionalLong acknowledged = acknowledged();
    if (acknowledged.isPresent() && acknowledged.getAsLong() > 0) {
      throw new RollbackException(
          acknowledged.getAsLong(),
          0,
          "the store holds no ledger, but the ledger there acknowledged "
              + acknowledged.getAsLong()
              + " entries ("
              + sizeMark.path()
              + "): entries were lost");
    }
  }

  /**
   * Checks the store of ledger {@code origin}, holding {@code size} entries, against both records,
   * and creates the size mark durably if the ledger has none yet (a new ledger, or one from before
   * it was kept), before anything is acknowledged.
   *
   * @throws RollbackException if the store holds fewer entries than either record, lost the log key
   *     that signed the checkpoint, or has a tree whose root at the signed size is another
   * @throws VerificationException ({@link Failure#BAD_CHECKPOINT}) if the checkpoint file does not
   *     verify under the store's log key
   * @throws StoreException if a record is unreadable, or the size mark is missing where the store
   *     says it is kept
   */
  public void check(StoredLedger store, String origin, long size) throws LedgerException {
    requireSignedHistory(store, origin, size);
    OptionalLong acknowledged = acknowledged();
    if (acknowledged.isPresent() && acknowledged.getAsLong() > size) {
      throw new RollbackException(
          acknowledged.getAsLong(),
          size,
          "the store holds "
              + size
              + " entries, but the ledger "
              + "acknowledged "
              + acknowledged.getAsLong()
              + " ("
              + sizeMark.path()
              + "): entries were lost");
    }
    if (acknowledged.isEmpty()) {
      if (store.sizeMarked()) {
        throw new StoreException(
            "the store in "
                + directory
                + " is missing "
                + sizeMark.path().getFileName()
                + ", its record of how many entries it acknowledged, so lost entries cannot be ruled out; restore the file"
                + " with the store, or verify a copy of the store against a checkpoint its verifiers remember");
      }
      if (readOnly) {
        return; // a reader writes nothing; the writer creates the mark before acknowledging
      }
      // Created durably before anything is acknowledged, so a power loss cannot leave it torn or
      // absent.
      sizeMark.create(size);
      store.markSize();
    }
  }

  /**
   * The signed checkpoint must verify under the pinned log key and the store's tree must extend it.
   * Refusing on the file's word alone is safe: it can stop the ledger from opening, never make it
   * trust.
   */
  private void requireSignedHistory(StoredLedger store, String origin, long size)
      throws LedgerException {
    Optional<SignedCheckpoint> recorded = signed();
    if (recorded.isEmpty()) {
      return;
    }
    SignedCheckpoint signed = recorded.get();
    Checkpoint c = signed.checkpoint();
    Path file = signedFile.path();
    if (!c.origin().equals(origin)) {
      throw new StoreException(
          "the checkpoint file "
              + file
              + " belongs to ledger "
              + c.origin()
              + ", not to "
              + origin
              + ", the ledger in this store");
    }
    if (size < c.size()) {
      throw new RollbackException(
          signed,
          size,
          "the store holds "
              + size
              + " entries, but the ledger signed a checkpoint of "
              + c.size()
              + " ("
              + file
              + "): entries were lost",
          "size " + size);
    }
    byte[] pinned = store.pinnedLogKey();
    if (pinned == null) {
      throw new RollbackException(
          signed,
          size,
          "the store lost the log key that signed its checkpoint at size "
              + c.size()
              + " ("
              + file
              + ")",
          "size " + size + ", no log key");
    }
    try {
      signed.verify(NoteKey.of(origin, Ed25519PublicKey.parse(pinned)));
    } catch (LedgerException e) {
      throw new VerificationException(
          new Finding(
              Failure.BAD_CHECKPOINT,
              -1,
              null,
              null,
              "the ledger's checkpoint file "
                  + file
                  + " does not verify under the store's log key: "
                  + e.getMessage(),
              "a checkpoint signed by " + HexFormat.of().formatHex(pinned),
              "another signature"));
    }
    NodeHash root = new ProofBuilder(new StoredTree(store::treeNode)).root(c.size());
    if (!root.equals(c.root())) {
      throw new RollbackException(
          signed,
          size,
          "the store's "
              + size
              + " entries do not extend the checkpoint of size "
              + c.size()
              + " the ledger signed ("
              + file
              + "): its history was replaced",
          "size " + c.size() + " root " + root.toHex() + " (of " + size + " entries)");
    }
    signedFileSize = c.size();
  }

  /** Records {@code signed} in the checkpoint file unless the file already holds one as large. */
  public void recordSigned(SignedCheckpoint signed) throws StoreException {
    if (readOnly) {
      throw new IllegalStateException("a reader records nothing");
    }
    if (signed.checkpoint().size() <= signedFileSize) {
      return;
    }
    signedFile.write(signed);
    signedFileSize = signed.checkpoint().size();
  }

  /**
   * Records the final size, durably (the store synced its log on close, so every entry is durable
   * now).
   */
  public void recordClosed(long size) throws StoreException {
    if (readOnly) {
      return;
    }
    sizeMark.record(size, true);
  }

  /** Releases the size mark's file handle. */
  public void close() throws StoreException {
    sizeMark.close();
  }
}
