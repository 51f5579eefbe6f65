package io.lotledger;

import java.time.InstantSource;

/**
 * How a ledger writes.
 *
 * @param durability when appends are acknowledged (see {@link Durability})
 * @param maxBatch most appends committed in one atomic batch (and one fsync); 1 disables grouping
 * @param clock the time the ledger itself stamps (the genesis entry); fixed in tests and demos
 * @param linger how long the committer may wait for a group to fill up to {@code maxBatch} before
 *     it writes (and fsyncs) it; zero (the default) writes whatever has queued, adding no latency
 */
public record LedgerOptions(
    Durability durability, int maxBatch, InstantSource clock, java.time.Duration linger) {
  /** The defaults: group commit, at most 1024 appends a batch, the system clock, no linger. */
  public static final LedgerOptions DEFAULT =
      new LedgerOptions(
          Durability.GROUP_COMMIT, 1024, InstantSource.system(), java.time.Duration.ZERO);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if {@code durability}, {@code clock} or {@code linger} is
   *     null, {@code linger} is negative or over 1 s, or {@code maxBatch} is outside 1 to 65536
   */
  public LedgerOptions {
    if (durability == null || clock == null || linger == null) {
      throw new IllegalArgumentException("durability, clock and linger must not be null");
    }
    if (linger.isNegative() || linger.compareTo(java.time.Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("linger must be between 0 and 1 s, not " + linger);
    }
    if (maxBatch < 1 || maxBatch > 65536) {
      throw new IllegalArgumentException("maxBatch must be in [1, 65536], not " + maxBatch);
    }
  }

  /** Returns these options with durability {@code d}; the other options unchanged. */
  public LedgerOptions withDurability(Durability d) {
    return new LedgerOptions(d, maxBatch, clock, linger);
  }

  /**
   * Returns these options with at most {@code n} appends a batch (1 to 65536); the other options
   * unchanged.
   */
  public LedgerOptions withMaxBatch(int n) {
    return new LedgerOptions(durability, n, clock, linger);
  }

  /** Returns these options with linger {@code l} (0 to 1 s); the other options unchanged. */
  public LedgerOptions withLinger(java.time.Duration l) {
    return new LedgerOptions(durability, maxBatch, clock, l);
  }

  /** Returns these options with clock {@code c}; the other options unchanged. */
  public LedgerOptions withClock(InstantSource c) {
    return new LedgerOptions(durability, maxBatch, c, linger);
  }
}
