package io.lotledger.epcis;

/**
 * The value-level rules shared by {@link DigitalLink} and {@link EpcUrn}: GS1 keys with their
 * mod-10 check digit, alphanumeric qualifiers in the GS1 AI encodable character set 82, and the two
 * percent-encodings (Digital Link path segments, EPC pure-identity URNs).
 *
 * <p>Every check throws {@link Gs1FormatException} naming the element and the offending value, so a
 * caller learns which part of an identifier is wrong and why. Stateless and thread-safe.
 */
final class Gs1Syntax {
  /** Maximum length of AI (10) batch/lot, AI (21) serial and AI (254) GLN extension: X..20. */
  static final int MAX_ALPHANUMERIC = 20;

  /** GS1 EPC Tag Data Standard 2.x: a GS1 Company Prefix has 6 to 12 digits. */
  static final int MIN_PREFIX = 6;

  static final int MAX_PREFIX = 12;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Gs1Syntax() {}

  /**
   * The GS1 mod-10 check digit of {@code body} (the key without its last digit). GS1 General
   * Specifications §7.9.1: weights 3 and 1 alternate from the rightmost body digit leftwards, and
   * the check digit brings the weighted sum up to a multiple of ten. Leading zeros do not change
   * it, which is why a GTIN-8, -12 or -13 keeps its check digit when padded to GTIN-14.
   */
  static int checkDigit(CharSequence body) {
    int sum = 0;
    int weight = 3;
    for (int i = body.length() - 1; i >= 0; i--) {
      sum += (body.charAt(i) - '0') * weight;
      weight = 4 - weight;
    }
    return (10 - sum % 10) % 10;
  }

  /** {@code body} followed by its check digit. */
  static String withCheckDigit(CharSequence body) {
    return body.toString() + checkDigit(body);
  }

  /** Fails unless {@code value} consists of ASCII digits only; {@code name} names the element. */
  static void requireDigits(String name, String value) throws Gs1FormatException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new Gs1FormatException(
            name,
            name + " " + value + ": " + describe(c) + " at index " + i + " is not a digit",
            null);
      }
    }
  }

  /**
   * Fails unless {@code value} is a complete GS1 key of {@code length} digits whose last digit is
   * its mod-10 check digit (GS1 General Specifications §3, AI definitions: 00 is N18, 01 is N14,
   * 414 and 417 are N13; §7.9.1 for the check digit).
   */
  static void requireKey(String name, String value, int length) throws Gs1FormatException {
    requireDigits(name, value);
    if (value.length() != length) {
      throw new Gs1FormatException(
          name, name + " " + value + ": " + value.length() + " digits, expected " + length, null);
    }
    int expected = checkDigit(value.subSequence(0, length - 1));
    int actual = value.charAt(length - 1) - '0';
    if (actual != expected) {
      throw new Gs1FormatException(
          name, name + " " + value + ": check digit " + actual + ", expected " + expected, null);
    }
  }

  /**
   * Fails unless {@code value} has 1 to 20 characters, all from the GS1 AI encodable character set
   * 82 (GS1 General Specifications §7.11, figure 7.11-1), the format X..20 of AIs 10, 21 and 254.
   */
  static void requireAlphanumeric(String name, String value) throws Gs1FormatException {
    if (value.isEmpty()) {
      throw new Gs1FormatException(name, name + " is empty", null);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isCharacterSet82(c)) {
        throw new Gs1FormatException(
            name,
            name
                + " '"
                + value
                + "': "
                + describe(c)
                + " at index "
                + i
                + " is outside the GS1 AI encodable character set 82",
            null);
      }
    }
    if (value.length() > MAX_ALPHANUMERIC) {
      throw new Gs1FormatException(
          name,
          name + " '" + value + "': " + value.length() + " characters, at most " + MAX_ALPHANUMERIC,
          null);
    }
  }

  /** Fails unless {@code length} is a GS1 Company Prefix length (EPC TDS 2.x: 6 to 12 digits). */
  static void requirePrefixLength(int length) throws Gs1FormatException {
    if (length < MIN_PREFIX || length > MAX_PREFIX) {
      throw new Gs1FormatException(
          "company prefix length",
          "company prefix length " + length + ": expected " + MIN_PREFIX + " to " + MAX_PREFIX,
          null);
    }
  }

  /**
   * GS1 General Specifications figure 7.11-1: {@code ! " % & ' ( ) * + , - . /}, digits, {@code : ;
   * < = > ?}, upper-case letters, {@code _} and lower-case letters; 82 characters in all.
   */
  static boolean isCharacterSet82(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '?') // 0-9 : ; < = > ?
        || (c >= '%' && c <= '/') // % & ' ( ) * + , - . /
        || c == '!'
        || c == '"'
        || c == '_';
  }

  /**
   * Encodes a value for a Digital Link path segment. GS1 Digital Link URI Syntax 1.2 (its ABNF
   * grammar, XCHAR) leaves digits, letters, {@code -}, {@code .} and {@code _} as they are and
   * percent-encodes every other symbol of set 82. The ABNF also allows a literal {@code "}, but RFC
   * 3986 does not, so it is encoded too; upper-case hex as RFC 3986 §2.1 recommends.
   */
  static String encodeDigitalLink(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_') {
        out.append(c);
      } else {
        appendEscape(out, c);
      }
    }
    return out.toString();
  }

  /**
   * Decodes a Digital Link path segment. Any {@code %XX} escape is decoded (the syntax requires
   * encoders to escape, but decoders meet both spellings of sub-delimiters); a literal character
   * must be an RFC 3986 §3.3 {@code pchar}. The result is then held to set 82 by the caller.
   */
  static String decodeDigitalLink(String name, String segment) throws Gs1FormatException {
    return decode(name, segment, true);
  }

  /**
   * Encodes a value for the last component of an EPC pure-identity URN. GS1 EPC Tag Data Standard
   * 2.x (common grammar elements, GS3A3Component) escapes exactly {@code " % & / < > ?} within set
   * 82; the other symbols stand for themselves.
   */
  static String encodeUrn(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '%' || c == '&' || c == '/' || c == '<' || c == '>' || c == '?') {
        appendEscape(out, c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Decodes an EPC URN component escaped as {@link #encodeUrn} does. */
  static String decodeUrn(String name, String component) throws Gs1FormatException {
    return decode(name, component, false);
  }

  private static String decode(String name, String text, boolean pcharOnly)
      throws Gs1FormatException {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0 || text.charAt(i + 1) > 'f' || text.charAt(i + 2) > 'f') {
          throw new Gs1FormatException(
              name,
              name + " '" + text + "': '%' at index " + i + " does not start a %XX escape",
              null);
        }
        out.append((char) (hi * 16 + lo));
        i += 2;
      } else if (pcharOnly && !isPchar(c)) {
        throw new Gs1FormatException(
            name,
            name
                + " '"
                + text
                + "': "
                + describe(c)
                + " at index "
                + i
                + " must be percent-encoded in a URI path (RFC 3986 §3.3)",
            null);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** RFC 3986 §3.3 pchar, minus pct-encoded: unreserved, sub-delims, ':' and '@'. */
  private static boolean isPchar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
  }

  private static void appendEscape(StringBuilder out, char c) {
    out.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
  }

  /** A character as a message shows it: quoted, with its code point so invisible ones show. */
  static String describe(char c) {
    return String.format(
        "character '%s' (U+%04X)", c < 0x20 || c == 0x7F ? "?" : String.valueOf(c), (int) c);
  }
}
