package io.lotledger.spi;

import java.nio.file.Path;

/**
 * Opens stores of one technology by directory. Found through {@link java.util.ServiceLoader}, which
 * lets {@code Ledger.open(Path)} use the RocksDB driver without core depending on it.
 */
public interface LedgerStoreProvider {
  /** A short name, e.g. {@code rocksdb}. */
  String name();

  /** Opens (creating if {@code create}) the store in {@code directory}. */
  LedgerStore open(Path directory, boolean create) throws StoreException;

  /** Whether {@code directory} holds a store of this kind. */
  boolean exists(Path directory);
}
