package io.lotledger.store.memory;

import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.LedgerStoreContract;

/**
 * The in-memory store against the shared driver contract; it does not persist, so reopen tests
 * skip.
 */
class InMemoryLedgerStoreTest extends LedgerStoreContract {
  @Override
  protected LedgerStore newStore() {
    return new InMemoryLedgerStore();
  }
}
