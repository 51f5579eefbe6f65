package io.lotledger;

import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.verify.ChainRules;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store as it will be after a commit group's accepted entries: pending puts shadow stored values,
 * and an overlay may lie on another (a batch's layer on its group's). Committer thread only.
 * Holds only the tables the rules read: the others (entries, history, lot lists,
 * edges) are only written, and keeping them here too would double what a large batch holds.
 */
final class Overlay implements ChainRules.Reader {
  private static final Set<Table> WRITTEN_ONLY =
      EnumSet.of(Table.ENTRIES, Table.HISTORY, Table.LOTS, Table.PARENTS, Table.CHILDREN, Table.CHECKPOINTS);

  private final ChainRules.Reader below;
  private final Map<Table, TreeMap<byte[], byte[]>> pending = new EnumMap<>(Table.class);

  Overlay(LedgerStore store) {
    this.below = store::get;
  }

  Overlay(Overlay below) {
    this.below = below;
  }

  void put(Table table, byte[] key, byte[] value) {
    if (WRITTEN_ONLY.contains(table)) {
      return;
    }
    pending.computeIfAbsent(table, t -> new TreeMap<>(Arrays::compareUnsigned)).put(key, value);
  }

  @Override
  public byte[] get(Table table, byte[] key) throws StoreException {
    if (WRITTEN_ONLY.contains(table)) {
      throw new IllegalStateException("the rules read " + table + ", which a commit's overlay does not hold");
    }
    TreeMap<byte[], byte[]> t = pending.get(table);
    byte[] v = t == null ? null : t.get(key);
    return v != null ? v : below.get(table, key);
  }
}
