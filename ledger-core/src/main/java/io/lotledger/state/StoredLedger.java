package io.lotledger.state;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.log.NodeHash;
import io.lotledger.rules.LotState;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ledger's state as a store holds it: {@link LedgerState} and every other read a ledger makes
 * (its entries, a lot's history, the lot graph, the registry, META and checkpoints), and the writes
 * that are not entries' own changes. With {@link StoreLayout} the only code that reads or writes
 * the store's tables: a malformed record is a {@link StoreException} naming it.
 */
public final class StoredLedger implements LedgerState {
  /** Reads one record; a {@link LedgerStore}, or pending writes over one. */
  @FunctionalInterface
  public interface Reader {
    /** The value under {@code key} in {@code table}, or null. */
    byte[] get(Table table, byte[] key) throws StoreException;
  }

  private final LedgerStore store;
  private final Reader reader;

  /** The state {@code store} holds. */
  public StoredLedger(LedgerStore store) {
    this(store, store::get);
  }

  private StoredLedger(LedgerStore store, Reader reader) {
    this.store = store;
    this.reader = reader;
  }

  /**
   * The state as {@code reader} shows the tables {@link Transition} reads (the others are not
   * read).
   */
  static LedgerState over(Reader reader) {
    return new StoredLedger(null, reader);
  }

  // ------------------------------------------------------------------ LedgerState

  @Override
  public String origin() throws StoreException {
    byte[] b = reader.get(Table.META, StoreLayout.META_ORIGIN);
    return b == null ? null : StoreLayout.utf8(b);
  }

  @Override
  public ActorId root() throws StoreException {
    byte[] b = reader.get(Table.META, StoreLayout.META_ROOT);
    return b == null ? null : decoding("meta", () -> new ActorId(StoreLayout.utf8(b)));
  }

  @Override
  public RegisteredKey key(Ed25519PublicKey key) throws StoreException {
    byte[] v = reader.get(Table.KEYS, key.toBytes());
    return v == null ? null : decoding("keys", () -> StoreLayout.keyRecord(v));
  }

  @Override
  public RegisteredActor actor(ActorId actor) throws StoreException {
    byte[] v = reader.get(Table.ACTORS, StoreLayout.actorKey(actor));
    return v == null ? null : decoding("actors", () -> StoreLayout.actorRecord(v));
  }

  @Override
  public boolean registered(ActorId actor) throws StoreException {
    return reader.get(Table.ACTORS, StoreLayout.actorKey(actor)) != null;
  }

  @Override
  public EntryHash head(LotId lot) throws StoreException {
    byte[] h = reader.get(Table.HEADS, StoreLayout.headKey(lot));
    return h == null ? null : decoding("heads", () -> EntryHash.of(h));
  }

  @Override
  public long eventIndex(String eventId) throws StoreException {
    byte[] v = reader.get(Table.EVENT_IDS, StoreLayout.eventIdKey(eventId));
    return v == null ? -1 : decoding("eventids", () -> StoreLayout.u64(v));
  }

  @Override
  public long indexOf(EntryHash hash) throws StoreException {
    byte[] v = reader.get(Table.HASHES, StoreLayout.hashKey(hash));
    return v == null ? -1 : decoding("hashes", () -> StoreLayout.u64(v));
  }

  @Override
  public NodeHash treeNode(int level, long index) throws StoreException {
    byte[] h = reader.get(Table.TREE, StoreLayout.treeKey(level, index));
    if (h != null && h.length != NodeHash.LENGTH) {
      throw new StoreException(
          "Merkle tree node (level " + level + ", index " + index + ") is corrupt (run verify)");
    }
    return h == null ? null : NodeHash.of(h);
  }

  @Override
  public LotState lot(LotId lot) throws StoreException {
    byte[] v = reader.get(Table.LOT_STATE, StoreLayout.lotStateKey(lot));
    if (v == null) {
      return null;
    }
    try {
      return StoreLayout.lotState(v);
    } catch (IllegalArgumentException e) {
      throw new StoreException("lot state of " + lot + " is corrupt: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ entries, lots and the lot
  // graph

  /** The stored bytes of entry {@code index}, or null when the store holds none there. */
  public byte[] entryBytes(long index) throws StoreException {
    return reader.get(Table.ENTRIES, StoreLayout.entryKey(index));
  }

  /** The indexes of every entry linked to {@code lot}, oldest first. */
  public List<Long> history(LotId lot) throws StoreException {
    List<Long> indexes = new ArrayList<>();
    return decoding(
        "history",
        () -> {
          store.scan(
              Table.HISTORY,
              StoreLayout.lotPrefix(lot),
              (k, v) -> indexes.add(StoreLayout.historyIndex(k)));
          return indexes;
        });
  }

  /** Every lot, in order of first appearance. */
  public List<LotId> lots() throws StoreException {
    List<LotId> lots = new ArrayList<>();
    return decoding(
        "lots",
        () -> {
          store.scan(Table.LOTS, StoreLayout.EMPTY, (k, v) -> lots.add(StoreLayout.lotsKeyLot(k)));
          return lots;
        });
  }

  /** The lots a transformation made {@code lot} from, as the PARENTS records say. */
  public Set<LotId> parents(LotId lot) throws StoreException {
    return edges(Table.PARENTS, lot);
  }

  /** The lots transformations made from {@code lot}, as the CHILDREN records say. */
  public Set<LotId> children(LotId lot) throws StoreException {
    return edges(Table.CHILDREN, lot);
  }

  /** Every lot {@code lot} was made from, transitively, nearest first. */
  public Set<LotId> ancestors(LotId lot) throws StoreException {
    return closure(Table.PARENTS, lot);
  }

  /** Every lot made from {@code lot}, transitively, nearest first. */
  public Set<LotId> descendants(LotId lot) throws StoreException {
    return closure(Table.CHILDREN, lot);
  }

  private Set<LotId> closure(Table table, LotId lot) throws StoreException {
    Set<LotId> seen = new LinkedHashSet<>();
    ArrayDeque<LotId> work = new ArrayDeque<>(List.of(lot));
    while (!work.isEmpty()) {
      for (LotId next : edges(table, work.poll())) {
        if (!next.equals(lot) && seen.add(next)) {
          work.add(next);
        }
      }
    }
    return Collections.unmodifiableSet(seen);
  }

  /** Whether a CHILDREN record says {@code child} was made from {@code parent}. */
  public boolean hasChild(LotId parent, LotId child) throws StoreException {
    return reader.get(Table.CHILDREN, StoreLayout.edgeKey(parent, child)) != null;
  }

  private Set<LotId> edges(Table table, LotId lot) throws StoreException {
    byte[] prefix = StoreLayout.lotPrefix(lot);
    Set<LotId> out = new LinkedHashSet<>();
    return decoding(
        table.id(),
        () -> {
          store.scan(table, prefix, (k, v) -> out.add(StoreLayout.edgeTarget(k, prefix.length)));
          return out;
        });
  }

  /** The indexes of every registry entry that added or revoked a key, in order. */
  public TreeSet<Long> keyEvents() throws StoreException {
    TreeSet<Long> indexes = new TreeSet<>();
    return decoding(
        "keys",
        () -> {
          store.scan(
              Table.KEYS,
              StoreLayout.EMPTY,
              (k, v) -> {
                RegisteredKey key = StoreLayout.keyRecord(v);
                indexes.add(key.addedAt());
                if (key.revoked()) {
                  indexes.add(key.revokedAt());
                }
                return true;
              });
          return indexes;
        });
  }

  // ------------------------------------------------------------------ META

  /**
   * The ledger's META records: origin, root actor and size; empty when the store holds no ledger.
   */
  public record Meta(String origin, ActorId root, long size) {}

  /**
   * The META records; empty when the store holds no ledger (no genesis entry).
   *
   * @throws LedgerException if the format is another version, a record is malformed, or the
   *     recorded size does not match the stored entries
   */
  public Optional<Meta> meta() throws LedgerException {
    byte[] format = store.get(Table.META, StoreLayout.META_FORMAT);
    byte[] originBytes = store.get(Table.META, StoreLayout.META_ORIGIN);
    byte[] rootBytes = store.get(Table.META, StoreLayout.META_ROOT);
    byte[] sizeBytes = store.get(Table.META, StoreLayout.META_SIZE);
    if (format == null || originBytes == null || rootBytes == null || sizeBytes == null) {
      return Optional.empty();
    }
    if (!Arrays.equals(format, StoreLayout.FORMAT_VERSION)) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT,
          "unsupported ledger format "
              + StoreLayout.utf8(format)
              + "; this version reads format "
              + StoreLayout.utf8(StoreLayout.FORMAT_VERSION));
    }
    Meta meta;
    try {
      meta =
          new Meta(
              StoreLayout.utf8(originBytes),
              new ActorId(StoreLayout.utf8(rootBytes)),
              StoreLayout.u64(sizeBytes));
    } catch (IllegalArgumentException e) {
      throw new StoreException("the store's meta records are corrupt: " + e.getMessage(), e);
    }
    // A cheap guard against a store whose recorded size disagrees with its log; verify() checks the
    // rest.
    long size = meta.size();
    if (size < 1 || entryBytes(size - 1) == null || entryBytes(size) != null) {
      throw new LedgerException(
          LedgerException.Code.STORAGE,
          "the store is inconsistent: its recorded size " + size + " does not match its entries");
    }
    return Optional.of(meta);
  }

  /** Whether the store holds a ledger, or any entry of one. */
  public boolean holdsLedger() throws StoreException {
    boolean[] nonEmpty = {false};
    store.scan(Table.ENTRIES, StoreLayout.EMPTY, (k, v) -> !(nonEmpty[0] = true));
    return nonEmpty[0] || origin() != null;
  }

  /**
   * The log key the first checkpoint pinned, as stored (may be malformed), or null when none is.
   */
  public byte[] pinnedLogKey() throws StoreException {
    return store.get(Table.META, StoreLayout.META_LOG_KEY);
  }

  /** Whether the ledger keeps its acknowledged size in a file beside the store. */
  public boolean sizeMarked() throws StoreException {
    return store.get(Table.META, StoreLayout.META_SIZE_MARK) != null;
  }

  /** Records, durably, that the ledger keeps its acknowledged size beside the store. */
  public void markSize() throws StoreException {
    store.write(
        new WriteBatch().put(Table.META, StoreLayout.META_SIZE_MARK, new byte[] {'1'}), true);
  }

  /** The ledger size a write sets, or -1 when it sets none (it appends no entry). */
  public static long sizeSetBy(WriteBatch.Put put) {
    return put.table() == Table.META && Arrays.equals(put.key(), StoreLayout.META_SIZE)
        ? StoreLayout.u64(put.value())
        : -1;
  }

  /**
   * The bytes of the last entry {@code batch} writes (the array the batch holds, not a copy), or
   * null: for a caller that keeps a batch's entries as bytes only, without a second copy of each.
   */
  public static byte[] lastEntryIn(WriteBatch batch) {
    List<WriteBatch.Put> puts = batch.puts();
    for (int i = puts.size() - 1; i >= 0; i--) {
      if (puts.get(i).table() == Table.ENTRIES) {
        return puts.get(i).value();
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ checkpoints

  /**
   * A stored checkpoint note and the size it is filed under (raw: a verifier checks they agree).
   */
  public record StoredNote(byte[] filedUnder, byte[] note) {
    /** The size the record is filed under, or -1 when its key is not one. */
    public long size() {
      return filedUnder.length == 8 ? StoreLayout.u64(filedUnder) : -1;
    }
  }

  /** Every stored checkpoint note, in order of size. */
  public List<StoredNote> checkpoints() throws StoreException {
    List<StoredNote> notes = new ArrayList<>();
    store.scan(Table.CHECKPOINTS, StoreLayout.EMPTY, (k, v) -> notes.add(new StoredNote(k, v)));
    return notes;
  }

  /**
   * Stores a signed checkpoint note for {@code size}, durably, pinning {@code logKey} with it when
   * no log key is pinned yet (null: leave the pin as it is).
   */
  public void storeCheckpoint(long size, byte[] note, Ed25519PublicKey logKey)
      throws StoreException {
    WriteBatch batch = new WriteBatch();
    if (logKey != null) {
      batch.put(Table.META, StoreLayout.META_LOG_KEY, logKey.toBytes());
    }
    batch.put(Table.CHECKPOINTS, StoreLayout.u64(size), note);
    store.write(batch, true);
  }

  // ------------------------------------------------------------------ changes

  /** The store records of the changes {@link Transition} reports, added to {@code batch}. */
  public static StateChanges changes(WriteBatch batch) {
    return new BatchChanges(batch);
  }

  /** {@link StateChanges} as store records in a write batch. */
  private record BatchChanges(WriteBatch out) implements StateChanges {
    @Override
    public void entry(long index, SignedEntry entry) {
      out.put(Table.ENTRIES, StoreLayout.entryKey(index), entry.encoded());
      out.put(Table.HASHES, StoreLayout.hashKey(entry.hash()), StoreLayout.u64(index));
      out.put(Table.META, StoreLayout.META_SIZE, StoreLayout.u64(index + 1));
    }

    @Override
    public void treeNode(int level, long index, NodeHash node) {
      out.put(Table.TREE, StoreLayout.treeKey(level, index), node.toBytes());
    }

    @Override
    public void linked(LotId lot, long index, EntryHash hash, boolean first) {
      if (first) {
        out.put(Table.LOTS, StoreLayout.lotsKey(index, lot), StoreLayout.EMPTY);
      }
      out.put(Table.HEADS, StoreLayout.headKey(lot), hash.toBytes());
      out.put(Table.HISTORY, StoreLayout.historyKey(lot, index), StoreLayout.EMPTY);
    }

    @Override
    public void eventId(String eventId, long index) {
      out.put(Table.EVENT_IDS, StoreLayout.eventIdKey(eventId), StoreLayout.u64(index));
    }

    @Override
    public void edge(LotId child, LotId parent) {
      out.put(Table.PARENTS, StoreLayout.edgeKey(child, parent), StoreLayout.EMPTY);
      out.put(Table.CHILDREN, StoreLayout.edgeKey(parent, child), StoreLayout.EMPTY);
    }

    @Override
    public void genesis(String origin, ActorId root) {
      out.put(Table.META, StoreLayout.META_FORMAT, StoreLayout.FORMAT_VERSION);
      out.put(Table.META, StoreLayout.META_ORIGIN, StoreLayout.utf8(origin));
      out.put(Table.META, StoreLayout.META_ROOT, StoreLayout.actorKey(root));
    }

    @Override
    public void actor(ActorId actor, long index, String name) {
      out.put(Table.ACTORS, StoreLayout.actorKey(actor), StoreLayout.actorValue(index, name));
    }

    @Override
    public void key(Ed25519PublicKey key, RegisteredKey registration) {
      out.put(Table.KEYS, key.toBytes(), StoreLayout.keyValue(registration));
    }

    @Override
    public void lot(LotId lot, LotState state) {
      out.put(Table.LOT_STATE, StoreLayout.lotStateKey(lot), StoreLayout.lotStateValue(state));
    }
  }

  /** Reads a derived record, turning a malformed one into a {@link StoreException} naming it. */
  @FunctionalInterface
  private interface Read<T> {
    T read() throws StoreException;
  }

  private static <T> T decoding(String what, Read<T> read) throws StoreException {
    try {
      return read.read();
    } catch (IllegalArgumentException
        | IndexOutOfBoundsException
        | java.nio.BufferUnderflowException e) {
      throw new StoreException(
          "corrupt " + what + " record in the store (run verify): " + e.getMessage(), e);
    }
  }
}
