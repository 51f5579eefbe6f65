package io.lotledger.event;

import java.util.Optional;

/** A lot named by an event, with the quantity the event concerns (absent when not stated). */
public record LotQuantity(LotId lot, Quantity quantity) {
  public LotQuantity {
    if (lot == null) {
      throw new IllegalArgumentException("lot must not be null");
    }
  }

  public static LotQuantity of(String lot, String amount, String unit) {
    return new LotQuantity(new LotId(lot), Quantity.of(amount, unit));
  }

  public static LotQuantity of(LotId lot) {
    return new LotQuantity(lot, null);
  }

  public Optional<Quantity> stated() {
    return Optional.ofNullable(quantity);
  }

  @Override
  public String toString() {
    return quantity == null ? lot.uri() : lot.uri() + " " + quantity;
  }
}
