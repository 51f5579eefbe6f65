package io.lotledger.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves (RFC
 * 9162 §2.1.4): the log only appended. Sizes are unsigned 64-bit values.
 *
 * @param size1 the size of the older tree
 * @param size2 the size of the newer tree
 * @param path the proof's node hashes, at most {@link #MAX_PATH}
 */
public record ConsistencyProof(long size1, long size2, List<NodeHash> path) {
  /** Longest path accepted, in hashes: twice the 64 levels of a tree of up to 2^64 leaves. */
  public static final int MAX_PATH = 128;

  /** Copies {@code path}; nothing is checked until the proof is verified. */
  public ConsistencyProof {
    path = List.copyOf(path);
  }

  /**
   * Verifies a consistency proof given as raw bytes from outside (a bundle, a witness request).
   * Equal sizes need byte-equal roots and an empty proof, as in RFC 9162 §2.1.4.2; otherwise every
   * hash must be 32 bytes.
   */
  public static void verify(long size1, long size2, List<byte[]> path, byte[] root1, byte[] root2)
      throws ProofException {
    if (size1 == size2 && Long.compareUnsigned(size1, 0) > 0) {
      if (!path.isEmpty()) {
        throw ProofException.consistency(
            size1, size2, "trees of equal size need an empty consistency proof");
      }
      if (!java.util.Arrays.equals(root1, root2)) {
        throw ProofException.consistency(
            size1,
            size2,
            "trees of equal size " + Long.toUnsignedString(size1) + " have different roots");
      }
      return;
    }
    if (path.size() > MAX_PATH) {
      throw ProofException.consistency(
          size1, size2, "consistency path has " + path.size() + " hashes, more than " + MAX_PATH);
    }
    List<NodeHash> hashes = new ArrayList<>(path.size());
    for (int i = 0; i < path.size(); i++) {
      hashes.add(NodeHash.parse("consistency path[" + i + "]", path.get(i)));
    }
    new ConsistencyProof(size1, size2, hashes)
        .verify(NodeHash.parse("old root", root1), NodeHash.parse("new root", root2));
  }

  /** Verifies that {@code root1} (of size1 leaves) and {@code root2} (of size2) are consistent. */
  public void verify(NodeHash root1, NodeHash root2) throws ProofException {
    if (Long.compareUnsigned(size1, size2) > 0) {
      throw ProofException.consistency(
          size1,
          size2,
          "tree shrank from "
              + Long.toUnsignedString(size1)
              + " to "
              + Long.toUnsignedString(size2)
              + " leaves");
    }
    if (path.size() > MAX_PATH) {
      throw ProofException.consistency(
          size1, size2, "consistency path has " + path.size() + " hashes, more than " + MAX_PATH);
    }
    if (size1 == size2) {
      if (size1 == 0) {
        throw ProofException.consistency(
            size1, size2, "consistency between empty trees proves nothing");
      }
      if (!path.isEmpty()) {
        throw ProofException.consistency(
            size1, size2, "trees of equal size need an empty consistency proof");
      }
      if (!root1.equals(root2)) {
        throw ProofException.consistency(
            size1,
            size2,
            root1,
            root2,
            "trees of equal size "
                + Long.toUnsignedString(size1)
                + " have different roots "
                + root1
                + " and "
                + root2);
      }
      return;
    }
    if (size1 == 0) {
      // Every tree extends the empty tree; a proof from size 0 proves nothing and is refused.
      throw ProofException.consistency(
          size1, size2, "a consistency proof from the empty tree is meaningless");
    }
    if (path.isEmpty()) {
      throw ProofException.consistency(
          size1, size2, "consistency proof from " + size1 + " to " + size2 + " is empty");
    }
    // RFC 9162 §2.1.4.2.
    List<NodeHash> p = new ArrayList<>(path.size() + 1);
    if (Long.bitCount(size1) == 1) {
      p.add(root1);
    }
    p.addAll(path);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    NodeHash fr = p.get(0);
    NodeHash sr = p.get(0);
    for (NodeHash c : p.subList(1, p.size())) {
      if (sn == 0) {
        throw ProofException.consistency(size1, size2, "consistency path is longer than needed");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = TreeHasher.node(c, fr);
        sr = TreeHasher.node(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = TreeHasher.node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw ProofException.consistency(size1, size2, "consistency path is shorter than needed");
    }
    if (!fr.equals(root1)) {
      throw ProofException.consistency(
          size1,
          size2,
          root1,
          fr,
          "consistency proof does not lead to the old root " + root1 + " (got " + fr + ")");
    }
    if (!sr.equals(root2)) {
      throw ProofException.consistency(
          size1,
          size2,
          root2,
          sr,
          "consistency proof does not lead to the new root " + root2 + " (got " + sr + ")");
    }
  }
}
