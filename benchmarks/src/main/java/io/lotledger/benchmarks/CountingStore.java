package io.lotledger.benchmarks;

import io.lotledger.spi.ForwardingLedgerStore;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.WriteBatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link LedgerStore} that passes every call to another and counts the atomic batches written
 * (one per commit group; one fsync each when synced), so that a benchmark can report how many
 * appends each group really held. One counter update per group; reads are not counted.
 */
final class CountingStore extends ForwardingLedgerStore {
  private final AtomicLong untaken = new AtomicLong();

  CountingStore(LedgerStore delegate) {
    super(delegate);
  }

  /** The batches written since the last call, counted once whichever thread takes them. */
  long takeBatches() {
    return untaken.getAndSet(0);
  }

  @Override
  public void write(WriteBatch batch, boolean sync) throws StoreException {
    super.write(batch, sync);
    untaken.incrementAndGet();
  }
}
