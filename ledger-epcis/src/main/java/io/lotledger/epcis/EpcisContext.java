package io.lotledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The namespace prefixes and terms an EPCIS 2.0 JSON-LD document's {@code @context} declares,
 * worked out offline: the standard EPCIS 2.0.0 context comes from a bundled copy and nothing is
 * ever fetched.
 *
 * <p>A JSON-LD 1.1 context (§3.1, §9.15 of the JSON-LD 1.1 recommendation) is a URL, an inline
 * object of definitions, or an array of both. EPCIS 2.0 documents name the GS1 context by URL and
 * may add inline objects declaring the prefixes of their extensions (EPCIS 2.0 §6.3), as in {@code
 * ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex":
 * "https://example.com/epcis/"}]}. This class reads such a value:
 *
 * <ul>
 *   <li>The URL {@link #STANDARD_URL} and the unversioned {@link #UNVERSIONED_URL} both stand for
 *       the bundled 2.0.0 context. The unversioned URL names whatever release GS1 serves at the
 *       time; reading it as 2.0.0, the release bundled, keeps a document's meaning from changing
 *       when GS1 publishes another. (The gs1/EPCIS repository's copy already differs from 2.0.0 in
 *       one term, {@code quantity} typed {@code xsd:decimal} rather than {@code xsd:double}; no
 *       prefix depends on it.)
 *   <li>Any other URL is refused: fetching contexts would make import depend on the network and on
 *       whoever serves the URL. The message tells the sender to inline the prefixes instead.
 *   <li>In an inline object, a string value declares a prefix ({@code "ex": "https://..."}), an
 *       object value a term definition ({@code {"@id": ..., "@type": ...}}); keys starting with
 *       {@code @} ({@code @version}, {@code @vocab}, ...) are kept but not interpreted, except
 *       {@code @import}, which names a remote context and is refused. Scoped contexts inside term
 *       definitions may not name remote contexts either.
 *   <li>The standard context is {@code @protected} (JSON-LD 1.1 §4.1.11): when a context names it,
 *       an inline definition may repeat a standard term or prefix identically, and is then not
 *       reported as custom, but may not change a term, wherever it stands in the array. A standard
 *       prefix bound to another namespace is accepted and wins, as the CBV 2.0 hash algorithm reads
 *       it: GS1's own example (transformation_event_all_possible_fields) rebinds {@code cbvmda}.
 * </ul>
 *
 * <p>Every string definition is a prefix, as in JSON-LD 1.0 and as {@link EventHashId} reads
 * contexts; strict JSON-LD 1.1 would use only those whose IRI ends in a gen-delim character ({@code
 * / # : ? [ ] @}), which would, for one, leave the GDST documents' {@code gdst} prefix unusable. An
 * object definition is a prefix only with {@code "@prefix": true}, as in JSON-LD 1.1.
 *
 * <p>Bounds: at most {@link #MAX_ENTRIES} context entries, {@link #MAX_TERMS} definitions, and
 * scoped contexts nested at most {@link #MAX_SCOPED_DEPTH} deep.
 *
 * <p>Immutable and thread-safe; {@link #custom()} returns a copy.
 */
public final class EpcisContext {
  /** The EPCIS 2.0.0 JSON-LD context, bundled as {@code epcis-context-2.0.0.jsonld}. */
  public static final String STANDARD_URL =
      "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

  /** The unversioned URL of the EPCIS context, read as {@link #STANDARD_URL}. */
  public static final String UNVERSIONED_URL =
      "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";

  /** Most entries (URLs and inline objects) accepted in one {@code @context}. */
  public static final int MAX_ENTRIES = 64;

  /** Most definitions accepted across all inline objects, scoped contexts included. */
  public static final int MAX_TERMS = 1024;

  /** Deepest nesting of scoped contexts inside term definitions. */
  public static final int MAX_SCOPED_DEPTH = 8;

  private static final String RESOURCE = "epcis-context-2.0.0.jsonld";
  private static final String FIELD = "@context";
  private static final Set<String> BUNDLED = Set.of(STANDARD_URL, UNVERSIONED_URL);

  private final boolean standard;
  private final Map<String, String> prefixes;
  private final Map<String, String> terms;
  private final Map<String, String> expandable;
  private final ArrayNode custom;

  private EpcisContext(
      boolean standard,
      Map<String, String> prefixes,
      Map<String, String> terms,
      Map<String, String> expandable,
      ArrayNode custom) {
    this.standard = standard;
    this.prefixes = Collections.unmodifiableMap(prefixes);
    this.terms = Collections.unmodifiableMap(terms);
    this.expandable = expandable;
    this.custom = custom;
  }

  /**
   * Reads a document's {@code @context} value: a string, an object or an array of them.
   *
   * @throws EpcisFormatException if the value is missing or of another JSON type, names a context
   *     that is not bundled, redefines a protected standard term, or exceeds a bound
   */
  public static EpcisContext of(JsonNode context) throws EpcisFormatException {
    if (context == null || context.isMissingNode()) {
      throw fail(FIELD, "missing; an EPCIS 2.0 JSON-LD document names the EPCIS context");
    }
    if (!context.isArray() && !context.isTextual() && !context.isObject()) {
      throw fail(FIELD, "must be a URL, an object or an array, not " + context.getNodeType());
    }
    if (context.isArray() && context.size() > MAX_ENTRIES) {
      throw fail(FIELD, context.size() + " entries, over the limit of " + MAX_ENTRIES);
    }
    Reader reader = new Reader();
    for (JsonNode entry : context.isArray() ? context : List.of(context)) {
      reader.standard |= entry.isTextual() && BUNDLED.contains(entry.textValue());
    }
    if (context.isArray()) {
      for (int i = 0; i < context.size(); i++) {
        reader.entry(context.get(i), FIELD + "[" + i + "]");
      }
    } else {
      reader.entry(context, FIELD);
    }
    Map<String, String> expandable = new LinkedHashMap<>();
    if (reader.standard) {
      expandable.putAll(Standard.PREFIXES);
    }
    expandable.putAll(reader.expandable);
    return new EpcisContext(
        reader.standard, reader.prefixes, reader.terms, expandable, reader.custom);
  }

  /** Whether the context names the EPCIS 2.0.0 context, by either URL. */
  public boolean standard() {
    return standard;
  }

  /**
   * The prefixes the inline objects declare (prefix to namespace IRI), in declaration order,
   * leaving out identical repeats of standard ones.
   */
  public Map<String, String> prefixes() {
    return prefixes;
  }

  /**
   * The term definitions the inline objects declare (term to its {@code @id} as written, or the
   * term itself when the definition has no {@code @id}), in declaration order, leaving out
   * identical repeats of standard ones.
   */
  public Map<String, String> terms() {
    return terms;
  }

  /**
   * The inline part of the context, as a JSON array of its objects in document order, for
   * re-emitting after {@link #STANDARD_URL}. A fresh copy on every call.
   */
  public JsonNode custom() {
    return custom.deepCopy();
  }

  /**
   * Expands a compact IRI {@code prefix:name} to {@code namespace + name}, using the standard
   * prefixes (when {@link #standard()}) and the declared ones. Returns the argument unchanged when
   * it has no known prefix or is already an absolute IRI ({@code scheme://...}).
   */
  public String expand(String compactIri) {
    Objects.requireNonNull(compactIri, "compactIri");
    int colon = compactIri.indexOf(':');
    if (colon <= 0 || compactIri.startsWith("//", colon + 1)) {
      return compactIri;
    }
    String namespace = expandable.get(compactIri.substring(0, colon));
    return namespace == null ? compactIri : namespace + compactIri.substring(colon + 1);
  }

  @Override
  public String toString() {
    return "EpcisContext[standard="
        + standard
        + ", prefixes="
        + prefixes
        + ", terms="
        + terms
        + "]";
  }

  private static EpcisFormatException fail(String field, String message) {
    return new EpcisFormatException(EpcisFormatException.NO_EVENT, field, message);
  }

  /** Collects one {@code @context} value, entry by entry; used once. */
  private static final class Reader {
    /** Set before the entries are read: the standard context protects its terms wherever named. */
    boolean standard;

    final Map<String, String> prefixes = new LinkedHashMap<>();
    final Map<String, String> terms = new LinkedHashMap<>();
    final Map<String, String> expandable = new LinkedHashMap<>();
    final ArrayNode custom = JsonNodeFactory.instance.arrayNode();
    int definitions;

    void entry(JsonNode entry, String field) throws EpcisFormatException {
      if (entry.isTextual()) {
        requireBundled(entry.textValue(), field);
      } else if (entry.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          define(e.getKey(), e.getValue(), field + "." + e.getKey());
        }
        custom.add(entry.deepCopy());
      } else {
        throw fail(field, "must be a URL or an object, not " + entry.getNodeType());
      }
    }

    private void define(String key, JsonNode value, String field) throws EpcisFormatException {
      count(field);
      if (key.startsWith("@")) {
        if (key.equals("@import")) {
          throw fail(field, "@import names a remote context; lotledger never fetches contexts");
        }
        return;
      }
      JsonNode standardDefinition = standard ? Standard.TERMS.get(key) : null;
      if (standardDefinition != null) {
        if (standardDefinition.equals(value)) {
          return;
        }
        if (!standardDefinition.isTextual() || !value.isTextual()) {
          throw fail(field, "redefines the protected EPCIS term " + key + " (JSON-LD 1.1 §4.1.11)");
        }
        // A standard prefix bound to another namespace: GS1's own example does this, and the CBV
        // 2.0
        // hash algorithm reads the document's binding; so does lotledger (it is reported as
        // custom).
      }
      if (value.isTextual()) {
        if (value.textValue().isEmpty()) {
          throw fail(field, "a prefix must map to a namespace IRI, not an empty string");
        }
        if (value.textValue().startsWith("@")) {
          terms.put(key, value.textValue()); // a keyword alias, such as "uid": "@id"
        } else {
          prefixes.put(key, value.textValue());
          expandable.put(key, value.textValue());
        }
      } else if (value.isObject()) {
        JsonNode id = value.path("@id");
        terms.put(key, id.isTextual() ? id.textValue() : key);
        if (id.isTextual() && value.path("@prefix").asBoolean(false)) {
          expandable.put(key, id.textValue());
        }
        if (value.has("@context")) {
          scoped(value.get("@context"), field + ".@context", 1);
        }
      } else if (!value.isNull()) {
        throw fail(
            field, "a definition must be a string, an object or null, not " + value.getNodeType());
      }
    }

    /** A scoped context (JSON-LD 1.1 §4.1.8) is checked for remote URLs, not interpreted. */
    private void scoped(JsonNode context, String field, int depth) throws EpcisFormatException {
      if (depth > MAX_SCOPED_DEPTH) {
        throw fail(field, "scoped contexts nested deeper than " + MAX_SCOPED_DEPTH);
      }
      if (context.isArray()) {
        if (context.size() > MAX_ENTRIES) {
          throw fail(field, context.size() + " entries, over the limit of " + MAX_ENTRIES);
        }
        for (int i = 0; i < context.size(); i++) {
          scoped(context.get(i), field + "[" + i + "]", depth);
        }
      } else if (context.isTextual()) {
        requireBundled(context.textValue(), field);
      } else if (context.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          String inner = field + "." + e.getKey();
          count(inner);
          if (e.getKey().equals("@import")) {
            throw fail(inner, "@import names a remote context; lotledger never fetches contexts");
          }
          if (e.getValue().has("@context")) {
            scoped(e.getValue().get("@context"), inner + ".@context", depth + 1);
          }
        }
      }
    }

    private void count(String field) throws EpcisFormatException {
      if (++definitions > MAX_TERMS) {
        throw fail(field, "more than " + MAX_TERMS + " definitions");
      }
    }

    private static void requireBundled(String url, String field) throws EpcisFormatException {
      if (!BUNDLED.contains(url)) {
        throw fail(
            field,
            "context "
                + url
                + " is not bundled; lotledger never fetches contexts: inline its prefixes");
      }
    }
  }

  /** The bundled EPCIS 2.0.0 context, read once (initialization-on-demand holder). */
  private static final class Standard {
    /** Every definition of the standard context, to hold inline definitions to @protected. */
    static final Map<String, JsonNode> TERMS;

    /** Its prefixes: string definitions whose IRI ends in a gen-delim character. */
    static final Map<String, String> PREFIXES;

    /** RFC 3986 §2.2 gen-delims, the endings that make a JSON-LD 1.1 simple term a prefix. */
    private static final String GEN_DELIMS = ":/?#[]@";

    static {
      JsonNode context;
      try (InputStream in = EpcisContext.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "bundled context " + RESOURCE + " is not on the classpath");
        }
        context = JsonMapper.builder().build().readTree(in).path("@context");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled context " + RESOURCE, e);
      }
      Map<String, JsonNode> terms = new LinkedHashMap<>();
      Map<String, String> prefixes = new LinkedHashMap<>();
      context
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().startsWith("@")) {
                  return;
                }
                terms.put(e.getKey(), e.getValue());
                String iri = e.getValue().isTextual() ? e.getValue().textValue() : "";
                if (!iri.isEmpty() && GEN_DELIMS.indexOf(iri.charAt(iri.length() - 1)) >= 0) {
                  prefixes.put(e.getKey(), iri);
                }
              });
      if (prefixes.isEmpty()) {
        throw new IllegalStateException("bundled context " + RESOURCE + " declares no prefixes");
      }
      TERMS = Collections.unmodifiableMap(terms);
      PREFIXES = Collections.unmodifiableMap(prefixes);
    }
  }
}
