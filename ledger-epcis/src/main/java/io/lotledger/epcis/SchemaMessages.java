package io.lotledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import io.lotledger.epcis.EpcisSchema.SchemaError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the validator's messages about one document into {@link SchemaError}s a person can act on.
 *
 * <p>Four things make the raw messages poor:
 *
 * <ul>
 *   <li>The schema dispatches on {@code type} with {@code if: {properties: {type: {enum: [...]}}}}.
 *       {@code properties} holds vacuously when the property is absent (draft-07 §6.5.4), so on an
 *       object without {@code type} every {@code if} holds and the rules of all event kinds report
 *       at once.
 *   <li>A missing property is reported at the object that lacks it, so the pointer does not name
 *       the field.
 *   <li>Each failed alternative of an {@code anyOf} (draft-07 §6.7.2) adds its own messages: {@code
 *       action: "MOVE"} yields the {@code enum} violation plus three from the ObjectEvent rule that
 *       ties {@code ilmd} to {@code ADD}, and a bad {@code bizStep} one message for "a URI" and one
 *       for "a CBV term".
 *   <li>The wording is the validator's ("string found, number expected").
 * </ul>
 *
 * <p>So: messages from a {@code then} applied to an object without {@code type} are dropped (the
 * schema's own {@code required: ["type"]} reports the real problem). Each other message is reworded
 * by keyword and pinned to the field it is about. Messages produced under an {@code anyOf} are
 * grouped by the outermost {@code anyOf} in their evaluation path and the instance that {@code
 * anyOf} was applied to. A group is dropped when one of its alternatives fails only at fields that
 * already carry a direct violation, since fixing those satisfies it. A group whose messages all
 * concern one field becomes one violation there ("must be a URI, or one of ..."), otherwise one
 * violation at the object, listing what each alternative lacks.
 *
 * <p>Stateless; the methods are pure functions of their arguments.
 */
final class SchemaMessages {
  private SchemaMessages() {}

  /**
   * One reworded message: where it points, the JSON types involved if it is a type mismatch (else
   * null), and the {@code anyOf} alternative it came from (group null if none).
   */
  private record Finding(
      List<Object> at,
      String message,
      String expected,
      String found,
      String group,
      List<Object> groupAt,
      int branch) {
    String pointer() {
      return SchemaMessages.pointer(at);
    }
  }

  /**
   * Explains {@code raw} (the validator's messages for one document), ordered document-level first,
   * then by event index, otherwise in the validator's order.
   *
   * @param document the document validated
   * @param singleEvent the document is one event, so every violation belongs to event 0
   */
  static List<SchemaError> explain(
      Collection<ValidationMessage> raw, JsonNode document, boolean singleEvent) {
    List<Object> order = new ArrayList<>();
    Map<String, List<Finding>> groups = new LinkedHashMap<>();
    Set<String> direct = new HashSet<>();
    for (ValidationMessage m : raw) {
      if (untyped(m, document)) {
        continue;
      }
      Finding f = finding(m);
      if (f.group() == null) {
        order.add(f);
        direct.add(f.pointer());
      } else {
        groups
            .computeIfAbsent(
                f.group(),
                k -> {
                  order.add(k);
                  return new ArrayList<>();
                })
            .add(f);
      }
    }
    Set<SchemaError> errors = new LinkedHashSet<>();
    for (Object item : order) {
      if (item instanceof Finding f) {
        errors.add(new SchemaError(eventIndex(f.at(), singleEvent), f.pointer(), f.message()));
      } else {
        List<Finding> group = groups.get(item);
        if (!explained(group, direct)) {
          errors.add(fold(group, singleEvent));
        }
      }
    }
    List<SchemaError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(SchemaError::eventIndex));
    return List.copyOf(sorted);
  }

  private static Finding finding(ValidationMessage m) {
    List<Object> location = elements(m.getInstanceLocation());
    List<Object> at = location;
    String key = m.getMessageKey() != null ? m.getMessageKey() : m.getType();
    String expected = null;
    String found = null;
    String text;
    switch (key) {
      case "required" -> {
        at = append(at, m.getProperty());
        text = "is required but missing";
      }
      case "propertyNames" -> {
        at = append(at, m.getProperty());
        text =
            "is not a property defined here, nor a URI; name an extension with a namespace prefix"
                + " declared in @context, such as ex:"
                + m.getProperty();
      }
      case "additionalProperties" -> {
        at = append(at, m.getProperty());
        text = "is not a property allowed here";
      }
      case "type" -> {
        expected = article(argument(m, 1));
        found = article(argument(m, 0));
        text = "must be " + expected + ", not " + found;
      }
      case "enum" -> text = "must be one of " + argument(m, 0);
      case "pattern" -> text = "must match the pattern " + argument(m, 0);
      case "format.uri" -> text = "must be an absolute URI (RFC 3986)";
      case "format.date-time" -> text = "must be an RFC 3339 date-time with a time zone offset";
      case "minItems" -> text = "must have at least " + argument(m, 0) + " item(s)";
      case "uniqueItems" -> text = "must not repeat an item";
      case "not" -> text = "is not allowed here";
      default -> text = m.getError();
    }
    List<Object> path = elements(m.getEvaluationPath());
    for (int i = 0; i + 1 < path.size(); i++) {
      Object keyword = path.get(i);
      if (("anyOf".equals(keyword) || "oneOf".equals(keyword))
          && path.get(i + 1) instanceof Integer branch) {
        List<Object> groupAt =
            List.copyOf(location.subList(0, Math.max(0, location.size() - moves(path, i + 2))));
        String group = pointer(groupAt) + " " + path.subList(0, i + 1);
        return new Finding(at, text, expected, found, group, groupAt, branch);
      }
    }
    return new Finding(at, text, expected, found, null, List.of(), -1);
  }

  /** True if {@code m} comes from a {@code then} applied to an object without {@code type}. */
  private static boolean untyped(ValidationMessage m, JsonNode document) {
    List<Object> path = elements(m.getEvaluationPath());
    List<Object> location = elements(m.getInstanceLocation());
    for (int i = 0; i < path.size(); i++) {
      if ("then".equals(path.get(i))) {
        JsonNode node = document;
        int depth = Math.max(0, location.size() - moves(path, i + 1));
        for (Object token : location.subList(0, depth)) {
          node = token instanceof Integer index ? node.path(index) : node.path((String) token);
        }
        if (node.isObject() && !node.has("type")) {
          return true;
        }
      }
    }
    return false;
  }

  /** How many levels the instance descends along {@code path} from {@code from} on. */
  private static int moves(List<Object> path, int from) {
    int moves = 0;
    for (int k = from; k < path.size(); k++) {
      Object keyword = path.get(k);
      if ("properties".equals(keyword) || "patternProperties".equals(keyword)) {
        moves++;
        k++; // the property name (or pattern) that follows is not a keyword
      } else if ("items".equals(keyword)) {
        moves++;
        if (k + 1 < path.size() && path.get(k + 1) instanceof Integer) {
          k++; // tuple form: items/<position>
        }
      } else if ("additionalProperties".equals(keyword)
          || "additionalItems".equals(keyword)
          || "contains".equals(keyword)) {
        moves++;
      }
    }
    return moves;
  }

  /** True if some alternative fails only where a direct violation is already reported. */
  private static boolean explained(List<Finding> group, Set<String> direct) {
    Map<Integer, List<Finding>> branches = branches(group);
    for (List<Finding> branch : branches.values()) {
      if (branch.stream().allMatch(f -> direct.contains(f.pointer()))) {
        return true;
      }
    }
    return false;
  }

  private static SchemaError fold(List<Finding> group, boolean singleEvent) {
    Set<String> pointers = group.stream().map(Finding::pointer).collect(Collectors.toSet());
    if (pointers.size() == 1) {
      Finding any = group.get(0);
      return new SchemaError(eventIndex(any.at(), singleEvent), any.pointer(), alternatives(group));
    }
    List<Object> at = group.get(0).groupAt();
    String base = pointer(at);
    Map<Integer, List<Finding>> branches = branches(group);
    StringBuilder text =
        new StringBuilder("fits none of the ")
            .append(branches.size())
            .append(" alternatives the schema allows here: ");
    int n = 0;
    for (List<Finding> branch : branches.values()) {
      text.append(n++ == 0 ? "" : "; ").append('(').append(n).append(") ");
      text.append(
          branch.stream()
              .map(f -> relative(base, f.pointer()) + f.message())
              .distinct()
              .collect(Collectors.joining(", ")));
    }
    return new SchemaError(eventIndex(at, singleEvent), base, text.toString());
  }

  /** Alternatives for one value: "must be a string, an object or an array, not an integer". */
  private static String alternatives(List<Finding> group) {
    List<String> expected = group.stream().map(Finding::expected).distinct().toList();
    Set<String> found = group.stream().map(Finding::found).collect(Collectors.toSet());
    if (expected.size() > 1 && !expected.contains(null) && found.size() == 1) {
      return "must be "
          + String.join(", ", expected.subList(0, expected.size() - 1))
          + " or "
          + expected.get(expected.size() - 1)
          + ", not "
          + found.iterator().next();
    }
    return group.stream().map(Finding::message).distinct().collect(Collectors.joining(", or "));
  }

  private static Map<Integer, List<Finding>> branches(List<Finding> group) {
    Map<Integer, List<Finding>> branches = new TreeMap<>();
    for (Finding f : group) {
      branches.computeIfAbsent(f.branch(), b -> new ArrayList<>()).add(f);
    }
    return branches;
  }

  /** The event a pointer falls in: epcisBody.eventList[i] or a query's resultsBody.eventList[i]. */
  private static int eventIndex(List<Object> at, boolean singleEvent) {
    if (singleEvent) {
      return 0;
    }
    List<List<Object>> lists =
        List.of(
            List.of("epcisBody", "eventList"),
            List.of("epcisBody", "queryResults", "resultsBody", "eventList"));
    for (List<Object> list : lists) {
      if (at.size() > list.size()
          && at.subList(0, list.size()).equals(list)
          && at.get(list.size()) instanceof Integer index) {
        return index;
      }
    }
    return EpcisFormatException.NO_EVENT;
  }

  private static String relative(String base, String pointer) {
    if (pointer.equals(base)) {
      return "";
    }
    return pointer.substring(base.length() + 1) + ": ";
  }

  private static List<Object> elements(JsonNodePath path) {
    List<Object> elements = new ArrayList<>(path.getNameCount());
    for (int i = 0; i < path.getNameCount(); i++) {
      elements.add(path.getElement(i));
    }
    return elements;
  }

  private static List<Object> append(List<Object> at, String name) {
    if (name == null) {
      return at;
    }
    List<Object> longer = new ArrayList<>(at);
    longer.add(name);
    return longer;
  }

  /** RFC 6901 §3: each reference token prefixed by "/", with "~" as "~0" and "/" as "~1". */
  static String pointer(List<Object> tokens) {
    StringBuilder out = new StringBuilder();
    for (Object token : tokens) {
      out.append('/').append(token.toString().replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }

  private static String argument(ValidationMessage m, int index) {
    Object[] arguments = m.getArguments();
    return arguments != null && index < arguments.length ? String.valueOf(arguments[index]) : "?";
  }

  private static String article(String jsonType) {
    return switch (jsonType) {
      case "null" -> "null";
      case "integer", "object", "array" -> "an " + jsonType;
      default -> "a " + jsonType;
    };
  }
}
