package io.lotledger.epcis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.event.Event;
import io.lotledger.event.Extension;
import io.lotledger.event.LotId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an imported EPCIS event says that the ledger's event model does not, kept so that export
 * gives it back unchanged (import(export(x)) is lossless): the unmapped {@code fields} as a JSON
 * object in the event's own shape (recordTime, certificationInfo, errorDeclaration,
 * persistentDisposition, structured extensions, the extension part of readPoint, bizLocation and
 * ilmd, the JSON-LD {@code @context} its prefixes need ...), and two sets of quantity elements,
 * each named by {@link #listed list and lot}: {@code classLevel}, those without a quantity (the
 * model records the lot without a quantity, like an EPC list member), and {@code statedCount},
 * those whose count was given with an explicit {@code uom} of C62, which the model does not tell
 * from a quantity without {@code uom} (both are counts) but the CBV 2.0 hash ID does.
 *
 * <p>Stored as one event extension ({@link Vocabulary#NAMESPACE}, {@link Vocabulary#RESIDUAL}) in
 * canonical JSON: object keys sorted, no insignificant white space, so equal residuals are equal
 * text.
 */
record Residual(ObjectNode fields, Set<String> classLevel, Set<String> statedCount) {
  static final Residual NONE =
      new Residual(JsonNodeFactory.instance.objectNode(), Set.of(), Set.of());

  Residual {
    classLevel = Set.copyOf(classLevel);
    statedCount = Set.copyOf(statedCount);
  }

  /** How {@link #statedCount()} names the element of {@code lot} in quantity list {@code list}. */
  static String listed(String list, LotId lot) {
    return list + " " + lot.uri();
  }

  boolean isEmpty() {
    return fields.isEmpty() && classLevel.isEmpty() && statedCount.isEmpty();
  }

  /** The residual an event carries, {@link #NONE} when it carries none (native events). */
  static Residual of(Event event) throws EpcisFormatException {
    for (Extension x : event.context().extensions()) {
      if (isResidual(x)) {
        return parse(x.value());
      }
    }
    return NONE;
  }

  static boolean isResidual(Extension x) {
    return x.namespace().equals(Vocabulary.NAMESPACE) && x.name().equals(Vocabulary.RESIDUAL);
  }

  /** This residual as an event extension, or null when there is nothing to keep. */
  Extension toExtension(int eventIndex) throws EpcisFormatException {
    if (isEmpty()) {
      return null;
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    if (!fields.isEmpty()) {
      root.set("fields", fields);
    }
    putSet(root, "classLevel", classLevel);
    putSet(root, "statedCount", statedCount);
    String json;
    try {
      json = EpcisJson.MAPPER.writeValueAsString(sorted(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    if (json.length() > Extension.MAX_VALUE_LENGTH) {
      throw new EpcisFormatException(
          eventIndex,
          "(event)",
          "fields lotledger keeps verbatim take "
              + json.length()
              + " characters, over the limit of "
              + Extension.MAX_VALUE_LENGTH);
    }
    return new Extension(Vocabulary.NAMESPACE, Vocabulary.RESIDUAL, json);
  }

  private static Residual parse(String json) throws EpcisFormatException {
    JsonNode root;
    try {
      root = EpcisJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          Vocabulary.term(Vocabulary.RESIDUAL),
          "stored EPCIS residual is not JSON: " + e.getOriginalMessage(),
          e);
    }
    ObjectNode fields =
        root.path("fields").isObject()
            ? (ObjectNode) root.get("fields")
            : JsonNodeFactory.instance.objectNode();
    return new Residual(fields, readSet(root, "classLevel"), readSet(root, "statedCount"));
  }

  private static void putSet(ObjectNode root, String name, Set<String> set) {
    if (!set.isEmpty()) {
      ArrayNode array = root.putArray(name);
      set.stream().sorted().forEach(array::add);
    }
  }

  private static Set<String> readSet(JsonNode root, String name) {
    Set<String> out = new LinkedHashSet<>();
    root.path(name).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A copy of {@code node} with every object's keys in sorted order. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> byName = new TreeMap<>();
      node.fields().forEachRemaining(e -> byName.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      byName.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(sorted(n)));
      return out;
    }
    return node;
  }

  /**
   * Adds {@code extra} into {@code into}: objects present in both merge recursively, anything else
   * in {@code extra} is set as it is. The model's fields and the residual never name the same leaf.
   */
  static void merge(ObjectNode into, ObjectNode extra) {
    List<String> names = new ArrayList<>();
    extra.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode mine = into.get(name);
      JsonNode theirs = extra.get(name);
      if (mine != null && mine.isObject() && theirs.isObject()) {
        merge((ObjectNode) mine, (ObjectNode) theirs);
      } else {
        into.set(name, theirs.deepCopy());
      }
    }
  }
}
