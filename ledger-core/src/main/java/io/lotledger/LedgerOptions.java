package io.lotledger;

import java.time.InstantSource;

/**
 * How a ledger writes.
 *
 * @param durability when appends are acknowledged (see {@link Durability})
 * @param maxBatch most appends committed in one atomic batch (and one fsync); 1 disables grouping
 * @param clock the time the ledger itself stamps (the genesis entry); fixed in tests and demos
 */
public record LedgerOptions(Durability durability, int maxBatch, InstantSource clock) {
  public static final LedgerOptions DEFAULT = new LedgerOptions(Durability.GROUP_COMMIT, 1024, InstantSource.system());

  public LedgerOptions {
    if (durability == null || clock == null) {
      throw new IllegalArgumentException("durability and clock must not be null");
    }
    if (maxBatch < 1 || maxBatch > 65536) {
      throw new IllegalArgumentException("maxBatch must be in [1, 65536], not " + maxBatch);
    }
  }

  public LedgerOptions withDurability(Durability d) {
    return new LedgerOptions(d, maxBatch, clock);
  }

  public LedgerOptions withMaxBatch(int n) {
    return new LedgerOptions(durability, n, clock);
  }

  public LedgerOptions withClock(InstantSource c) {
    return new LedgerOptions(durability, maxBatch, c);
  }
}
