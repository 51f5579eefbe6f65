package io.lotledger.event;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An exact, non-negative amount with a UN/CEFACT Recommendation 20 unit code (KGM kilogram, TNE
 * tonne, GRM gram, H87 piece, LTR litre ...). Never a {@code double}.
 *
 * @param amount the amount, exact and non-negative
 * @param unit the UN/CEFACT Rec 20 unit code, such as {@code KGM}
 */
public record Quantity(BigDecimal amount, String unit) {
  private static final Pattern UNIT = Pattern.compile("[A-Z0-9]{2,3}");

  /**
   * Puts {@code amount} in canonical form (trailing zeros stripped).
   *
   * @throws IllegalArgumentException if {@code amount} is null or negative, or {@code unit} is not
   *     a two- or three-character UN/CEFACT Rec 20 code such as {@code KGM}
   */
  public Quantity {
    amount = Decimals.canonical("quantity", amount);
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(
          "quantity must not be negative: " + amount.toPlainString());
    }
    if (unit == null || !UNIT.matcher(unit).matches()) {
      throw new IllegalArgumentException(
          "unit must be a UN/CEFACT Rec 20 code like KGM, not " + unit);
    }
  }

  /** {@code amount} (decimal text) in {@code unit}. */
  public static Quantity of(String amount, String unit) {
    return new Quantity(new BigDecimal(amount), unit);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + unit;
  }
}
