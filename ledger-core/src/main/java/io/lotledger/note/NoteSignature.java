package io.lotledger.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a signed note (C2SP signed-note §Signatures): the key name, the 32-bit key
 * ID, and the signature bytes, written {@code — <key name> base64(key ID || signature)}.
 *
 * <p>The signature is opaque here: it may be of any signature type, including ones lotledger cannot
 * verify (witness cosignatures, post-quantum keys); {@link SignedNote#verify} checks the ones made
 * by trusted keys. Immutable and thread-safe; bytes copy in and out.
 */
public final class NoteSignature {
  /** Prefix of every signature line: em dash (U+2014) and space. */
  public static final String LINE_PREFIX = "\u2014 ";

  private final String keyName;
  private final int keyId;
  private final byte[] signature;

  private NoteSignature(String keyName, int keyId, byte[] signature) {
    this.keyName = keyName;
    this.keyId = keyId;
    this.signature = signature;
  }

  /**
   * A signature by the key {@code keyName}/{@code keyId}; a copy of {@code signature} is kept.
   *
   * @throws IllegalArgumentException if the key name is invalid or the signature is empty
   */
  public static NoteSignature of(String keyName, int keyId, byte[] signature) {
    NoteKey.checkName(keyName);
    if (signature == null || signature.length == 0) {
      throw new IllegalArgumentException("signature by " + keyName + " is empty");
    }
    return new NoteSignature(keyName, keyId, signature.clone());
  }

  /** Takes ownership of {@code signature}, which the caller must not keep. */
  static NoteSignature wrap(String keyName, int keyId, byte[] signature) {
    return new NoteSignature(keyName, keyId, signature);
  }

  /** The name of the key that made the signature, as on the signature line. */
  public String keyName() {
    return keyName;
  }

  /**
   * The 32-bit key ID, as on the signature line; for an Ed25519 key, the first 4 bytes, big-endian,
   * of SHA-256(key name || 0x0A || 0x01 || public key) (C2SP signed-note).
   */
  public int keyId() {
    return keyId;
  }

  /** The key ID as 8 lowercase hex digits, as in a vkey. */
  public String keyIdHex() {
    return NoteKey.hex(keyId);
  }

  /** A copy of the signature bytes, without the key ID. */
  public byte[] signature() {
    return signature.clone();
  }

  byte[] raw() {
    return signature;
  }

  /** The signature line, {@code — <key name> base64(key ID || signature)} and a newline. */
  public String toLine() {
    byte[] idAndSignature = new byte[4 + signature.length];
    idAndSignature[0] = (byte) (keyId >>> 24);
    idAndSignature[1] = (byte) (keyId >>> 16);
    idAndSignature[2] = (byte) (keyId >>> 8);
    idAndSignature[3] = (byte) keyId;
    System.arraycopy(signature, 0, idAndSignature, 4, signature.length);
    return LINE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(idAndSignature) + "\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s
        && keyId == s.keyId
        && keyName.equals(s.keyName)
        && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "NoteSignature[" + keyName + "+" + keyIdHex() + "]";
  }
}
