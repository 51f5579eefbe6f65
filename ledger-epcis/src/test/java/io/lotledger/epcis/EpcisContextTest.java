package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EpcisContextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The one official example whose context is not valid JSON-LD 1.1 (see the test below). */
  private static final String REDEFINES_CBVMDA =
      "epcis-examples/WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld";

  static Stream<String> documents() throws IOException, URISyntaxException {
    return Stream.concat(
            EpcisSchemaTest.documents("epcis-examples").stream(),
            EpcisSchemaTest.documents("gdst").stream())
        .filter(name -> !name.equals(REDEFINES_CBVMDA));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void of_readsTheContextOfEveryOtherOfficialAndGdstDocument(String name) throws Exception {
    JsonNode context = read(name).get("@context");

    EpcisContext parsed = EpcisContext.of(context);

    assertThat(parsed.standard()).isTrue();
    assertThat(parsed.custom()).hasSize(context.size() - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {EpcisContext.STANDARD_URL, EpcisContext.UNVERSIONED_URL})
  void of_acceptsTheVersionedAndUnversionedStandardUrl(String url) throws Exception {
    for (JsonNode context : new JsonNode[] {TextNode.valueOf(url), array(url)}) {
      EpcisContext parsed = EpcisContext.of(context);

      assertThat(parsed.standard()).isTrue();
      assertThat(parsed.prefixes()).isEmpty();
      assertThat(parsed.terms()).isEmpty();
      assertThat(parsed.custom()).isEmpty();
      assertThat(parsed.expand("gs1:netWeight")).isEqualTo("https://gs1.org/voc/netWeight");
    }
  }

  @Test
  void of_collectsInlinePrefixesAndTermsInDeclarationOrder() throws Exception {
    JsonNode context =
        JSON.readTree(
            """
            ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
             {"zeta": "https://z.example/", "alpha": "https://a.example/"},
             {"mid": "urn:example:mid:",
              "ex:grade": {"@id": "https://a.example/grade", "@type": "xsd:string"},
              "lot": {"@id": "alpha:lot", "@type": "@id"},
              "uid": "@id",
              "rail:wagon": {"@type": "@id"}}]
            """);

    EpcisContext parsed = EpcisContext.of(context);

    assertThat(parsed.prefixes())
        .containsExactly(
            entry("zeta", "https://z.example/"),
            entry("alpha", "https://a.example/"),
            entry("mid", "urn:example:mid:"));
    assertThat(parsed.terms().keySet()).containsExactly("ex:grade", "lot", "uid", "rail:wagon");
    assertThat(parsed.terms())
        .containsEntry("lot", "alpha:lot")
        .containsEntry("rail:wagon", "rail:wagon");
    assertThat(parsed.custom()).isEqualTo(array(context.get(1), context.get(2)));
    assertThatThrownBy(() -> parsed.prefixes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void of_leavesIdenticalRepeatsOfStandardPrefixesOutOfPrefixesButKeepsThemInCustom()
      throws Exception {
    JsonNode context =
        array(
            EpcisContext.STANDARD_URL,
            object("gs1", "https://gs1.org/voc/").put("ex", "https://example.com/"));

    EpcisContext parsed = EpcisContext.of(context);

    assertThat(parsed.prefixes()).containsExactly(entry("ex", "https://example.com/"));
    assertThat(parsed.custom()).isEqualTo(array(context.get(1)));
  }

  @Test
  void of_rejectsChangingAProtectedStandardTermWhereverItStands() {
    for (JsonNode context :
        new JsonNode[] {
          array(EpcisContext.STANDARD_URL, object("eventTime", "https://example.com/voc/when")),
          array(object("eventTime", "https://example.com/voc/when"), EpcisContext.UNVERSIONED_URL)
        }) {
      assertThatThrownBy(() -> EpcisContext.of(context))
          .isInstanceOf(EpcisFormatException.class)
          .hasMessageContaining("redefines the protected EPCIS term eventTime");
    }
  }

  @Test
  void of_letsTheOfficialExampleRebindTheStandardPrefixCbvmda() throws Exception {
    // GS1's example maps cbvmda to http://example.com/cbvmda/; the 2.0.0 context maps it to
    // urn:epcglobal:cbv:mda:. The document's binding wins, as in the CBV 2.0 hash algorithm.
    JsonNode context = read(REDEFINES_CBVMDA).get("@context");

    assertThat(context.get(4)).isEqualTo(object("cbvmda", "http://example.com/cbvmda/"));
    EpcisContext parsed = EpcisContext.of(context);
    assertThat(parsed.expand("cbvmda:lotNumber")).isEqualTo("http://example.com/cbvmda/lotNumber");
    assertThat(parsed.prefixes()).containsEntry("cbvmda", "http://example.com/cbvmda/");
  }

  @Test
  void of_letsAContextWithoutTheStandardOneDefineAnyPrefix() throws Exception {
    EpcisContext parsed = EpcisContext.of(object("gs1", "https://example.com/voc/"));

    assertThat(parsed.standard()).isFalse();
    assertThat(parsed.expand("gs1:x")).isEqualTo("https://example.com/voc/x");
    assertThat(EpcisContext.of(object("ex", "https://example.com/")).expand("cbv:Disp-active"))
        .as("without the standard context its prefixes are unknown")
        .isEqualTo("cbv:Disp-active");
  }

  @Test
  void expand_usesStandardAndDeclaredPrefixesAndLeavesTheRestAlone() throws Exception {
    JsonNode context =
        JSON.readTree(
            """
            ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
             {"example": "http://ns.example.com/epcis/",
              "grade": {"@id": "https://example.com/grade/", "@prefix": true},
              "lot": {"@id": "https://example.com/lot/"}}]
            """);

    EpcisContext parsed = EpcisContext.of(context);

    assertThat(parsed.expand("example:myField")).isEqualTo("http://ns.example.com/epcis/myField");
    assertThat(parsed.expand("cbvmda:lotNumber")).isEqualTo("urn:epcglobal:cbv:mda:lotNumber");
    assertThat(parsed.expand("cbv:BizStep-shipping"))
        .isEqualTo("https://ref.gs1.org/cbv/BizStep-shipping");
    assertThat(parsed.expand("grade:A")).isEqualTo("https://example.com/grade/A");
    assertThat(parsed.expand("lot:7")).as("no @prefix: true").isEqualTo("lot:7");
    assertThat(parsed.expand("unknown:x")).isEqualTo("unknown:x");
    assertThat(parsed.expand("example://host/x")).isEqualTo("example://host/x");
    assertThat(parsed.expand("ObjectEvent:x"))
        .as("a term, not a prefix")
        .isEqualTo("ObjectEvent:x");
    assertThat(parsed.expand("noColon")).isEqualTo("noColon");
    assertThat(parsed.expand(":x")).isEqualTo(":x");
  }

  @Test
  void expand_concatenatesGdstsNamespaceWhichLacksATrailingSeparator() throws Exception {
    EpcisContext gdst =
        EpcisContext.of(read("gdst/farm_harvest_event_object.jsonld").get("@context"));

    // The GDST documents declare "gdst": "https://traceability-dialogue.org/epcis" (no '/').
    assertThat(gdst.prefixes())
        .containsExactly(entry("gdst", "https://traceability-dialogue.org/epcis"));
    assertThat(gdst.expand("gdst:productOwner"))
        .isEqualTo("https://traceability-dialogue.org/epcisproductOwner");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/epcis-context.jsonld",
        "https://ref.gs1.org/standards/epcis/2.0.1/epcis-context.jsonld",
        "http://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
      })
  void of_rejectsAContextUrlThatIsNotBundled(String url) {
    assertThatThrownBy(() -> EpcisContext.of(array(EpcisContext.STANDARD_URL, url)))
        .isInstanceOfSatisfying(
            EpcisFormatException.class,
            e -> {
              assertThat(e.eventIndex()).isEqualTo(EpcisFormatException.NO_EVENT);
              assertThat(e.field()).isEqualTo("@context[1]");
            })
        .hasMessageContaining(
            "context "
                + url
                + " is not bundled; lotledger never fetches contexts: inline its prefixes");
  }

  @Test
  void of_rejectsRemoteContextsHiddenInImportsAndScopedContexts() throws Exception {
    JsonNode imported =
        JSON.readTree("{\"@import\": \"https://example.com/ctx.jsonld\", \"ex\": \"urn:ex:\"}");
    JsonNode scoped =
        JSON.readTree(
            "{\"grade\": {\"@id\": \"urn:ex:grade\","
                + " \"@context\": [{\"a\": \"urn:a:\"}, \"https://example.com/scoped.jsonld\"]}}");

    assertThatThrownBy(() -> EpcisContext.of(imported))
        .isInstanceOf(EpcisFormatException.class)
        .hasMessageContaining("@context.@import")
        .hasMessageContaining("never fetches contexts");
    assertThatThrownBy(() -> EpcisContext.of(scoped))
        .isInstanceOf(EpcisFormatException.class)
        .hasMessageContaining("@context.grade.@context[1]")
        .hasMessageContaining("context https://example.com/scoped.jsonld is not bundled");
  }

  @Test
  void of_boundsTheNumberOfEntries() throws Exception {
    ArrayNode atLimit = JSON.createArrayNode().add(EpcisContext.STANDARD_URL);
    for (int i = 1; i < EpcisContext.MAX_ENTRIES; i++) {
      atLimit.add(object("p" + i, "urn:p" + i + ":"));
    }
    assertThat(EpcisContext.of(atLimit).prefixes()).hasSize(EpcisContext.MAX_ENTRIES - 1);

    atLimit.add(object("one", "urn:one:"));
    assertThatThrownBy(() -> EpcisContext.of(atLimit))
        .isInstanceOf(EpcisFormatException.class)
        .hasMessageContaining((EpcisContext.MAX_ENTRIES + 1) + " entries, over the limit of 64");
  }

  @Test
  void of_boundsTheNumberOfDefinitions() throws Exception {
    ObjectNode atLimit = JSON.createObjectNode();
    for (int i = 0; i < EpcisContext.MAX_TERMS; i++) {
      atLimit.put("p" + i, "urn:p" + i + ":");
    }
    assertThat(EpcisContext.of(atLimit).prefixes()).hasSize(EpcisContext.MAX_TERMS);

    ArrayNode over = array(atLimit, object("one", "urn:one:"));
    assertThatThrownBy(() -> EpcisContext.of(over))
        .isInstanceOf(EpcisFormatException.class)
        .hasMessageContaining("more than 1024 definitions");
  }

  @Test
  void of_boundsTheNestingOfScopedContexts() throws Exception {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode definitions = root;
    for (int depth = 1; depth <= EpcisContext.MAX_SCOPED_DEPTH + 1; depth++) {
      definitions = definitions.putObject("t" + depth).putObject("@context");
    }
    assertThatThrownBy(() -> EpcisContext.of(root))
        .isInstanceOf(EpcisFormatException.class)
        .hasMessageContaining("scoped contexts nested deeper than 8");
  }

  @Test
  void of_rejectsValuesThatAreNoContext() throws Exception {
    assertThatThrownBy(() -> EpcisContext.of(null)).hasMessageContaining("@context: missing");
    assertThatThrownBy(() -> EpcisContext.of(JSON.readTree("7")))
        .hasMessageContaining("must be a URL, an object or an array, not NUMBER");
    assertThatThrownBy(() -> EpcisContext.of(JSON.readTree("[null]")))
        .hasMessageContaining("@context[0]: must be a URL or an object, not NULL");
    assertThatThrownBy(() -> EpcisContext.of(JSON.readTree("{\"ex\": 3}")))
        .hasMessageContaining("@context.ex: a definition must be a string, an object or null");
    assertThatThrownBy(() -> EpcisContext.of(JSON.readTree("{\"ex\": \"\"}")))
        .hasMessageContaining("not an empty string");
  }

  @Test
  void custom_returnsACopy() throws Exception {
    EpcisContext parsed =
        EpcisContext.of(array(EpcisContext.STANDARD_URL, object("ex", "https://example.com/")));

    ((ArrayNode) parsed.custom()).removeAll();

    assertThat(parsed.custom()).hasSize(1);
  }

  private static Map.Entry<String, String> entry(String key, String value) {
    return Map.entry(key, value);
  }

  private static ObjectNode object(String key, String value) {
    return JSON.createObjectNode().put(key, value);
  }

  private static ArrayNode array(Object... items) {
    ArrayNode array = JSON.createArrayNode();
    for (Object item : items) {
      if (item instanceof JsonNode node) {
        array.add(node);
      } else {
        array.add((String) item);
      }
    }
    return array;
  }

  private static JsonNode read(String name) throws IOException {
    try (InputStream in = EpcisContextTest.class.getResourceAsStream("/" + name)) {
      return JSON.readTree(in);
    }
  }
}
