package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.ActorSigner;
import io.lotledger.AppendRejectedException;
import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.testing.TestChain;
import io.lotledger.verify.Failure;
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
 * Every official EPCIS 2.0 example (GS1, epcis-examples/) and the GDST seafood chain (gdst/) imports,
 * exports, re-imports losslessly and validates: the exported document passes the official schema,
 * every exported event has the CBV 2.0 hash ID of the event it came from, re-importing the export
 * gives the same model events, and importing the same document twice adds nothing.
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

  /** The two shared documents a ledger refuses, each for a reason in its own data (see the tests below). */
  private static final List<String> REFUSED =
      List.of("transformation_event_all_possible_fields.jsonld", "gdst_data_withmasterdata.jsonld");

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void importsExportsAndReimportsLosslessly(Path file) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(REFUSED.contains(file.getFileName().toString()));
    byte[] original = Files.readAllBytes(file);
    List<EventHashId> originalIds = EventHashId.fromDocument(original);

    try (Ledger first = Ledger.inMemory("epcis.test/first", ROOT, "importer");
        Ledger second = Ledger.inMemory("epcis.test/second", ROOT, "importer")) {
      EpcisImport.Result imported = EpcisImport.into(first, ROOT, original);
      assertThat(imported.added()).hasSize((int) originalIds.stream().map(EventHashId::id).distinct().count());
      for (int i = 0; i < originalIds.size(); i++) {
        assertThat(first.entryByEventId(originalIds.get(i).id())).as("event %d is found by its hash ID", i).isPresent();
      }

      ObjectNode exported = EpcisExport.all(first, NOW);
      assertThat(EpcisSchema.validate(exported)).as("schema violations of the export").isEmpty();
      byte[] exportedBytes = EpcisExport.toBytes(exported);
      assertThat(EventHashId.fromDocument(exportedBytes)).extracting(EventHashId::preHash)
          .as("pre-hash strings (so hash IDs) of the exported events")
          .containsExactlyElementsOf(originalIds.stream().distinct().map(EventHashId::preHash).toList());

      EpcisImport.into(second, ROOT, exportedBytes);
      assertThat(events(second)).as("re-imported events").isEqualTo(events(first));

      EpcisImport.Result again = EpcisImport.into(first, ROOT, original);
      assertThat(again.added()).as("a second import of the same document").isEmpty();
      assertThat(again.skipped()).hasSize(originalIds.size());
      first.verify();
    }
  }

  @org.junit.jupiter.api.Test
  void theGdstChain_isRefusedWhole_becauseItCommingles10000KgOfA9876KgCatch() throws Exception {
    byte[] chain = Files.readAllBytes(path("/gdst/gdst_data_withmasterdata.jsonld"));
    try (Ledger ledger = Ledger.inMemory("epcis.test/gdst", ROOT, "importer")) {
      long size = ledger.size();
      assertThatThrownBy(() -> EpcisImport.into(ledger, ROOT, chain))
          .isInstanceOfSatisfying(AppendRejectedException.class, e -> {
            assertThat(e.position()).as("the commingling event").isEqualTo(11);
            assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE);
            assertThat(e.finding().lot().uri()).isEqualTo("urn:gdst:example.org:product:lot:class:fisherman01.tunau.v1-0122-2022");
            assertThat(e.finding().expected()).isEqualTo("at most 9876 KGM");
            assertThat(e.finding().actual()).isEqualTo("10000 KGM");
          });
      assertThat(ledger.size()).as("nothing of the document is stored").isEqualTo(size);
      // Each event on its own maps, and the events before the commingling import.
      List<EpcisImport.ImportedEvent> events = EpcisImport.read(chain);
      assertThat(events).hasSize(17);
      assertThat(EpcisImport.into(ledger, ROOT, events.subList(0, 11)).added()).hasSize(11);
    }
  }

  @org.junit.jupiter.api.Test
  void theExampleWhoseTransformationOutputsItsOwnInputs_isRefusedNamingTheEventAndLot() throws Exception {
    byte[] doc = Files.readAllBytes(path("/epcis-examples/WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld"));
    assertThatThrownBy(() -> EpcisImport.read(doc))
        .isInstanceOfSatisfying(EpcisFormatException.class, e -> {
          assertThat(e.eventIndex()).isZero();
          assertThat(e.getMessage()).contains("https://id.gs1.org/01/04012345111118/10/4444 is both input and output");
        });
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
        assertThat(Residual.of(read).fields().path("eventID").asText(null)).isEqualTo(original.context().eventId());
        // Identifiers come back in the one normalised form (EPC URNs as canonical GS1 Digital Links).
        assertThat(read.lots()).extracting(LotId::uri)
            .containsExactlyElementsOf(original.lots().stream().map(l -> HashIdentifiers.canonicalize(l.uri())).toList());
        assertThat(read.getClass()).isEqualTo(original.getClass());
        assertThat(read.time()).isEqualTo(original.time());
        assertThat(read.context().withEventId(original.context().eventId())
                .withExtensions(read.context().extensions().stream().filter(x -> !Residual.isResidual(x)).toList()))
            .as("event %d context", i).isEqualTo(original.context());
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
      assertThat(exported.path("epcisBody").path("eventList").get(0).path("ilmd").has("ll:elements")).isTrue();
    }
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
