package io.lotledger.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 signing (RFC 8032 §5.1.6) with BouncyCastle's low-level implementation.
 *
 * <p>Thread-safe and immutable. The seed never appears in {@link #toString()}; {@link
 * #exportSeed()} is the single, explicit way to get it out (to write a key file).
 */
public final class Ed25519Signer implements Signer {
  /** Seed (private key) length in bytes. */
  public static final int SEED_LENGTH = Ed25519.SECRET_KEY_SIZE;

  private final byte[] seed;
  private final byte[] publicBytes;
  private final Ed25519PublicKey publicKey;

  private Ed25519Signer(byte[] seed) {
    this.seed = seed;
    this.publicBytes = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, publicBytes, 0);
    try {
      this.publicKey = Ed25519PublicKey.parse(publicBytes);
    } catch (InvalidKeyException e) {
      // A key derived by RFC 8032 §5.1.5 is always a multiple of the base point.
      throw new IllegalStateException("derived public key failed validation", e);
    }
  }

  /** A signer from a 32-byte seed (the RFC 8032 private key). */
  public static Ed25519Signer fromSeed(byte[] seed) throws InvalidKeyException {
    if (seed == null || seed.length != SEED_LENGTH) {
      throw new InvalidKeyException(
          "Ed25519 seed must be "
              + SEED_LENGTH
              + " bytes, not "
              + (seed == null ? 0 : seed.length));
    }
    return new Ed25519Signer(seed.clone());
  }

  /** A new random key. */
  public static Ed25519Signer generate(SecureRandom random) {
    byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    return new Ed25519Signer(seed);
  }

  @Override
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicBytes, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  @Override
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** A copy of the secret seed. Handle with care: whoever holds it can sign as this key. */
  public byte[] exportSeed() {
    return seed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519Signer s && Arrays.equals(seed, s.seed);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "Ed25519Signer[public=" + publicKey.toHex() + "]";
  }
}
