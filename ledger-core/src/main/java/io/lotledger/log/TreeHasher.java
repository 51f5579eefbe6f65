package io.lotledger.log;

import io.lotledger.crypto.Sha256;

/**
 * The RFC 9162 §2.1.1 Merkle tree hash with SHA-256: leaf = SHA-256(0x00 || data), interior node =
 * SHA-256(0x01 || left || right), and the empty tree's root = SHA-256(""). The distinct prefixes
 * keep a leaf from ever being read as a node (second-preimage resistance).
 *
 * <p>A ledger's leaves are its entries in index order; the leaf data is the 32-byte entry hash.
 */
public final class TreeHasher {
  /** Domain-separation prefix of a leaf hash. */
  public static final byte LEAF_PREFIX = 0x00;

  /** Domain-separation prefix of an interior node hash. */
  public static final byte NODE_PREFIX = 0x01;

  private static final byte[] LEAF = {LEAF_PREFIX};
  private static final byte[] NODE = {NODE_PREFIX};

  /** MTH({}) = SHA-256 of the empty string. */
  public static final NodeHash EMPTY_ROOT = NodeHash.wrap(Sha256.hash(new byte[0]));

  private TreeHasher() {}

  /** The leaf hash of {@code data}: SHA-256(0x00 || data) (RFC 9162 §2.1.1). */
  public static NodeHash leaf(byte[] data) {
    return NodeHash.wrap(Sha256.hash(LEAF, data));
  }

  /**
   * The interior node hash of {@code left} and {@code right}: SHA-256(0x01 || left || right) (RFC
   * 9162 §2.1.1).
   */
  public static NodeHash node(NodeHash left, NodeHash right) {
    return NodeHash.wrap(Sha256.hash(NODE, left.raw(), right.raw()));
  }
}
