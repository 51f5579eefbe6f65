package io.lotledger.log;

import java.util.List;

/**
 * Proof that the leaf at {@code index} is in the tree of {@code size} leaves (RFC 9162 §2.1.3).
 * {@code index} and {@code size} are unsigned 64-bit values.
 *
 * @param index the leaf's 0-based index
 * @param size the tree's size in leaves
 * @param path the proof's node hashes, leaf side first, at most {@link #MAX_PATH}
 */
public record InclusionProof(long index, long size, List<NodeHash> path) {
  /** The longest path any tree of up to 2^64 leaves needs. */
  public static final int MAX_PATH = 64;

  /** Copies {@code path}; nothing is checked until the proof is verified. */
  public InclusionProof {
    path = List.copyOf(path);
  }

  /** Verifies that {@code leafHash} is at {@code index} in the tree whose root is {@code root}. */
  public void verify(NodeHash leafHash, NodeHash root) throws ProofException {
    NodeHash computed = rootFor(leafHash);
    if (!computed.equals(root)) {
      throw ProofException.inclusion(
          index,
          size,
          root,
          computed,
          "inclusion proof for leaf "
              + Long.toUnsignedString(index)
              + " of "
              + Long.toUnsignedString(size)
              + " leads to root "
              + computed
              + ", not "
              + root);
    }
  }

  /** The root this proof leads to from {@code leafHash} (RFC 9162 §2.1.3.2 steps 1-5). */
  public NodeHash rootFor(NodeHash leafHash) throws ProofException {
    if (Long.compareUnsigned(index, size) >= 0) {
      throw ProofException.inclusion(
          index,
          size,
          "leaf index "
              + Long.toUnsignedString(index)
              + " is not below tree size "
              + Long.toUnsignedString(size));
    }
    if (path.size() > MAX_PATH) {
      throw ProofException.inclusion(
          index, size, "inclusion path has " + path.size() + " hashes, more than " + MAX_PATH);
    }
    long fn = index;
    long sn = size - 1;
    NodeHash r = leafHash;
    for (NodeHash p : path) {
      if (sn == 0) {
        throw ProofException.inclusion(
            index, size, "inclusion path is longer than the tree is deep");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = TreeHasher.node(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = TreeHasher.node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw ProofException.inclusion(
          index, size, "inclusion path is shorter than the tree is deep");
    }
    return r;
  }
}
