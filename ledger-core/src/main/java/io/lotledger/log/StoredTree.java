package io.lotledger.log;

import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;

/**
 * The Merkle tree of a stored ledger: perfect aligned subtrees are read from the TREE table (written
 * with each entry), every other range is composed from them, so a root or proof costs O(log n) reads.
 * Thread-safe as the store is.
 */
public final class StoredTree implements Subtrees {
  private final LedgerStore store;

  public StoredTree(LedgerStore store) {
    this.store = store;
  }

  @Override
  public NodeHash hash(long start, long size) throws StoreException {
    if (Long.bitCount(size) == 1 && start % size == 0) {
      int level = Long.numberOfTrailingZeros(size);
      byte[] h = store.get(Table.TREE, KeyLayout.treeKey(level, start >>> level));
      if (h == null || h.length != NodeHash.LENGTH) {
        throw new StoreException("Merkle tree node (level " + level + ", index " + (start >>> level) + ") is "
            + (h == null ? "missing" : "corrupt") + " (run verify)");
      }
      return NodeHash.of(h);
    }
    long k = ProofBuilder.split(size);
    return TreeHasher.node(hash(start, k), hash(start + k, size - k));
  }
}
