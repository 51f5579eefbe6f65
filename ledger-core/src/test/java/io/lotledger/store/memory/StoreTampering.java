package io.lotledger.store.memory;

import io.lotledger.spi.Table;

/** Damages an in-memory store on purpose, behind the ledger's back, as tamper tests need. */
public final class StoreTampering {
  private StoreTampering() {}

  /** Replaces or removes ({@code value == null}) one record of {@code store}. */
  public static void tamper(InMemoryLedgerStore store, Table table, byte[] key, byte[] value) {
    store.tamper(table, key, value);
  }
}
