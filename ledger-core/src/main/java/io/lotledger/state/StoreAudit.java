package io.lotledger.state;

import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.LotId;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;

/**
 * The store side of a whole-ledger verification: replaying the entries from nothing with {@link
 * Transition}, it keeps the state the replay has reached ({@link #state()}), and compares every
 * record each entry derives ({@link #changes}) with what the store holds, so that a change to any
 * stored value is reported. At the end ({@link #finish}) it reports records no entry accounts for.
 *
 * <p>The tables the rules read are recomputed whole in memory and compared in both directions at
 * the end; the Merkle tree is too big for that, and only its right edge (the newest node per level,
 * all that deriving the next nodes reads) is kept; the other tables' records are compared as each
 * entry derives them, a window at a time, in parallel. Not thread-safe; the store may be read
 * concurrently.
 */
public final class StoreAudit {
  /** Tables recomputed whole in memory and compared in both directions at the end. */
  private static final Set<Table> SHADOWED =
      EnumSet.of(
          Table.META, Table.HEADS, Table.ACTORS, Table.KEYS, Table.LOT_STATE, Table.EVENT_IDS);

  private final LedgerStore store;
  // Hash maps keyed by the record key's bytes: the ordered phase looks a head up per link, and
  // nothing
  // needs these in order until the final comparison, which sorts them once.
  private final Map<Table, Map<ByteBuffer, byte[]>> shadow = new EnumMap<>(Table.class);
  private final Map<Integer, byte[]> frontierKeys = new HashMap<>();
  private final Map<Integer, byte[]> frontierValues = new HashMap<>();
  private final Map<Table, Long> expectedCounts = new EnumMap<>(Table.class);
  // Transformation edges seen so far, as 128-bit fingerprints (SHA-256 prefixes): an edge derived
  // twice
  // is stored once. 128 bits keep memory bounded on large ledgers while making a chosen collision
  // (which would only cause a false count mismatch) infeasible.
  private final Set<UUID> edges = new HashSet<>();
  private final List<Comparison> comparisons = new ArrayList<>();
  private final LedgerState state;

  /** An audit of {@code store}, with nothing replayed yet. */
  public StoreAudit(LedgerStore store) {
    this.store = store;
    for (Table t : SHADOWED) {
      shadow.put(t, new HashMap<>());
    }
    this.state =
        StoredLedger.over(
            (table, key) -> {
              if (table == Table.TREE) {
                int level = key[0];
                return Arrays.equals(frontierKeys.get(level), key)
                    ? frontierValues.get(level)
                    : null;
              }
              Map<ByteBuffer, byte[]> t = shadow.get(table);
              if (t == null) {
                throw new IllegalStateException(
                    "the rules read " + table.id() + ", which a verifier's replay does not hold");
              }
              return t.get(ByteBuffer.wrap(key));
            });
  }

  /** The ledger's state as the entries replayed so far leave it. */
  public LedgerState state() {
    return state;
  }

  /** A derived record to compare with the store, and the entry it comes from. */
  private record Comparison(long index, EntryHash hash, WriteBatch.Put put) {}

  /**
   * Replays {@code entry} at {@code index} ({@link Transition#apply}: a broken entry still takes
   * its index) and returns the first rule it breaks, or null. Its changes become the replay's state
   * or records to compare with the store in the next {@link #compare}; the entry's own bytes are
   * not compared: the verifier read them from the store.
   */
  public Finding apply(SignedEntry entry, long index) throws StoreException {
    WriteBatch derived = new WriteBatch();
    Finding f = Transition.apply(entry, index, state, StoredLedger.changes(derived));
    record(index, entry.hash(), derived);
    return f;
  }

  private void record(long index, EntryHash hash, WriteBatch derived) {
    for (WriteBatch.Put put : derived.puts()) {
      Table table = put.table();
      if (table == Table.TREE) {
        frontierKeys.put((int) put.key()[0], put.key());
        frontierValues.put((int) put.key()[0], put.value());
      }
      if (SHADOWED.contains(table)) {
        shadow.get(table).put(ByteBuffer.wrap(put.key()), put.value());
        continue;
      }
      if (table == Table.ENTRIES) {
        continue;
      }
      if ((table == Table.PARENTS || table == Table.CHILDREN)
          && !edges.add(fingerprint(table, put.key()))) {
        continue; // the same edge from an earlier transformation
      }
      expectedCounts.merge(table, 1L, Long::sum);
      comparisons.add(new Comparison(index, hash, put));
    }
  }

