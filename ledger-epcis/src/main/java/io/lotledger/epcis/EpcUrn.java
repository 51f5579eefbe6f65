package io.lotledger.epcis;

import io.lotledger.epcis.Gs1Key.Kind;
import java.util.Locale;

/**
 * Reads and writes EPC pure-identity URNs (GS1 EPC Tag Data Standard 2.x: the EPC URI section and
 * the correspondence between EPCs and GS1 keys) for the keys {@link Gs1Key} covers:
 *
 * <ul>
 *   <li>{@code urn:epc:class:lgtin:CompanyPrefix.IndicatorItemRef.Lot} (EPC class URI)
 *   <li>{@code urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial}
 *   <li>{@code urn:epc:id:sscc:CompanyPrefix.ExtensionSerialRef}
 *   <li>{@code urn:epc:id:sgln:CompanyPrefix.LocationRef.Extension}
 *   <li>{@code urn:epc:id:pgln:CompanyPrefix.PartyRef}
 * </ul>
 *
 * <p>The URN splits the GS1 key at the end of the GS1 Company Prefix and drops the check digit; the
 * GTIN indicator digit and the SSCC extension digit move from the front of the key to the front of
 * the second component. Writing a URN therefore needs the prefix length; reading one does not. The
 * last component of LGTIN, SGTIN and SGLN is escaped as the TDS common grammar (GS3A3Component)
 * prescribes. An SGLN without a GLN extension has extension {@code 0}. Stateless and thread-safe.
 */
public final class EpcUrn {
  private EpcUrn() {}

  /**
   * Reads an EPC URN into its key; the check digit is computed, not read.
   *
   * @throws Gs1FormatException naming what is wrong (scheme, component count, lengths, digits,
   *     characters) together with the whole URN
   */
  public static Gs1Key parse(String urn) throws Gs1FormatException {
    if (urn == null) {
      throw new Gs1FormatException("EPC URN", "EPC URN is null", null);
    }
    try {
      return parseUnchecked(urn);
    } catch (Gs1FormatException e) {
      throw e.within(urn);
    }
  }

  private static Gs1Key parseUnchecked(String urn) throws Gs1FormatException {
    Kind kind = kindOf(urn);
    String body = urn.substring(prefixOf(kind).length());
    int parts = kind == Kind.SSCC || kind == Kind.PGLN ? 2 : 3;
    String[] c = split(urn, body, parts);
    String prefix = c[0];
    Gs1Syntax.requireDigits("company prefix", prefix);
    if (prefix.length() < Gs1Syntax.MIN_PREFIX || prefix.length() > Gs1Syntax.MAX_PREFIX) {
      throw new Gs1FormatException(
          "company prefix",
          "company prefix "
              + prefix
              + ": "
              + prefix.length()
              + " digits, expected "
              + Gs1Syntax.MIN_PREFIX
              + " to "
              + Gs1Syntax.MAX_PREFIX,
          null);
    }
    String reference = c[1];
    String referenceName = referenceName(kind);
    Gs1Syntax.requireDigits(referenceName, reference);
    // The prefix and reference together hold every key digit but the check digit.
    int expected = kind.keyLength() - 1 - prefix.length();
    if (reference.length() != expected) {
      throw new Gs1FormatException(
          referenceName,
          referenceName
              + " '"
              + reference
              + "': "
              + reference.length()
              + " digits, expected "
              + expected
              + " after a "
              + prefix.length()
              + "-digit company prefix",
          null);
    }
    String body13 =
        switch (kind) {
          // Indicator (GTIN) or extension digit (SSCC) returns to the front of the key.
          case LGTIN, SGTIN, SSCC -> reference.substring(0, 1) + prefix + reference.substring(1);
          case SGLN, PGLN -> prefix + reference;
        };
    String key = Gs1Syntax.withCheckDigit(body13);
    return switch (kind) {
      case LGTIN -> Gs1Key.lgtin(key, Gs1Syntax.decodeUrn(kind.qualifierName(), c[2]));
      case SGTIN -> Gs1Key.sgtin(key, Gs1Syntax.decodeUrn(kind.qualifierName(), c[2]));
      case SSCC -> Gs1Key.sscc(key);
      case SGLN -> Gs1Key.sgln(key, Gs1Syntax.decodeUrn(kind.qualifierName(), c[2]));
      case PGLN -> Gs1Key.pgln(key);
    };
  }

  /** {@code key} as a URN, splitting it after {@code prefixLength} company prefix digits. */
  static String format(Gs1Key key, int prefixLength) throws Gs1FormatException {
    Gs1Syntax.requirePrefixLength(prefixLength);
    String k = key.key();
    StringBuilder out = new StringBuilder(prefixOf(key.kind()));
    switch (key.kind()) {
      case LGTIN, SGTIN, SSCC -> {
        // Key = indicator/extension digit, company prefix, reference, check digit.
        out.append(k, 1, 1 + prefixLength)
            .append('.')
            .append(k.charAt(0))
            .append(k, 1 + prefixLength, k.length() - 1);
        if (key.kind() != Kind.SSCC) {
          out.append('.').append(Gs1Syntax.encodeUrn(key.qualifier()));
        }
      }
      case SGLN, PGLN -> {
        // Key = company prefix, reference, check digit; the reference may be empty.
        out.append(k, 0, prefixLength).append('.').append(k, prefixLength, k.length() - 1);
        if (key.kind() == Kind.SGLN) {
          out.append('.')
              .append(key.qualifier().isEmpty() ? "0" : Gs1Syntax.encodeUrn(key.qualifier()));
        }
      }
    }
    return out.toString();
  }

  private static String prefixOf(Kind kind) {
    return kind == Kind.LGTIN
        ? "urn:epc:class:lgtin:"
        : "urn:epc:id:" + kind.name().toLowerCase(Locale.ROOT) + ":";
  }

  private static Kind kindOf(String urn) throws Gs1FormatException {
    for (Kind kind : Kind.values()) {
      String prefix = prefixOf(kind);
      if (urn.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return kind;
      }
    }
    throw new Gs1FormatException(
        "EPC URN",
        "EPC URN '"
            + urn
            + "' is not one of urn:epc:class:lgtin:, urn:epc:id:sgtin:,"
            + " urn:epc:id:sscc:, urn:epc:id:sgln:, urn:epc:id:pgln:",
        null);
  }

  /**
   * Splits into {@code parts} components at the first {@code parts - 1} dots. A lot, serial or
   * extension may itself contain dots (set 82 includes '.'), so only the last component may hold
   * more; the numeric ones may not.
   */
  private static String[] split(String urn, String body, int parts) throws Gs1FormatException {
    String[] c = body.split("\\.", parts);
    if (c.length != parts || (parts == 2 && c[1].indexOf('.') >= 0)) {
      throw new Gs1FormatException(
          "EPC URN",
          "EPC URN '" + urn + "': expected " + parts + " dot-separated components after the scheme",
          null);
    }
    return c;
  }

  private static String referenceName(Kind kind) {
    return switch (kind) {
      case LGTIN, SGTIN -> "indicator and item reference";
      case SSCC -> "extension digit and serial reference";
      case SGLN -> "location reference";
      case PGLN -> "party reference";
    };
  }
}
