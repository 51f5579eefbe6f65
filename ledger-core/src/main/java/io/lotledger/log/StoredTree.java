package io.lotledger.log;

import io.lotledger.spi.StoreException;

/**
 * The Merkle tree of a stored ledger: perfect aligned subtrees are read from where the ledger keeps
 * them (written with each entry), every other range is composed from them, so a root or proof costs
 * O(log n) reads. Thread-safe as its node source is.
 */
public final class StoredTree implements Subtrees {
  /** Where the perfect subtrees are kept. */
  @FunctionalInterface
  public interface Nodes {
    /** The hash of leaves [index·2^level, (index+1)·2^level), or null when it is not stored. */
    NodeHash node(int level, long index) throws StoreException;
  }

  private final Nodes nodes;

  /** The tree whose perfect subtrees {@code nodes} holds. */
  public StoredTree(Nodes nodes) {
    this.nodes = nodes;
  }

  @Override
  public NodeHash hash(long start, long size) throws StoreException {
    if (Long.bitCount(size) == 1 && start % size == 0) {
      int level = Long.numberOfTrailingZeros(size);
      NodeHash h = nodes.node(level, start >>> level);
      if (h == null) {
        throw new StoreException(
            "Merkle tree node (level "
                + level
                + ", index "
                + (start >>> level)
                + ") is missing (run verify)");
      }
      return h;
    }
    long k = ProofBuilder.split(size);
    return TreeHasher.node(hash(start, k), hash(start + k, size - k));
  }
}
