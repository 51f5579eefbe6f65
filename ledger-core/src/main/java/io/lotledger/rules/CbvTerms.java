package io.lotledger.rules;

import java.util.Locale;

/**
 * Compares GS1 CBV 2.0 vocabulary terms in any of the forms EPCIS 2.0 allows: the bare word of the
 * JSON-LD binding ({@code shipping}, {@code Temperature}), the compact {@code gs1:}/{@code cbv:}
 * form, the CBV 1.x URN ({@code urn:epcglobal:cbv:bizstep:shipping}) and the GS1 web vocabulary URI
 * ({@code https://ref.gs1.org/cbv/BizStep-shipping}, {@code https://gs1.org/voc/Temperature}).
 * Terms outside the CBV (any other URI) compare as written.
 */
final class CbvTerms {
  private static final String[] BIZ_STEP_PREFIXES = {
    "urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "http://ref.gs1.org/cbv/BizStep-", "cbv:BizStep-", "cbv:"
  };
  private static final String[] SENSOR_TYPE_PREFIXES = {
    "https://gs1.org/voc/", "http://gs1.org/voc/", "gs1:"
  };

  private CbvTerms() {}

  /** Whether business step {@code actual} (as recorded, may be null) is the CBV step {@code expected}. */
  static boolean isBizStep(String actual, String expected) {
    return actual != null && bizStep(actual).equals(bizStep(expected));
  }

  /** The bare CBV 2.0 business step word of {@code term}, or the term itself when it is not a CBV step. */
  static String bizStep(String term) {
    for (String p : BIZ_STEP_PREFIXES) {
      if (term.startsWith(p) && term.length() > p.length()) {
        return term.substring(p.length()).toLowerCase(Locale.ROOT);
      }
    }
    return term.contains(":") ? term : term.toLowerCase(Locale.ROOT);
  }

  /** Whether sensor type {@code actual} is {@code expected} (CBV 2.0 / GS1 Web Vocabulary MeasurementType). */
  static boolean isSensorType(String actual, String expected) {
    return sensorType(actual).equals(sensorType(expected));
  }

  /** The bare GS1 measurement type ({@code Temperature}) of {@code term}, or the term itself. */
  static String sensorType(String term) {
    for (String p : SENSOR_TYPE_PREFIXES) {
      if (term.startsWith(p) && term.length() > p.length()) {
        return term.substring(p.length());
      }
    }
    return term;
  }
}
