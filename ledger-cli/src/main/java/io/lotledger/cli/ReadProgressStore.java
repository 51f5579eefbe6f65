package io.lotledger.cli;

import io.lotledger.spi.ForwardingLedgerStore;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;

/**
 * A {@link LedgerStore} that passes every call to another and reports each entry read to a {@link
 * Progress}: how a whole-ledger verification shows progress although {@code ChainVerifier} has no
 * progress hook. The verifier reads the log once, in index order, so the count of entry reads is
 * the number of entries it has reached (it reads a window ahead of its ordered checks, and the
 * final table comparisons come after the last read).
 *
 * <p>Counting and reporting happen on the thread that reads entries. The verifier reads one window
 * at a time, on the calling thread or (with several threads) on its pool, each window started only
 * after the previous one was handed over, so reads never overlap; other readers must not overlap
 * with {@link #track}ed reporting.
 */
final class ReadProgressStore extends ForwardingLedgerStore {
  private Progress progress;
  private long entryReads;

  ReadProgressStore(LedgerStore delegate) {
    super(delegate);
  }

  /**
   * Reports entry reads from now on to {@code progress} (null: stop reporting), counting from zero.
   */
  void track(Progress progress) {
    this.progress = progress;
    this.entryReads = 0;
  }

  @Override
  public byte[] get(Table table, byte[] key) throws StoreException {
    byte[] value = super.get(table, key);
    if (table == Table.ENTRIES && progress != null && value != null) {
      progress.update(++entryReads);
    }
    return value;
  }
}
