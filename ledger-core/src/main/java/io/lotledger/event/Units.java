package io.lotledger.event;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a UN/CEFACT Recommendation 20 unit code measures, and exact conversion between codes of the
 * same dimension. Mass converts (MGM, GRM, KGM, TNE, to kilograms), volume converts (MLT, LTR, MTQ,
 * to litres), counts convert (H87 piece, EA each, C62 one, NAR number of articles: all 1). Codes of
 * different dimensions never mix; a code not listed here is its own dimension, so it combines only
 * with itself.
 */
public final class Units {
  /** The dimension a unit code measures. */
  public enum Dimension {
    /** Mass; base unit KGM (kilogram). */
    MASS("KGM"),
    /** Volume; base unit LTR (litre). */
    VOLUME("LTR"),
    /** Count of pieces; base unit H87 (piece). */
    COUNT("H87"),
    /** A code with no known conversion: combines only with the identical code. */
    OTHER(null);

    private final String base;

    Dimension(String base) {
      this.base = base;
    }

    /** The unit amounts of this dimension are converted to; null for {@link #OTHER}. */
    public String baseUnit() {
      return base;
    }
  }

  private record Unit(Dimension dimension, BigDecimal factor) {}

  private static final Map<String, Unit> UNITS =
      Map.ofEntries(
          Map.entry("MGM", new Unit(Dimension.MASS, new BigDecimal("0.000001"))),
          Map.entry("GRM", new Unit(Dimension.MASS, new BigDecimal("0.001"))),
          Map.entry("KGM", new Unit(Dimension.MASS, BigDecimal.ONE)),
          Map.entry("TNE", new Unit(Dimension.MASS, new BigDecimal("1000"))),
          Map.entry("MLT", new Unit(Dimension.VOLUME, new BigDecimal("0.001"))),
          Map.entry("LTR", new Unit(Dimension.VOLUME, BigDecimal.ONE)),
          Map.entry("MTQ", new Unit(Dimension.VOLUME, new BigDecimal("1000"))),
          Map.entry("H87", new Unit(Dimension.COUNT, BigDecimal.ONE)),
          Map.entry("EA", new Unit(Dimension.COUNT, BigDecimal.ONE)),
          Map.entry("C62", new Unit(Dimension.COUNT, BigDecimal.ONE)),
          Map.entry("NAR", new Unit(Dimension.COUNT, BigDecimal.ONE)));

  private Units() {}

  /** The dimension {@code unit} measures; {@link Dimension#OTHER} for a code not listed above. */
  public static Dimension dimension(String unit) {
    Unit u = UNITS.get(unit);
    return u == null ? Dimension.OTHER : u.dimension();
  }

  /**
   * The unit {@code unit}'s amounts are kept in: the dimension's base unit (KGM, LTR, H87), or the
   * code itself when it has no known conversion.
   */
  public static String baseUnit(String unit) {
    Unit u = UNITS.get(unit);
    return u == null ? unit : u.dimension().baseUnit();
  }

  /**
   * True when amounts in {@code a} and {@code b} can be added: same dimension, or the same code.
   */
  public static boolean compatible(String a, String b) {
    return baseUnit(a).equals(baseUnit(b));
  }

  /** {@code q}'s amount in its base unit, exactly (no rounding: the factors are powers of ten). */
  public static BigDecimal toBase(Quantity q) {
    Unit u = UNITS.get(q.unit());
    BigDecimal v = u == null ? q.amount() : q.amount().multiply(u.factor());
    return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
  }

  /**
   * The GS1 Web Vocabulary term ({@code https://gs1.org/voc/netWeight}) under which lot master data
   * declares the net mass of one piece of a counted lot, as a {@link LotMasterData} extension whose
   * value is an amount and a mass unit, e.g. {@code 0.92 KGM}.
   */
  public static final String GS1_VOC = "https://gs1.org/voc/";

  /**
   * The GS1 Web Vocabulary term name for a piece's net mass, {@code netWeight}, within {@link
   * #GS1_VOC}.
   */
  public static final String NET_WEIGHT = "netWeight";

  /**
   * The net mass of one piece that {@code ilmd} declares, in kilograms; null when it declares none.
   */
  public static BigDecimal netKilogramsPerPiece(LotMasterData ilmd) {
    return netKilogramsPerPiece(ilmd.extensions());
  }

  /** As {@link #netKilogramsPerPiece(LotMasterData)}, over master data extensions. */
  static BigDecimal netKilogramsPerPiece(java.util.List<Extension> extensions) {
    for (Extension x : extensions) {
      if (GS1_VOC.equals(x.namespace()) && NET_WEIGHT.equals(x.name())) {
        String[] parts = x.value().trim().split(" ");
        if (parts.length != 2) {
          throw new IllegalArgumentException(
              "gs1:netWeight must be an amount and a mass unit like 0.92 KGM, not " + x.value());
        }
        BigDecimal kg;
        try {
          kg = kilograms(new Quantity(new BigDecimal(parts[0]), parts[1]));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "gs1:netWeight amount is not a decimal: " + x.value(), e);
        }
        if (kg == null) {
          throw new IllegalArgumentException(
              "gs1:netWeight must be in a mass unit, not " + parts[1]);
        }
        return kg;
      }
    }
    return null;
  }

  /** {@code q} in kilograms, or null when its unit is not a mass unit. */
  public static BigDecimal kilograms(Quantity q) {
    return dimension(q.unit()) == Dimension.MASS ? toBase(q) : null;
  }
}
