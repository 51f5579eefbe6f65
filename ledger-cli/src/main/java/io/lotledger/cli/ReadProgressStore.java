package io.lotledger.cli;

import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;

/**
 * A {@link LedgerStore} that passes every call to another and reports each entry read to a {@link
 * Progress}: how a whole-ledger verification shows progress although {@code ChainVerifier} has no
 * progress hook. The verifier reads the log once, in index order, so the count of entry reads is the
 * number of entries it has reached (it reads a window ahead of its ordered checks, and the final
 * table comparisons come after the last read).
 *
 * <p>Counting and reporting happen on the thread that reads entries, which for the verifier is the
 * one that called it; reads from other threads must not overlap with {@link #track}ed reporting.
 */
final class ReadProgressStore implements LedgerStore {
  private final LedgerStore delegate;
  private Progress progress;
  private long entryReads;

  ReadProgressStore(LedgerStore delegate) {
    this.delegate = delegate;
  }

  /** Reports entry reads from now on to {@code progress} (null: stop reporting), counting from zero. */
  void track(Progress progress) {
    this.progress = progress;
    this.entryReads = 0;
  }

  @Override
  public byte[] get(Table table, byte[] key) throws StoreException {
    byte[] value = delegate.get(table, key);
    if (table == Table.ENTRIES && progress != null && value != null) {
      progress.update(++entryReads);
    }
    return value;
  }

  @Override
  public void scan(Table table, byte[] prefix, Visitor visitor) throws StoreException {
    delegate.scan(table, prefix, visitor);
  }

  @Override
  public void write(WriteBatch batch, boolean sync) throws StoreException {
    delegate.write(batch, sync);
  }

  @Override
  public void close() throws StoreException {
    delegate.close();
  }
}
