package io.lotledger.log;

import io.lotledger.error.LedgerException;

/**
 * A source of Merkle subtree hashes: MTH(D[start : start+size]) in RFC 9162 §2.1.1 terms. Stored
 * trees answer perfect, aligned subtrees from storage and compose the rest; {@link
 * #ofLeaves(java.util.List)} computes from leaf hashes in memory.
 */
@FunctionalInterface
public interface Subtrees {
  /** The hash of leaves {@code [start, start + size)}; {@code size >= 1}. */
  NodeHash hash(long start, long size) throws LedgerException;

  /** Subtrees of an in-memory list of leaf hashes (O(size) per call: for tests and small trees). */
  static Subtrees ofLeaves(java.util.List<NodeHash> leaves) {
    java.util.List<NodeHash> copy = java.util.List.copyOf(leaves);
    return new Subtrees() {
      @Override
      public NodeHash hash(long start, long size) {
        if (size == 1) {
          return copy.get(Math.toIntExact(start));
        }
        long k = ProofBuilder.split(size);
        return TreeHasher.node(hash(start, k), hash(start + k, size - k));
      }
    };
  }
}
