package io.lotledger.rules;

import java.math.BigDecimal;

/**
 * What a lot contains of one chemical element, as rolled up from its ancestry: the element's mass
 * fraction of the lot and the shares of the element recycled from pre-consumer (manufacturing) and
 * post-consumer waste, kept apart as EU Regulation 2023/1542 Art. 8 requires. Each value is null
 * when the records do not allow computing it.
 *
 * @param element the chemical symbol, such as {@code Co}
 * @param massFraction the element's mass fraction of the lot, or null
 * @param recycledPreConsumer the share of the element recycled from pre-consumer waste, or null
 * @param recycledPostConsumer the share of the element recycled from post-consumer waste, or null
 */
public record ElementBalance(
    String element,
    BigDecimal massFraction,
    BigDecimal recycledPreConsumer,
    BigDecimal recycledPostConsumer) {

  /**
   * @throws IllegalArgumentException if {@code element} is null
   */
  public ElementBalance {
    if (element == null) {
      throw new IllegalArgumentException("element must not be null");
    }
  }

  /** Pre- plus post-consumer share, or null when either is unknown. */
  public BigDecimal recycled() {
    return recycledPreConsumer == null || recycledPostConsumer == null
        ? null
        : Material.exact(recycledPreConsumer.add(recycledPostConsumer));
  }

  /** Whether the records show the lot holds none of the element. */
  public boolean absent() {
    return massFraction != null && massFraction.signum() == 0;
  }
}
