package io.lotledger.store.rocksdb;

import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.LedgerStoreProvider;
import io.lotledger.spi.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens {@link RocksDbLedgerStore}s; registered for {@link java.util.ServiceLoader} so that {@code
 * Ledger.open(Path)} finds RocksDB without ledger-core depending on it. Stateless and thread-safe.
 */
public final class RocksDbStoreProvider implements LedgerStoreProvider {
  /** The name this provider answers to. */
  public static final String NAME = "rocksdb";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public LedgerStore open(Path directory, boolean create) throws StoreException {
    return RocksDbLedgerStore.open(directory, create);
  }

  @Override
  public LedgerStore openReadOnly(Path directory) throws StoreException {
    return RocksDbLedgerStore.openReadOnly(directory);
  }

  /**
   * Whether {@code directory} holds a RocksDB database, recognised by its {@code CURRENT} file or,
   * when that is lost, its {@code MANIFEST}: a damaged store still exists, and opening it says it
   * is corrupt.
   */
  @Override
  public boolean exists(Path directory) {
    if (directory == null || !Files.isDirectory(directory)) {
      return false;
    }
    if (Files.isRegularFile(directory.resolve("CURRENT"))) {
      return true;
    }
    try (java.util.stream.Stream<Path> files = Files.list(directory)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("MANIFEST-"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
