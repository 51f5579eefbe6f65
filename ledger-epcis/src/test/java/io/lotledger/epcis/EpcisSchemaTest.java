package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.epcis.EpcisSchema.SchemaError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official EPCIS 2.0 schema against GS1's own examples, the GDST reference documents (see the
 * SOURCE.txt files under src/test/resources/epcis-examples and gdst) and mutations of them.
 */
class EpcisSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The GDST chain of 17 events: the base document the mutations start from. */
  private static final String CHAIN = "gdst/gdst_data_withmasterdata.jsonld";

  /** Every {@code *.jsonld} under a test resource folder, sub-folders included, as paths. */
  static List<String> documents(String folder) throws IOException, URISyntaxException {
    Path root = Path.of(EpcisSchemaTest.class.getResource("/").toURI());
    try (Stream<Path> files = Files.walk(root.resolve(folder))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jsonld"))
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  static Stream<String> officialExamples() throws IOException, URISyntaxException {
    List<String> names = documents("epcis-examples");
    assertThat(names).hasSize(13);
    return names.stream();
  }

  static Stream<String> gdstDocuments() throws IOException, URISyntaxException {
    List<String> names = documents("gdst");
    assertThat(names).hasSize(2);
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("officialExamples")
  void validate_acceptsEveryOfficialExample(String name) throws Exception {
    JsonNode document = read(name);

    assertThat(EpcisSchema.validate(document)).isEmpty();
    assertThatCode(() -> EpcisSchema.require(document)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gdstDocuments")
  void validate_acceptsTheGdstReferenceDocuments(String name) throws Exception {
    assertThat(EpcisSchema.validate(read(name))).isEmpty();
  }

  @Test
  void validate_namesEventAndPointerOfAMissingEventTime() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 1).remove("eventTime");

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(1, "/epcisBody/eventList/1/eventTime", "is required but missing"));
    assertThatThrownBy(() -> EpcisSchema.require(document))
        .isInstanceOfSatisfying(
            EpcisFormatException.class,
            e -> {
              assertThat(e.eventIndex()).isEqualTo(1);
              assertThat(e.field()).isEqualTo("/epcisBody/eventList/1/eventTime");
            })
        .hasMessageContaining("event 1, field /epcisBody/eventList/1/eventTime: is required");
  }

  @Test
  void validate_rejectsAQuantityThatIsNotANumber() throws Exception {
    ObjectNode document = read(CHAIN);
    ((ObjectNode) event(document, 3).withArray("quantityList").get(0)).put("quantity", "abc");

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(
                3,
                "/epcisBody/eventList/3/quantityList/0/quantity",
                "must be a number, not a string"));
  }

  @Test
  void validate_reportsAnUnknownActionOnceNotOncePerAlternative() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 2).put("action", "MOVE");

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(
                2,
                "/epcisBody/eventList/2/action",
                "must be one of [\"OBSERVE\", \"ADD\", \"DELETE\"]"));
  }

  @Test
  void validate_rejectsATimeZoneOffsetBeyondFourteenHours() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 5).put("eventTimeZoneOffset", "+25:00");

    List<SchemaError> errors = EpcisSchema.validate(document);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).eventIndex()).isEqualTo(5);
    assertThat(errors.get(0).pointer()).isEqualTo("/epcisBody/eventList/5/eventTimeZoneOffset");
    assertThat(errors.get(0).message()).startsWith("must match the pattern ^([+]|[-])");
  }

  @Test
  void validate_rejectsAnUnprefixedTopLevelPropertyAsADocumentError() throws Exception {
    ObjectNode document = read(CHAIN);
    document.put("foo", 1);

    List<SchemaError> errors = EpcisSchema.validate(document);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).eventIndex()).isEqualTo(EpcisFormatException.NO_EVENT);
    assertThat(errors.get(0).pointer()).isEqualTo("/foo");
    assertThat(errors.get(0).message())
        .contains("not a property defined here, nor a URI", "ex:foo");
  }

  @Test
  void validate_acceptsAPrefixedExtensionButNotABareOneInsideAnEvent() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 4).put("gdst:vesselFlag", "NO");
    assertThat(EpcisSchema.validate(document)).isEmpty();

    event(document, 4).put("vesselFlag", "NO");
    assertThat(EpcisSchema.validate(document))
        .extracting(SchemaError::eventIndex, SchemaError::pointer)
        .containsExactly(tuple(4, "/epcisBody/eventList/4/vesselFlag"));
  }

  @Test
  void validate_requiresAContext() throws Exception {
    ObjectNode document = read(CHAIN);
    document.remove("@context");

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(EpcisFormatException.NO_EVENT, "/@context", "is required but missing"));
  }

  @Test
  void validate_requiresAnEventListInTheBody() throws Exception {
    ObjectNode document = read(CHAIN);
    ((ObjectNode) document.get("epcisBody")).remove("eventList");

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(
                EpcisFormatException.NO_EVENT, "/epcisBody/eventList", "is required but missing"));
  }

  @Test
  void validate_assertsDateTimeFormat() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 6).put("eventTime", "2022-01-23 08:30");

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(
                6,
                "/epcisBody/eventList/6/eventTime",
                "must be an RFC 3339 date-time with a time zone offset"));
  }

  @Test
  void validate_foldsTheAlternativesOfOneValueIntoOneViolation() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 1).put("bizStep", "walking");

    List<SchemaError> errors = EpcisSchema.validate(document);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).pointer()).isEqualTo("/epcisBody/eventList/1/bizStep");
    assertThat(errors.get(0).message())
        .startsWith("must be an absolute URI (RFC 3986), or must be one of [\"accepting\"");
  }

  @Test
  void validate_foldsTypeAlternativesIntoOneSentence() throws Exception {
    ObjectNode document = read(CHAIN);
    document.put("@context", 7);

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(
                EpcisFormatException.NO_EVENT,
                "/@context",
                "must be a string, an object or an array, not an integer"));
  }

  @Test
  void validate_listsWhatEachAlternativeLacksWhenAnObjectEventHasNoWhat() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 1).remove("quantityList");

    List<SchemaError> errors = EpcisSchema.validate(document);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).pointer()).isEqualTo("/epcisBody/eventList/1");
    assertThat(errors.get(0).message())
        .startsWith("fits none of the 3 alternatives the schema allows here: ")
        .contains(
            "(1) epcList: is required but missing",
            "(2) quantityList: is required but missing",
            "(3) sensorElementList: is required but missing");
  }

  @Test
  void validate_reportsAMissingTypeAloneNotTheRulesOfEveryEventKind() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 4).remove("type");

    assertThat(EpcisSchema.validate(document))
        .containsExactly(
            new SchemaError(4, "/epcisBody/eventList/4/type", "is required but missing"));
    assertThat(EpcisSchema.validate(JSON.readTree("{}")))
        .containsExactly(
            new SchemaError(EpcisFormatException.NO_EVENT, "/type", "is required but missing"));
  }

  @Test
  void validate_givesEveryViolationOfASingleEventIndexZero() throws Exception {
    ObjectNode event = event(read(CHAIN), 2).deepCopy();
    event.set("@context", read(CHAIN).get("@context"));
    assertThat(EpcisSchema.validate(event)).isEmpty();

    event.put("action", "MOVE");
    event.remove("eventTime");

    assertThat(EpcisSchema.validate(event))
        .extracting(SchemaError::eventIndex, SchemaError::pointer)
        .containsExactlyInAnyOrder(tuple(0, "/eventTime"), tuple(0, "/action"));
  }

  @Test
  void validate_countsEventsOfAQueryDocument() throws Exception {
    ObjectNode document = read(CHAIN);
    ObjectNode query = JSON.createObjectNode();
    query.set("@context", document.get("@context"));
    query.put("type", "EPCISQueryDocument");
    query.put("schemaVersion", "2.0");
    query.put("creationDate", "2024-11-25T21:21:59Z");
    ObjectNode results = query.putObject("epcisBody").putObject("queryResults");
    results.put("queryName", "SimpleEventQuery");
    results.putObject("resultsBody").set("eventList", document.at("/epcisBody/eventList"));
    assertThat(EpcisSchema.validate(query)).isEmpty();

    ((ObjectNode) query.at("/epcisBody/queryResults/resultsBody/eventList/7")).remove("eventTime");

    assertThat(EpcisSchema.validate(query))
        .containsExactly(
            new SchemaError(
                7,
                "/epcisBody/queryResults/resultsBody/eventList/7/eventTime",
                "is required but missing"));
  }

  @Test
  void validate_listsDocumentViolationsFirstThenByEvent() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 9).remove("eventTime");
    event(document, 2).remove("eventTime");
    document.put("foo", 1);

    assertThat(EpcisSchema.validate(document))
        .extracting(SchemaError::eventIndex)
        .containsExactly(EpcisFormatException.NO_EVENT, 2, 9);
  }

  @Test
  void validate_stopsAtMaxViolations() throws Exception {
    ObjectNode document = read(CHAIN);
    ArrayNode events = (ArrayNode) document.at("/epcisBody/eventList");
    JsonNode template = events.get(1);
    events.removeAll();
    for (int i = 0; i < EpcisSchema.MAX_VIOLATIONS + 20; i++) {
      events.add(((ObjectNode) template.deepCopy()).put("action", "MOVE"));
    }

    List<SchemaError> errors = EpcisSchema.validate(document);

    assertThat(errors).hasSize(EpcisSchema.MAX_VIOLATIONS);
    assertThat(errors.get(EpcisSchema.MAX_VIOLATIONS - 1).eventIndex())
        .isEqualTo(EpcisSchema.MAX_VIOLATIONS - 1);
    assertThatThrownBy(() -> EpcisSchema.require(document))
        .hasMessageContaining("(and " + (EpcisSchema.MAX_VIOLATIONS + 19) + " more;");
  }

  @Test
  void require_namesTheDeepestPointerOfTheFirstBrokenEvent() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 8).remove("eventTime");
    event(document, 3).remove("eventTimeZoneOffset");
    ((ObjectNode) event(document, 3).withArray("quantityList").get(0)).put("quantity", "abc");

    assertThatThrownBy(() -> EpcisSchema.require(document))
        .isInstanceOfSatisfying(
            EpcisFormatException.class,
            e -> {
              assertThat(e.eventIndex()).isEqualTo(3);
              assertThat(e.field()).isEqualTo("/epcisBody/eventList/3/quantityList/0/quantity");
            })
        .hasMessageEndingWith(
            "must be a number, not a string (and 2 more; EpcisSchema.validate lists them)");
  }

  @Test
  void require_reportsDocumentLevelViolationsBeforeEvents() throws Exception {
    ObjectNode document = read(CHAIN);
    event(document, 0).remove("eventTime");
    document.remove("@context");

    assertThatThrownBy(() -> EpcisSchema.require(document))
        .isInstanceOfSatisfying(
            EpcisFormatException.class,
            e -> {
              assertThat(e.eventIndex()).isEqualTo(EpcisFormatException.NO_EVENT);
              assertThat(e.field()).isEqualTo("/@context");
            });
  }

  @Test
  void schemaError_printsEventAndPointer() {
    assertThat(new SchemaError(3, "/epcisBody/eventList/3/eventTime", "is required but missing"))
        .hasToString("event 3 (/epcisBody/eventList/3/eventTime): is required but missing");
    assertThat(new SchemaError(-1, "", "must be an object, not an array"))
        .hasToString("document: must be an object, not an array");
    assertThatThrownBy(() -> new SchemaError(-2, "", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
  }

  private static ObjectNode event(ObjectNode document, int index) {
    return (ObjectNode) document.at("/epcisBody/eventList/" + index);
  }

  private static ObjectNode read(String name) throws IOException {
    try (InputStream in = EpcisSchemaTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name).isNotNull();
      return (ObjectNode) JSON.readTree(in);
    }
  }
}
