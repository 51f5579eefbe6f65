package io.lotledger.epcis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.DisallowSchemaLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks an EPCIS 2.0 JSON-LD document, or a single event, against GS1's official EPCIS 2.0 JSON
 * schema ({@code EPCIS-JSON-Schema.json}, JSON Schema draft-07), the normative validation artefact
 * of the EPCIS 2.0 JSON/JSON-LD binding.
 *
 * <p>The schema is bundled as a classpath resource beside this class (origin and licence in {@code
 * SOURCE.txt} and {@code LICENSE.txt} there) and loaded once. Its {@code $id}, {@code
 * https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json}, maps to that copy; every other schema IRI is
 * refused, so validation never touches the network. Its {@code $schema} (draft-07) is a meta-schema
 * built into the validator and is not loaded either. All of its {@code $ref}s are local.
 *
 * <p><b>Format assertions are on.</b> Draft-07 lets a validator treat {@code format} as an
 * annotation only (JSON Schema Validation draft-07 §7.2). This schema depends on it as an
 * assertion: {@code propertyNames} accepts a property that is either a standard one or matches
 * {@code format: uri}, which is how the schema tells a namespaced extension ({@code ex:lotGrade},
 * EPCIS 2.0 §6.3) from an unknown bare name; with annotations only, any misspelt or made-up
 * property passes. The same holds for CBV values ({@code bizStep}, {@code disposition}), which are
 * a bare CBV term or a URI outside the CBV namespaces. {@code date-time} (RFC 3339, offset
 * required) catches timestamps that EPCIS 2.0 §7.3.4.1 forbids. Every official GS1 example and both
 * GDST reference documents pass with assertions on (see the tests). The {@code uri} check is the
 * validator's: an absolute, ASCII-only {@link java.net.URI}. A compact IRI such as {@code
 * gdst:productOwner} therefore passes as a URI with scheme {@code gdst}; whether the prefix is
 * declared is not the schema's business but {@link EpcisContext}'s.
 *
 * <p><b>Messages.</b> The schema dispatches on {@code type} with {@code if}/{@code then} and states
 * alternatives with {@code anyOf} (draft-07 §6.6, §6.7). The validator reports a failed {@code
 * then} only through its subschema's own messages, never as a generic "does not match then"; but an
 * object without {@code type} satisfies every {@code if} vacuously and collects the rules of all
 * event kinds, and {@code anyOf} reports every failed alternative, most of them beside the point.
 * So the messages of a {@code then} applied to an untyped object are dropped (the missing {@code
 * type} is reported), each message is reworded and placed at the field it concerns (a missing
 * property at the property's own pointer), alternatives that a direct violation at the same field
 * already explains are dropped, and the rest of one {@code anyOf} is folded into a single violation
 * (see {@link SchemaMessages}).
 *
 * <p>Thread-safe: the compiled schema is immutable once loaded and shared by all callers.
 */
public final class EpcisSchema {
  /**
   * Most violations {@link #validate} returns; the validator itself always checks the whole input.
   */
  public static final int MAX_VIOLATIONS = 100;

  private static final String RESOURCE = "EPCIS-JSON-Schema.json";

  private static final Set<String> DOCUMENT_TYPES = Set.of("EPCISDocument", "EPCISQueryDocument");

  /**
   * One way a document breaks the schema.
   *
   * @param eventIndex zero-based index of the event in {@code epcisBody.eventList} (or the query
   *     document's {@code resultsBody.eventList}); 0 for every violation when the document is a
   *     single event; {@link EpcisFormatException#NO_EVENT} for the document's own fields
   * @param pointer RFC 6901 JSON pointer to the offending value, such as {@code
   *     /epcisBody/eventList/3/quantityList/0/quantity}; for a missing property, where it belongs
   * @param message what is wrong, in words
   */
  public record SchemaError(int eventIndex, String pointer, String message) {
    /**
     * @throws IllegalArgumentException if {@code eventIndex} is below {@link
     *     EpcisFormatException#NO_EVENT}
     * @throws NullPointerException if {@code pointer} or {@code message} is null
     */
    public SchemaError {
      if (eventIndex < EpcisFormatException.NO_EVENT) {
        throw new IllegalArgumentException("eventIndex must be -1 or more, not " + eventIndex);
      }
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(message, "message");
    }

    /** For example {@code event 3 (/epcisBody/eventList/3/eventTime): is required but missing}. */
    @Override
    public String toString() {
      String where =
          eventIndex == EpcisFormatException.NO_EVENT ? "document" : "event " + eventIndex;
      return where + (pointer.isEmpty() ? "" : " (" + pointer + ")") + ": " + message;
    }
  }

  private EpcisSchema() {}

  /**
   * Returns every way {@code document} breaks the EPCIS 2.0 JSON schema, at most {@link
   * #MAX_VIOLATIONS}, document-level violations first, then by event index; empty if it conforms.
   * The document is an {@code EPCISDocument}, an {@code EPCISQueryDocument} or a single event.
   */
  public static List<SchemaError> validate(JsonNode document) {
    return check(document).list();
  }

  /**
   * Passes if {@code document} conforms to the EPCIS 2.0 JSON schema.
   *
   * @throws EpcisFormatException naming the first violation (document-level before events, lowest
   *     event index first, the deepest pointer within it) and how many others there are
   */
  public static void require(JsonNode document) throws EpcisFormatException {
    check(document).require();
  }

  /**
   * A document's events are validated one at a time ({@link Violations#event}), its own fields
   * apart ({@link Violations#document}): the validator keeps a result for every node it evaluates
   * until a validation ends, about 2 KB per minimal event, so one validation of a 16 MiB document
   * holds several hundred MB.
   */
  private static Violations check(JsonNode document) {
    Objects.requireNonNull(document, "document");
    String type = document.path("type").asText("");
    JsonNode body = document.path("epcisBody");
    List<String> path =
        type.equals("EPCISQueryDocument")
            ? List.of("queryResults", "resultsBody", "eventList")
            : List.of("eventList");
    JsonNode holder = body;
    for (String step : path.subList(0, path.size() - 1)) {
      holder = holder.path(step);
    }
    JsonNode events = holder.path(path.get(path.size() - 1));
    if (!DOCUMENT_TYPES.contains(type) || !holder.isObject() || !events.isArray()) {
      Violations whole = new Violations(EVENT_LIST);
      whole.document(document);
      return whole;
    }
    Violations out =
        new Violations(type.equals("EPCISQueryDocument") ? QUERY_EVENT_LIST : EVENT_LIST);
    for (int i = 0; i < events.size(); i++) {
      out.event(i, events.get(i));
    }
    List<String> fromRoot = new ArrayList<>();
    fromRoot.add("epcisBody");
    fromRoot.addAll(path);
    out.document(withEmptyList((ObjectNode) document, fromRoot));
    return out;
  }

  /**
   * {@code node} with the array at {@code path} empty: copies the objects on the path, shares the
   * rest.
   */
  private static ObjectNode withEmptyList(ObjectNode node, List<String> path) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    node.fields().forEachRemaining(f -> copy.set(f.getKey(), f.getValue()));
    String step = path.get(0);
    copy.set(
        step,
        path.size() == 1
            ? JsonNodeFactory.instance.arrayNode()
            : withEmptyList((ObjectNode) node.get(step), path.subList(1, path.size())));
    return copy;
  }

  /** RFC 6901 pointers to the event list of an EPCISDocument and of an EPCISQueryDocument. */
  static final String EVENT_LIST = "/epcisBody/eventList";

  static final String QUERY_EVENT_LIST = "/epcisBody/queryResults/resultsBody/eventList";

  /**
   * The violations of one document, checked in parts: each event of its event list on its own, in
   * order, then the document's own fields (with an empty event list). Keeps every violation of the
   * first event that has any and of the document, at most {@link #MAX_VIOLATIONS} of the others,
   * and counts them all. Not thread-safe.
   */
  static final class Violations {
    private final String listPointer;
    private final List<SchemaError> documentLevel = new ArrayList<>();
    private final List<SchemaError> events = new ArrayList<>();
    private int firstEvent = -1;
    private int total;

    /**
     * @param listPointer where the events are: {@link #EVENT_LIST} or {@link #QUERY_EVENT_LIST}
     */
    Violations(String listPointer) {
      this.listPointer = listPointer;
    }

    /** Validates {@code event}, item {@code index} of the document's event list. */
    void event(int index, JsonNode event) {
      // Validated inside a minimal conforming document, so that evaluation paths and pointers are
      // those of the event in its own document, but for its index; the host's fields never fail.
      ObjectNode host = HOST.deepCopy();
      ((ArrayNode) host.path("epcisBody").path("eventList")).add(event);
      String from = EVENT_LIST + "/0";
      for (SchemaError e : violations(host)) {
        if (e.eventIndex() != 0
            || !(e.pointer().equals(from) || e.pointer().startsWith(from + "/"))) {
          throw new IllegalStateException(
              "the bundled host document for one event does not conform: " + e);
        }
        total++;
        if (firstEvent < 0) {
          firstEvent = index;
        }
        if (index == firstEvent || events.size() < MAX_VIOLATIONS) {
          events.add(
              new SchemaError(
                  index,
                  listPointer + "/" + index + e.pointer().substring(from.length()),
                  e.message()));
        }
      }
    }

    /**
     * Validates the rest of the document (its event list empty), or the whole of a single event.
     */
    void document(JsonNode document) {
      List<SchemaError> found = violations(document);
      total += found.size();
      documentLevel.addAll(found);
    }

    /** At most {@link #MAX_VIOLATIONS}, document-level first, then by event index. */
    List<SchemaError> list() {
      List<SchemaError> all = new ArrayList<>(documentLevel);
      all.addAll(events);
      all.sort(java.util.Comparator.comparingInt(SchemaError::eventIndex));
      return all.size() <= MAX_VIOLATIONS
          ? List.copyOf(all)
          : List.copyOf(all.subList(0, MAX_VIOLATIONS));
    }

    /** As {@link EpcisSchema#require}. */
    void require() throws EpcisFormatException {
      if (total == 0) {
        return;
      }
      List<SchemaError> all = new ArrayList<>(documentLevel);
      all.addAll(events);
      all.sort(java.util.Comparator.comparingInt(SchemaError::eventIndex));
      SchemaError first = all.get(0);
      for (SchemaError e : all) {
        if (e.eventIndex() == first.eventIndex() && depth(e.pointer()) > depth(first.pointer())) {
          first = e;
        }
      }
      String more =
          total == 1 ? "" : " (and " + (total - 1) + " more; EpcisSchema.validate lists them)";
      throw new EpcisFormatException(
          first.eventIndex(),
          first.pointer().isEmpty() ? "(document)" : first.pointer(),
          first.message() + more);
    }
  }

  /** A minimal EPCISDocument that conforms with any one conforming event in its list. */
  private static final ObjectNode HOST = host();

  private static ObjectNode host() {
    ObjectNode host = JsonNodeFactory.instance.objectNode();
    host.put("@context", EpcisContext.STANDARD_URL);
    host.put("type", "EPCISDocument");
    host.put("schemaVersion", "2.0");
    host.put("creationDate", "2000-01-01T00:00:00Z");
    host.putObject("epcisBody").putArray("eventList");
    return host;
  }

  private static List<SchemaError> violations(JsonNode document) {
    Objects.requireNonNull(document, "document");
    JsonNode type = document.path("type");
    boolean singleEvent =
        document.isObject() && type.isTextual() && !DOCUMENT_TYPES.contains(type.textValue());
    return SchemaMessages.explain(Bundled.SCHEMA.validate(document), document, singleEvent);
  }

  private static int depth(String pointer) {
    return (int) pointer.chars().filter(c -> c == '/').count();
  }

  /**
   * The bare CBV 2.0 words the schema allows for {@code definition} (e.g. {@code bizStep}, {@code
   * disposition}, {@code source-dest-type}, {@code bizTransaction-type}): the {@code enum} of its
   * {@code anyOf}. Every other value of such a field must be a URI.
   */
  static Set<String> terms(String definition) {
    Set<String> out = new java.util.HashSet<>();
    for (JsonNode option : Text.TREE.path("definitions").path(definition).path("anyOf")) {
      option.path("enum").forEach(t -> out.add(t.asText()));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          "bundled schema " + RESOURCE + " lists no terms for " + definition);
    }
    return Set.copyOf(out);
  }

  /**
   * The bundled schema's text and tree, read on first use, once (initialization-on-demand holder).
   */
  private static final class Text {
    static final String TEXT = read();
    static final JsonNode TREE = parse();

    private static String read() {
      try (InputStream in = EpcisSchema.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "bundled schema " + RESOURCE + " is not on the classpath");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled schema " + RESOURCE, e);
      }
    }

    private static JsonNode parse() {
      try {
        return JsonMapper.builder().build().readTree(TEXT);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("bundled schema " + RESOURCE + " is not JSON", e);
      }
    }
  }

  /**
   * The compiled schema, built on first validation, once: reading its terms ({@link #terms}) does
   * not compile it.
   */
  private static final class Bundled {
    static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
      String id = Text.TREE.path("$id").asText("");
      if (id.isEmpty()) {
        throw new IllegalStateException("bundled schema " + RESOURCE + " has no $id");
      }
      // The $id resolves to the bundled text; any other IRI fails instead of being fetched.
      JsonSchemaFactory factory =
          JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V7,
              builder ->
                  builder.schemaLoaders(
                      loaders ->
                          loaders
                              .schemas(Map.of(id, Text.TEXT))
                              .add(DisallowSchemaLoader.getInstance())));
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder()
              .pathType(PathType.JSON_POINTER)
              .formatAssertionsEnabled(true)
              .build();
      JsonSchema schema = factory.getSchema(SchemaLocation.of(id), config);
      schema.initializeValidators();
      return schema;
    }
  }
}
