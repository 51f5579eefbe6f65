package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void walk_handsOverEachEventInOrder_andKeepsTheRestWithAnEmptyEventList() throws Exception {
    List<String> seen = new ArrayList<>();
    ObjectNode shell =
        DocumentReader.walk(
            json(
                """
        {"epcisBody": {"eventList": [{"type": "ObjectEvent", "n": 1.10}, {"type": "AggregationEvent"}], "other": [1]},
         "type": "EPCISDocument", "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]}"""),
            (index, event) ->
                seen.add(
                    index
                        + " "
                        + event.path("type").asText()
                        + " "
                        + event.path("n").decimalValue()));

    // Decimals as the tree reader reads them (exact, never a double).
    assertThat(seen)
        .containsExactly(
            "0 ObjectEvent " + EpcisJson.read(json("{\"n\": 1.10}")).path("n").decimalValue(),
            "1 AggregationEvent 0");
    assertThat(shell.toString())
        .isEqualTo(
            "{\"epcisBody\":{\"eventList\":[],\"other\":[1]},\"type\":\"EPCISDocument\","
                + "\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"]}");
  }

  @Test
  void walk_leavesADocumentThatIsNotAnObjectToTheTreeReader() throws Exception {
    assertThat(DocumentReader.walk(json("[1, 2]"), (index, event) -> {})).isNull();
  }

  @Test
  void walk_refusesTrailingContent_brokenJson_andASecondEventList() {
    for (String bad :
        List.of(
            "{\"type\": \"EPCISDocument\"} {}",
            "{\"epcisBody\": {\"eventList\": [{]}}",
            "{\"epcisBody\": {\"eventList\": [], \"eventList\": [{\"type\": \"ObjectEvent\"}]}}")) {
      assertThatThrownBy(() -> DocumentReader.walk(json(bad), (index, event) -> {}))
          .as(bad)
          .isInstanceOf(EpcisFormatException.class);
    }
  }

  @Test
  void schema_validatedEventByEvent_reportsTheEventAndPointerAsAWholeDocumentValidationDoes()
      throws Exception {
    JsonNode document =
        EpcisJson.read(
            json(
                """
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
         "schemaVersion": "2.0", "creationDate": "2026-01-01T00:00:00Z", "epcisBody": {"eventList": [
          {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
           "epcList": ["urn:epc:id:sgtin:4012345.011111.1"]},
          {"type": "ObjectEvent", "action": "MOVE", "eventTime": "2026-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
           "epcList": ["urn:epc:id:sgtin:4012345.011111.2"]}]}}"""));

    List<EpcisSchema.SchemaError> errors = EpcisSchema.validate(document);

    assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.eventIndex()).isEqualTo(1));
    assertThat(errors.get(0).pointer()).isEqualTo("/epcisBody/eventList/1/action");
    assertThatThrownBy(() -> EpcisImport.read(document.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EpcisFormatException.class)
        .hasMessageContaining("event 1")
        .hasMessageContaining("action");
  }
}
