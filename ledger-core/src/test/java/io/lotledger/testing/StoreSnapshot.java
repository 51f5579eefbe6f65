package io.lotledger.testing;

import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Every record of every table, as hex, for comparing a store before and after an operation. */
public final class StoreSnapshot {
  private StoreSnapshot() {}

  public static Map<Table, List<String>> of(LedgerStore store) throws StoreException {
    Map<Table, List<String>> all = new EnumMap<>(Table.class);
    HexFormat hex = HexFormat.of();
    for (Table t : Table.values()) {
      List<String> records = new ArrayList<>();
      store.scan(
          t, StoreLayout.EMPTY, (k, v) -> records.add(hex.formatHex(k) + "=" + hex.formatHex(v)));
      all.put(t, records);
    }
    return all;
  }
}
