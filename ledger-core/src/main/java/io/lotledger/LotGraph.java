package io.lotledger;

import io.lotledger.event.LotId;
import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Transformation edges between lots, read from the PARENTS and CHILDREN tables. */
final class LotGraph {
  private LotGraph() {}

  /** The lots one transformation edge away from {@code lot} in {@code table}'s direction. */
  static Set<LotId> edges(LedgerStore store, Table table, LotId lot) throws StoreException {
    byte[] prefix = KeyLayout.lotPrefix(lot);
    Set<LotId> out = new LinkedHashSet<>();
    try {
      store.scan(table, prefix, (k, v) -> {
        out.add(KeyLayout.edgeTarget(k, prefix.length));
        return true;
      });
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new StoreException("corrupt " + table.id() + " record in the store (run verify): " + e.getMessage(), e);
    }
    return out;
  }

  /** Every lot reachable from {@code lot} in {@code table}'s direction, nearest first. */
  static Set<LotId> closure(LedgerStore store, Table table, LotId lot) throws StoreException {
    Set<LotId> seen = new LinkedHashSet<>();
    ArrayDeque<LotId> work = new ArrayDeque<>(List.of(lot));
    while (!work.isEmpty()) {
      for (LotId next : edges(store, table, work.poll())) {
        if (!next.equals(lot) && seen.add(next)) {
          work.add(next);
        }
      }
    }
    return Collections.unmodifiableSet(seen);
  }
}
