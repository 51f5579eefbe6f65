package io.lotledger.event;

import java.util.Locale;

/**
 * GS1 CBV 2.0 vocabulary terms in any of the forms EPCIS 2.0 allows: the bare word of the JSON-LD
 * binding ({@code shipping}, {@code Temperature}), the compact {@code cbv:}/{@code gs1:} form, the
 * CBV 1.x URN ({@code urn:epcglobal:cbv:bizstep:shipping}) and the GS1 web vocabulary URI ({@code
 * https://ref.gs1.org/cbv/BizStep-shipping}, {@code https://gs1.org/voc/Temperature}) all name one
 * term. Terms outside the CBV (any other URI) compare as written.
 */
public final class Cbv {
  private static final String[] BIZ_STEP_PREFIXES = {
    "urn:epcglobal:cbv:bizstep:",
    "https://ref.gs1.org/cbv/BizStep-",
    "http://ref.gs1.org/cbv/BizStep-",
    "cbv:BizStep-",
    "cbv:"
  };
  private static final String[] PARTY_TYPE_PREFIXES = {
    "urn:epcglobal:cbv:sdt:",
    "https://ref.gs1.org/cbv/SDT-",
    "http://ref.gs1.org/cbv/SDT-",
    "cbv:SDT-",
    "cbv:"
  };
  private static final String[] SENSOR_TYPE_PREFIXES = {
    "https://gs1.org/voc/", "http://gs1.org/voc/", "gs1:"
  };

  private Cbv() {}

  /** The bare CBV business step of {@code context} (e.g. {@code shipping}), or null when absent. */
  public static String bizStep(EventContext context) {
    return context.bizStep() == null ? null : bizStep(context.bizStep());
  }

  /**
   * The bare CBV 2.0 business step word of {@code term}, or the term itself when it is not a CBV
   * step.
   */
  public static String bizStep(String term) {
    return bare(term, BIZ_STEP_PREFIXES);
  }

  /**
   * Whether business step {@code actual} (as recorded, may be null) is the CBV step {@code
   * expected}.
   */
  public static boolean isBizStep(String actual, String expected) {
    return actual != null && bizStep(actual).equals(bizStep(expected));
  }

  /** The bare CBV source/destination type of {@code party} (e.g. {@code owning_party}). */
  public static String partyType(Party party) {
    return bare(party.type(), PARTY_TYPE_PREFIXES);
  }

  /** The bare GS1 measurement type ({@code Temperature}) of {@code term}, or the term itself. */
  public static String sensorType(String term) {
    for (String p : SENSOR_TYPE_PREFIXES) {
      if (term.startsWith(p) && term.length() > p.length()) {
        return term.substring(p.length());
      }
    }
    return term;
  }

  /**
   * Whether sensor type {@code actual} is {@code expected} (GS1 Web Vocabulary MeasurementType).
   */
  public static boolean isSensorType(String actual, String expected) {
    return sensorType(actual).equals(sensorType(expected));
  }

  private static String bare(String term, String[] prefixes) {
    for (String p : prefixes) {
      if (term.startsWith(p) && term.length() > p.length()) {
        return term.substring(p.length()).toLowerCase(Locale.ROOT);
      }
    }
    return term.contains(":") ? term : term.toLowerCase(Locale.ROOT);
  }
}
