/**
 * The RocksDB store driver for lotledger: one column family per table, atomic write batches, synced
 * writes. Found by {@code Ledger.in(directory)} through the {@link io.lotledger.spi.LedgerStoreProvider}
 * service, so that the core does not depend on RocksDB.
 */
module io.lotledger.store.rocksdb {
  requires transitive io.lotledger.core;
  requires rocksdbjni;
  requires org.slf4j;

  exports io.lotledger.store.rocksdb;

  provides io.lotledger.spi.LedgerStoreProvider with io.lotledger.store.rocksdb.RocksDbStoreProvider;
}
