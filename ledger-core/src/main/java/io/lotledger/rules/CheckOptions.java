package io.lotledger.rules;

import java.math.BigDecimal;

/**
 * How strictly a check compares and how far it walks.
 *
 * @param tolerance the absolute difference allowed between a declared claim and the computed value
 *     before the claim is a finding: a share (0..1) for recycled content, kg CO2e per kg for
 *     carbon. Declared values are usually rounded (to 0.01 or 0.001), so zero tolerance would flag
 *     honest rounding.
 * @param maxLotStates the most lot states the ancestry walk visits (a lot as it stood when one
 *     transformation consumed it is one state); a larger ancestry fails with {@code INVALID_INPUT}
 *     instead of exhausting memory
 */
public record CheckOptions(BigDecimal tolerance, int maxLotStates) {
  /** Tolerance 0.005, at most 100 000 lot states. */
  public static final CheckOptions DEFAULT = new CheckOptions(new BigDecimal("0.005"), 100_000);

  /**
   * @throws IllegalArgumentException if {@code tolerance} is null, negative, or has more than 12
   *     integer or 18 decimal digits, or {@code maxLotStates} is below 1
   */
  public CheckOptions {
    if (tolerance == null || tolerance.signum() < 0) {
      throw new IllegalArgumentException(
          "tolerance must be a non-negative decimal, not " + tolerance);
    }
    if (tolerance.precision() - tolerance.scale() > 12 || tolerance.scale() > 18) {
      throw new IllegalArgumentException(
          "tolerance "
              + tolerance.toPlainString()
              + " is out of range (at most 12 integer and 18 decimal digits)");
    }
    if (maxLotStates < 1) {
      throw new IllegalArgumentException("maxLotStates must be positive, not " + maxLotStates);
    }
  }

  /**
   * These options with tolerance {@code t} (a fraction, such as 0.005 for half a percentage point).
   */
  public CheckOptions withTolerance(BigDecimal t) {
    return new CheckOptions(t, maxLotStates);
  }

  /** These options with at most {@code n} lot states computed in one check. */
  public CheckOptions withMaxLotStates(int n) {
    return new CheckOptions(tolerance, n);
  }
}
