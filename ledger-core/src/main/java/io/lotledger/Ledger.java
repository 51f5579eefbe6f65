package io.lotledger;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.Signer;
import io.lotledger.engine.Committer;
import io.lotledger.engine.EntrySigning;
import io.lotledger.engine.MerkleLog;
import io.lotledger.engine.RollbackGuard;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.log.ConsistencyProof;
import io.lotledger.log.InclusionProof;
import io.lotledger.log.NodeHash;
import io.lotledger.note.CheckpointFile;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotState;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.LedgerStoreProvider;
import io.lotledger.spi.StoreException;
import io.lotledger.state.StoredLedger;
import io.lotledger.verify.ChainVerifier;
import io.lotledger.verify.RollbackException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One organisation's append-only ledger of signed, hash-linked entries about lots: the front door.
 *
 * <p>Open one on disk with {@link #create(Path, String, ActorSigner, String)} / {@link #open(Path)}
 * (embedded RocksDB, found through {@link LedgerStoreProvider}), or in memory with {@link
 * #inMemory}. Append events with {@link #appendAsync(Event, ActorSigner)}: the ledger links each
 * lot the event touches to that lot's current head, signs, and commits. Or append an entry signed
 * elsewhere with {@link #appendAsync(SignedEntry)}: its links are a compare-and-set on the heads,
 * and a stale head rejects it.
 *
 * <p><b>Thread-safety.</b> All methods may be called from any number of threads. Signatures are
 * made and checked on the calling threads (appends that must be re-linked after losing a race for a
 * lot's head are re-signed on a pool thread); one committer thread, which never runs callers' code,
 * orders appends, judges each against the state left by the ones before it ({@code
 * state.Transition}), and writes each group as one atomic batch with one fsync ({@link
 * Durability}). A rejected append changes nothing; an acknowledged one (completed future) is
 * durable as its options say. Reads see every acknowledged append.
 */
public final class Ledger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

  private final LedgerStore store;

  /** The ledger's state as the store holds it: every read goes through it. */
  private final StoredLedger state;

  private final String origin;
  private final ActorId root;
  private final Committer committer;

  /** Roots, proofs and signed checkpoints of the ledger's Merkle log. */
  private final MerkleLog log;

  /**
   * The ledger's records beside its store (signed checkpoint, acknowledged size); null in memory.
   */
  private final RollbackGuard guard;

  /**
   * Opened beside a writer ({@link LedgerSetup#readOnly()}): appends and checkpoints are refused.
   */
  private final boolean readOnly;

  private volatile boolean closed;

  /**
   * {@code directory}, when given, holds the ledger's own records beside the store ({@link
   * #open(LedgerStore, LedgerOptions, Path)}).
   */
  /** Through {@link LedgerSetup}, which owns the store until this returns. */
  Ledger(LedgerStore store, LedgerOptions options, RollbackGuard guard, boolean readOnly)
      throws LedgerException {
    this.readOnly = readOnly;
    this.guard = guard;
    this.store = guard == null || readOnly ? store : guard.marking(store);
    this.state = new StoredLedger(this.store);
    StoredLedger.Meta meta = state.meta().orElse(null);
    if (meta == null) {
      if (guard != null) {
        guard.requireNothingLost();
      }
      throw new LedgerException(
          LedgerException.Code.NOT_FOUND, "the store holds no ledger (no genesis entry)");
    }
    this.origin = meta.origin();
    this.root = meta.root();
    long size = meta.size();
    if (guard != null) {
      guard.check(state, origin, size);
    }
    this.committer =
        new Committer(
            this.store,
            new Committer.GroupCommit(
                options.durability() == Durability.PER_APPEND ? 1 : options.maxBatch(),
                options.linger(),
                options.durability() != Durability.NO_SYNC),
            origin,
            size);
    this.log = new MerkleLog(state, origin, committer::size, guard);
  }

  // ------------------------------------------------------------------ opening

  /**
   * Opens the existing ledger in {@code directory} (embedded RocksDB) with default options; {@link
   * #in(Path)} for other options.
   *
   * @throws RollbackException if the store holds fewer entries than the ledger acknowledged, or
   *     fewer than, or a history other than, the latest checkpoint the ledger signed ({@link
   *     #checkpointFile(Path)})
   */
  public static Ledger open(Path directory) throws LedgerException {
    return in(directory).open();
  }

  /**
   * Creates a ledger named {@code origin} in {@code directory} (embedded RocksDB) with default
   * options, whose root actor — the trust anchor that registers every other actor — is {@code
   * root}; {@link #in(Path)} for other options.
   */
  public static Ledger create(Path directory, String origin, ActorSigner root, String rootName)
      throws LedgerException {
    return in(directory).create(origin, root, rootName);
  }

  /**
   * A ledger in {@code directory} (embedded RocksDB, the ledger's own records beside it), to open
   * or create.
   */
  public static LedgerSetup in(Path directory) {
    return LedgerSetup.in(directory);
  }

  /** A ledger in memory, to create (nothing survives the process). */
  public static LedgerSetup inMemory() {
    return LedgerSetup.inMemory();
  }

  /**
   * A ledger in {@code store}, a store of your own that the ledger will own and close, to open or
   * create.
   */
  public static LedgerSetup on(LedgerStore store) {
    return LedgerSetup.on(store);
  }

  /**
   * The name of the file, in a ledger's directory, that holds the latest checkpoint the ledger
   * signed.
   */
  public static final String CHECKPOINT_FILE = RollbackGuard.CHECKPOINT_FILE;

  /**
   * The file in which the ledger in {@code directory} keeps the latest checkpoint it signed, beside
   * and independent of its store's files, so that losing store files cannot also lose the evidence
   * of what they held.
   */
  public static CheckpointFile checkpointFile(Path directory) {
    return RollbackGuard.checkpointFile(directory);
  }

  /** Whether {@code directory} holds a ledger store. */
  public static boolean exists(Path directory) {
    return LedgerSetup.provider().exists(directory);
  }

  /** The name of the default on-disk store driver. */
  public static final String DEFAULT_PROVIDER = "rocksdb";

  // ------------------------------------------------------------------ appending

  /**
   * Signs {@code event} as {@code signer}, linking every lot it touches to that lot's head when the
   * append is ordered, and commits it. The future completes with the entry once it is durable, or
   * exceptionally with {@link AppendRejectedException} (nothing stored) or another {@link
   * LedgerException}.
   *
   * <p>The signature {@code signer} returns is checked under its key (unless it is the built-in
   * {@link io.lotledger.crypto.Ed25519Signer}): one that does not verify is refused with {@link
   * AppendRejectedException} and {@link Failure#BAD_SIGNATURE}. The event is signed on the calling
   * thread; if another append moves a head first, it is re-linked and re-signed on a pool thread,
   * never on the thread that orders appends, so a slow signer delays only its own appends.
   */
  public CompletableFuture<Entry> appendAsync(Event event, ActorSigner signer) {
    try {
      ensureWritable();
      return committer.submit(prepare(event, signer), event, signer);
    } catch (LedgerException e) {
      return CompletableFuture.failedFuture(e);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new LedgerException(LedgerException.Code.INVALID_INPUT, e.getMessage(), e));
    }
  }

  /**
   * Appends an entry signed elsewhere. Its links must name the current heads of the lots it touches
   * (compare-and-set); a stale link rejects it with {@link Failure#LINK_MISMATCH}.
   */
  public CompletableFuture<Entry> appendAsync(SignedEntry entry) {
    try {
      ensureWritable();
    } catch (LedgerException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (!entry.signatureValid()) {
      return CompletableFuture.failedFuture(
          new AppendRejectedException(
              new Finding(
                  Failure.BAD_SIGNATURE,
                  size(),
                  entry.hash(),
                  null,
                  "signature does not verify under key " + entry.body().key().toHex(),
                  "valid Ed25519 signature",
                  "invalid")));
    }
    return committer.submit(entry, null, null);
  }

  /**
   * Decodes outside bytes (bounded, canonical) and appends them as {@link
   * #appendAsync(SignedEntry)}.
   */
  public CompletableFuture<Entry> appendAsync(byte[] encodedEntry) {
    try {
      return appendAsync(EntryCodec.decode(encodedEntry));
    } catch (EntryFormatException e) {
      return CompletableFuture.failedFuture(
          new AppendRejectedException(
              new Finding(
                  Failure.MALFORMED_ENTRY,
                  size(),
                  EntryHash.ofEntry(encodedEntry),
                  null,
                  e.getMessage(),
                  null,
                  null)));
    }
  }

  /** Blocking {@link #appendAsync(Event, ActorSigner)}. */
  public Entry append(Event event, ActorSigner signer) throws LedgerException {
    return Committer.await(appendAsync(event, signer));
  }

  /** Blocking {@link #appendAsync(SignedEntry)}. */
  public Entry append(SignedEntry entry) throws LedgerException {
    return Committer.await(appendAsync(entry));
  }

  /** Blocking {@link #appendAsync(byte[])}. */
  public Entry append(byte[] encodedEntry) throws LedgerException {
    return Committer.await(appendAsync(encodedEntry));
  }

  /**
   * Appends {@code events}, each signed by {@code signer}, all or nothing (one atomic store batch),
   * each judged against the ledger as the ones before it leave it. When one breaks a rule the batch
   * is refused with an {@link AppendRejectedException} whose {@link
   * AppendRejectedException#position() position} names it, and the ledger is exactly as it was: how
   * a document (an EPCIS import) is stored.
   *
   * <p>The events are linked and signed on the calling thread, each signature checked as in {@link
   * #appendAsync(Event, ActorSigner)} (a bad one refuses the batch at its position); if a lot's
   * head moves before the batch is ordered, the whole batch is re-linked and re-signed on a pool
   * thread.
   *
   * <p>The returned list is immutable and holds the entries as their stored bytes, decoding each on
   * access: a batch's entries all stay in memory until it is written, so their compact form is what
   * bounds the heap a large batch needs (see PERFORMANCE.md, "EPCIS import memory").
   */
  public List<Entry> appendAll(List<? extends Event> events, ActorSigner signer)
      throws LedgerException {
    ensureWritable();
    if (events.isEmpty()) {
      return List.of();
    }
    List<Event> batch = List.copyOf(events);
    CompletableFuture<List<Entry>> appended;
    try {
      // Signed here, on the caller's thread, against the heads committed now; the committer judges
      // the links as a compare-and-set and has the batch re-signed if a head moved meanwhile. No
      // local
      // keeps the signed entries: the committer drops them once judged (a batch can be large).
      appended =
          committer.submitAll(
              batch,
              signer,
              EntrySigning.sign(origin, batch, signer, this::committedHead, size(), true));
    } catch (IllegalArgumentException e) {
      throw new LedgerException(LedgerException.Code.INVALID_INPUT, e.getMessage(), e);
    }
    return Committer.await(appended);
  }

  /**
   * The entry whose event carries EPCIS eventID {@code eventId} (for imported events, the CBV 2.0
   * hash ID).
   */
  public Optional<Entry> entryByEventId(String eventId) throws LedgerException {
    ensureOpen();
    long index = state.eventIndex(eventId);
    return index < 0 ? Optional.empty() : entry(index);
  }

  /**
   * Builds and signs (without appending) the entry {@code signer} would append for {@code event}
   * now.
   *
   * @throws AppendRejectedException with {@link Failure#BAD_SIGNATURE} if {@code signer} returned a
   *     signature that does not verify under its key
   */
  public SignedEntry prepare(Event event, ActorSigner signer) throws LedgerException {
    return EntrySigning.sign(origin, List.of(event), signer, this::committedHead, size(), false)
        .get(0);
  }

  private EntryHash committedHead(LotId lot) throws StoreException {
    return state.head(lot);
  }

  // ------------------------------------------------------------------ reading

  /** The ledger's origin name (fixed at creation, signed into every entry). */
  public String origin() {
    return origin;
  }

  /** The root actor: the trust anchor that registers every other actor. */
  public ActorId rootActor() {
    return root;
  }

  /** How many entries the ledger holds (indexes 0 .. size-1). */
  public long size() {
    return committer.size();
  }

  /** The entry at {@code index}. */
  public Optional<Entry> entry(long index) throws LedgerException {
    ensureOpen();
    if (index < 0 || index >= size()) {
      return Optional.empty();
    }
    byte[] bytes = state.entryBytes(index);
    if (bytes == null) {
      throw new StoreException(
          "entry " + index + " is missing from the store (size " + size() + ")");
    }
    return Optional.of(new Entry(index, EntryCodec.decode(bytes)));
  }

  /** The entry with {@code hash}. */
  public Optional<Entry> entry(EntryHash hash) throws LedgerException {
    ensureOpen();
    long index = state.indexOf(hash);
    return index < 0 ? Optional.empty() : entry(index);
  }

  /** The hash of {@code lot}'s latest entry, absent if the ledger has never seen the lot. */
  public Optional<EntryHash> head(LotId lot) throws LedgerException {
    ensureOpen();
    return Optional.ofNullable(committedHead(lot));
  }

  /**
   * {@code lot}'s custody and mass balance (who holds how much, what is in transit), absent when
   * the lot is not tracked here: never commissioned, produced or received on this ledger.
   */
  public Optional<LotState> lotState(LotId lot) throws LedgerException {
    ensureOpen();
    return Optional.ofNullable(state.lot(lot));
  }

  /** Every entry that touches {@code lot}, oldest first. */
  public List<Entry> history(LotId lot) throws LedgerException {
    ensureOpen();
    List<Long> indexes = state.history(lot);
    List<Entry> out = new ArrayList<>(indexes.size());
    for (long i : indexes) {
      out.add(entry(i).orElseThrow());
    }
    return out;
  }

  /** Every lot, in order of first appearance. */
  public List<LotId> lots() throws LedgerException {
    ensureOpen();
    return state.lots();
  }

  /** The lots {@code lot} was directly made from (inputs of transformations that output it). */
  public Set<LotId> parents(LotId lot) throws LedgerException {
    ensureOpen();
    return state.parents(lot);
  }

  /** The lots directly made from {@code lot}. */
  public Set<LotId> children(LotId lot) throws LedgerException {
    ensureOpen();
    return state.children(lot);
  }

  /** Every lot {@code lot} was made from, transitively, nearest first. */
  public Set<LotId> ancestors(LotId lot) throws LedgerException {
    ensureOpen();
    return state.ancestors(lot);
  }

  /** Every lot made from {@code lot}, transitively, nearest first. */
  public Set<LotId> descendants(LotId lot) throws LedgerException {
    ensureOpen();
    return state.descendants(lot);
  }

  // ------------------------------------------------------------------ Merkle log (RFC 9162)

  /**
   * The Merkle tree root over entries {@code [0, size)} (RFC 9162 §2.1.1; the leaf data is the
   * entry hash).
   */
  public NodeHash root(long size) throws LedgerException {
    ensureOpen();
    return log.root(size);
  }

  /**
   * The proof that entry {@code index} is leaf {@code index} of the tree of {@code size} entries.
   */
  public InclusionProof inclusionProof(long index, long size) throws LedgerException {
    ensureOpen();
    return log.inclusionProof(index, size);
  }

  /** The proof that the tree of {@code size1} entries is a prefix of the tree of {@code size2}. */
  public ConsistencyProof consistencyProof(long size1, long size2) throws LedgerException {
    ensureOpen();
    return log.consistencyProof(size1, size2);
  }

  /**
   * Signs a checkpoint (C2SP tlog-checkpoint: origin, size, root) of the ledger as it stands, with
   * the log key, stores it and returns it; returns the latest checkpoint unchanged when no entry
   * was added since. The first checkpoint fixes the log key; a later call with another key is
   * refused. The ledger never signs a checkpoint inconsistent with its latest one: if the tree no
   * longer yields that checkpoint's root (the store was rewritten), it refuses with a {@link
   * VerificationException}; so it does, with {@link Failure#BAD_CHECKPOINT}, when {@code logKey}
   * returns a signature that does not verify under its public key, and stores nothing.
   */
  public synchronized SignedCheckpoint checkpoint(Signer logKey) throws LedgerException {
    ensureWritable();
    return log.checkpoint(logKey);
  }

  /** The newest stored checkpoint, if one was signed. */
  public Optional<SignedCheckpoint> latestCheckpoint() throws LedgerException {
    ensureOpen();
    return log.latestCheckpoint();
  }

  /** Every stored checkpoint, oldest (smallest size) first. */
  public List<SignedCheckpoint> checkpoints() throws LedgerException {
    ensureOpen();
    return log.checkpoints();
  }

  /** The log's public key, fixed by the first checkpoint. */
  public Optional<Ed25519PublicKey> logKey() throws LedgerException {
    ensureOpen();
    return log.logKey();
  }

  /**
   * Every registry entry (actor registrations, key additions and revocations), oldest first: what a
   * verifier needs to judge any signature in the ledger.
   */
  public List<Entry> registry() throws LedgerException {
    ensureOpen();
    java.util.TreeSet<Long> indexes = state.keyEvents();
    List<Entry> out = new ArrayList<>(indexes.size());
    for (long i : indexes) {
      out.add(
          entry(i).orElseThrow(() -> new StoreException("registry entry " + i + " is missing")));
    }
    return out;
  }

  // ------------------------------------------------------------------ verifying

  /** Verifies the whole ledger (see {@link ChainVerifier}); throws at the first broken fact. */
  public void verify() throws VerificationException, LedgerException {
    verify(n -> {});
  }

  /**
   * As {@link #verify()}, reporting to {@code progress} (on the calling thread) how many entries
   * the verification has reached, after each entry: for a progress display.
   *
   * @throws VerificationException at the first broken fact
   */
  public void verify(java.util.function.LongConsumer progress)
      throws VerificationException, LedgerException {
    ensureOpen();
    new ChainVerifier(store).progress(progress).verify();
  }

  /** Verifies the whole ledger and returns every finding; empty when it verifies. */
  public List<Finding> audit() throws LedgerException {
    ensureOpen();
    return new ChainVerifier(store).audit();
  }

  /**
   * Verifies {@code lot}'s provenance: its chain, its ancestors' chains, the keys that signed them,
   * and the history and parents indexes of those lots (see {@link ChainVerifier#verifyLot}).
   * Returns the ancestry read from the verified entries: show that, not {@link #parents} or {@link
   * #history}.
   */
  public io.lotledger.verify.LotAncestry verifyLot(LotId lot) throws LedgerException {
    ensureOpen();
    return new ChainVerifier(store).verifyLot(lot);
  }

  /**
   * As {@link #verifyLot}, collecting every finding into the returned ancestry instead of throwing.
   */
  public io.lotledger.verify.LotAncestry auditLot(LotId lot) throws LedgerException {
    ensureOpen();
    return new ChainVerifier(store).auditLot(lot);
  }

  private void ensureWritable() throws LedgerException {
    ensureOpen();
    if (readOnly) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger " + origin + " was opened read-only: it appends nothing and signs no checkpoint");
    }
  }

  /** Whether the ledger was opened read-only, beside a writer ({@link LedgerSetup#readOnly()}). */
  public boolean readOnly() {
    return readOnly;
  }

  private void ensureOpen() throws LedgerException {
    if (closed) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE, "ledger " + origin + " is closed");
    }
  }

  /**
   * Commits what was submitted before (waiting for appends being re-signed after losing a race, so
   * for their signers), fails what arrives after, and closes the store. Idempotent.
   */
  @Override
  public synchronized void close() throws LedgerException {
    if (closed) {
      return;
    }
    closed = true;
    committer.stop();
    try {
      store.close();
      if (guard != null) {
        guard.recordClosed(committer.size());
      }
    } finally {
      if (guard != null) {
        guard.close();
      }
    }
  }
}
