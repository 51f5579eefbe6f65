package io.lotledger.log;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The SHA-256 hash of a Merkle tree node: a leaf, an interior node or a root (RFC 9162 §2.1.1).
 * Immutable; bytes copy in and out.
 */
public final class NodeHash {
  /** Length of a node hash in bytes: 32 (SHA-256). */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private NodeHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of a 32-byte hash; a programming error otherwise. */
  public static NodeHash of(byte[] hash) {
    if (hash == null || hash.length != LENGTH) {
      throw new IllegalArgumentException(
          "node hash must be " + LENGTH + " bytes, not " + (hash == null ? 0 : hash.length));
    }
    return new NodeHash(hash.clone());
  }

  /** Reads a hash from outside input, e.g. a proof in a bundle. */
  public static NodeHash parse(String what, byte[] hash) throws ProofException {
    if (hash == null || hash.length != LENGTH) {
      throw ProofException.malformed(
          what + " must be " + LENGTH + " bytes, not " + (hash == null ? 0 : hash.length));
    }
    return new NodeHash(hash.clone());
  }

  static NodeHash wrap(byte[] owned) {
    return new NodeHash(owned);
  }

  byte[] raw() {
    return bytes;
  }

  /** A copy of the 32 hash bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * The hash in standard Base64 with padding (RFC 4648 §4), as a C2SP tlog-checkpoint's root hash
   * line.
   */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The hash as 64 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeHash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
