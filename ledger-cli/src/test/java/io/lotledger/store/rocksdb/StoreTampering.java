package io.lotledger.store.rocksdb;

import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import java.nio.file.Path;

/**
 * Reaches the store's package-private {@link RocksDbLedgerStore#tamper} hook from the CLI's tests,
 * so they can change or delete one record of a closed ledger directory as an attacker with write
 * access to the files would. Test code only.
 */
public final class StoreTampering {
  private StoreTampering() {}

  /**
   * Puts {@code value} under {@code key} in {@code table} of the ledger in {@code directory}; null
   * deletes.
   */
  public static void tamper(Path directory, Table table, byte[] key, byte[] value)
      throws StoreException {
    try (RocksDbLedgerStore store = RocksDbLedgerStore.open(directory, false)) {
      store.tamper(table, key, value);
    }
  }
}
