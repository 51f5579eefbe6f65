package io.lotledger.store.memory;

import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link LedgerStore} in the heap, for tests and short-lived ledgers. Nothing survives the
 * process.
 *
 * <p>Thread-safe: a read-write lock makes each batch atomic with respect to readers.
 */
public final class InMemoryLedgerStore implements LedgerStore {
  private final Map<Table, NavigableMap<byte[], byte[]>> tables = new EnumMap<>(Table.class);
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  /** An empty, open store with every {@link io.lotledger.spi.Table}. */
  public InMemoryLedgerStore() {
    for (Table t : Table.values()) {
      tables.put(t, new TreeMap<>(Arrays::compareUnsigned));
    }
  }

  @Override
  public byte[] get(Table table, byte[] key) throws StoreException {
    lock.readLock().lock();
    try {
      ensureOpen();
      byte[] v = tables.get(table).get(key);
      return v == null ? null : v.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scan(Table table, byte[] prefix, Visitor visitor) throws StoreException {
    lock.readLock().lock();
    try {
      ensureOpen();
      for (Map.Entry<byte[], byte[]> e : tables.get(table).tailMap(prefix, true).entrySet()) {
        byte[] k = e.getKey();
        if (k.length < prefix.length
            || Arrays.compare(k, 0, prefix.length, prefix, 0, prefix.length) != 0) {
          return;
        }
        if (!visitor.visit(k.clone(), e.getValue().clone())) {
          return;
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void write(WriteBatch batch, boolean sync) throws StoreException {
    // Reject a bad put before applying any, or the batch would be half applied.
    for (WriteBatch.Put p : batch.puts()) {
      if (p.table() == null || p.key() == null || p.value() == null) {
        throw new IllegalArgumentException("a put needs a table, a key and a value: " + p);
      }
    }
    lock.writeLock().lock();
    try {
      ensureOpen();
      for (WriteBatch.Put p : batch.puts()) {
        tables.get(p.table()).put(p.key().clone(), p.value().clone());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Replaces or removes ({@code value == null}) one record, bypassing the ledger, which never
   * deletes. Package-private: only tamper tests reach it (through their {@code StoreTampering}).
   */
  void tamper(Table table, byte[] key, byte[] value) {
    lock.writeLock().lock();
    try {
      if (value == null) {
        tables.get(table).remove(key);
      } else {
        tables.get(table).put(key.clone(), value.clone());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() throws StoreException {
    if (closed) {
      throw new StoreException("in-memory store is closed");
    }
  }
}