  /**
   * Compares the records derived since the last call with the store, on {@code pool} when it is
   * given and there are enough of them, and returns the mismatches in index order.
   */
  public List<Finding> compare(ForkJoinPool pool) throws StoreException {
    List<Finding> mismatches = Collections.synchronizedList(new ArrayList<>());
    Consumer<Comparison> compare =
        c -> {
          byte[] stored;
          try {
            stored = store.get(c.put().table(), c.put().key());
          } catch (StoreException e) {
            throw new java.io.UncheckedIOException(new java.io.IOException(e));
          }
          if (!Arrays.equals(stored, c.put().value())) {
            mismatches.add(
                new Finding(
                    Failure.STORE_MISMATCH,
                    c.index(),
                    c.hash(),
                    null,
                    c.put().table().id()
                        + " record "
                        + printable(c.put().key())
                        + " disagrees with the entry",
                    printable(c.put().value()),
                    stored == null ? "missing" : printable(stored)));
          }
        };
    try {
      if (pool == null || comparisons.size() < 64) {
        comparisons.forEach(compare);
      } else {
        pool.invoke(ForkJoinTask.adapt(() -> comparisons.parallelStream().forEach(compare)));
      }
    } catch (java.io.UncheckedIOException e) {
      throw (StoreException) e.getCause().getCause();
    }
    comparisons.clear();
    // Parallel comparisons finish in any order: sort them so the reported first failure is
    // deterministic.
    List<Finding> sorted = new ArrayList<>(mismatches);
    sorted.sort(java.util.Comparator.comparingLong(Finding::index).thenComparing(Finding::detail));
    return sorted;
  }

  /**
   * After the last entry ({@code size} replayed): entries beyond the contiguous log, records no
   * entry accounts for, and the replayed tables compared whole with the store's, in a deterministic
   * order.
   */
  public List<Finding> finish(long size) throws StoreException {
    List<Finding> findings = new ArrayList<>();
    long storedEntries = count(Table.ENTRIES);
    if (storedEntries != size) {
      findings.add(
          new Finding(
              Failure.INDEX_GAP,
              size,
              null,
              null,
              "entries 0.." + (size - 1) + " are contiguous but the store holds " + storedEntries,
              String.valueOf(size),
              String.valueOf(storedEntries)));
    }
    for (Table t :
        List.of(
            Table.HASHES, Table.HISTORY, Table.LOTS, Table.PARENTS, Table.CHILDREN, Table.TREE)) {
      long expected = expectedCounts.getOrDefault(t, 0L);
      long actual = count(t);
      if (expected != actual) {
        findings.add(
            new Finding(
                Failure.STORE_MISMATCH,
                -1,
                null,
                null,
                t.id() + " holds records no entry accounts for",
                expected + " records",
                actual + " records"));
      }
    }
    for (Table t : SHADOWED) {
      compareWhole(t, shadow.get(t), findings);
    }
    return findings;
  }

  private void compareWhole(Table table, Map<ByteBuffer, byte[]> derived, List<Finding> findings)
      throws StoreException {
    TreeMap<byte[], byte[]> expected =
        new TreeMap<>(Arrays::compareUnsigned); // sorted: deterministic reports
    derived.forEach((k, v) -> expected.put(k.array(), v));
    TreeMap<byte[], byte[]> actual = new TreeMap<>(Arrays::compareUnsigned);
    store.scan(
        table,
        StoreLayout.EMPTY,
        (k, v) -> {
          actual.put(k, v);
          return true;
        });
    for (Map.Entry<byte[], byte[]> e : expected.entrySet()) {
      byte[] stored = actual.get(e.getKey());
      if (!Arrays.equals(stored, e.getValue())) {
        findings.add(
            new Finding(
                Failure.STORE_MISMATCH,
                -1,
                null,
                lotOf(table, e.getKey()),
                table.id() + " record " + printable(e.getKey()) + " disagrees with the entries",
                printable(e.getValue()),
                stored == null ? "missing" : printable(stored)));
      }
    }
    for (byte[] key : actual.keySet()) {
      if (table == Table.META && Arrays.equals(key, StoreLayout.META_LOG_KEY)) {
        continue; // set by the first checkpoint, checked with the checkpoints
      }
      if (table == Table.META && Arrays.equals(key, StoreLayout.META_SIZE_MARK)) {
        continue; // says the ledger keeps its acknowledged size beside the store; checked when it
        // opens
      }
      if (!expected.containsKey(key)) {
        findings.add(
            new Finding(
                Failure.STORE_MISMATCH,
                -1,
                null,
                null,
                table.id() + " record " + printable(key) + " is not derived from any entry",
                "absent",
                "present"));
      }
    }
  }

  private long count(Table table) throws StoreException {
    long[] n = {0};
    store.scan(
        table,
        StoreLayout.EMPTY,
        (k, v) -> {
          n[0]++;
          return true;
        });
    return n[0];
  }

  private static LotId lotOf(Table table, byte[] key) {
    if (table != Table.HEADS && table != Table.LOT_STATE) {
      return null;
    }
    try {
      return new LotId(StoreLayout.utf8(key));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static UUID fingerprint(Table table, byte[] key) {
    ByteBuffer h =
        ByteBuffer.wrap(io.lotledger.crypto.Sha256.hash(new byte[] {(byte) table.ordinal()}, key));
    return new UUID(h.getLong(), h.getLong());
  }

  /** UTF-8 text when the bytes are printable ASCII, else hex: how findings show stored bytes. */
  public static String printable(byte[] b) {
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return "0x" + HexFormat.of().formatHex(b);
      }
    }
    return b.length == 0 ? "(empty)" : new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
