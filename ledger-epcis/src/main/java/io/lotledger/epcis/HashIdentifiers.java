package io.lotledger.epcis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical GS1 Digital Link URIs for the CBV 2.0 event hash (CBV 2.0 EPCIS Event Hash ID, rules 17
 * and 18 of the reference algorithm).
 *
 * <p>EPC URIs ({@code urn:epc:id:}, {@code urn:epc:class:}, {@code urn:epc:idpat:}) become the
 * canonical Digital Link on {@code https://id.gs1.org} (GS1 Digital Link: URI Syntax 1.2 §4.11; the
 * EPC-to-GS1-key mapping is GS1 EPC Tag Data Standard 2.0 §7). Digital Links on any host are
 * constrained: host replaced by {@code https://id.gs1.org}, query stripped, and only the most
 * fine-grained primary key plus the qualifiers the hash algorithm allows are kept. Any other string
 * is returned unchanged.
 *
 * <p>A path counts as a Digital Link when one of its segments is a primary-key application
 * identifier followed by a value of the right shape (for example {@code 01} followed by 8, 12, 13
 * or 14 digits). Stateless and thread-safe.
 *
 * <p>Not {@link EpcUrn} / {@link DigitalLink}, on purpose: those validate one of five GS1 keys
 * (check digits, the AI 82 character set, percent-decoding) for users who build and read
 * identifiers; this class rewrites any of 15 EPC schemes and their patterns exactly as the
 * reference hash algorithm does, without judging them, so that every event gets the hash ID other
 * implementations compute. They share the GS1 check digit ({@link Gs1Syntax#withCheckDigit}).
 */
public final class HashIdentifiers {
  /** The canonical Digital Link resolver host (GS1 Digital Link 1.2 §4.11). */
  public static final String CANONICAL_ORIGIN = "https://id.gs1.org";

  /** Primary keys the hash algorithm keeps (rule 18 (III) of the CBV 2.0 event hash). */
  private static final Set<String> PRIMARY_KEYS =
      Set.of(
          "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010",
          "8017", "8018");

  /** For each primary key, its allowed qualifiers, most fine-grained first; one is kept. */
  private static final Map<String, List<String>> QUALIFIERS =
      Map.of(
          "01", List.of("21", "235", "10"),
          "414", List.of("254"),
          "8006", List.of("21", "10"),
          "8010", List.of("8011"));

  private HashIdentifiers() {}

  /**
   * Returns the canonical form of {@code uri} if it is an EPC URI or a GS1 Digital Link, otherwise
   * {@code uri} itself.
   *
   * @throws IllegalArgumentException if {@code uri} is an EPC URI of a known scheme whose parts are
   *     malformed, with the bad value in the message
   */
  public static String canonicalize(String uri) {
    if (uri.startsWith("urn:epc:id:")) {
      return fromEpcUri(uri, uri.substring("urn:epc:id:".length()), false);
    }
    if (uri.startsWith("urn:epc:idpat:")) {
      return fromEpcUri(uri, uri.substring("urn:epc:idpat:".length()), true);
    }
    if (uri.startsWith("urn:epc:class:lgtin:")) {
      String[] p = parts(uri, uri.substring("urn:epc:class:lgtin:".length()), 3);
      return CANONICAL_ORIGIN + "/01/" + gtin(uri, p[0], p[1]) + "/10/" + p[2];
    }
    if (uri.startsWith("http://") || uri.startsWith("https://")) {
      return fromWebUri(uri);
    }
    return uri;
  }

  // EPC Tag Data Standard 2.0 §6.3 (EPC pure identity URIs) and §7 (correspondence to GS1 keys).
  private static String fromEpcUri(String uri, String body, boolean pattern) {
    int colon = body.indexOf(':');
    if (colon < 0) {
      return uri;
    }
    String scheme = body.substring(0, colon);
    String rest = body.substring(colon + 1);
    String[] p;
    switch (scheme) {
      case "sgtin":
        p = parts(uri, rest, 3);
        return link("01", gtin(uri, p[0], p[1]), "21", p[2]);
      case "sscc":
        p = parts(uri, rest, 2);
        return link("00", withCheckDigit(uri, lead(uri, p[1]) + p[0] + p[1].substring(1)));
      case "sgln":
        p = parts(uri, rest, 3);
        String gln = withCheckDigit(uri, p[0] + p[1]);
        return "0".equals(p[2]) ? link("414", gln) : link("414", gln, "254", p[2]);
      case "grai":
        p = parts(uri, rest, 3);
        return link("8003", withCheckDigit(uri, "0" + p[0] + p[1]) + serial(p[2]));
      case "giai":
        p = parts(uri, rest, 2);
        return link("8004", p[0] + p[1]);
      case "gsrn":
        p = parts(uri, rest, 2);
        return link("8018", withCheckDigit(uri, p[0] + p[1]));
      case "gsrnp":
        p = parts(uri, rest, 2);
        return link("8017", withCheckDigit(uri, p[0] + p[1]));
      case "gdti":
        p = parts(uri, rest, 3);
        return link("253", withCheckDigit(uri, p[0] + p[1]) + serial(p[2]));
      case "sgcn":
        p = parts(uri, rest, 3);
        return link("255", withCheckDigit(uri, p[0] + p[1]) + serial(p[2]));
      case "ginc":
        p = parts(uri, rest, 2);
        return link("401", p[0] + p[1]);
      case "gsin":
        p = parts(uri, rest, 2);
        return link("402", withCheckDigit(uri, p[0] + p[1]));
      case "pgln":
        p = parts(uri, rest, 2);
        return link("417", withCheckDigit(uri, p[0] + p[1]));
      case "cpi":
        p = parts(uri, rest, 3);
        return link("8010", p[0] + p[1], "8011", p[2]);
      case "upui":
        p = parts(uri, rest, 3);
        return link("01", gtin(uri, p[0], p[1]), "235", p[2]);
      case "itip":
        p = parts(uri, rest, 5);
        return link("8006", gtin(uri, p[0], p[1]) + p[2] + p[3], "21", p[4]);
      default:
        if (pattern) {
          throw new IllegalArgumentException("unsupported EPC pattern URI: " + uri);
        }
        return uri;
    }
  }

  /** An EPC pattern's {@code *} serial means "any instance": the link names the class only. */
  private static String serial(String s) {
    return "*".equals(s) ? "" : s;
  }

  private static String link(String ai, String value) {
    return CANONICAL_ORIGIN + "/" + ai + "/" + value;
  }

  private static String link(String ai, String value, String qualifier, String qualifierValue) {
    String base = link(ai, value);
    return "*".equals(qualifierValue) ? base : base + "/" + qualifier + "/" + qualifierValue;
  }

  private static String[] parts(String uri, String rest, int count) {
    String[] p = rest.split("\\.", -1);
    if (p.length != count) {
      throw new IllegalArgumentException(
          "EPC URI must have " + count + " dot-separated parts, not " + p.length + ": " + uri);
    }
    for (String s : p) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("EPC URI has an empty part: " + uri);
      }
    }
    return p;
  }

  /** GTIN-14 from a company prefix and indicator-plus-item-reference (TDS 2.0 §7). */
  private static String gtin(String uri, String companyPrefix, String indicatorAndItemRef) {
    String body = lead(uri, indicatorAndItemRef) + companyPrefix + indicatorAndItemRef.substring(1);
    if (body.length() != 13) {
      throw new IllegalArgumentException("GTIN must have 13 digits before its check digit: " + uri);
    }
    return withCheckDigit(uri, body);
  }

  private static String lead(String uri, String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("EPC URI has an empty part: " + uri);
    }
    return s.substring(0, 1);
  }

  /** {@code digits} with the GS1 mod-10 check digit appended ({@link Gs1Syntax#withCheckDigit}). */
  static String withCheckDigit(String uri, String digits) {
    if (!digits(digits)) {
      throw new IllegalArgumentException(
          "GS1 key must be all digits, not '" + digits + "': " + uri);
    }
    return Gs1Syntax.withCheckDigit(digits);
  }

  // GS1 Digital Link 1.2 §4.11 canonical form, constrained by rule 18 of the CBV 2.0 event hash.
  private static String fromWebUri(String uri) {
    int pathStart = uri.indexOf('/', uri.indexOf("//") + 2);
    if (pathStart < 0) {
      return uri;
    }
    String path = uri.substring(pathStart + 1);
    int end = indexOfAny(path, '?', '#');
    if (end >= 0) {
      path = path.substring(0, end);
    }
    String[] seg = path.split("/", -1);
    for (int i = 0; i + 1 < seg.length; i++) {
      if (PRIMARY_KEYS.contains(seg[i]) && primaryValueFits(seg[i], seg[i + 1])) {
        return fromKeyPath(seg, i);
      }
    }
    return uri;
  }

  private static String fromKeyPath(String[] seg, int start) {
    String key = seg[start];
    String value =
        "01".equals(key)
            ? "0".repeat(14 - seg[start + 1].length()) + seg[start + 1]
            : seg[start + 1];
    Map<String, String> qualifiers = new LinkedHashMap<>();
    for (int i = start + 2; i + 1 < seg.length; i += 2) {
      qualifiers.putIfAbsent(seg[i], seg[i + 1]);
    }
    List<String> out = new ArrayList<>(List.of(key, value));
    for (String q : QUALIFIERS.getOrDefault(key, List.of())) {
      String v = qualifiers.get(q);
      if (v != null && !v.isEmpty()) {
        out.add(q);
        out.add(v);
        break;
      }
    }
    return CANONICAL_ORIGIN + "/" + String.join("/", out);
  }

  private static boolean primaryValueFits(String key, String value) {
    if (value.isEmpty()) {
      return false;
    }
    switch (key) {
      case "00":
        return digits(value) && value.length() == 18;
      case "01":
        int n = value.length();
        return digits(value) && (n == 8 || n == 12 || n == 13 || n == 14);
      case "414":
      case "417":
        return digits(value) && value.length() == 13;
      case "402":
        return digits(value) && value.length() == 17;
      case "8017":
      case "8018":
        return digits(value) && value.length() == 18;
      default:
        return true;
    }
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
