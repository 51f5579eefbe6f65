package io.lotledger.engine;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.Signer;
import io.lotledger.error.LedgerException;
import io.lotledger.log.ConsistencyProof;
import io.lotledger.log.InclusionProof;
import io.lotledger.log.NodeHash;
import io.lotledger.log.ProofBuilder;
import io.lotledger.log.StoredTree;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.NoteKey;
import io.lotledger.note.NoteVerificationException;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.StoreException;
import io.lotledger.state.StoredLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A ledger's Merkle log (RFC 9162): tree roots and proofs over its stored entries, and the
 * checkpoints its log key signs (C2SP tlog-checkpoint), kept in the store and, through {@link
 * RollbackGuard}, beside it. The public face is {@code Ledger}; this is where the work is done.
 * Thread-safe as the store is, with {@link #checkpoint} serialised by the caller.
 */
public final class MerkleLog {
  private final StoredLedger state;
  private final String origin;

  /** How many entries the ledger holds now. */
  private final LongSupplier size;

  /** The ledger's records beside the store; null in memory. */
  private final RollbackGuard guard;

  public MerkleLog(StoredLedger state, String origin, LongSupplier size, RollbackGuard guard) {
    this.state = state;
    this.origin = origin;
    this.size = size;
    this.guard = guard;
  }

  /** The Merkle tree root over entries {@code [0, size)} (RFC 9162 §2.1.1). */
  public NodeHash root(long size) throws LedgerException {
    requireSize(size);
    return tree().root(size);
  }

  /**
   * The proof that entry {@code index} is leaf {@code index} of the tree of {@code size} entries
   * (RFC 9162 §2.1.3).
   */
  public InclusionProof inclusionProof(long index, long size) throws LedgerException {
    requireSize(size);
    if (index < 0 || index >= size) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT, "entry " + index + " is not in a tree of " + size);
    }
    return tree().inclusion(index, size);
  }

  /**
   * The proof that the tree of {@code size1} entries is a prefix of the tree of {@code size2} (RFC
   * 9162 §2.1.4).
   */
  public ConsistencyProof consistencyProof(long size1, long size2) throws LedgerException {
    requireSize(size2);
    if (size1 < 1 || size1 > size2) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT,
          "no consistency proof from " + size1 + " to " + size2);
    }
    return tree().consistency(size1, size2);
  }

  /** See {@code Ledger#checkpoint}; the caller serialises calls. */
  public SignedCheckpoint checkpoint(Signer logKey) throws LedgerException {
    byte[] pinned = state.pinnedLogKey();
    if (pinned != null && !logKey.publicKey().matches(pinned)) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT,
          "ledger "
              + origin
              + " signs checkpoints with log key "
              + java.util.HexFormat.of().formatHex(pinned)
              + ", not "
              + logKey.publicKey().toHex());
    }
    long treeSize = size.getAsLong();
    ProofBuilder tree = tree();
    Optional<SignedCheckpoint> latest = latestCheckpoint();
    if (latest.isPresent()) {
      Checkpoint last = latest.get().checkpoint();
      NodeHash recomputed = tree.root(last.size());
      if (!recomputed.equals(last.root())) {
        throw new VerificationException(
            new Finding(
                Failure.STORE_MISMATCH,
                last.size() - 1,
                null,
                null,
                "the log no longer matches its checkpoint at size "
                    + last.size()
                    + "; refusing to sign a new one",
                last.root().toHex(),
                recomputed.toHex()));
      }
      if (last.size() == treeSize) {
        // A crash may have come between storing this checkpoint and recording it outside the store.
        if (guard != null) {
          guard.recordSigned(latest.get());
        }
        return latest.get();
      }
    }
    Checkpoint checkpoint = Checkpoint.of(origin, treeSize, tree.root(treeSize));
    SignedCheckpoint signed;
    try {
      signed = SignedCheckpoint.sign(checkpoint, logKey);
    } catch (RuntimeException e) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT,
          "log key signer " + logKey.getClass().getName() + " failed: " + e,
          e);
    }
    // Always checked (one verification per checkpoint): a log key behind an HSM that signs with
    // another key, or returns garbage, would otherwise publish a checkpoint nobody can verify.
    NoteKey key = NoteKey.of(origin, logKey.publicKey());
    try {
      signed.verify(key);
    } catch (NoteVerificationException e) {
      throw new VerificationException(
          new Finding(
              Failure.BAD_CHECKPOINT,
              -1,
              null,
              null,
              "the signature "
                  + logKey.getClass().getName()
                  + " returned for the checkpoint of size "
                  + treeSize
                  + " does not verify under the log key "
                  + logKey.publicKey().toHex()
                  + "; nothing was stored",
              "valid Ed25519 signature by " + key,
              e.getMessage()));
    }
    // The synced write also makes every entry the checkpoint covers durable (one write-ahead log),
    // so the
    // checkpoint is recorded outside the store only once what it covers is on disk.
    state.storeCheckpoint(treeSize, signed.toBytes(), pinned == null ? logKey.publicKey() : null);
    if (guard != null) {
      guard.recordSigned(signed);
    }
    return signed;
  }

  /** The newest stored checkpoint, if one was signed. */
  public Optional<SignedCheckpoint> latestCheckpoint() throws LedgerException {
    List<SignedCheckpoint> all = checkpoints();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Every stored checkpoint, oldest (smallest size) first. */
  public List<SignedCheckpoint> checkpoints() throws LedgerException {
    List<StoredLedger.StoredNote> notes = state.checkpoints();
    List<SignedCheckpoint> out = new ArrayList<>(notes.size());
    for (StoredLedger.StoredNote note : notes) {
      try {
        out.add(SignedCheckpoint.parse(note.note()));
      } catch (LedgerException e) {
        throw new StoreException(
            "corrupt checkpoint record in the store (run verify): " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The log's public key, fixed by the first checkpoint. */
  public Optional<Ed25519PublicKey> logKey() throws LedgerException {
    byte[] pinned = state.pinnedLogKey();
    if (pinned == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Ed25519PublicKey.parse(pinned));
    } catch (LedgerException e) {
      throw new StoreException(
          "corrupt log key record in the store (run verify): " + e.getMessage(), e);
    }
  }

  private ProofBuilder tree() {
    return new ProofBuilder(new StoredTree(state::treeNode));
  }

  private void requireSize(long treeSize) throws LedgerException {
    long now = size.getAsLong();
    if (treeSize < 0 || treeSize > now) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT,
          "tree size " + treeSize + " is beyond the ledger's " + now + " entries");
    }
  }
}
