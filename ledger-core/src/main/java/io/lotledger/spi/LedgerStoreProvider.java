package io.lotledger.spi;

import java.nio.file.Path;

/**
 * Opens stores of one technology by directory. Found through {@link java.util.ServiceLoader}, which
 * lets {@code Ledger.open(Path)} use the RocksDB driver without core depending on it.
 */
public interface LedgerStoreProvider {
  /** A short name, e.g. {@code rocksdb}. */
  String name();

  /**
   * The provider on the class path named {@code name}, or else the only one there.
   *
   * @throws IllegalStateException if there is none of that name and not exactly one other
   */
  static LedgerStoreProvider find(String name) {
    java.util.List<LedgerStoreProvider> all = new java.util.ArrayList<>();
    java.util.ServiceLoader.load(LedgerStoreProvider.class).forEach(all::add);
    return all.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .or(() -> all.size() == 1 ? java.util.Optional.of(all.get(0)) : java.util.Optional.empty())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no '"
                        + name
                        + "' LedgerStoreProvider on the class path (found "
                        + all.size()
                        + "); add ledger-store"));
  }

  /** Opens (creating if {@code create}) the store in {@code directory}. */
  LedgerStore open(Path directory, boolean create) throws StoreException;

  /**
   * Opens the store in {@code directory} for reading only, beside a process that may be writing to
   * it: reads see a consistent state (at a write batch's boundary) as of opening; writes fail with
   * a {@link StoreException}. Stores that cannot do this keep the default, which refuses.
   */
  default LedgerStore openReadOnly(Path directory) throws StoreException {
    throw new StoreException("'" + name() + "' stores cannot be opened read-only");
  }

  /** Whether {@code directory} holds a store of this kind. */
  boolean exists(Path directory);
}
