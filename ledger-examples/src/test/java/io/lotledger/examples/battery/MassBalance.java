package io.lotledger.examples.battery;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.event.Units;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of mass balance, computed from what a chain recorded, to check the example's own
 * arithmetic: a transformation output's element share and carbon footprint from its inputs'
 * declared master data and the step's declared emissions. Not a claims roll-up: it looks one step
 * upstream only.
 */
final class MassBalance {
  private MassBalance() {}

  /** Every transformation the ledger holds, oldest first. */
  static List<TransformationEvent> transformations(Ledger ledger) throws LedgerException {
    List<TransformationEvent> all = new ArrayList<>();
    for (long i = 0; i < ledger.size(); i++) {
      if (ledger.entry(i).orElseThrow().event() instanceof TransformationEvent t) {
        all.add(t);
      }
    }
    return all;
  }

  /**
   * The master data {@code lot} was created with: its commissioning (ADD) or the transformation
   * that produced it.
   */
  static LotMasterData masterData(Ledger ledger, LotId lot) throws LedgerException {
    for (Entry e : ledger.history(lot)) {
      if (e.event() instanceof ObjectEvent o && o.action() == Action.ADD) {
        return o.ilmd();
      }
      if (e.event() instanceof TransformationEvent t
          && t.outputs().stream().anyMatch(q -> q.lot().equals(lot))) {
        return t.ilmd();
      }
    }
    return LotMasterData.NONE;
  }

  /** What the master data declares about {@code element}, or null. */
  static ElementShare share(LotMasterData ilmd, String element) {
    return ilmd.elements().stream()
        .filter(e -> e.element().equals(element))
        .findFirst()
        .orElse(null);
  }

  /** Kilograms of {@code element} in {@code lots}: consumed kg x declared mass fraction. */
  static BigDecimal elementKilograms(Ledger ledger, List<LotQuantity> lots, String element)
      throws LedgerException {
    BigDecimal sum = BigDecimal.ZERO;
    for (LotQuantity q : lots) {
      ElementShare s = share(masterData(ledger, q.lot()), element);
      BigDecimal kg = Units.kilograms(q.quantity());
      if (s != null && kg != null) {
        sum = sum.add(kg.multiply(s.massFraction()));
      }
    }
    return sum;
  }

  /**
   * The post-consumer share of {@code element} in {@code t}'s output: sum(m_i r_i) / sum(m_i) over
   * its inputs.
   */
  static BigDecimal postConsumerShare(Ledger ledger, TransformationEvent t, String element)
      throws LedgerException {
    BigDecimal recycled = BigDecimal.ZERO;
    for (LotQuantity q : t.inputs()) {
      ElementShare s = share(masterData(ledger, q.lot()), element);
      if (s != null && s.recycledPostConsumer() != null) {
        recycled =
            recycled.add(
                Units.kilograms(q.quantity())
                    .multiply(s.massFraction())
                    .multiply(s.recycledPostConsumer()));
      }
    }
    return recycled.divide(elementKilograms(ledger, t.inputs(), element), MathContext.DECIMAL128);
  }

  /**
   * {@code t}'s single mass output's footprint: (sum(consumed kg x footprint) + step emissions) /
   * produced kg.
   */
  static BigDecimal carbonFootprint(Ledger ledger, TransformationEvent t) throws LedgerException {
    BigDecimal total = t.stepEmissions();
    for (LotQuantity q : t.inputs()) {
      total =
          total.add(
              Units.kilograms(q.quantity())
                  .multiply(masterData(ledger, q.lot()).carbonFootprint()));
    }
    return total.divide(Units.kilograms(t.outputs().get(0).quantity()), MathContext.DECIMAL128);
  }
}
