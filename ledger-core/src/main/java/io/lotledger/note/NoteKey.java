package io.lotledger.note;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A named Ed25519 verifier key of C2SP signed-note (signature type {@code 0x01}): the key name, the
 * 4-byte key ID derived from name and key, and the public key. Its text form is the vkey {@code
 * <name>+<hex key ID>+<base64(0x01 || public key)>} (C2SP signed-note §Verifier keys).
 *
 * <p>Only Ed25519 is supported, as signed-note §Signature types recommends implementations pick the
 * types their design needs. Immutable and thread-safe; public keys are not secret, so {@link
 * #toString()} prints the vkey.
 */
public final class NoteKey {
  /**
   * The signed-note signature type identifier byte of Ed25519 (C2SP signed-note §Signature types).
   */
  public static final byte ED25519_TYPE = 0x01;

  /** Longest vkey {@link #parse} reads; real ones are under 100 characters. */
  public static final int MAX_VKEY_LENGTH = 1024;

  private static final HexFormat HEX = HexFormat.of();

  private final String name;
  private final int keyId;
  private final Ed25519PublicKey publicKey;

  private NoteKey(String name, int keyId, Ed25519PublicKey publicKey) {
    this.name = name;
    this.keyId = keyId;
    this.publicKey = publicKey;
  }

  /**
   * The verifier key named {@code name} for {@code publicKey}, with its key ID computed per C2SP
   * signed-note §Ed25519 signatures.
   *
   * @throws IllegalArgumentException if {@code name} is empty or contains a Unicode space, a plus
   *     (U+002B), a control character or an unpaired surrogate
   */
  public static NoteKey of(String name, Ed25519PublicKey publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new NoteKey(name, keyId(name, publicKey), publicKey);
  }

  /**
   * Reads a vkey {@code <name>+<8 lowercase hex digits>+<base64(0x01 || 32-byte key)>}. The key ID
   * must be the one computed from name and key, the base64 canonical standard encoding (RFC 4648
   * §4), and the key a valid Ed25519 public key of full order.
   *
   * @throws NoteFormatException naming what is wrong
   */
  public static NoteKey parse(String vkey) throws NoteFormatException {
    if (vkey == null || vkey.isEmpty()) {
      throw new NoteFormatException("vkey is empty");
    }
    if (vkey.length() > MAX_VKEY_LENGTH) {
      throw new NoteFormatException(
          "vkey is " + vkey.length() + " characters, over the limit of " + MAX_VKEY_LENGTH);
    }
    // The name cannot contain '+', the hex ID cannot either; the base64 part may.
    int plus1 = vkey.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : vkey.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw new NoteFormatException(
          "vkey " + quote(vkey) + " is not <name>+<hex key ID>+<base64 key>");
    }
    String name = vkey.substring(0, plus1);
    String idHex = vkey.substring(plus1 + 1, plus2);
    String keyBase64 = vkey.substring(plus2 + 1);
    String problem = nameProblem(name);
    if (problem != null) {
      throw new NoteFormatException("vkey " + quote(vkey) + ": " + problem);
    }
    if (!isLowerHex(idHex, 8)) {
      throw new NoteFormatException(
          "vkey " + quote(vkey) + ": key ID " + quote(idHex) + " is not 8 lowercase hex digits");
    }
    byte[] typeAndKey = SignedNote.decodeBase64(keyBase64);
    if (typeAndKey == null) {
      throw new NoteFormatException(
          "vkey " + quote(vkey) + ": key is not canonical standard base64");
    }
    if (typeAndKey.length == 0 || typeAndKey[0] != ED25519_TYPE) {
      String type =
          typeAndKey.length == 0
              ? "is missing"
              : String.format("0x%02x is not supported, only Ed25519 (0x01)", typeAndKey[0]);
      throw new NoteFormatException("vkey " + quote(vkey) + ": signature type " + type);
    }
    if (typeAndKey.length != 1 + Ed25519PublicKey.LENGTH) {
      throw new NoteFormatException(
          "vkey "
              + quote(vkey)
              + ": Ed25519 key must be "
              + Ed25519PublicKey.LENGTH
              + " bytes, not "
              + (typeAndKey.length - 1));
    }
    byte[] keyBytes = new byte[Ed25519PublicKey.LENGTH];
    System.arraycopy(typeAndKey, 1, keyBytes, 0, keyBytes.length);
    Ed25519PublicKey publicKey;
    try {
      publicKey = Ed25519PublicKey.parse(keyBytes);
    } catch (InvalidKeyException e) {
      throw new NoteFormatException("vkey " + quote(vkey) + ": " + e.getMessage(), e);
    }
    int expected = keyId(name, publicKey);
    int given = Integer.parseUnsignedInt(idHex, 16);
    if (given != expected) {
      throw new NoteFormatException(
          "vkey "
              + quote(vkey)
              + ": key ID "
              + idHex
              + " does not match the key, which has ID "
              + hex(expected));
    }
    return new NoteKey(name, expected, publicKey);
  }

  /**
   * The key ID of an Ed25519 key: SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4], read
   * big-endian (C2SP signed-note §Ed25519 signatures).
   */
  static int keyId(String name, Ed25519PublicKey publicKey) {
    byte[] digest =
        Sha256.hash(
            name.getBytes(StandardCharsets.UTF_8),
            new byte[] {'\n', ED25519_TYPE},
            publicKey.toBytes());
    return (digest[0] & 0xff) << 24
        | (digest[1] & 0xff) << 16
        | (digest[2] & 0xff) << 8
        | digest[3] & 0xff;
  }

  /**
   * Checks a key name against C2SP signed-note §Format: non-empty, no Unicode spaces, no plus
   * (U+002B); and, since it appears in a note, no control characters and no unpaired surrogates.
   *
   * @throws IllegalArgumentException with the reason, naming the name
   */
  static String checkName(String name) {
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return name;
  }

  /** Why {@code name} is not a valid key name, or null if it is. */
  static String nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "key name is empty";
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+') {
        return "key name " + quote(name) + " contains a plus (U+002B)";
      }
      if (isUnicodeSpace(cp)) {
        return "key name " + quote(name) + " contains a space " + String.format("(U+%04X)", cp);
      }
      if (cp < 0x20) {
        return "key name "
            + quote(name)
            + " contains a control character "
            + String.format("(U+%04X)", cp);
      }
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        return "key name " + quote(name) + " contains an unpaired surrogate";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /**
   * Unicode white space: categories Zs, Zl, Zp (which include U+00A0), the ASCII spaces, and
   * U+0085.
   */
  private static boolean isUnicodeSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  private static boolean isLowerHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  static String hex(int keyId) {
    return HEX.toHexDigits(keyId);
  }

  static String quote(String s) {
    return "\"" + (s.length() > 100 ? s.substring(0, 100) + "..." : s) + "\"";
  }

  /** The key name, which signature lines carry. */
  public String name() {
    return name;
  }

  /** The 32-bit key ID (an identifier, not a cryptographic commitment). */
  public int keyId() {
    return keyId;
  }

  /** The key ID as 8 lowercase hex digits, as in a vkey. */
  public String keyIdHex() {
    return hex(keyId);
  }

  /** The Ed25519 public key (RFC 8032) that verifies this key's signatures. */
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /**
   * The vkey text {@code <name>+<hex key ID>+<base64(0x01 || public key)>}; {@link #parse} reads
   * it.
   */
  public String toVkey() {
    byte[] typeAndKey = new byte[1 + Ed25519PublicKey.LENGTH];
    typeAndKey[0] = ED25519_TYPE;
    System.arraycopy(publicKey.toBytes(), 0, typeAndKey, 1, Ed25519PublicKey.LENGTH);
    return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typeAndKey);
  }

  /** Whether {@code signature} names this key: same key name and key ID. */
  boolean matches(NoteSignature signature) {
    return name.equals(signature.keyName()) && keyId == signature.keyId();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteKey k
        && keyId == k.keyId
        && name.equals(k.name)
        && publicKey.equals(k.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyId, publicKey);
  }

  @Override
  public String toString() {
    return toVkey();
  }
}
