package io.lotledger.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032 §5.1.5), validated and decoded once.
 *
 * <h2>The verification rule</h2>
 *
 * lotledger accepts a signature if and only if all of these hold; every verifier of a ledger
 * applies the same rule so that they agree on which entries are valid ("Taming the many EdDSAs",
 * Chalkias et al. 2020, which the tests check through the speccheck and Wycheproof vectors):
 *
 * <ol>
 *   <li>the public key is a canonical encoding (y &lt; p) of a point of full prime order L: keys of
 *       small or mixed order are refused when they are parsed, i.e. when an actor registers them;
 *   <li>the signature is exactly 64 bytes;
 *   <li>S &lt; L (RFC 8032 §5.1.7 step 1), so S is not malleable;
 *   <li>R is a canonical point encoding, and the <em>cofactored</em> group equation [8][S]B = [8]R
 *       + [8][k]A holds (RFC 8032 §5.1.7 step 3, the form the RFC states first; it is what
 *       BouncyCastle's {@code Ed25519.verify} computes).
 * </ol>
 *
 * Because A has full prime order, every signature a cofactorless verifier accepts is accepted here
 * too. The difference is only that the key holder can add a small-order component to R and still
 * produce a valid signature, i.e. up to 8 signatures (and entry hashes) for one body. That gives
 * nobody else any power, and entries are identified by hash, not by body, so it is harmless to the
 * ledger; it is documented (and pinned by tests) so that an independent verifier implements the
 * same equation.
 *
 * <p>Immutable and thread-safe. The decoded point is cached, so a verification skips point
 * decompression; this is what makes per-entry verification cost one scalar multiplication pair.
 */
public final class Ed25519PublicKey {
  /** Encoded length in bytes. */
  public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;

  /** Signature length in bytes. */
  public static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;

  /**
   * Validated keys by encoding. Validation (a full-order check: one scalar multiplication) costs
   * about as much as a signature verification, and every entry names its key, so each key is
   * validated once.
   */
  private static final Map<ByteBuffer, Ed25519PublicKey> CACHE = new ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 4096;

  private final byte[] encoded;
  private final Ed25519.PublicPoint point;
  private final int hash;

  private Ed25519PublicKey(byte[] encoded, Ed25519.PublicPoint point) {
    this.encoded = encoded;
    this.point = point;
    this.hash = Arrays.hashCode(encoded);
  }

  /**
   * Parses and validates a 32-byte encoded key: canonical, on the curve, full prime order.
   *
   * @throws InvalidKeyException naming why the key is refused
   */
  public static Ed25519PublicKey parse(byte[] encoded) throws InvalidKeyException {
    if (encoded == null || encoded.length != LENGTH) {
      throw new InvalidKeyException(
          "Ed25519 public key must be "
              + LENGTH
              + " bytes, not "
              + (encoded == null ? 0 : encoded.length));
    }
    ByteBuffer cacheKey = ByteBuffer.wrap(encoded.clone());
    Ed25519PublicKey cached = CACHE.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(encoded, 0);
    if (point == null) {
      throw new InvalidKeyException(
          "Ed25519 public key "
              + HexFormat.of().formatHex(encoded)
              + " is not a canonical point of full prime order");
    }
    Ed25519PublicKey key = new Ed25519PublicKey(encoded.clone(), point);
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear(); // bounded: a ledger has few keys; a flood of distinct ones only costs
      // re-validation
    }
    CACHE.put(cacheKey, key);
    return key;
  }

  /**
   * Whether {@code signature} is valid for {@code message} under this key and the rule above. Never
   * throws for bad signatures; a malformed length simply fails.
   */
  public boolean verify(byte[] signature, byte[] message) {
    return verify(signature, message, 0, message.length);
  }

  /** As {@link #verify(byte[], byte[])}, over {@code message[offset, offset+length)}. */
  public boolean verify(byte[] signature, byte[] message, int offset, int length) {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return Ed25519.verify(signature, 0, point, message, offset, length);
  }

  /** A copy of the 32-byte encoding. */
  public byte[] toBytes() {
    return encoded.clone();
  }

  /** Lowercase hex of the encoding (public keys are not secret). */
  public String toHex() {
    return HexFormat.of().formatHex(encoded);
  }

  /** Whether this key's encoding equals {@code other}, without copying. */
  public boolean matches(byte[] other) {
    return Arrays.equals(encoded, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey k && Arrays.equals(encoded, k.encoded);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + toHex() + "]";
  }
}
