package io.lotledger;

/**
 * How a ledger writes.
 *
 * @param durability when appends are acknowledged (see {@link Durability})
 * @param maxBatch most appends committed in one atomic batch (and one fsync); 1 disables grouping
 */
public record LedgerOptions(Durability durability, int maxBatch) {
  public static final LedgerOptions DEFAULT = new LedgerOptions(Durability.GROUP_COMMIT, 1024);

  public LedgerOptions {
    if (durability == null) {
      throw new IllegalArgumentException("durability must not be null");
    }
    if (maxBatch < 1 || maxBatch > 65536) {
      throw new IllegalArgumentException("maxBatch must be in [1, 65536], not " + maxBatch);
    }
  }

  public LedgerOptions withDurability(Durability d) {
    return new LedgerOptions(d, maxBatch);
  }

  public LedgerOptions withMaxBatch(int n) {
    return new LedgerOptions(durability, n);
  }
}
