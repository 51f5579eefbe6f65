package io.lotledger.verify;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.log.ProofBuilder;
import io.lotledger.log.StoredTree;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.state.StoreAudit;
import io.lotledger.state.StoredLedger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a stored ledger from its entries alone: every entry's canonical encoding, signature and
 * chain rules ({@link io.lotledger.state.Transition}), index contiguity, and every derived record
 * in every table (hash index, heads, history, lots, edges, actors, keys, meta) recomputed and
 * compared with what the store holds, so that a change to any stored value is reported.
 *
 * <p>{@link #verify()} stops at the first broken fact; {@link #audit()} collects them all. One
 * instance verifies one store; it is not thread-safe, but the store may be read concurrently.
 */
public final class ChainVerifier {
  /** Entries decoded and signature-checked ahead of the sequential rule checks, per window. */
  static final int WINDOW = 1024;

  private final LedgerStore store;
  private final StoredLedger state;
  private final int threads;
  private java.util.function.LongConsumer progress = n -> {};

  /** A verifier that checks signatures on every available processor. */
  public ChainVerifier(LedgerStore store) {
    this(store, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A verifier that decodes and checks signatures on {@code threads} threads (signatures are
   * independent), while links, rules and store records are checked in index order on the calling
   * thread. The read-ahead holds at most one window of {@value #WINDOW} entries; the verifier as a
   * whole keeps about 220 bytes per entry (edges and the derived records it compares), see
   * docs/reliability.md.
   */
  public ChainVerifier(LedgerStore store, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.store = store;
    this.state = new StoredLedger(store);
    this.threads = threads;
  }

  /** One entry as read, decoded and signature-checked, ready for the ordered checks. */
  private static final class Checked {
    long index;
    byte[] bytes;
    SignedEntry entry;
    String formatError;
    boolean signatureValid;
    StoreException failure;
  }

  /**
   * Reads the log in index order until the first missing index, a window at a time, and decodes and
   * verifies each window's entries in parallel: the per-entry cost that does not depend on order.
   */
  private static final class CheckedEntries implements java.util.Iterator<Checked> {
    private final StoredLedger store;
    private final int threads;
    private final ArrayDeque<Checked> ready = new ArrayDeque<>();
    private long next;
    private boolean exhausted;

    /** The next window, being read and checked on the pool while the caller works on this one. */
    private java.util.concurrent.CompletableFuture<List<Checked>> ahead;

    CheckedEntries(StoredLedger store, int threads) {
      this.store = store;
      this.threads = threads;
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty()) {
        if (threads == 1) {
          if (!exhausted) {
            ready.addAll(fill());
          }
        } else {
          if (ahead == null && !exhausted) {
            ahead = java.util.concurrent.CompletableFuture.supplyAsync(this::fill, pool(threads));
          }
          if (ahead != null) {
            List<Checked> window =
                ahead.join(); // join orders this thread after the window's writes
            ahead =
                exhausted
                    ? null
                    : java.util.concurrent.CompletableFuture.supplyAsync(this::fill, pool(threads));
            ready.addAll(window);
          }
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Checked next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return ready.poll();
    }

    /**
     * Reads the next window and decodes and verifies it; runs on the caller (1 thread) or the pool.
     */
    private List<Checked> fill() {
      List<Checked> window = new ArrayList<>(WINDOW);
      try {
        while (window.size() < WINDOW) {
          byte[] bytes = store.entryBytes(next);
          if (bytes == null) {
            exhausted = true;
            break;
          }
          Checked c = new Checked();
          c.index = next++;
          c.bytes = bytes;
          window.add(c);
        }
      } catch (StoreException e) {
        Checked c = new Checked();
        c.failure = e;
        window.add(c);
        exhausted = true;
      }
      java.util.function.Consumer<Checked> check =
          c -> {
            if (c.failure != null) {
              return;
            }
            try {
              c.entry = EntryCodec.decode(c.bytes);
              c.signatureValid = c.entry.signatureValid();
            } catch (EntryFormatException e) {
              c.formatError = e.getMessage();
            }
          };
      if (threads == 1 || window.size() < 2) {
        window.forEach(check);
      } else {
        // Already on the pool: the parallel stream splits the window over its workers.
        window.parallelStream().forEach(check);
      }
      return window;
    }
  }

  /**
   * One shared pool per parallelism, created on first use; fork-join workers are daemon threads.
   */
  private static final java.util.concurrent.ConcurrentMap<
          Integer, java.util.concurrent.ForkJoinPool>
      POOLS = new java.util.concurrent.ConcurrentHashMap<>();

  private static java.util.concurrent.ForkJoinPool pool(int threads) {
    return POOLS.computeIfAbsent(threads, n -> new java.util.concurrent.ForkJoinPool(n));
  }

  /**
   * Reports to {@code progress}, on the calling thread, how many entries the ordered checks have
   * reached, after each entry: for a progress display. Returns this verifier.
   */
  public ChainVerifier progress(java.util.function.LongConsumer progress) {
    this.progress = java.util.Objects.requireNonNull(progress, "progress");
    return this;
  }

  /** Verifies the whole ledger; throws at the first broken fact. */
  public void verify() throws VerificationException, StoreException {
    run(
        f -> {
          throw new VerificationException(f);
        });
  }

  /** Verifies the whole ledger and returns every finding (empty when it verifies). */
  public List<Finding> audit() throws StoreException {
    List<Finding> findings = new ArrayList<>();
    try {
      run(findings::add);
    } catch (VerificationException e) {
      throw new IllegalStateException("audit sink does not throw", e);
    }
    return findings;
  }

  @FunctionalInterface
  private interface Sink {
    void report(Finding f) throws VerificationException;
  }

  private void run(Sink sink) throws VerificationException, StoreException {
    StoreAudit audit = new StoreAudit(store);
    // Findings are buffered per window: comparing derived records with the store does not depend on
    // order, so a window's comparisons run in parallel; the window's findings are then reported in
    // index order, so verify() still stops at the first broken fact.
    List<Finding> pending = new ArrayList<>();
    long index = 0;
    for (Checked checked : (Iterable<Checked>) () -> new CheckedEntries(state, threads)) {
      if (checked.failure != null) {
        flush(pending, audit, sink);
        throw checked.failure; // a store error while reading ahead ends verification as a whole
      }
      index = checked.index;
      if (index % WINDOW == 0 && index > 0) {
        flush(pending, audit, sink);
      }
      SignedEntry entry = checked.entry;
      if (entry == null) {
        pending.add(
            new Finding(
                Failure.MALFORMED_ENTRY,
                index,
                EntryHash.ofEntry(checked.bytes),
                null,
                checked.formatError,
                null,
                null));
        progress.accept(++index);
        continue;
      }
      if (!checked.signatureValid) {
        pending.add(
            new Finding(
                Failure.BAD_SIGNATURE,
                index,
                entry.hash(),
                null,
                "signature does not verify under key " + entry.body().key().toHex(),
                "valid Ed25519 signature",
                "invalid"));
      }
      try {
        Finding broken = audit.apply(entry, index);
        if (broken != null) {
          pending.add(broken);
        }
      } catch (StoreException e) {
        pending.add(
            new Finding(
                Failure.STORE_MISMATCH, index, entry.hash(), null, e.getMessage(), null, null));
      }
      progress.accept(++index);
    }
    flush(pending, audit, sink);
    for (Finding f : audit.finish(index)) {
      sink.report(f);
    }
    verifyCheckpoints(index, sink);
  }

  /**
   * Checkpoints are signed by the log key, not derived from entries: each must parse, name this
   * ledger, cover no more than its entries, carry the root the (verified) tree has at its size, and
   * verify under the log key pinned in META.
   */
  private void verifyCheckpoints(long size, Sink sink)
      throws StoreException, VerificationException {
    List<StoredLedger.StoredNote> records = state.checkpoints();
    byte[] pinned = state.pinnedLogKey();
    NoteKey logKey = null;
    String origin = state.origin() == null ? "" : state.origin();
    if (pinned != null) {
      try {
        logKey = NoteKey.of(origin, Ed25519PublicKey.parse(pinned));
      } catch (LedgerException | IllegalArgumentException e) {
        sink.report(
            new Finding(
                Failure.STORE_MISMATCH,
                -1,
                null,
                null,
                "the pinned log key is invalid: " + e.getMessage(),
                "an Ed25519 key",
                printable(pinned)));
        return;
      }
    } else if (!records.isEmpty()) {
      sink.report(
          new Finding(
              Failure.STORE_MISMATCH,
              -1,
              null,
              null,
              "checkpoints are stored but no log key is pinned",
              "meta logkey",
              "missing"));
      return;
    }
    ProofBuilder tree = new ProofBuilder(new StoredTree(state::treeNode));
    for (StoredLedger.StoredNote record : records) {
      String where = "checkpoint record " + printable(record.filedUnder());
      try {
        SignedCheckpoint signed = SignedCheckpoint.parse(record.note());
        Checkpoint c = signed.verify(logKey);
        if (record.size() != c.size()) {
          sink.report(
              new Finding(
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  null,
                  where + " is filed under another size",
                  String.valueOf(c.size()),
                  printable(record.filedUnder())));
        } else if (c.size() > size) {
          sink.report(
              new Finding(
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  null,
                  where + " covers more entries than the ledger holds",
                  "at most " + size,
                  String.valueOf(c.size())));
        } else if (!tree.root(c.size()).equals(c.root())) {
          sink.report(
              new Finding(
                  Failure.STORE_MISMATCH,
                  c.size() - 1,
                  null,
                  null,
                  where
                      + ": the log's tree at size "
                      + c.size()
                      + " does not have the signed root (rewritten history)",
                  c.root().toHex(),
                  tree.root(c.size()).toHex()));
        }
      } catch (VerificationException e) {
        throw e; // a finding reported above, in first-failure mode: not a checkpoint that fails to
        // parse
      } catch (LedgerException | IllegalArgumentException e) {
        sink.report(
            new Finding(
                Failure.STORE_MISMATCH,
                -1,
                null,
                null,
                where + " does not verify: " + e.getMessage(),
                null,
                null));
      }
    }
  }

  /** Reports a window's findings, with its store comparisons, in index order. */
  private void flush(List<Finding> pending, StoreAudit audit, Sink sink)
      throws StoreException, VerificationException {
    pending.addAll(audit.compare(threads == 1 ? null : pool(threads)));
    // Stable: an entry's own findings keep their order (signature, rules, store) after the sort.
    pending.sort(java.util.Comparator.comparingLong(Finding::index));
    List<Finding> window = new ArrayList<>(pending);
    pending.clear();
    for (Finding f : window) {
      sink.report(f);
    }
  }

  /**
   * Verifies one lot's provenance and returns its ancestry as the entries show it. Walks back from
   * the lot's head along every hash link (its own chain and, through transformations, its inputs'
   * chains), and through the registry entries that added and revoked each signing key. Each reached
   * entry must be the one its referrer names (its hash), sit at a lower index, be canonical,
   * correctly signed by a key valid at its index, and touch the lot its referrer links. The
   * ancestry is read from those entries (a lot's parents are the inputs of the transformations on
   * its chain that output it), never from the PARENTS index, and the walk continues from each
   * ancestor's head so that every ancestor's whole chain verifies too. The HISTORY, PARENTS and
   * CHILDREN records of every lot in the ancestry must then agree with its chain: a deleted or
   * forged index record is a {@link Failure#STORE_MISMATCH} naming the lot. Unrelated lots are not
   * read.
   *
   * @throws VerificationException at the first broken fact
   * @throws LedgerException with code NOT_FOUND if the ledger has never seen {@code lot}
   */
  public LotAncestry verifyLot(LotId lot) throws LedgerException {
    return AncestryVerifier.verify(state, lot);
  }

  /**
   * As {@link #verifyLot}, but collects every finding instead of stopping at the first, and returns
   * the ancestry as far as the entries that could be read show it, with the findings: for reports
   * that show a broken provenance and where it breaks.
   *
   * @throws LedgerException with code NOT_FOUND if the ledger has never seen {@code lot}
   */
  public LotAncestry auditLot(LotId lot) throws LedgerException {
    return AncestryVerifier.audit(state, lot);
  }

  private static String printable(byte[] b) {
    return StoreAudit.printable(b);
  }
}
