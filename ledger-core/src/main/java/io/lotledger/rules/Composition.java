package io.lotledger.rules;

import io.lotledger.event.LotId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a lot contains according to the roll-up of its ancestry: its mass, per element the mass
 * fraction and the recycled shares, and its carbon footprint per kilogram. Values flow through
 * transformations by mass balance (see {@link ClaimsCalculator}); unknown values are null and the
 * {@link #notes()} say why.
 *
 * @param massKg the lot's mass in kilograms over every event that brought material into it, or null
 *     when one of them did not state a mass
 * @param elements every element the records mention for the lot, by symbol
 * @param otherElementsUnknown whether material of unknown composition went into the lot, so that an
 *     element not listed may still be present; when false, an element not listed is absent
 * @param carbonFootprint kg CO2e per kg, or null when not computable
 * @param carbonLowerBound whether material or steps without a declared footprint were counted as 0
 * @param notes every gap the roll-up met in the lot's ancestry (an undeclared share counted as 0,
 *     an input in pieces left out), upstream first
 * @param lot the lot
 */
public record Composition(
    LotId lot,
    BigDecimal massKg,
    List<ElementBalance> elements,
    boolean otherElementsUnknown,
    BigDecimal carbonFootprint,
    boolean carbonLowerBound,
    List<String> notes) {

  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException if {@code lot} is null
   */
  public Composition {
    if (lot == null) {
      throw new IllegalArgumentException("lot must not be null");
    }
    elements = List.copyOf(elements);
    notes = List.copyOf(notes);
  }

  /**
   * The balance of {@code element}: listed, absent (all zero) when the composition is fully known,
   * or all unknown otherwise.
   */
  public ElementBalance element(String element) {
    Optional<ElementBalance> listed =
        elements.stream().filter(e -> e.element().equals(element)).findFirst();
    if (listed.isPresent()) {
      return listed.get();
    }
    return otherElementsUnknown
        ? new ElementBalance(element, null, null, null)
        : new ElementBalance(element, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
  }
}
