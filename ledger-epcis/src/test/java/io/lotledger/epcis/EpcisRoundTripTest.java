package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.rules.CheckFinding;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Failure;
import io.lotledger.testing.TestChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every official EPCIS 2.0 example (GS1, epcis-examples/) and the GDST seafood chain (gdst/)
 * imports, exports, re-imports losslessly and validates: the exported document passes the official
 * schema, every exported event has the CBV 2.0 hash ID of the event it came from, re-importing the
 * export gives the same model events, and importing the same document twice adds nothing.
 */
class EpcisRoundTripTest {
  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-23T12:00:00Z");
  private static final ActorSigner ROOT = TestChain.signer("urn:lotledger:actor:importer", 41);

  static Stream<Path> documents() {
    try {
      Path examples = Path.of(EpcisRoundTripTest.class.getResource("/epcis-examples").toURI());
      Path gdst = Path.of(EpcisRoundTripTest.class.getResource("/gdst").toURI());
      List<Path> all = new ArrayList<>();
      for (Path dir : List.of(examples, gdst)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.filter(p -> p.toString().endsWith(".jsonld")).sorted().forEach(all::add);
        }
      }
      return all.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void importsExportsAndReimportsLosslessly(Path file) throws Exception {
    byte[] original = Files.readAllBytes(file);
    List<EventHashId> originalIds = EventHashId.fromDocument(original);

    try (Ledger first = Ledger.inMemory().create("epcis.test/first", ROOT, "importer");
        Ledger second = Ledger.inMemory().create("epcis.test/second", ROOT, "importer")) {
      EpcisImport.Result imported = EpcisImport.into(first, ROOT, original);
      assertThat(imported.added())
          .hasSize((int) originalIds.stream().map(EventHashId::id).distinct().count());
      for (int i = 0; i < originalIds.size(); i++) {
        assertThat(first.entryByEventId(originalIds.get(i).id()))
            .as("event %d is found by its hash ID", i)
            .isPresent();
      }

      ObjectNode exported = EpcisExport.all(first, NOW);
      assertThat(EpcisSchema.validate(exported)).as("schema violations of the export").isEmpty();
      byte[] exportedBytes = EpcisExport.toBytes(exported);
      assertThat(EventHashId.fromDocument(exportedBytes))
          .extracting(EventHashId::preHash)
          .as("pre-hash strings (so hash IDs) of the exported events")
          .containsExactlyElementsOf(
              originalIds.stream().distinct().map(EventHashId::preHash).toList());

      EpcisImport.into(second, ROOT, exportedBytes);
      assertThat(events(second)).as("re-imported events").isEqualTo(events(first));

      EpcisImport.Result again = EpcisImport.into(first, ROOT, original);
      assertThat(again.added()).as("a second import of the same document").isEmpty();
      assertThat(again.skipped()).hasSize(originalIds.size());
      first.verify();
    }
  }

  @org.junit.jupiter.api.Test
  void theGdstChain_importsWhole_movesNoCustody_andCheckFindsTheCatchOverdrawn() throws Exception {
    byte[] chain = Files.readAllBytes(path("/gdst/gdst_data_withmasterdata.jsonld"));
    LotId catchLot =
        new LotId("urn:gdst:example.org:product:lot:class:fisherman01.tunau.v1-0122-2022");
    LotId commingled =
        new LotId("urn:gdst:example.org:product:lot:class:processor.10u.commingle-01232022");
    LotId packed = new LotId("urn:gdst:example.org:product:lot:class:processor.2u.v1-0122-2022");
    try (Ledger ledger = Ledger.inMemory().create("epcis.test/gdst", ROOT, "importer")) {
      assertThat(EpcisImport.into(ledger, ROOT, chain).added()).hasSize(17);
      // The importer vouches for the records, it does not hold the fish: no lot is custody-tracked.
      for (LotId lot : List.of(catchLot, commingled, packed)) {
        assertThat(ledger.lotState(lot)).as("custody of %s", lot).isEmpty();
      }
      assertThat(ledger.ancestors(packed)).contains(commingled, catchLot);

      // The data's own inconsistency: the commingling (event 11) draws 10,000 kg of a catch landed
      // at 9,876 kg.
      List<CheckFinding> findings = new ClaimsCalculator(ledger::history).findings(packed);
      assertThat(findings)
          .filteredOn(f -> f.kind() == Failure.OVERDRAWN_INPUT)
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.lot()).isEqualTo(catchLot);
                assertThat(f.path()).containsExactly(packed, commingled, catchLot);
                assertThat(f.declared()).isEqualTo("10000 KGM drawn");
                assertThat(f.computed()).isEqualTo("9876 KGM recorded");
                assertThat(f.detail())
                    .contains(
                        "entry "
                            + ledger
                                .entryByEventId(EpcisImport.read(chain).get(11).hashId().id())
                                .orElseThrow()
                                .index());
              });
      ledger.verify();
    }
  }

  @org.junit.jupiter.api.Test
  void theExampleWhoseTransformationOutputsItsOwnInputs_importsEachLotProcessedInPlace()
      throws Exception {
    byte[] doc =
        Files.readAllBytes(
            path(
                "/epcis-examples/WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld"));
    LotId inPlace = new LotId("https://id.gs1.org/01/04012345111118/10/4444");
    LotId serialIn = new LotId("https://id.gs1.org/01/04012345111224/21/25");
    LotId serialOut = new LotId("https://id.gs1.org/01/04012345778892/21/25");
    try (Ledger ledger = Ledger.inMemory().create("epcis.test/in-place", ROOT, "importer")) {
      TransformationEvent t =
          (TransformationEvent) EpcisImport.into(ledger, ROOT, doc).added().get(0).event();
      assertThat(t.inputs()).extracting(LotQuantity::lot).contains(inPlace, serialIn);
      assertThat(t.outputs()).extracting(LotQuantity::lot).contains(inPlace, serialOut);
      // A lot is not its own parent; every other input is a parent of every output.
      assertThat(ledger.parents(inPlace)).doesNotContain(inPlace).contains(serialIn);
      assertThat(ledger.parents(serialOut)).contains(inPlace, serialIn);
      assertThat(ledger.ancestors(inPlace)).doesNotContain(inPlace);
      ledger.verify();
    }
  }

  @org.junit.jupiter.api.Test
  void aNativeLedger_exportsValidEpcis_thatReadsBackAsTheSameEvents() throws Exception {
    TestChain chain = new TestChain();
    try (Ledger ledger = chain.populatedLedger()) {
      ObjectNode exported = EpcisExport.all(ledger, NOW);
      assertThat(EpcisSchema.validate(exported)).isEmpty();
      List<EpcisImport.ImportedEvent> back = EpcisImport.read(EpcisExport.toBytes(exported));
      List<Event> originals = new ArrayList<>();
      for (Event e : events(ledger)) {
        if (!(e instanceof io.lotledger.event.RegistryEvent)) {
          originals.add(e);
        }
      }
      assertThat(back).hasSize(originals.size());
      for (int i = 0; i < back.size(); i++) {
        Event original = originals.get(i);
        Event read = back.get(i).event();
        // Imported events carry their hash ID; a declared eventID other than that is kept verbatim.
        assertThat(read.context().eventId()).isEqualTo(back.get(i).hashId().id());
        assertThat(Residual.of(read).fields().path("eventID").asText(null))
            .isEqualTo(original.context().eventId());
        // Identifiers come back in the one normalised form (EPC URNs as canonical GS1 Digital
        // Links).
        assertThat(read.lots())
            .extracting(LotId::uri)
            .containsExactlyElementsOf(
                original.lots().stream().map(l -> HashIdentifiers.canonicalize(l.uri())).toList());
        assertThat(read.getClass()).isEqualTo(original.getClass());
        assertThat(read.time()).isEqualTo(original.time());
        assertThat(
                read.context()
                    .withEventId(original.context().eventId())
                    .withExtensions(
                        read.context().extensions().stream()
                            .filter(x -> !Residual.isResidual(x))
                            .toList()))
            .as("event %d context", i)
            .isEqualTo(original.context());
        assertThat(quantities(read)).as("event %d quantities", i).isEqualTo(quantities(original));
        if (original instanceof ObjectEvent o) {
          assertThat(((ObjectEvent) read).ilmd()).isEqualTo(o.ilmd());
        } else if (original instanceof TransformationEvent t) {
          assertThat(((TransformationEvent) read).ilmd()).isEqualTo(t.ilmd());
          assertThat(((TransformationEvent) read).stepEmissions()).isEqualTo(t.stepEmissions());
        }
      }
      // The claims travel as ll: extensions, the signed entries as document-level provenance.
      assertThat(exported.path("ll:provenance")).hasSize(originals.size());
      assertThat(
              exported.path("epcisBody").path("eventList").get(0).path("ilmd").has("ll:elements"))
          .isTrue();
    }
  }

  @org.junit.jupiter.api.Test
  void
      quantityElementsAsWrittenPerList_andAReportWithoutValue_exportAsWritten_soTheirHashIdsSurvive()
          throws Exception {
    String doc =
        """
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
         "schemaVersion": "2.0", "creationDate": "2026-11-23T10:00:00Z", "epcisBody": {"eventList": [
          {"type": "ObjectEvent", "eventTime": "2026-11-20T08:00:00Z", "eventTimeZoneOffset": "+01:00", "action": "OBSERVE",
           "epcList": [], "bizStep": "inspecting", "quantityList": [
             {"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 200, "uom": "C62"},
             {"epcClass": "urn:epc:class:lgtin:4012345.012345.998878", "quantity": 300}]},
          {"type": "TransformationEvent", "eventTime": "2026-11-20T09:00:00Z", "eventTimeZoneOffset": "+01:00",
           "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 20, "uom": "C62"},
             {"epcClass": "urn:epc:class:lgtin:4012345.012345.998879"}],
           "outputEPCList": ["urn:epc:class:lgtin:4012345.012345.998879"],
           "outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 19}]},
          {"type": "ObjectEvent", "eventTime": "2026-11-20T10:00:00Z", "eventTimeZoneOffset": "+01:00", "action": "OBSERVE",
           "epcList": ["urn:epc:id:sgtin:4012345.012345.77"], "sensorElementList": [
             {"sensorReport": [{"type": "Temperature", "uom": "CEL"}]}]}]}}
        """;
    byte[] original = doc.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (Ledger ledger = Ledger.inMemory().create("epcis.test/c62", ROOT, "importer")) {
      EpcisImport.into(ledger, ROOT, original);
      byte[] exported = EpcisExport.toBytes(EpcisExport.all(ledger, NOW));
      assertThat(EventHashId.fromDocument(exported))
          .extracting(EventHashId::id)
          .containsExactlyElementsOf(
              EventHashId.fromDocument(original).stream().map(EventHashId::id).toList());
      com.fasterxml.jackson.databind.JsonNode quantities =
          EpcisJson.MAPPER
              .readTree(exported)
              .path("epcisBody")
              .path("eventList")
              .get(0)
              .path("quantityList");
      assertThat(quantities.get(0).path("uom").asText()).isEqualTo("C62");
      assertThat(quantities.get(1).has("uom")).isFalse();
      assertThat(EpcisImport.into(ledger, ROOT, exported).added())
          .as("the export is the same event")
          .isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void richSensorData_isKeptAsWritten_andItsReadingsAreWhatATemperaturePolicyJudges()
      throws Exception {
    byte[] doc =
        Files.readAllBytes(path("/epcis-examples/WithSensorData/SensorDataExample1.jsonld"));
    LotId item = new LotId("https://id.gs1.org/01/04012345111118/21/9876");
    try (Ledger ledger = Ledger.inMemory().create("epcis.test/sensors", ROOT, "importer")) {
      Event event = EpcisImport.into(ledger, ROOT, doc).added().get(0).event();
      // Three elements of four reports each (with device metadata and raw data the model has no
      // field for).
      assertThat(event.context().sensorReadings()).hasSize(12);
      assertThat(event.context().sensorReadings())
          .filteredOn(r -> r.type().equals("Temperature"))
          .extracting(
              r ->
                  r.value().toPlainString()
                      + " "
                      + r.unit()
                      + " "
                      + r.time().toLocalTime()
                      + " "
                      + r.device())
          .containsExactly(
              "26 CEL 14:05 urn:epc:id:giai:4000001.111",
              "26.1 CEL 14:35 urn:epc:id:giai:4000001.111",
              "26.2 CEL 14:55 urn:epc:id:giai:4000001.111");
      assertThat(Residual.of(event).fields().has("sensorElementList"))
          .as("the list as written, for export")
          .isTrue();

      io.lotledger.rules.Policy coldChain =
          new io.lotledger.rules.Policy(
              "cold chain",
              List.of(
                  new io.lotledger.rules.PolicyRule.TemperatureLimit(
                      "gs1:Temperature", new java.math.BigDecimal("26.05"), "CEL", null, null)));
      List<CheckFinding> findings =
          new io.lotledger.rules.LotCheck(
                  ledger::history, coldChain, io.lotledger.rules.CheckOptions.DEFAULT)
              .check(item)
              .findings();
      assertThat(findings)
          .filteredOn(f -> f.kind() == Failure.TEMPERATURE_ABOVE_LIMIT)
          .extracting(CheckFinding::declared)
          .containsExactly("26.1 CEL", "26.2 CEL");
    }
  }

  @org.junit.jupiter.api.Test
  void aLotsExport_holdsItsProvenance_notWhatHappenedToAnInputAfterItWasConsumed()
      throws Exception {
    TestChain chain = new TestChain();
    try (Ledger ledger = chain.populatedLedger()) {
      long before = ledger.size();
      // An inspection of ORE_A after the sulphate was made from it: ORE_A's history, not the
      // sulphate's provenance.
      ledger.append(
          ObjectEvent.observe(
              List.of(LotQuantity.of(TestChain.ORE_A)),
              TestChain.T0.plusDays(30),
              io.lotledger.event.EventContext.of("inspecting", "conformant")),
          chain.refinery);

      List<Long> sulphate = exportedIndexes(EpcisExport.lot(ledger, TestChain.SULPHATE, NOW));
      List<Long> oreA = exportedIndexes(EpcisExport.lot(ledger, TestChain.ORE_A, NOW));
      assertThat(sulphate).doesNotContain(before).isSorted();
      assertThat(oreA).contains(before);
      List<Long> provenance =
          io.lotledger.bundle.Provenance.in(
                  ledger, TestChain.SULPHATE, ledger.head(TestChain.SULPHATE).orElseThrow())
              .stream()
              .filter(e -> !(e.event() instanceof io.lotledger.event.RegistryEvent))
              .map(Entry::index)
              .toList();
      assertThat(sulphate).as("the entries a proof bundle of the lot holds").isEqualTo(provenance);
      assertThat(sulphate).containsAll(oreA.subList(0, oreA.size() - 1));
    }
  }

  @org.junit.jupiter.api.Test
  void wordsOutsideTheCbv_exportAsLlTerms_thatValidate_andReadBackAsTheSameWords()
      throws Exception {
    LotId ore = new LotId("urn:epc:class:lgtin:4012345.012345.ORE-9");
    LotId metal = new LotId("urn:epc:class:lgtin:4012345.012345.CU-9");
    io.lotledger.event.EventContext custom =
        io.lotledger.event.EventContext.of("transforming", "smelted, 100% (fire assay)")
            .withSensorReadings(
                List.of(io.lotledger.event.SensorReading.of("FurnaceTemperature", "1200", "CEL")))
            .withSources(
                List.of(
                    new io.lotledger.event.Party("tolling_party", "urn:epc:id:pgln:4012345.00000")))
            .withBizTransactions(
                List.of(
                    new io.lotledger.event.BizTransaction(
                        "tolling_contract", "urn:example:contract:T-7")));
    try (Ledger ledger = Ledger.inMemory().create("epcis.test/words", ROOT, "importer");
        Ledger other = Ledger.inMemory().create("epcis.test/words-2", ROOT, "importer")) {
      ledger.append(
          ObjectEvent.add(
              List.of(LotQuantity.of(ore.uri(), "5", "TNE")),
              null,
              NOW.minusDays(2),
              io.lotledger.event.EventContext.of("commissioning", "active")),
          ROOT);
      Event smelt =
          TransformationEvent.of(
              List.of(LotQuantity.of(ore.uri(), "5", "TNE")),
              List.of(LotQuantity.of(metal.uri(), "1", "TNE")),
              null,
              NOW.minusDays(1),
              custom);
      ledger.append(smelt, ROOT);

      ObjectNode exported = EpcisExport.all(ledger, NOW);
      assertThat(EpcisSchema.validate(exported)).as("schema violations of the export").isEmpty();
      com.fasterxml.jackson.databind.JsonNode written =
          exported.path("epcisBody").path("eventList").get(1);
      assertThat(written.path("bizStep").asText()).isEqualTo("ll:BizStep-transforming");
      assertThat(written.path("disposition").asText())
          .isEqualTo("ll:Disp-smelted%2C%20100%25%20%28fire%20assay%29");
      assertThat(written.path("sourceList").get(0).path("type").asText())
          .isEqualTo("ll:SDT-tolling_party");
      assertThat(written.path("bizTransactionList").get(0).path("type").asText())
          .isEqualTo("ll:BTT-tolling_contract");
      assertThat(
              written
                  .path("sensorElementList")
                  .get(0)
                  .path("sensorReport")
                  .get(0)
                  .path("type")
                  .asText())
          .isEqualTo("ll:MT-FurnaceTemperature");
      assertThat(exported.path("epcisBody").path("eventList").get(0).path("bizStep").asText())
          .isEqualTo("commissioning");

      EpcisImport.into(other, ROOT, EpcisExport.toBytes(exported));
      io.lotledger.event.EventContext back = other.entry(2).orElseThrow().event().context();
      assertThat(back.bizStep()).isEqualTo("transforming");
      assertThat(back.disposition()).isEqualTo("smelted, 100% (fire assay)");
      assertThat(back.sources())
          .extracting(io.lotledger.event.Party::type)
          .containsExactly("tolling_party");
      assertThat(back.bizTransactions()).isEqualTo(custom.bizTransactions());
      assertThat(back.sensorReadings()).isEqualTo(custom.sensorReadings());
    }
  }

  private static List<Long> exportedIndexes(ObjectNode document) {
    List<Long> out = new ArrayList<>();
    document.path("ll:provenance").forEach(p -> out.add(p.path("index").asLong()));
    return out;
  }

  private static List<String> quantities(Event e) {
    List<LotQuantity> all = new ArrayList<>();
    if (e instanceof ObjectEvent o) {
      all.addAll(o.quantities());
    } else if (e instanceof TransformationEvent t) {
      all.addAll(t.inputs());
      all.addAll(t.outputs());
    } else if (e instanceof TransactionEvent t) {
      all.addAll(t.quantities());
    }
    return all.stream().map(q -> String.valueOf(q.quantity())).toList();
  }

  private static Path path(String resource) throws URISyntaxException {
    return Path.of(EpcisRoundTripTest.class.getResource(resource).toURI());
  }

  private static List<Event> events(Ledger ledger) throws Exception {
    List<Event> events = new ArrayList<>();
    for (long i = 1; i < ledger.size(); i++) {
      events.add(ledger.entry(i).orElseThrow().event());
    }
    return events;
  }
}
