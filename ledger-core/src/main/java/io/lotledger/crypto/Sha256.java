package io.lotledger.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 (FIPS 180-4) through the JDK's {@link MessageDigest}, which HotSpot compiles to the
 * SHA-NI instructions where the CPU has them (several times faster than a pure-Java digest).
 *
 * <p>Thread-safe: each thread reuses its own digest instance.
 */
public final class Sha256 {
  /** Digest length in bytes. */
  public static final int LENGTH = 32;

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** SHA-256 of {@code data}. */
  public static byte[] hash(byte[] data) {
    return DIGEST.get().digest(data);
  }

  /** SHA-256 of {@code prefix || data}, without concatenating them. */
  public static byte[] hash(byte[] prefix, byte[] data) {
    MessageDigest md = DIGEST.get();
    md.update(prefix);
    return md.digest(data);
  }

  /** SHA-256 of {@code a || b || c}, without concatenating them. */
  public static byte[] hash(byte[] a, byte[] b, byte[] c) {
    MessageDigest md = DIGEST.get();
    md.update(a);
    md.update(b);
    return md.digest(c);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
