package io.lotledger.log;

import io.lotledger.error.LedgerException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds roots and proofs of the Merkle tree over a ledger's leaves, from any {@link Subtrees}
 * source: MTH (RFC 9162 §2.1.1), inclusion paths PATH (§2.1.3.1) and consistency proofs PROOF /
 * SUBPROOF (§2.1.4.1). With a store that keeps every perfect aligned subtree, each call reads O(log
 * n) hashes.
 */
public final class ProofBuilder {
  private final Subtrees subtrees;

  /**
   * A builder over {@code subtrees}, which it reads on each call: a subtree that cannot be read
   * fails that call with the source's {@link LedgerException}.
   */
  public ProofBuilder(Subtrees subtrees) {
    this.subtrees = subtrees;
  }

  /** The largest power of two strictly below {@code n} (n >= 2): the RFC's k. */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  /** The root of the tree of the first {@code size} leaves. */
  public NodeHash root(long size) throws LedgerException {
    return size == 0 ? TreeHasher.EMPTY_ROOT : subtrees.hash(0, size);
  }

  /** The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves. */
  public InclusionProof inclusion(long index, long size) throws LedgerException {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
    }
    List<NodeHash> path = new ArrayList<>();
    path(index, 0, size, path);
    return new InclusionProof(index, size, path);
  }

  private void path(long m, long start, long n, List<NodeHash> out) throws LedgerException {
    if (n == 1) {
      return;
    }
    long k = split(n);
    if (m < k) {
      path(m, start, k, out);
      out.add(subtrees.hash(start + k, n - k));
    } else {
      path(m - k, start + k, n - k, out);
      out.add(subtrees.hash(start, k));
    }
  }

  /** The proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2}. */
  public ConsistencyProof consistency(long size1, long size2) throws LedgerException {
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
    }
    List<NodeHash> path = new ArrayList<>();
    if (size1 > 0 && size1 < size2) {
      subproof(size1, 0, size2, true, path);
    }
    return new ConsistencyProof(size1, size2, path);
  }

  private void subproof(long m, long start, long n, boolean complete, List<NodeHash> out)
      throws LedgerException {
    if (m == n) {
      if (!complete) {
        out.add(subtrees.hash(start, n));
      }
      return;
    }
    long k = split(n);
    if (m <= k) {
      subproof(m, start, k, complete, out);
      out.add(subtrees.hash(start + k, n - k));
    } else {
      subproof(m - k, start + k, n - k, false, out);
      out.add(subtrees.hash(start, k));
    }
  }
}
