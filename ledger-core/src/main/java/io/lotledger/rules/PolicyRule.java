package io.lotledger.rules;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One due-diligence rule of a {@link Policy}, evaluated over a lot's ancestry (the lot and every
 * lot it was made from through transformations) by {@link PolicyEvaluator}. Immutable values,
 * validated on construction: a bad value throws {@link IllegalArgumentException} naming the field.
 */
public sealed interface PolicyRule
    permits PolicyRule.RequireCertification,
        PolicyRule.ForbiddenOrigins,
        PolicyRule.TemperatureLimit,
        PolicyRule.MinimumRecycledShare {

  /** Most entries in one rule's list (certifications, countries). */
  int MAX_LIST = 1024;

  /** The rule's type name, as in the policy file format. */
  String type();

  /** One line describing the rule, for finding details. */
  String describe();

  /**
   * Every origin lot (commissioned, or of unknown master data) that may hold {@code element} (every
   * origin lot when null) holds a certification whose URI is one of {@code certifications}; with
   * {@code validAtOriginDate}, one valid on the date of the commissioning event. A positive
   * requirement needs evidence: an origin lot without master data on the ledger fails it.
   *
   * @param element the chemical symbol, or null for every origin lot
   * @param certifications the certification URIs accepted, 1 to {@link #MAX_LIST}
   * @param validAtOriginDate whether the certification must be valid on the commissioning date
   */
  record RequireCertification(
      String element, List<String> certifications, boolean validAtOriginDate)
      implements PolicyRule {
    /**
     * Copies {@code certifications}.
     *
     * @throws IllegalArgumentException if {@code element} is given and is not a chemical symbol
     *     such as {@code Co}, or {@code certifications} does not list 1 to {@link #MAX_LIST} URIs
     */
    public RequireCertification {
      if (element != null) {
        symbol("requireCertification element", element);
      }
      certifications = uris("requireCertification certifications", certifications);
    }

    @Override
    public String type() {
      return "requireCertification";
    }

    @Override
    public String describe() {
      return "requireCertification"
          + (element == null ? "" : " for " + element)
          + ": one of "
          + certifications
          + (validAtOriginDate ? ", valid at the origin date" : "");
    }
  }

  /**
   * No origin lot declares an origin country in {@code countries} (ISO 3166-1 alpha-2).
   *
   * @param countries the forbidden countries, ISO 3166-1 alpha-2, sorted, 1 to {@link #MAX_LIST}
   */
  record ForbiddenOrigins(List<String> countries) implements PolicyRule {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /**
     * Sorts {@code countries} and drops duplicates.
     *
     * @throws IllegalArgumentException if {@code countries} does not list 1 to {@link #MAX_LIST}
     *     ISO 3166-1 alpha-2 codes
     */
    public ForbiddenOrigins {
      if (countries == null || countries.isEmpty() || countries.size() > MAX_LIST) {
        throw new IllegalArgumentException(
            "forbiddenOrigins countries must list 1 to " + MAX_LIST + " countries");
      }
      Set<String> sorted = new TreeSet<>();
      for (String c : countries) {
        if (c == null || !COUNTRY.matcher(c).matches()) {
          throw new IllegalArgumentException(
              "forbiddenOrigins country must be ISO 3166-1 alpha-2 like CD, not " + c);
        }
        sorted.add(c);
      }
      countries = List.copyOf(sorted);
    }

    @Override
    public String type() {
      return "forbiddenOrigins";
    }

    @Override
    public String describe() {
      return "forbiddenOrigins " + countries;
    }
  }

  /**
   * No sensor reading of {@code sensorType} (a CBV 2.0 / GS1 measurement type such as {@code
   * gs1:Temperature}) above {@code maximum} {@code unit} (UN/CEFACT CEL, FAH or KEL) in any event
   * of the ancestry's lot histories from an event with business step {@code fromBizStep} to the
   * next with {@code toBizStep}, both included; a null bound leaves that side open.
   *
   * @param sensorType the measurement type, such as {@code gs1:Temperature}
   * @param maximum the highest reading allowed, in {@code unit}
   * @param unit CEL, FAH or KEL
   * @param fromBizStep the business step that opens the window, or null for open
   * @param toBizStep the business step that closes the window, or null for open
   */
  record TemperatureLimit(
      String sensorType, BigDecimal maximum, String unit, String fromBizStep, String toBizStep)
      implements PolicyRule {
    /** The temperature units a limit and a reading may be in (UN/CEFACT Recommendation 20). */
    public static final Set<String> UNITS = Set.of("CEL", "FAH", "KEL");

    /**
     * Puts {@code maximum} in canonical form.
     *
     * @throws IllegalArgumentException if {@code sensorType} (or a given {@code fromBizStep} or
     *     {@code toBizStep}) is not 1 to 256 printable characters, {@code maximum} is null or out
     *     of range, or {@code unit} is not in {@link #UNITS}
     */
    public TemperatureLimit {
      text("temperatureLimit sensorType", sensorType);
      maximum = decimal("temperatureLimit maximum", maximum);
      if (unit == null || !UNITS.contains(unit)) {
        throw new IllegalArgumentException(
            "temperatureLimit unit must be CEL, FAH or KEL, not " + unit);
      }
      if (fromBizStep != null) {
        text("temperatureLimit fromBizStep", fromBizStep);
      }
      if (toBizStep != null) {
        text("temperatureLimit toBizStep", toBizStep);
      }
    }

    @Override
    public String type() {
      return "temperatureLimit";
    }

    @Override
    public String describe() {
      return "temperatureLimit "
          + sensorType
          + " at most "
          + maximum.toPlainString()
          + " "
          + unit
          + (fromBizStep == null && toBizStep == null
              ? ""
              : " from "
                  + (fromBizStep == null ? "the start" : fromBizStep)
                  + " to "
                  + (toBizStep == null ? "the end" : toBizStep));
    }
  }

  /**
   * The checked lot's computed recycled share of {@code element} (pre- plus post-consumer, or
   * post-consumer only) is at least {@code minimum}. A lot the records show holds none of the
   * element passes (EU 2023/1542 Art. 8 applies to the elements present in the battery); a share
   * the records do not allow computing fails.
   *
   * @param element the chemical symbol, such as {@code Co}
   * @param minimum the least recycled share allowed, in [0, 1]
   * @param postConsumerOnly whether only post-consumer recycled material counts
   */
  record MinimumRecycledShare(String element, BigDecimal minimum, boolean postConsumerOnly)
      implements PolicyRule {
    /**
     * Puts {@code minimum} in canonical form.
     *
     * @throws IllegalArgumentException if {@code element} is not a chemical symbol such as {@code
     *     Co}, or {@code minimum} is null or outside [0, 1]
     */
    public MinimumRecycledShare {
      symbol("minimumRecycledShare element", element);
      minimum = decimal("minimumRecycledShare minimum", minimum);
      if (minimum.signum() < 0 || minimum.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException(
            "minimumRecycledShare minimum must be in [0, 1], not " + minimum.toPlainString());
      }
    }

    @Override
    public String type() {
      return "minimumRecycledShare";
    }

    @Override
    public String describe() {
      return "minimumRecycledShare "
          + element
          + " at least "
          + minimum.toPlainString()
          + (postConsumerOnly ? " post-consumer" : "");
    }
  }

  private static void symbol(String what, String element) {
    if (element == null || !Pattern.matches("[A-Z][a-z]?", element)) {
      throw new IllegalArgumentException(
          what + " must be a chemical symbol like Co, not " + element);
    }
  }

  private static void text(String what, String value) {
    if (value == null
        || value.isEmpty()
        || value.length() > 256
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " must be 1 to 256 printable characters");
    }
  }

  /** A decimal of at most 38 digits and 18 decimals, without trailing zeros. */
  private static BigDecimal decimal(String what, BigDecimal value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    // Checked before any rescaling: 1E+999999999 is short to write and enormous to expand.
    BigDecimal v = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    if (v.scale() > 18 || v.precision() - v.scale() > 20) {
      throw new IllegalArgumentException(
          what + " is out of range (at most 20 integer and 18 decimal digits): " + value);
    }
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  private static List<String> uris(String what, List<String> values) {
    if (values == null || values.isEmpty() || values.size() > MAX_LIST) {
      throw new IllegalArgumentException(what + " must list 1 to " + MAX_LIST + " URIs");
    }
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      if (v == null
          || v.isEmpty()
          || v.length() > 512
          || v.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException(
            what + " must be URIs of 1 to 512 characters without spaces, not '" + v + "'");
      }
      try {
        if (!new URI(v).isAbsolute()) {
          throw new IllegalArgumentException(
              what + " must be absolute URIs with a scheme, not " + v);
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            what + " must be URIs, not " + v + " (" + e.getReason() + ")");
      }
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }
}
