package io.lotledger.rules;

import io.lotledger.entry.Entry;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.TransformationEvent;
import io.lotledger.event.Units;
import io.lotledger.rules.Material.Share;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The mass balance of one transformation entry: from what its inputs contain (per kilogram
 * consumed) to what its outputs contain, by the mass-balance chain-of-custody model of ISO
 * 22095:2020 (the characteristics of the inputs are passed to the outputs in proportion to mass):
 * for each element E,
 *
 * <pre>
 *   m_i        = input i's consumed kg x its mass fraction of E
 *   share_out  = sum(m_i x share_i) / sum(m_i)        (pre- and post-consumer apart)
 *   fraction   = declared assay of the outputs, else sum(m_i) / total output kg
 *   footprint  = (sum(input kg x input footprint) + step emissions) / total output kg
 * </pre>
 *
 * Every output of one entry gets the same shares and the same footprint per kilogram: splitting
 * material does not change what a kilogram of it is, and the step's emissions are shared by mass.
 * Only masses take part: quantities in mass units ({@link Units#kilograms}), and counts of pieces
 * whose master data declares the net mass of a piece (GS1 {@code netWeight}, {@link
 * Units#netKilogramsPerPiece}); any other input (litres, undeclared pieces) is left out and noted,
 * which makes every element it may contain unknown.
 */
final class StepBalance {
  private final Entry entry;
  private final Map<LotId, Material> outputs = new LinkedHashMap<>();
  private final Map<String, Share> computed = new TreeMap<>();
  private BigDecimal computedCarbon;
  private boolean carbonLowerBound;

  /** Looks up what one input lot contained when this entry consumed it. */
  @FunctionalInterface
  interface Inputs {
    Material of(LotId lot);
  }

  private StepBalance(Entry entry) {
    this.entry = entry;
  }

  /**
   * Balances transformation {@code entry}; writes a note to {@code notes} for each gap in its
   * records.
   */
  static StepBalance of(Entry entry, Inputs inputs, Consumer<String> notes) {
    StepBalance b = new StepBalance(entry);
    b.balance((TransformationEvent) entry.event(), inputs, notes);
    return b;
  }

  private void balance(TransformationEvent t, Inputs inputs, Consumer<String> notes) {
    String at = "entry " + entry.index() + ": ";
    List<LotQuantity> ins = t.inputs();
    List<BigDecimal> kgs = new ArrayList<>(ins.size());
    List<Material> mats = new ArrayList<>(ins.size());
    TreeSet<String> symbols = new TreeSet<>();
    boolean othersUnknown = false;
    BigDecimal co2 = BigDecimal.ZERO;
    boolean lower = false;
    for (LotQuantity in : ins) {
      Material m = inputs.of(in.lot());
      BigDecimal kg = in.stated().map(q -> Material.kilograms(q, m.kgPerPiece())).orElse(null);
      kgs.add(kg);
      mats.add(m);
      symbols.addAll(m.elements().keySet());
      othersUnknown |= m.otherElementsUnknown();
      if (kg == null) {
        notes.accept(
            at
                + "input "
                + in.lot()
                + " is "
                + describe(in)
                + ", not a mass; it is left out of the mass balance");
        lower = true;
      } else if (m.carbonFootprint() == null) {
        notes.accept(
            at
                + "input "
                + in.lot()
                + " has no known carbon footprint; counted as 0 (the computed footprint is a lower bound)");
        lower = true;
      } else {
        co2 = co2.add(kg.multiply(m.carbonFootprint(), Material.MATH), Material.MATH);
        lower |= m.carbonLowerBound();
      }
    }
    if (t.stepEmissions() == null) {
      notes.accept(
          at
              + "step emissions not declared; counted as 0 (the computed footprint is a lower bound)");
      lower = true;
    } else {
      co2 = co2.add(t.stepEmissions(), Material.MATH);
    }

    BigDecimal perPiece = Units.netKilogramsPerPiece(t.ilmd());
    BigDecimal totalOut = BigDecimal.ZERO;
    for (LotQuantity out : t.outputs()) {
      BigDecimal kg = out.stated().map(q -> Material.kilograms(q, perPiece)).orElse(null);
      if (kg == null) {
        notes.accept(
            at
                + "output "
                + out.lot()
                + " is "
                + describe(out)
                + ", not a mass; per-kilogram values of the outputs cannot be computed");
        totalOut = null;
        break;
      }
      totalOut = totalOut.add(kg, Material.MATH);
    }
    if (totalOut != null && totalOut.signum() == 0) {
      totalOut = null;
    }

    LotMasterData ilmd = t.ilmd();
    Map<String, ElementShare> declared = new TreeMap<>();
    ilmd.elements().forEach(e -> declared.put(e.element(), e));
    symbols.addAll(declared.keySet());

    TreeMap<String, Share> out = new TreeMap<>();
    for (String symbol : symbols) {
      Share c = balanceElement(symbol, kgs, mats, totalOut);
      computed.put(symbol, c);
      ElementShare d = declared.get(symbol);
      if (d == null) {
        out.put(symbol, c);
        continue;
      }
      if (c.massFraction() != null
          && totalOut != null
          && d.massFraction().compareTo(c.massFraction()) > 0) {
        notes.accept(
            at
                + "declares "
                + symbol
                + " mass fraction "
                + Material.text(d.massFraction())
                + " for its outputs, more than the "
                + Material.text(c.massFraction())
                + " its weighed inputs hold");
      }
      out.put(
          symbol,
          new Share(
              d.massFraction(),
              Material.flowRecycled(d.recycledPreConsumer(), c.recycledPreConsumer()),
              Material.flowRecycled(d.recycledPostConsumer(), c.recycledPostConsumer())));
    }
    computedCarbon = totalOut == null ? null : Material.divide(co2, totalOut);
    carbonLowerBound = lower;
    BigDecimal flowing = Material.flowCarbon(ilmd.carbonFootprint(), computedCarbon);
    for (LotQuantity o : t.outputs()) {
      BigDecimal kg = o.stated().map(q -> Material.kilograms(q, perPiece)).orElse(null);
      outputs.put(
          o.lot(), new Material(Material.exact(kg), out, othersUnknown, flowing, lower, perPiece));
    }
  }

  /**
   * Element {@code symbol} over the inputs; unknown when an input that may hold it was not weighed
   * or is unknown.
   */
  private static Share balanceElement(
      String symbol, List<BigDecimal> kgs, List<Material> mats, BigDecimal totalOut) {
    List<BigDecimal[]> parts = new ArrayList<>(kgs.size());
    for (int i = 0; i < kgs.size(); i++) {
      Share s = mats.get(i).share(symbol);
      boolean absent = s.massFraction() != null && s.massFraction().signum() == 0;
      if (absent) {
        continue;
      }
      if (kgs.get(i) == null || s.massFraction() == null) {
        return Share.UNKNOWN;
      }
      BigDecimal elementKg = kgs.get(i).multiply(s.massFraction(), Material.MATH);
      parts.add(new BigDecimal[] {elementKg, s.recycledPreConsumer(), s.recycledPostConsumer()});
    }
    return Material.weigh(parts, totalOut);
  }

  private static String describe(LotQuantity q) {
    return q.stated().map(x -> "stated in " + x.unit()).orElse("stated without a quantity");
  }

  Entry entry() {
    return entry;
  }

  /** What output {@code lot} contains per kilogram, as it flows on to later steps. */
  Material output(LotId lot) {
    return outputs.get(lot);
  }

  /**
   * The computed share of {@code element} (before any declaration); every element the entry
   * declares or an input lists has one, any other is unknown.
   */
  Share computed(String element) {
    Share s = computed.get(element);
    return s == null ? Share.UNKNOWN : s;
  }

  /**
   * The computed footprint per kilogram of output (before any declaration), null when not
   * computable.
   */
  BigDecimal computedCarbon() {
    return computedCarbon;
  }

  boolean carbonLowerBound() {
    return carbonLowerBound;
  }
}
