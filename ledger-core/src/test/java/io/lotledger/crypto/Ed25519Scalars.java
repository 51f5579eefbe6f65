package io.lotledger.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The few Ed25519 numbers the conformance tests need to build edge-case signatures by hand. Written
 * from RFC 8032 §5.1 with {@link BigInteger}: slow and not constant-time, for tests only.
 */
final class Ed25519Scalars {
  /** The field prime p = 2^255 - 19 (RFC 8032 §5.1). */
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /**
   * The prime order of the base point, L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032
   * §5.1).
   */
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private Ed25519Scalars() {}

  /** The unsigned little-endian integer in {@code bytes[offset, offset+32)} (RFC 8032 §5.1.2). */
  static BigInteger decode(byte[] bytes, int offset) {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = bytes[offset + 31 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  /** {@code value} as 32 little-endian bytes; it must be below 2^256. */
  static byte[] encode(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value does not fit 32 unsigned bytes: " + value);
    }
    byte[] bigEndian = value.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  /**
   * The secret scalar s of a 32-byte seed: the pruned first half of SHA-512(seed) (RFC 8032 §5.1.5
   * steps 1-3).
   */
  static BigInteger secretScalar(byte[] seed) {
    byte[] h = sha512(seed);
    byte[] s = Arrays.copyOf(h, 32);
    s[0] &= (byte) 0xf8;
    s[31] &= (byte) 0x7f;
    s[31] |= (byte) 0x40;
    return decode(s, 0);
  }

  /** k = SHA-512(R || A || M) mod L, the challenge of RFC 8032 §5.1.6 step 4 / §5.1.7 step 2. */
  static BigInteger challenge(byte[] r, byte[] a, byte[] message) {
    byte[] input = new byte[r.length + a.length + message.length];
    System.arraycopy(r, 0, input, 0, r.length);
    System.arraycopy(a, 0, input, r.length, a.length);
    System.arraycopy(message, 0, input, r.length + a.length, message.length);
    byte[] h = sha512(input);
    byte[] bigEndian = new byte[64];
    for (int i = 0; i < 64; i++) {
      bigEndian[i] = h[63 - i];
    }
    return new BigInteger(1, bigEndian).mod(L);
  }

  private static byte[] sha512(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-512", e);
    }
  }
}
