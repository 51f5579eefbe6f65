package io.lotledger.epcis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
    List<SchemaError> all = violations(document);
    return all.size() <= MAX_VIOLATIONS ? all : List.copyOf(all.subList(0, MAX_VIOLATIONS));
  }

  /**
   * Passes if {@code document} conforms to the EPCIS 2.0 JSON schema.
   *
   * @throws EpcisFormatException naming the first violation (document-level before events, lowest
   *     event index first, the deepest pointer within it) and how many others there are
   */
  public static void require(JsonNode document) throws EpcisFormatException {
    List<SchemaError> all = violations(document);
    if (all.isEmpty()) {
      return;
    }
    SchemaError first = all.get(0);
    for (SchemaError e : all) {
      if (e.eventIndex() == first.eventIndex() && depth(e.pointer()) > depth(first.pointer())) {
        first = e;
      }
    }
    String more =
        all.size() == 1
            ? ""
            : " (and " + (all.size() - 1) + " more; EpcisSchema.validate lists them)";
    throw new EpcisFormatException(
        first.eventIndex(),
        first.pointer().isEmpty() ? "(document)" : first.pointer(),
        first.message() + more);
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
   * The bare CBV 2.0 words the schema allows for {@code definition} (e.g. {@code bizStep},
   * {@code disposition}, {@code source-dest-type}, {@code bizTransaction-type}): the {@code enum} of its
   * {@code anyOf}. Every other value of such a field must be a URI.
   */
  static Set<String> terms(String definition) {
    Set<String> out = new java.util.HashSet<>();
    for (JsonNode option : Text.TREE.path("definitions").path(definition).path("anyOf")) {
      option.path("enum").forEach(t -> out.add(t.asText()));
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("bundled schema " + RESOURCE + " lists no terms for " + definition);
    }
    return Set.copyOf(out);
  }

  /** The bundled schema's text and tree, read on first use, once (initialization-on-demand holder). */
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

  /** The compiled schema, built on first validation, once: reading its terms ({@link #terms}) does not compile it. */
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
