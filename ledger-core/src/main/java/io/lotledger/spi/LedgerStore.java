package io.lotledger.spi;

/**
 * The storage driver contract: ordered byte-keyed tables with atomic, optionally durable batches.
 *
 * <p>Drivers know nothing of entries or lots; the ledger derives every record ({@code
 * state.StoreLayout}) and the verifier cross-checks every stored record against the entries, so a
 * driver cannot corrupt a ledger silently. Every driver must pass the shared contract suite ({@code
 * LedgerStoreContract} in ledger-core's test jar), as Tessera and Trillian storage drivers do.
 *
 * <p>Implementations are thread-safe: reads may run concurrently with each other and with one
 * writer. A write is atomic (all puts or none, also across a crash) and, when {@code sync}, durable
 * on return.
 */
public interface LedgerStore extends AutoCloseable {

  /** Receives records in ascending unsigned byte order of key; returns false to stop early. */
  @FunctionalInterface
  interface Visitor {
    /** Receives one record; returns true to go on, false to stop the scan. */
    boolean visit(byte[] key, byte[] value);
  }

  /** The value stored under {@code key}, or null. */
  byte[] get(Table table, byte[] key) throws StoreException;

  /** Visits every record whose key starts with {@code prefix} (empty: all), in key order. */
  void scan(Table table, byte[] prefix, Visitor visitor) throws StoreException;

  /**
   * Applies every put of {@code batch} atomically; when {@code sync}, durably (fsync) before
   * returning.
   */
  void write(WriteBatch batch, boolean sync) throws StoreException;

  /** Releases the store; further calls fail. Idempotent. */
  @Override
  void close() throws StoreException;
}
