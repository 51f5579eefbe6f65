package io.lotledger.event;

import java.math.BigDecimal;

/**
 * What a lot contains of one chemical element: its mass fraction (assay) and the share of that
 * element that is recycled, kept apart as pre-consumer and post-consumer (EU Battery Regulation
 * 2023/1542 Art. 8). Every fraction is in [0, 1]; the recycled shares are null when not declared.
 *
 * @param element the chemical symbol, such as {@code Co}
 * @param massFraction the element's mass fraction of the lot, in [0, 1]
 * @param recycledPreConsumer the share of the element recycled from pre-consumer (manufacturing)
 *     waste, in [0, 1], or null when not declared
 * @param recycledPostConsumer the share of the element recycled from post-consumer waste, in [0,
 *     1], or null when not declared
 */
public record ElementShare(
    String element,
    BigDecimal massFraction,
    BigDecimal recycledPreConsumer,
    BigDecimal recycledPostConsumer) {
  private static final java.util.regex.Pattern SYMBOL =
      java.util.regex.Pattern.compile("[A-Z][a-z]?");

  /**
   * Puts the fractions in canonical form (trailing zeros stripped).
   *
   * @throws IllegalArgumentException if {@code element} is not a chemical symbol such as {@code
   *     Co}, a fraction is null (the recycled shares may be) or outside [0, 1], or the two recycled
   *     shares add up to more than 1
   */
  public ElementShare {
    if (element == null || !SYMBOL.matcher(element).matches()) {
      throw new IllegalArgumentException(
          "element must be a chemical symbol like Co, not " + element);
    }
    massFraction = fraction(element + " mass fraction", massFraction);
    recycledPreConsumer =
        recycledPreConsumer == null
            ? null
            : fraction(element + " pre-consumer share", recycledPreConsumer);
    recycledPostConsumer =
        recycledPostConsumer == null
            ? null
            : fraction(element + " post-consumer share", recycledPostConsumer);
    if (recycledPreConsumer != null
        && recycledPostConsumer != null
        && recycledPreConsumer.add(recycledPostConsumer).compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(element + " recycled shares add up to more than 1");
    }
  }

  private static BigDecimal fraction(String what, BigDecimal v) {
    BigDecimal c = Decimals.canonical(what, v);
    if (c.signum() < 0 || c.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(what + " must be in [0, 1], not " + c.toPlainString());
    }
    return c;
  }

  /**
   * The share of {@code element} with the fractions given as decimal strings, such as {@code
   * "0.2"}; {@code pre} and {@code post} may be null.
   *
   * @throws NumberFormatException if a fraction is not a decimal number
   * @throws IllegalArgumentException as the constructor
   */
  public static ElementShare of(String element, String massFraction, String pre, String post) {
    return new ElementShare(
        element,
        new BigDecimal(massFraction),
        pre == null ? null : new BigDecimal(pre),
        post == null ? null : new BigDecimal(post));
  }
}
