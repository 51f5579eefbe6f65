package io.lotledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.spi.ForwardingLedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.testing.TestChain;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A store write that fails may still have reached the store (the log written, its fsync failed).
 * The ledger then stops accepting appends (fail-stop) instead of appending on from a size that may
 * be stale, which would write new entries over stored ones; reopening reads what the store holds.
 */
class FailedWriteTest {
  private final TestChain chain = new TestChain();

  /** Applies every write; the armed one then fails, as an fsync error after the log write would. */
  private static final class FailsAfterWriting extends ForwardingLedgerStore {
    final InMemoryLedgerStore inner;
    final AtomicBoolean armed = new AtomicBoolean();

    FailsAfterWriting(InMemoryLedgerStore inner) {
      super(inner);
      this.inner = inner;
    }

    @Override
    public void write(WriteBatch batch, boolean sync) throws StoreException {
      super.write(batch, sync);
      if (armed.getAndSet(false)) {
        throw new StoreException("fsync failed: Input/output error");
      }
    }

    @Override
    public void close() {} // reopened below
  }

  @Test
  void afterAWriteWithUnknownOutcome_theLedgerRefusesFurtherAppends_andNeverOverwritesAStoredEntry()
      throws Exception {
    FailsAfterWriting store = new FailsAfterWriting(new InMemoryLedgerStore());
    Ledger ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
    long size = ledger.size();
    store.armed.set(true);

    assertThatThrownBy(() -> ledger.append(observe(TestChain.SULPHATE, 1), chain.refinery))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("outcome is unknown");
    // The failed write did reach the store; appending on from the old size would overwrite its
    // entry.
    assertThat(store.inner.get(Table.ENTRIES, io.lotledger.state.StoreLayout.entryKey(size)))
        .isNotNull();
    assertThatThrownBy(() -> ledger.append(observe(TestChain.ORE_B, 2), chain.mine))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("stopped accepting appends");
    ledger.close();

    try (Ledger reopened = Ledger.on(store).open()) {
      assertThat(reopened.size()).isEqualTo(size + 1);
      reopened.verify();
      assertThat(reopened.append(observe(TestChain.ORE_B, 3), chain.mine).index())
          .isEqualTo(size + 1);
      reopened.verify();
    }
  }

  private static ObjectEvent observe(LotId lot, int hours) {
    return ObjectEvent.observe(
        List.of(LotQuantity.of(lot.uri(), "1", "KGM")),
        TestChain.T0.plusHours(hours),
        EventContext.of("inspecting", "active"));
  }
}
