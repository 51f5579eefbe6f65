package io.lotledger.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the records say one quantity of material contains: its mass, per element the mass fraction
 * and the recycled shares of that element (pre- and post-consumer apart), and its carbon footprint
 * per kilogram. A null value is unknown; an element not listed is absent unless {@code
 * otherElementsUnknown}. Immutable.
 *
 * <p>All arithmetic is exact decimal arithmetic rounded to {@link #MATH} (34 significant digits,
 * IEEE 754 decimal128, half-even); {@code double} never appears.
 *
 * @param massKg the mass in kilograms, or null when it was not stated in a mass unit
 * @param carbonLowerBound whether some material behind the footprint had no known footprint and was
 *     counted as 0, so the true footprint may only be higher
 * @param kgPerPiece for a lot counted in pieces, the net mass of one piece its master data declares
 *     (GS1 {@code netWeight}), so that consuming N pieces weighs N x this; null when not declared
 */
record Material(
    BigDecimal massKg,
    SortedMap<String, Share> elements,
    boolean otherElementsUnknown,
    BigDecimal carbonFootprint,
    boolean carbonLowerBound,
    BigDecimal kgPerPiece) {

  /** The precision of every division and product: 34 significant digits, half-even (decimal128). */
  static final MathContext MATH = MathContext.DECIMAL128;

  /** Material about which nothing is known: no mass, any element, no footprint. */
  static final Material UNKNOWN = new Material(null, new TreeMap<>(), true, null, false, null);

  /**
   * One element's part of some material: its mass fraction and the shares of that element's mass
   * recycled from pre-consumer (manufacturing) and post-consumer waste, each null when unknown.
   */
  record Share(
      BigDecimal massFraction, BigDecimal recycledPreConsumer, BigDecimal recycledPostConsumer) {
    static final Share ABSENT = new Share(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    static final Share UNKNOWN = new Share(null, null, null);

    boolean sharesKnown() {
      return recycledPreConsumer != null && recycledPostConsumer != null;
    }
  }

  Material {
    elements = Collections.unmodifiableSortedMap(new TreeMap<>(elements));
  }

  /** The share of {@code element}: listed, absent, or unknown when other elements are unknown. */
  Share share(String element) {
    Share s = elements.get(element);
    if (s != null) {
      return s;
    }
    return otherElementsUnknown ? Share.UNKNOWN : Share.ABSENT;
  }

  /**
   * Several contributions to one lot, mixed by mass: element masses add up, each recycled share is
   * weighted by the element mass it came with, the footprint by the material mass. Unknown when a
   * contribution was not weighed in kilograms (masses of different dimensions never mix).
   */
  static Material mix(List<Material> parts) {
    if (parts.isEmpty()) {
      return UNKNOWN;
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    TreeSet<String> symbols = new TreeSet<>();
    boolean othersUnknown = false;
    for (Material m : parts) {
      symbols.addAll(m.elements().keySet());
      othersUnknown |= m.otherElementsUnknown();
    }
    if (parts.stream().anyMatch(m -> m.massKg() == null)) {
      TreeMap<String, Share> unknown = new TreeMap<>();
      symbols.forEach(s -> unknown.put(s, Share.UNKNOWN));
      return new Material(null, unknown, true, null, false, commonKgPerPiece(parts));
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Material m : parts) {
      total = total.add(m.massKg(), MATH);
    }
    TreeMap<String, Share> mixed = new TreeMap<>();
    for (String symbol : symbols) {
      List<BigDecimal[]> weighted = new ArrayList<>(parts.size());
      boolean known = true;
      for (Material m : parts) {
        Share s = m.share(symbol);
        if (s.massFraction() == null) {
          known = false;
          break;
        }
        weighted.add(
            new BigDecimal[] {
              m.massKg().multiply(s.massFraction(), MATH),
              s.recycledPreConsumer(),
              s.recycledPostConsumer()
            });
      }
      mixed.put(symbol, known ? weigh(weighted, total) : Share.UNKNOWN);
    }
    BigDecimal co2 = BigDecimal.ZERO;
    boolean lowerBound = false;
    for (Material m : parts) {
      if (m.carbonFootprint() == null) {
        lowerBound = true;
      } else {
        co2 = co2.add(m.massKg().multiply(m.carbonFootprint(), MATH), MATH);
        lowerBound |= m.carbonLowerBound();
      }
    }
    return new Material(
        exact(total),
        mixed,
        othersUnknown,
        total.signum() == 0 ? null : divide(co2, total),
        lowerBound,
        commonKgPerPiece(parts));
  }

  /**
   * The piece mass every part declares alike, else null (pieces of different masses cannot be
   * weighed).
   */
  private static BigDecimal commonKgPerPiece(List<Material> parts) {
    BigDecimal common = parts.get(0).kgPerPiece();
    for (Material m : parts) {
      if (common == null || m.kgPerPiece() == null || m.kgPerPiece().compareTo(common) != 0) {
        return null;
      }
    }
    return common;
  }

  /**
   * {@code q} in kilograms: a mass as it is, a count by the piece mass {@code kgPerPiece}; null
   * otherwise.
   */
  static BigDecimal kilograms(io.lotledger.event.Quantity q, BigDecimal kgPerPiece) {
    BigDecimal kg = io.lotledger.event.Units.kilograms(q);
    if (kg == null
        && kgPerPiece != null
        && io.lotledger.event.Units.dimension(q.unit())
            == io.lotledger.event.Units.Dimension.COUNT) {
      kg = q.amount().multiply(kgPerPiece, MATH);
    }
    return kg;
  }

  /**
   * The element share of material made of parts given as {element kg, pre share, post share}: the
   * element's mass fraction of {@code totalKg} (0 when no element came in, else null when {@code
   * totalKg} is null or 0) and its recycled shares weighted by element mass (0 when no element mass
   * came in: nothing recycled did).
   */
  static Share weigh(List<BigDecimal[]> parts, BigDecimal totalKg) {
    BigDecimal element = BigDecimal.ZERO;
    BigDecimal pre = BigDecimal.ZERO;
    BigDecimal post = BigDecimal.ZERO;
    boolean sharesKnown = true;
    for (BigDecimal[] p : parts) {
      if (p[0].signum() == 0) {
        continue;
      }
      element = element.add(p[0], MATH);
      if (p[1] == null || p[2] == null) {
        sharesKnown = false;
      } else {
        pre = pre.add(p[0].multiply(p[1], MATH), MATH);
        post = post.add(p[0].multiply(p[2], MATH), MATH);
      }
    }
    BigDecimal fraction =
        element.signum() == 0
            ? BigDecimal.ZERO
            : totalKg == null || totalKg.signum() == 0 ? null : divide(element, totalKg);
    if (!sharesKnown) {
      return new Share(fraction, null, null);
    }
    if (element.signum() == 0) {
      return new Share(fraction, BigDecimal.ZERO, BigDecimal.ZERO);
    }
    return new Share(fraction, divide(pre, element), divide(post, element));
  }

  /**
   * The recycled share that flows on from a declared and a computed one: the less favourable, so a
   * claim never adds recycled content the inputs do not back, and an honest under-statement sticks.
   * When the computed share is unknown, only a declared 0 can flow (it cannot over-state anything).
   */
  static BigDecimal flowRecycled(BigDecimal declared, BigDecimal computed) {
    if (computed == null) {
      return declared != null && declared.signum() == 0 ? BigDecimal.ZERO : null;
    }
    return declared == null ? computed : declared.min(computed);
  }

  /**
   * The footprint that flows on: the less favourable (higher) of declared and computed. A declared
   * footprint above the computed one states emissions the ledger does not show (process energy not
   * recorded as step emissions) and is kept; without a computed value nothing flows.
   */
  static BigDecimal flowCarbon(BigDecimal declared, BigDecimal computed) {
    if (computed == null) {
      return null;
    }
    return declared == null ? computed : declared.max(computed);
  }

  static BigDecimal divide(BigDecimal a, BigDecimal b) {
    return exact(a.divide(b, MATH));
  }

  /** {@code v} without trailing zeros and without an exponent in its plain form (200, not 2E+2). */
  static BigDecimal exact(BigDecimal v) {
    if (v == null) {
      return null;
    }
    if (v.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** Plain decimal text of {@code v}, or "unknown". */
  static String text(BigDecimal v) {
    return v == null ? "unknown" : exact(v).toPlainString();
  }
}
