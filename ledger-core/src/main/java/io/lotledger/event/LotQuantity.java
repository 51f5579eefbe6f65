package io.lotledger.event;

import java.util.Optional;

/**
 * A lot named by an event, with the quantity the event concerns (absent when not stated).
 *
 * @param lot the lot
 * @param quantity the quantity the event concerns, or null when not stated
 */
public record LotQuantity(LotId lot, Quantity quantity) {
  /**
   * @throws IllegalArgumentException if {@code lot} is null
   */
  public LotQuantity {
    if (lot == null) {
      throw new IllegalArgumentException("lot must not be null");
    }
  }

  /**
   * Lot {@code lot} with {@code amount} (a decimal string such as {@code "12.5"}) of {@code unit}
   * (a UN/CEFACT Rec 20 code such as {@code KGM}).
   *
   * @throws IllegalArgumentException if {@code lot} is not a valid lot id or the quantity is
   *     invalid
   */
  public static LotQuantity of(String lot, String amount, String unit) {
    return new LotQuantity(new LotId(lot), Quantity.of(amount, unit));
  }

  /** Lot {@code lot} with no quantity stated. */
  public static LotQuantity of(LotId lot) {
    return new LotQuantity(lot, null);
  }

  /** The quantity, or empty when the event does not state one. */
  public Optional<Quantity> stated() {
    return Optional.ofNullable(quantity);
  }

  @Override
  public String toString() {
    return quantity == null ? lot.uri() : lot.uri() + " " + quantity;
  }
}
