package io.lotledger.verify;

import io.lotledger.LedgerException;
import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.LotId;
import io.lotledger.log.ProofBuilder;
import io.lotledger.log.StoredTree;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies a stored ledger from its entries alone: every entry's canonical encoding, signature and
 * chain rules ({@link ChainRules}), index contiguity, and every derived record in every table (hash
 * index, heads, history, lots, edges, actors, keys, meta) recomputed and compared with what the store
 * holds, so that a change to any stored value is reported.
 *
 * <p>{@link #verify()} stops at the first broken fact; {@link #audit()} collects them all. One
 * instance verifies one store; it is not thread-safe, but the store may be read concurrently.
 */
public final class ChainVerifier {
  /** Tables the verifier recomputes whole in memory and compares in both directions at the end. */
  private static final Set<Table> SHADOWED = EnumSet.of(Table.META, Table.HEADS, Table.ACTORS, Table.KEYS, Table.LOT_STATE, Table.EVENT_IDS);

  /** Entries decoded and signature-checked ahead of the sequential rule checks, per window. */
  static final int WINDOW = 1024;

  private final LedgerStore store;
  private final int threads;

  /** A verifier that checks signatures on every available processor. */
  public ChainVerifier(LedgerStore store) {
    this(store, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A verifier that decodes and checks signatures on {@code threads} threads (signatures are
   * independent), while links, rules and store records are checked in index order on the calling
   * thread. The read-ahead holds at most one window of {@value #WINDOW} entries; the verifier as a whole
   * keeps about 220 bytes per entry (edges and the derived records it compares), see docs/reliability.md.
   */
  public ChainVerifier(LedgerStore store, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.store = store;
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
    private final LedgerStore store;
    private final int threads;
    private final ArrayDeque<Checked> ready = new ArrayDeque<>();
    private long next;
    private boolean exhausted;
    /** The next window, being read and checked on the pool while the caller works on this one. */
    private java.util.concurrent.CompletableFuture<List<Checked>> ahead;

    CheckedEntries(LedgerStore store, int threads) {
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
            List<Checked> window = ahead.join(); // join orders this thread after the window's writes
            ahead = exhausted ? null : java.util.concurrent.CompletableFuture.supplyAsync(this::fill, pool(threads));
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

    /** Reads the next window and decodes and verifies it; runs on the caller (1 thread) or the pool. */
    private List<Checked> fill() {
      List<Checked> window = new ArrayList<>(WINDOW);
      try {
        while (window.size() < WINDOW) {
          byte[] bytes = store.get(Table.ENTRIES, KeyLayout.entryKey(next));
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
      java.util.function.Consumer<Checked> check = c -> {
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

  /** One shared pool per parallelism, created on first use; fork-join workers are daemon threads. */
  private static final java.util.concurrent.ConcurrentMap<Integer, java.util.concurrent.ForkJoinPool> POOLS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static java.util.concurrent.ForkJoinPool pool(int threads) {
    return POOLS.computeIfAbsent(threads, java.util.concurrent.ForkJoinPool::new);
  }

  /** Verifies the whole ledger; throws at the first broken fact. */
  public void verify() throws VerificationException, StoreException {
    run(f -> {
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
    // Hash maps keyed by the record key's bytes: the ordered phase looks a head up per link, and
    // nothing needs these in order until the final comparison, which sorts them once.
    Map<Table, Map<java.nio.ByteBuffer, byte[]>> shadow = new EnumMap<>(Table.class);
    for (Table t : SHADOWED) {
      shadow.put(t, new java.util.HashMap<>());
    }
    // The Merkle tree is too big to shadow; its right edge (the newest node per level) is all that
    // deriving the next nodes reads, so that is what the verifier keeps.
    Map<Integer, byte[]> frontierKeys = new java.util.HashMap<>();
    Map<Integer, byte[]> frontierValues = new java.util.HashMap<>();
    ChainRules.Reader state = (table, key) -> {
      if (table == Table.TREE) {
        int level = key[0];
        return Arrays.equals(frontierKeys.get(level), key) ? frontierValues.get(level) : null;
      }
      return shadow.get(table).get(java.nio.ByteBuffer.wrap(key));
    };
    Map<Table, Long> expectedCounts = new EnumMap<>(Table.class);
    // Transformation edges seen so far, as 128-bit fingerprints (SHA-256 prefixes): an edge derived
    // twice is stored once. 128 bits keep memory bounded on large ledgers while making a chosen
    // collision (which would only cause a false count mismatch) infeasible.
    Set<java.util.UUID> edges = new HashSet<>();

    // Findings and store comparisons are buffered per window: comparing derived records with the store
    // does not depend on order, so a window's comparisons run in parallel; the window's findings are
    // then reported in index order, so verify() still stops at the first broken fact.
    List<Finding> pending = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    long index = 0;
    for (Checked checked : (Iterable<Checked>) () -> new CheckedEntries(store, threads)) {
      if (checked.failure != null) {
        flush(pending, comparisons, sink);
        throw checked.failure; // a store error while reading ahead ends verification as a whole
      }
      index = checked.index;
      if (index % WINDOW == 0 && index > 0) {
        flush(pending, comparisons, sink);
      }
      SignedEntry entry = checked.entry;
      if (entry == null) {
        pending.add(new Finding(Failure.MALFORMED_ENTRY, index, EntryHash.ofEntry(checked.bytes), null, checked.formatError, null, null));
        index++;
        continue;
      }
      if (!checked.signatureValid) {
        pending.add(new Finding(Failure.BAD_SIGNATURE, index, entry.hash(), null,
            "signature does not verify under key " + entry.body().key().toHex(), "valid Ed25519 signature", "invalid"));
      }
      WriteBatch derived = new WriteBatch();
      Finding broken;
      try {
        broken = ChainRules.apply(entry, index, state, derived);
      } catch (StoreException e) {
        pending.add(new Finding(Failure.STORE_MISMATCH, index, entry.hash(), null, e.getMessage(), null, null));
        index++;
        continue;
      }
      if (broken != null) {
        pending.add(broken);
      }
      for (WriteBatch.Put put : derived.puts()) {
        Table table = put.table();
        if (table == Table.TREE) {
          frontierKeys.put((int) put.key()[0], put.key());
          frontierValues.put((int) put.key()[0], put.value());
        }
        if (SHADOWED.contains(table)) {
          shadow.get(table).put(java.nio.ByteBuffer.wrap(put.key()), put.value());
          continue;
        }
        if (table == Table.ENTRIES) {
          continue; // read above
        }
        if ((table == Table.PARENTS || table == Table.CHILDREN)
            && !edges.add(fingerprint(table, put.key()))) {
          continue; // the same edge from an earlier transformation
        }
        expectedCounts.merge(table, 1L, Long::sum);
        comparisons.add(new Comparison(index, entry.hash(), put));
      }
      index++;
    }
    flush(pending, comparisons, sink);

    long size = index;
    long storedEntries = count(Table.ENTRIES);
    if (storedEntries != size) {
      sink.report(new Finding(Failure.INDEX_GAP, size, null, null,
          "entries 0.." + (size - 1) + " are contiguous but the store holds " + storedEntries,
          String.valueOf(size), String.valueOf(storedEntries)));
    }
    for (Table t : List.of(Table.HASHES, Table.HISTORY, Table.LOTS, Table.PARENTS, Table.CHILDREN, Table.TREE)) {
      long expected = expectedCounts.getOrDefault(t, 0L);
      long actual = count(t);
      if (expected != actual) {
        sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, null,
            t.id() + " holds records no entry accounts for", expected + " records", actual + " records"));
      }
    }
    for (Table t : SHADOWED) {
      compareWhole(t, shadow.get(t), sink);
    }
    verifyCheckpoints(size, sink);
  }

  /**
   * Checkpoints are signed by the log key, not derived from entries: each must parse, name this
   * ledger, cover no more than its entries, carry the root the (verified) tree has at its size, and
   * verify under the log key pinned in META.
   */
  private void verifyCheckpoints(long size, Sink sink) throws StoreException, VerificationException {
    List<byte[][]> records = new ArrayList<>();
    store.scan(Table.CHECKPOINTS, KeyLayout.EMPTY, (k, v) -> records.add(new byte[][] {k, v}));
    byte[] pinned = store.get(Table.META, KeyLayout.META_LOG_KEY);
    NoteKey logKey = null;
    byte[] originBytes = store.get(Table.META, KeyLayout.META_ORIGIN);
    String origin = originBytes == null ? "" : KeyLayout.utf8(originBytes);
    if (pinned != null) {
      try {
        logKey = NoteKey.of(origin, Ed25519PublicKey.parse(pinned));
      } catch (LedgerException | IllegalArgumentException e) {
        sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, null, "the pinned log key is invalid: " + e.getMessage(), "an Ed25519 key", printable(pinned)));
        return;
      }
    } else if (!records.isEmpty()) {
      sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, null, "checkpoints are stored but no log key is pinned", "meta logkey", "missing"));
      return;
    }
    ProofBuilder tree = new ProofBuilder(new StoredTree(store));
    for (byte[][] record : records) {
      String where = "checkpoint record " + printable(record[0]);
      try {
        SignedCheckpoint signed = SignedCheckpoint.parse(record[1]);
        Checkpoint c = signed.verify(logKey);
        if (record[0].length != 8 || KeyLayout.u64(record[0]) != c.size()) {
          sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, null, where + " is filed under another size",
              String.valueOf(c.size()), printable(record[0])));
        } else if (c.size() > size) {
          sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, null, where + " covers more entries than the ledger holds",
              "at most " + size, String.valueOf(c.size())));
        } else if (!tree.root(c.size()).equals(c.root())) {
          sink.report(new Finding(Failure.STORE_MISMATCH, c.size() - 1, null, null,
              where + ": the log's tree at size " + c.size() + " does not have the signed root (rewritten history)",
              c.root().toHex(), tree.root(c.size()).toHex()));
        }
      } catch (VerificationException e) {
        throw e; // a finding reported above, in first-failure mode: not a checkpoint that fails to parse
      } catch (LedgerException | IllegalArgumentException e) {
        sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, null, where + " does not verify: " + e.getMessage(), null, null));
      }
    }
  }

  /** A derived record to compare with the store, and the entry it comes from. */
  private record Comparison(long index, EntryHash hash, WriteBatch.Put put) {}

  /** Compares a window's derived records with the store (in parallel), then reports its findings in index order. */
  private void flush(List<Finding> pending, List<Comparison> comparisons, Sink sink) throws StoreException, VerificationException {
    List<Finding> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.function.Consumer<Comparison> compare = c -> {
      byte[] stored;
      try {
        stored = store.get(c.put().table(), c.put().key());
      } catch (StoreException e) {
        throw new java.io.UncheckedIOException(new java.io.IOException(e));
      }
      if (!Arrays.equals(stored, c.put().value())) {
        mismatches.add(new Finding(Failure.STORE_MISMATCH, c.index(), c.hash(), null,
            c.put().table().id() + " record " + printable(c.put().key()) + " disagrees with the entry",
            printable(c.put().value()), stored == null ? "missing" : printable(stored)));
      }
    };
    try {
      if (threads == 1 || comparisons.size() < 64) {
        comparisons.forEach(compare);
      } else {
        pool(threads).invoke(java.util.concurrent.ForkJoinTask.adapt(() -> comparisons.parallelStream().forEach(compare)));
      }
    } catch (java.io.UncheckedIOException e) {
      throw (StoreException) e.getCause().getCause();
    }
    // Parallel comparisons finish in any order: sort them so the reported first failure is deterministic.
    mismatches.sort(java.util.Comparator.comparingLong(Finding::index).thenComparing(Finding::detail));
    pending.addAll(mismatches);
    // Stable: an entry's own findings keep their order (signature, rules, store) after the sort.
    pending.sort(java.util.Comparator.comparingLong(Finding::index));
    comparisons.clear();
    List<Finding> window = new ArrayList<>(pending);
    pending.clear();
    for (Finding f : window) {
      sink.report(f);
    }
  }

  private void compareWhole(Table table, Map<java.nio.ByteBuffer, byte[]> derived, Sink sink)
      throws StoreException, VerificationException {
    TreeMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned); // sorted: deterministic reports
    derived.forEach((k, v) -> expected.put(k.array(), v));
    TreeMap<byte[], byte[]> actual = new TreeMap<>(Arrays::compareUnsigned);
    store.scan(table, KeyLayout.EMPTY, (k, v) -> {
      actual.put(k, v);
      return true;
    });
    for (Map.Entry<byte[], byte[]> e : expected.entrySet()) {
      byte[] stored = actual.get(e.getKey());
      if (!Arrays.equals(stored, e.getValue())) {
        sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, lotOf(table, e.getKey()),
            table.id() + " record " + printable(e.getKey()) + " disagrees with the entries",
            printable(e.getValue()), stored == null ? "missing" : printable(stored)));
      }
    }
    for (byte[] key : actual.keySet()) {
      if (table == Table.META && Arrays.equals(key, KeyLayout.META_LOG_KEY)) {
        continue; // set by the first checkpoint, checked with the checkpoints
      }
      if (table == Table.META && Arrays.equals(key, KeyLayout.META_SIZE_MARK)) {
        continue; // says the ledger keeps its acknowledged size beside the store; checked when it opens
      }
      if (!expected.containsKey(key)) {
        sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, null,
            table.id() + " record " + printable(key) + " is not derived from any entry", "absent", "present"));
      }
    }
  }

  private long count(Table table) throws StoreException {
    long[] n = {0};
    store.scan(table, KeyLayout.EMPTY, (k, v) -> {
      n[0]++;
      return true;
    });
    return n[0];
  }

  /**
   * Verifies one lot's provenance and returns its ancestry as the entries show it. Walks back from the
   * lot's head along every hash link (its own chain and, through transformations, its inputs' chains),
   * and through the registry entries that added and revoked each signing key. Each reached entry must
   * be the one its referrer names (its hash), sit at a lower index, be canonical, correctly signed by
   * a key valid at its index, and touch the lot its referrer links. The ancestry is read from those
   * entries (a lot's parents are the inputs of the transformations on its chain that output it), never
   * from the PARENTS index, and the walk continues from each ancestor's head so that every ancestor's
   * whole chain verifies too. The HISTORY, PARENTS and CHILDREN records of every lot in the ancestry
   * must then agree with its chain: a deleted or forged index record is a {@link Failure#STORE_MISMATCH}
   * naming the lot. Unrelated lots are not read.
   *
   * @throws VerificationException at the first broken fact
   * @throws LedgerException with code NOT_FOUND if the ledger has never seen {@code lot}
   */
  public LotAncestry verifyLot(LotId lot) throws LedgerException {
    return AncestryVerifier.verify(store, lot);
  }

  /**
   * As {@link #verifyLot}, but collects every finding instead of stopping at the first, and returns the
   * ancestry as far as the entries that could be read show it, with the findings: for reports that
   * show a broken provenance and where it breaks.
   *
   * @throws LedgerException with code NOT_FOUND if the ledger has never seen {@code lot}
   */
  public LotAncestry auditLot(LotId lot) throws LedgerException {
    return AncestryVerifier.audit(store, lot);
  }

  private static LotId lotOf(Table table, byte[] key) {
    if (table != Table.HEADS && table != Table.LOT_STATE) {
      return null;
    }
    try {
      return new LotId(KeyLayout.utf8(key));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static java.util.UUID fingerprint(Table table, byte[] key) {
    java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(io.lotledger.crypto.Sha256.hash(new byte[] {(byte) table.ordinal()}, key));
    return new java.util.UUID(h.getLong(), h.getLong());
  }

  /** UTF-8 text when the bytes are printable ASCII, else hex. */
  static String printable(byte[] b) {
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return "0x" + HexFormat.of().formatHex(b);
      }
    }
    return b.length == 0 ? "(empty)" : new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
