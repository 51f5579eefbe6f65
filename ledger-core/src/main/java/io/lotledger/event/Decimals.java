package io.lotledger.event;

import java.math.BigDecimal;

/**
 * The canonical text of an exact decimal: plain notation, no trailing fractional zeros, no exponent
 * ("12.5", "1000", "0.0042"). One value has exactly one text, so an entry's bytes are unique.
 */
public final class Decimals {
  /** Most significant digits accepted (money and masses need far fewer). */
  public static final int MAX_PRECISION = 38;

  /** Most fractional digits accepted. */
  public static final int MAX_SCALE = 18;

  private Decimals() {}

  /** {@code value} reduced to its canonical scale; throws if it exceeds the bounds. */
  public static BigDecimal canonical(String what, BigDecimal value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    BigDecimal v = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    // Bounded before rescaling or printing plainly: 1E+999999999 is short to write (an entry or an
    // EPCIS
    // document can carry it) and enormous to expand. A negative scale adds that many digits at
    // scale 0.
    long digits = (long) v.precision() - Math.min(v.scale(), 0);
    if (v.scale() > MAX_SCALE || digits > MAX_PRECISION) {
      throw new IllegalArgumentException(
          what
              + " "
              + value
              + " exceeds "
              + MAX_PRECISION
              + " digits or "
              + MAX_SCALE
              + " decimals");
    }
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  /** The canonical text of {@code value}. */
  public static String format(BigDecimal value) {
    return canonical("decimal", value).toPlainString();
  }

  /**
   * Whether {@code text} has the canonical shape: optional '-', then "0" or a digit string without
   * leading zeros, then optionally '.' and digits not ending in '0'; and not "-0". Checked on the
   * characters, so that decoding an entry does not print every decimal back to compare it.
   */
  static boolean canonicalShape(String text) {
    int n = text.length();
    int i = 0;
    if (n > 0 && text.charAt(0) == '-') {
      i = 1;
    }
    int intStart = i;
    while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
      i++;
    }
    int intLength = i - intStart;
    if (intLength == 0 || (intLength > 1 && text.charAt(intStart) == '0')) {
      return false;
    }
    if (i == n) {
      return !(intStart == 1 && intLength == 1 && text.charAt(1) == '0'); // "-0"
    }
    if (text.charAt(i) != '.' || i == n - 1 || text.charAt(n - 1) == '0') {
      return false;
    }
    for (int j = i + 1; j < n; j++) {
      char c = text.charAt(j);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true; // "-0.5" is canonical; "-0.0" ends in 0 and was refused above
  }

  /** Parses text that must already be canonical; throws naming {@code what} otherwise. */
  public static BigDecimal parseCanonical(String what, String text) {
    if (text.length() > MAX_PRECISION + 3) {
      throw new IllegalArgumentException(
          what + " is longer than any canonical decimal: " + text.length() + " chars");
    }
    if (canonicalShape(text)) {
      BigDecimal value = new BigDecimal(text);
      if (value.scale() <= MAX_SCALE && value.precision() <= MAX_PRECISION) {
        return value; // a canonical shape is exactly what canonical(value).toPlainString() prints
      }
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a decimal: '" + text + "'");
    }
    BigDecimal canonical = canonical(what, value);
    if (!canonical.toPlainString().equals(text)) {
      throw new IllegalArgumentException(
          what + " '" + text + "' is not canonical; expected '" + canonical.toPlainString() + "'");
    }
    return canonical;
  }
}
