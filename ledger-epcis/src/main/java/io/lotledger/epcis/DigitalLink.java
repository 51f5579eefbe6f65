package io.lotledger.epcis;

import io.lotledger.epcis.Gs1Key.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes GS1 Digital Link URIs (GS1 Digital Link URI Syntax 1.2) for the keys {@link
 * Gs1Key} covers: {@code /01/{gtin}/10/{lot}}, {@code /01/{gtin}/21/{serial}}, {@code /00/{sscc}},
 * {@code /414/{gln}[/254/{ext}]} and {@code /417/{gln}}.
 *
 * <p>Any host is accepted, and so is a path stem in front of the key ({@code
 * https://brand.example/dl/01/...}), as the syntax's custom URI stem allows. The query string (data
 * attributes such as {@code ?17=261231}) and fragment do not identify anything and are ignored, so
 * the result is the key alone. The convenience names of the 1.2 ABNF ({@code gtin}, {@code lot},
 * {@code ser}, {@code sscc}, {@code gln}, {@code glnx}, {@code party}) are read as their AIs;
 * output always uses numeric AIs, as the syntax requires of canonical URIs. Stateless and
 * thread-safe.
 */
public final class DigitalLink {
  /** The canonical stem: GS1 Digital Link URI Syntax 1.2 names {@code https://id.gs1.org}. */
  public static final String CANONICAL_STEM = "https://id.gs1.org";

  private DigitalLink() {}

  /**
   * Reads a Digital Link URI into its key.
   *
   * @throws Gs1FormatException naming what is wrong (missing key, unsupported qualifier, check
   *     digit, length, character) together with the whole URI
   */
  public static Gs1Key parse(String uri) throws Gs1FormatException {
    try {
      return parsePath(uri, pathOf(uri));
    } catch (Gs1FormatException e) {
      throw e.within(uri);
    }
  }

  /** {@code key} under {@code stem}, which has no trailing slash. */
  static String format(Gs1Key key, String stem) {
    StringBuilder out = new StringBuilder(stem);
    switch (key.kind()) {
      case LGTIN -> out.append("/01/").append(key.key()).append("/10/");
      case SGTIN -> out.append("/01/").append(key.key()).append("/21/");
      case SSCC -> out.append("/00/").append(key.key());
      case SGLN ->
          out.append("/414/").append(key.key()).append(key.qualifier().isEmpty() ? "" : "/254/");
      case PGLN -> out.append("/417/").append(key.key());
    }
    return out.append(Gs1Syntax.encodeDigitalLink(key.qualifier())).toString();
  }

  /** Accepts {@code http(s)://host[/path]} without query or fragment; drops one trailing slash. */
  static String requireStem(String stem) throws Gs1FormatException {
    if (stem == null) {
      throw new Gs1FormatException("Digital Link stem", "Digital Link stem is null", null);
    }
    String s = stem.endsWith("/") ? stem.substring(0, stem.length() - 1) : stem;
    int hostStart = schemeEnd(s);
    if (hostStart < 0
        || hostStart == s.length()
        || s.charAt(hostStart) == '/'
        || s.indexOf('?') >= 0
        || s.indexOf('#') >= 0
        || s.indexOf(' ') >= 0) {
      throw new Gs1FormatException(
          "Digital Link stem",
          "Digital Link stem '" + stem + "' is not an http or https URI with a host and no query",
          null);
    }
    return s;
  }

  /** The path of {@code uri}: after the host, before any query or fragment. */
  private static String pathOf(String uri) throws Gs1FormatException {
    if (uri == null) {
      throw new Gs1FormatException("Digital Link", "Digital Link is null", null);
    }
    int hostStart = schemeEnd(uri);
    if (hostStart < 0) {
      throw new Gs1FormatException(
          "Digital Link",
          "Digital Link '" + uri + "' does not start with http:// or https://",
          null);
    }
    int end = uri.length();
    for (int i = hostStart; i < uri.length(); i++) {
      if (uri.charAt(i) == '?' || uri.charAt(i) == '#') {
        end = i;
        break;
      }
    }
    int pathStart = uri.indexOf('/', hostStart);
    if (pathStart < 0 || pathStart > end) {
      pathStart = end;
    }
    if (pathStart == hostStart) {
      throw new Gs1FormatException("Digital Link", "Digital Link '" + uri + "' has no host", null);
    }
    return uri.substring(pathStart, end);
  }

  private static int schemeEnd(String uri) {
    if (uri.regionMatches(true, 0, "https://", 0, 8)) {
      return 8;
    }
    if (uri.regionMatches(true, 0, "http://", 0, 7)) {
      return 7;
    }
    return -1;
  }

  private static Gs1Key parsePath(String uri, String path) throws Gs1FormatException {
    List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
    if (!segments.isEmpty() && segments.get(0).isEmpty()) {
      segments.remove(0);
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
      segments.remove(segments.size() - 1); // one trailing slash is harmless
    }
    int start = keyStart(segments);
    if (start < 0) {
      throw new Gs1FormatException(
          "Digital Link",
          "Digital Link '"
              + uri
              + "' has no supported GS1 key path"
              + " (/01/{gtin}/10|21/..., /00/{sscc}, /414/{gln}[/254/...], /417/{gln})",
          null);
    }
    if (segments.size() - start == 6) {
      throw new Gs1FormatException(
          "Digital Link",
          "Digital Link '"
              + uri
              + "' carries both lot (AI 10) and serial (AI 21); a key here is"
              + " either class-level (LGTIN) or serialised (SGTIN), and dropping one would lose data",
          null);
    }
    String primary = ai(segments.get(start));
    String value = segments.get(start + 1);
    String qualifierAi = segments.size() > start + 2 ? ai(segments.get(start + 2)) : null;
    String qualifier =
        qualifierAi == null
            ? ""
            : Gs1Syntax.decodeDigitalLink(qualifierName(qualifierAi), segments.get(start + 3));
    return switch (primary) {
      case "01" -> {
        if (qualifierAi == null) {
          throw new Gs1FormatException(
              "Digital Link",
              "Digital Link '"
                  + uri
                  + "' names a GTIN without lot (AI 10) or serial (AI 21);"
                  + " a bare GTIN identifies a product class, not a lot or an item",
              null);
        }
        String gtin = gtin14(value);
        yield "10".equals(qualifierAi)
            ? Gs1Key.lgtin(gtin, qualifier)
            : Gs1Key.sgtin(gtin, qualifier);
      }
      case "00" -> Gs1Key.sscc(value);
      case "414" -> {
        if ("".equals(qualifier) && qualifierAi != null) {
          throw new Gs1FormatException(
              qualifierName("254"), qualifierName("254") + " is empty", null);
        }
        yield Gs1Key.sgln(value, qualifier);
      }
      default -> Gs1Key.pgln(value);
    };
  }

  /**
   * Index of the primary key's AI: the first segment that names a supported key and is followed by
   * exactly the qualifiers the 1.2 ABNF allows for it (gtin-path, sscc-path, gln-path,
   * partyGln-path). Everything before it is the custom URI stem.
   */
  private static int keyStart(List<String> segments) {
    for (int i = 0; i + 1 < segments.size(); i++) {
      int rest = segments.size() - i;
      String first = rest > 2 ? ai(segments.get(i + 2)) : "";
      String second = rest > 4 ? ai(segments.get(i + 4)) : "";
      boolean fits =
          switch (ai(segments.get(i))) {
            case "01" ->
                rest == 2
                    || (rest == 4 && (first.equals("10") || first.equals("21")))
                    || (rest == 6 && first.equals("10") && second.equals("21"));
            case "414" -> rest == 2 || (rest == 4 && first.equals("254"));
            case "00", "417" -> rest == 2;
            default -> false;
          };
      if (fits) {
        return i;
      }
    }
    return -1;
  }

  private static String ai(String segment) {
    return switch (segment) {
      case "gtin" -> "01";
      case "lot" -> "10";
      case "ser" -> "21";
      case "sscc" -> "00";
      case "gln" -> "414";
      case "glnx" -> "254";
      case "party" -> "417";
      default -> segment;
    };
  }

  private static String qualifierName(String ai) {
    return switch (ai) {
      case "10" -> Kind.LGTIN.qualifierName();
      case "21" -> Kind.SGTIN.qualifierName();
      default -> Kind.SGLN.qualifierName();
    };
  }

  /**
   * GS1 Digital Link URI Syntax 1.2 allows a GTIN-8, -12 or -13 in the path; GS1 General
   * Specifications §3 (AI 01, N14) pads it with leading zeros to GTIN-14, which keeps the check
   * digit valid, so the padded form is the one key.
   */
  private static String gtin14(String value) throws Gs1FormatException {
    Gs1Syntax.requireDigits("GTIN", value);
    int n = value.length();
    if (n != 8 && n != 12 && n != 13 && n != 14) {
      throw new Gs1FormatException(
          "GTIN", "GTIN " + value + ": " + n + " digits, expected 8, 12, 13 or 14", null);
    }
    Gs1Syntax.requireKey("GTIN", value, n); // report the check digit against the GTIN as written
    return "0".repeat(14 - n) + value;
  }
}
