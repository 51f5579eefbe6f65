package io.lotledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the CBV 2.0 pre-hash string of one EPCIS 2.0 JSON-LD event (CBV 2.0, the "EPCIS Event Hash
 * ID" algorithm; field order from its canonical property order table).
 *
 * <p>One instance serves one event: it remembers the event index for error reports. Not
 * thread-safe; cheap to create.
 */
final class PreHash {
  /** Deepest nesting of user extension elements accepted inside one event. */
  static final int MAX_EXTENSION_DEPTH = 32;

  /** Most digits a number's pre-hash form may have (rule 6 writes numbers without an exponent). */
  static final int MAX_NUMBER_DIGITS = 1000;

  private static final String CBV = "https://ref.gs1.org/cbv/";
  private static final String GS1_VOC = "https://gs1.org/voc/";

  /** Not in the canonical property order table: an ID cannot cover itself or capture data. */
  private static final Set<String> EXCLUDED =
      Set.of("@context", "eventID", "recordTime", "errorDeclaration");

  /** Standard event fields, each appended by its own step below in canonical order. */
  private static final Set<String> STANDARD =
      Set.of(
          "type",
          "eventTime",
          "eventTimeZoneOffset",
          "certificationInfo",
          "epcList",
          "parentID",
          "inputEPCList",
          "childEPCs",
          "quantityList",
          "childQuantityList",
          "inputQuantityList",
          "outputEPCList",
          "outputQuantityList",
          "action",
          "transformationID",
          "bizStep",
          "disposition",
          "persistentDisposition",
          "readPoint",
          "bizLocation",
          "bizTransactionList",
          "sourceList",
          "destinationList",
          "sensorElementList",
          "ilmd");

  /** sensorMetadata fields in canonical order; value kinds follow the EPCIS 2.0 JSON schema. */
  private static final List<String> SENSOR_METADATA =
      List.of(
          "time",
          "startTime",
          "endTime",
          "deviceID",
          "deviceMetadata",
          "rawData",
          "dataProcessingMethod",
          "bizRules");

  /** sensorReport fields in canonical order. */
  private static final List<String> SENSOR_REPORT =
      List.of(
          "type",
          "exception",
          "deviceID",
          "deviceMetadata",
          "rawData",
          "dataProcessingMethod",
          "time",
          "microorganism",
          "chemicalSubstance",
          "value",
          "component",
          "stringValue",
          "booleanValue",
          "hexBinaryValue",
          "uriValue",
          "minValue",
          "maxValue",
          "meanValue",
          "sDev",
          "percRank",
          "percValue",
          "uom",
          "coordinateReferenceSystem");

  private static final Set<String> TIME_FIELDS = Set.of("time", "startTime", "endTime");
  private static final Set<String> NUMBER_FIELDS =
      Set.of("value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue");

  /** CBV 1.x URN vocabulary and its CBV 2.0 Web URI term prefixes (rule 14). */
  private static final Map<String, String> URN_VOCABULARY =
      Map.of(
          "urn:epcglobal:cbv:bizstep:", CBV + "BizStep-",
          "urn:epcglobal:cbv:disp:", CBV + "Disp-",
          "urn:epcglobal:cbv:btt:", CBV + "BTT-",
          "urn:epcglobal:cbv:sdt:", CBV + "SDT-",
          "urn:epcglobal:cbv:er:", CBV + "ER-");

  // xsd:dateTimeStamp: a time zone is mandatory, fraction digits are unbounded.
  private static final Pattern TIMESTAMP =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

  private final int eventIndex;
  private final Map<String, String> prefixes;

  PreHash(int eventIndex, Map<String, String> prefixes) {
    this.eventIndex = eventIndex;
    this.prefixes = prefixes;
  }

  String of(JsonNode event) throws EpcisFormatException {
    if (!event.isObject()) {
      throw fail("(event)", "an event must be a JSON object, not " + event.getNodeType());
    }
    for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!STANDARD.contains(key) && !EXCLUDED.contains(key) && !isCurie(key)) {
        throw fail(key, "unknown field without a namespace prefix; its hash form is undefined");
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("eventType=").append(text(event, "type", "type"));
    if (!event.has("eventTime")) {
      throw fail("eventTime", "missing");
    }
    out.append("eventTime=").append(timestamp(event.get("eventTime"), "eventTime"));
    appendText(out, event, "eventTimeZoneOffset");
    appendEachSorted(out, null, event, "certificationInfo", "certificationInfo", Kind.URI);
    appendEpcs(out, event, "epcList");
    appendValue(out, event, "parentID", Kind.URI);
    appendEpcs(out, event, "inputEPCList");
    appendEpcs(out, event, "childEPCs");
    appendQuantities(out, event, "quantityList");
    appendQuantities(out, event, "childQuantityList");
    appendQuantities(out, event, "inputQuantityList");
    appendEpcs(out, event, "outputEPCList");
    appendQuantities(out, event, "outputQuantityList");
    appendText(out, event, "action");
    appendValue(out, event, "transformationID", Kind.URI);
    appendVocabulary(out, event, "bizStep", "BizStep-");
    appendVocabulary(out, event, "disposition", "Disp-");
    appendPersistentDisposition(out, event);
    appendLocation(out, event, "readPoint");
    appendLocation(out, event, "bizLocation");
    appendTypedList(out, event, "bizTransactionList", "bizTransaction", "BTT-");
    // Disputed order, see EventHashId: the Python reference sorts these two lists by name.
    appendTypedList(out, event, "destinationList", "destination", "SDT-");
    appendTypedList(out, event, "sourceList", "source", "SDT-");
    appendSensorElements(out, event);
    if (event.has("ilmd")) {
      JsonNode ilmd = event.get("ilmd");
      requireObject(ilmd, "ilmd");
      out.append("ilmd");
      appendSorted(out, extensions(ilmd, "ilmd", 1, false));
    }
    appendSorted(out, extensions(event, "", 1, true));
    return out.toString();
  }

  private enum Kind {
    TEXT,
    URI,
    NUMBER,
    TIME
  }

  private void appendText(StringBuilder out, JsonNode node, String key)
      throws EpcisFormatException {
    appendValue(out, node, key, Kind.TEXT);
  }

  private void appendValue(StringBuilder out, JsonNode node, String key, Kind kind)
      throws EpcisFormatException {
    if (node.has(key)) {
      out.append(key).append('=').append(value(node.get(key), key, kind));
    }
  }

  private void appendVocabulary(StringBuilder out, JsonNode node, String key, String termPrefix)
      throws EpcisFormatException {
    if (node.has(key)) {
      out.append(key).append('=').append(vocabulary(node.get(key), key, CBV + termPrefix));
    }
  }

  private void appendEpcs(StringBuilder out, JsonNode event, String key)
      throws EpcisFormatException {
    appendEachSorted(out, key, event, key, "epc", Kind.URI);
  }

  /** A list of scalars: the list name once, then {@code name=value} items sorted (rule 11). */
  private void appendEachSorted(
      StringBuilder out, String listName, JsonNode node, String key, String itemName, Kind kind)
      throws EpcisFormatException {
    if (!node.has(key)) {
      return;
    }
    JsonNode list = node.get(key);
    List<String> items = new ArrayList<>();
    if (list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        items.add(itemName + "=" + value(list.get(i), key + "[" + i + "]", kind));
      }
    } else if (listName == null) {
      items.add(itemName + "=" + value(list, key, kind));
    } else {
      throw fail(key, "must be an array, not " + list.getNodeType());
    }
    if (!items.isEmpty()) {
      if (listName != null) {
        out.append(listName);
      }
      appendSorted(out, items);
    }
  }

  private void appendQuantities(StringBuilder out, JsonNode event, String key)
      throws EpcisFormatException {
    appendObjectsSorted(
        out,
        event,
        key,
        (q, path) -> {
          StringBuilder item = new StringBuilder("quantityElement");
          item.append("epcClass=").append(value(required(q, "epcClass", path), path, Kind.URI));
          appendValue(item, q, "quantity", Kind.NUMBER);
          appendText(item, q, "uom");
          return item.toString();
        });
  }

  /** What one object of a list contributes, given the object and its path. */
  @FunctionalInterface
  private interface ItemText {
    String of(JsonNode item, String path) throws EpcisFormatException;
  }

  /** A list of objects: the list name once, then each object's text, sorted (rule 11). */
  private void appendObjectsSorted(StringBuilder out, JsonNode event, String key, ItemText text)
      throws EpcisFormatException {
    if (!event.has(key)) {
      return;
    }
    JsonNode list = requireArray(event.get(key), key);
    List<String> items = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String path = key + "[" + i + "]";
      items.add(text.of(requireObject(list.get(i), path), path));
    }
    if (!items.isEmpty()) {
      out.append(key);
      appendSorted(out, items);
    }
  }

  private void appendPersistentDisposition(StringBuilder out, JsonNode event)
      throws EpcisFormatException {
    if (!event.has("persistentDisposition")) {
      return;
    }
    JsonNode pd = requireObject(event.get("persistentDisposition"), "persistentDisposition");
    out.append("persistentDisposition");
    for (String key : List.of("set", "unset")) {
      if (pd.has(key)) {
        String path = "persistentDisposition." + key;
        JsonNode list = requireArray(pd.get(key), path);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          items.add(key + "=" + vocabulary(list.get(i), path + "[" + i + "]", CBV + "Disp-"));
        }
        appendSorted(out, items);
      }
    }
  }

  /** readPoint and bizLocation: id, then their extensions sorted (rule 21). */
  private void appendLocation(StringBuilder out, JsonNode event, String key)
      throws EpcisFormatException {
    if (!event.has(key)) {
      return;
    }
    JsonNode location = requireObject(event.get(key), key);
    out.append(key);
    appendValue(out, location, "id", Kind.URI);
    appendSorted(out, extensions(location, key, 1, true));
  }

  /**
   * bizTransactionList, sourceList, destinationList. Rule 13 says the type "SHALL follow the actual
   * key-value", but the reference's vectors put {@code type=T} first, then {@code name=value}; the
   * vectors win. Items are then sorted as whole strings.
   */
  private void appendTypedList(
      StringBuilder out, JsonNode event, String key, String itemName, String typePrefix)
      throws EpcisFormatException {
    appendObjectsSorted(
        out,
        event,
        key,
        (item, path) -> {
          StringBuilder s = new StringBuilder();
          if (item.has("type")) {
            s.append("type=")
                .append(vocabulary(item.get("type"), path + ".type", CBV + typePrefix));
          }
          s.append(itemName).append('=');
          s.append(value(required(item, itemName, path), path + "." + itemName, Kind.URI));
          return s.toString();
        });
  }

  private void appendSensorElements(StringBuilder out, JsonNode event) throws EpcisFormatException {
    appendObjectsSorted(
        out,
        event,
        "sensorElementList",
        (element, path) -> {
          StringBuilder s = new StringBuilder("sensorElement");
          if (element.has("sensorMetadata")) {
            String metaPath = path + ".sensorMetadata";
            JsonNode meta = requireObject(element.get("sensorMetadata"), metaPath);
            s.append("sensorMetadata");
            appendSensorFields(s, meta, SENSOR_METADATA, metaPath);
          }
          if (element.has("sensorReport")) {
            String reportsPath = path + ".sensorReport";
            JsonNode reports = requireArray(element.get("sensorReport"), reportsPath);
            List<String> items = new ArrayList<>();
            for (int j = 0; j < reports.size(); j++) {
              String reportPath = reportsPath + "[" + j + "]";
              JsonNode report = requireObject(reports.get(j), reportPath);
              StringBuilder r = new StringBuilder("sensorReport");
              appendSensorFields(r, report, SENSOR_REPORT, reportPath);
              items.add(r.toString());
            }
            appendSorted(s, items);
          }
          appendSorted(s, extensions(element, path, 1, true));
          return s.toString();
        });
  }

  private void appendSensorFields(StringBuilder s, JsonNode node, List<String> order, String path)
      throws EpcisFormatException {
    for (String key : order) {
      if (!node.has(key)) {
        continue;
      }
      JsonNode v = node.get(key);
      String p = path + "." + key;
      s.append(key).append('=');
      if (TIME_FIELDS.contains(key)) {
        s.append(timestamp(v, p));
      } else if (NUMBER_FIELDS.contains(key)) {
        s.append(value(v, p, Kind.NUMBER));
      } else if ("type".equals(key) || "exception".equals(key)) {
        // Sensor measurement types and exceptions are GS1 Web Vocabulary terms (gs1:).
        s.append(vocabulary(v, p, GS1_VOC));
      } else if ("booleanValue".equals(key) && v.isBoolean()) {
        s.append(v.booleanValue());
      } else {
        s.append(value(v, p, Kind.URI));
      }
    }
    appendSorted(s, extensions(node, path, 1, true));
  }

  /**
   * User extensions: {@code {namespace}local=value}, nested children appended after their parent's
   * name, siblings sorted (rules 19 to 21). Only namespaced keys qualify when {@code prefixedOnly}.
   */
  private List<String> extensions(JsonNode node, String path, int depth, boolean prefixedOnly)
      throws EpcisFormatException {
    if (depth > MAX_EXTENSION_DEPTH) {
      throw fail(path, "user extensions nest deeper than " + MAX_EXTENSION_DEPTH);
    }
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (prefixedOnly && !isCurie(key)) {
        continue;
      }
      if (key.startsWith("@")) {
        continue;
      }
      String p = path.isEmpty() ? key : path + "." + key;
      String name = qualifiedName(key, p);
      JsonNode v = field.getValue();
      List<JsonNode> values = new ArrayList<>();
      if (v.isArray()) {
        v.forEach(values::add);
      } else {
        values.add(v);
      }
      for (JsonNode item : values) {
        if (item.isObject()) {
          StringBuilder s = new StringBuilder(name);
          appendSorted(s, extensions(item, p, depth + 1, false));
          out.add(s.toString());
        } else if (item.isArray()) {
          throw fail(p, "nested arrays have no hash form");
        } else if (item.isNull()) {
          out.add(name);
        } else {
          out.add(name + "=" + value(item, p, Kind.URI));
        }
      }
    }
    return out;
  }

  private String qualifiedName(String key, String path) throws EpcisFormatException {
    int colon = key.indexOf(':');
    if (colon < 0) {
      return key;
    }
    String namespace = prefixes.get(key.substring(0, colon));
    if (namespace == null) {
      throw fail(path, "namespace prefix '" + key.substring(0, colon) + "' is not in @context");
    }
    return "{" + namespace + "}" + key.substring(colon + 1);
  }

  private boolean isCurie(String key) {
    int colon = key.indexOf(':');
    return colon > 0 && !key.startsWith("@");
  }

  /** Bare CBV terms expand under {@code termPrefix} (rule 16); URIs and CURIEs as values. */
  private String vocabulary(JsonNode node, String path, String termPrefix)
      throws EpcisFormatException {
    String v = value(node, path, Kind.URI);
    return v.indexOf(':') < 0 ? termPrefix + v : v;
  }

  private String value(JsonNode node, String path, Kind kind) throws EpcisFormatException {
    if (kind == Kind.NUMBER) {
      return number(node, path);
    }
    if (kind == Kind.TIME) {
      return timestamp(node, path);
    }
    if (node.isNumber()) {
      return number(node, path);
    }
    if (node.isBoolean()) {
      return Boolean.toString(node.booleanValue());
    }
    if (!node.isTextual()) {
      throw fail(path, "must be a string, not " + node.getNodeType());
    }
    String v = node.textValue().strip();
    return kind == Kind.URI ? uri(v, path) : v;
  }

  private String uri(String v, String path) throws EpcisFormatException {
    for (Map.Entry<String, String> e : URN_VOCABULARY.entrySet()) {
      if (v.startsWith(e.getKey())) {
        return e.getValue() + v.substring(e.getKey().length());
      }
    }
    int colon = v.indexOf(':');
    if (colon > 0 && !v.startsWith("urn:") && !v.startsWith("http")) {
      // Compact URI expansion (rule 15) when the prefix is declared; "geo:" etc. stay as they are.
      String namespace = prefixes.get(v.substring(0, colon));
      if (namespace != null && !v.startsWith("//", colon + 1)) {
        v = namespace + v.substring(colon + 1);
      }
    }
    try {
      return HashIdentifiers.canonicalize(v);
    } catch (IllegalArgumentException e) {
      throw fail(path, e.getMessage(), e);
    }
  }

  /** Rule 6: no trailing zeros, no exponent. Doubles take their shortest decimal form. */
  private String number(JsonNode node, String path) throws EpcisFormatException {
    BigDecimal d;
    if (node.isDouble() || node.isFloat()) {
      double x = node.doubleValue();
      if (!Double.isFinite(x)) {
        throw fail(path, "must be a finite number, not " + x);
      }
      d = BigDecimal.valueOf(x);
    } else if (node.isNumber()) {
      d = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        d = new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        throw fail(path, "must be a number, not '" + node.textValue() + "'", e);
      }
    } else {
      throw fail(path, "must be a number, not " + node.getNodeType());
    }
    if (d.signum() == 0) {
      return "0";
    }
    d = d.stripTrailingZeros();
    // Without an exponent, 1E+999999999 is a billion digits: refuse what no real quantity needs
    // before
    // printing it.
    long digits = Math.max((long) d.precision() - d.scale(), 1) + Math.max(d.scale(), 0);
    if (digits > MAX_NUMBER_DIGITS) {
      throw fail(
          path,
          "has "
              + digits
              + " digits without an exponent, more than "
              + MAX_NUMBER_DIGITS
              + ": "
              + d);
    }
    return d.toPlainString();
  }

  /** Rules 8 and 9: UTC with 'Z', exactly three fraction digits, the fourth rounding half up. */
  String timestamp(JsonNode node, String path) throws EpcisFormatException {
    if (!node.isTextual()) {
      throw fail(path, "a timestamp must be a string, not " + node.getNodeType());
    }
    String v = node.textValue().strip();
    Matcher m = TIMESTAMP.matcher(v);
    if (!m.matches()) {
      throw fail(path, "not an xsd:dateTimeStamp with a time zone: '" + v + "'");
    }
    try {
      LocalDateTime t = LocalDateTime.parse(m.group(1));
      if (m.group(2) != null) {
        BigDecimal fraction = new BigDecimal("0" + m.group(2)).setScale(3, RoundingMode.HALF_UP);
        t = t.plusNanos(fraction.movePointRight(3).longValueExact() * 1_000_000L);
      }
      ZoneOffset offset = ZoneOffset.of(m.group(3));
      return t.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).format(UTC_MILLIS);
    } catch (DateTimeException e) {
      throw fail(path, "not a valid date and time: '" + v + "'", e);
    }
  }

  private String text(JsonNode node, String key, String path) throws EpcisFormatException {
    return value(required(node, key, path), path, Kind.TEXT);
  }

  private JsonNode required(JsonNode node, String key, String path) throws EpcisFormatException {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw fail(path.equals(key) ? key : path + "." + key, "missing");
    }
    return v;
  }

  private JsonNode requireArray(JsonNode node, String path) throws EpcisFormatException {
    if (!node.isArray()) {
      throw fail(path, "must be an array, not " + node.getNodeType());
    }
    return node;
  }

  private JsonNode requireObject(JsonNode node, String path) throws EpcisFormatException {
    if (!node.isObject()) {
      throw fail(path, "must be an object, not " + node.getNodeType());
    }
    return node;
  }

  private static void appendSorted(StringBuilder out, List<String> items) {
    // Rules 10 to 12: order by Unicode code point, which is UTF-8 byte order (RFC 3629 §1).
    items.sort(PreHash::compareCodePoints);
    items.forEach(out::append);
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private EpcisFormatException fail(String field, String message) {
    return new EpcisFormatException(eventIndex, field, message);
  }

  private EpcisFormatException fail(String field, String message, Throwable cause) {
    return new EpcisFormatException(eventIndex, field, message, cause);
  }
}
