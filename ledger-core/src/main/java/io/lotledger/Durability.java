package io.lotledger;

/** When an append is acknowledged relative to the disk. */
public enum Durability {
  /** One fsync per append: each acknowledged append survives power loss. Slowest. */
  PER_APPEND,
  /**
   * Appends that arrive together are written as one atomic batch with one fsync, then all are
   * acknowledged: the same guarantee as {@link #PER_APPEND}, amortised over the group (the
   * default).
   */
  GROUP_COMMIT,
  /**
   * Written to the store's log without fsync: acknowledged appends survive a crash of this process
   * but not of the operating system or machine. For bulk loads and benchmarks.
   */
  NO_SYNC
}
