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
    if (v.scale() < 0) {
      v = v.setScale(0);
    }
    if (v.scale() > MAX_SCALE || v.precision() > MAX_PRECISION) {
      throw new IllegalArgumentException(
          what + " " + value.toPlainString() + " exceeds " + MAX_PRECISION + " digits or " + MAX_SCALE + " decimals");
    }
    return v;
  }

  /** The canonical text of {@code value}. */
  public static String format(BigDecimal value) {
    return canonical("decimal", value).toPlainString();
  }

  /** Parses text that must already be canonical; throws naming {@code what} otherwise. */
  public static BigDecimal parseCanonical(String what, String text) {
    if (text.length() > MAX_PRECISION + 3) {
      throw new IllegalArgumentException(what + " is longer than any canonical decimal: " + text.length() + " chars");
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
