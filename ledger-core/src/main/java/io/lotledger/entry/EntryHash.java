package io.lotledger.entry;

import io.lotledger.crypto.Sha256;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 of an entry's exact stored bytes: its identity, named by the next entry of each lot
 * it touches and (later) committed as a Merkle leaf. Immutable; bytes copy in and out.
 */
public final class EntryHash implements Comparable<EntryHash> {
  /** Length of the hash in bytes: 32 (SHA-256). */
  public static final int LENGTH = Sha256.LENGTH;

  private final byte[] bytes;

  private EntryHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of a 32-byte digest. */
  public static EntryHash of(byte[] digest) {
    if (digest == null || digest.length != LENGTH) {
      throw new IllegalArgumentException(
          "entry hash must be " + LENGTH + " bytes, not " + (digest == null ? 0 : digest.length));
    }
    return new EntryHash(digest.clone());
  }

  /** The hash of {@code encoded}, an entry's exact bytes. */
  public static EntryHash ofEntry(byte[] encoded) {
    return new EntryHash(Sha256.hash(encoded));
  }

  /** Parses 64 hex digits. */
  public static EntryHash parse(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "entry hash must be " + 2 * LENGTH + " hex digits: " + hex);
    }
    return new EntryHash(HexFormat.of().parseHex(hex));
  }

  private static final String NI_PREFIX = "ni:///sha-256;";

  /**
   * Parses an RFC 6920 §3 named-information URI of a SHA-256 digest, {@code ni:///sha-256;}
   * followed by the 32 bytes in base64url without padding (the form an event's shipment reference
   * uses).
   */
  public static EntryHash fromNi(String ni) {
    if (ni == null || !ni.startsWith(NI_PREFIX) || ni.length() != NI_PREFIX.length() + 43) {
      throw new IllegalArgumentException(
          "entry reference must be ni:///sha-256;<43 base64url characters>: " + ni);
    }
    byte[] digest;
    try {
      digest = java.util.Base64.getUrlDecoder().decode(ni.substring(NI_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("entry reference is not base64url: " + ni, e);
    }
    EntryHash h = new EntryHash(digest);
    if (!h.toNi().equals(ni)) {
      throw new IllegalArgumentException("entry reference is not in canonical base64url: " + ni);
    }
    return h;
  }

  /**
   * This hash as an RFC 6920 named-information URI: {@code ni:///sha-256;<base64url, no padding>}.
   */
  public String toNi() {
    return NI_PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A copy of the 32 hash bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Whether this hash equals {@code other}'s bytes, without copying. */
  public boolean matches(byte[] other) {
    return Arrays.equals(bytes, other);
  }

  /** The hash as 64 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The first 12 hex digits, for human-facing output. */
  public String shortHex() {
    return toHex().substring(0, 12);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryHash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | (bytes[3] & 0xff);
  }

  @Override
  public int compareTo(EntryHash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
