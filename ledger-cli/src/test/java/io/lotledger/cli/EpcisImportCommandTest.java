package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lotledger.epcis.EpcisSchema;
import io.lotledger.epcis.EventHashId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger import} and {@code ledger export --epcis} end to end on a RocksDB ledger: exit 0
 * with the events stored under their CBV 2.0 hash IDs, a second import adding nothing, 1 when a
 * rule rejects an event (an unregistered signer; nothing of the document stored), 2 for input
 * errors; the export validates.
 */
class EpcisImportCommandTest {
  /**
   * The official GS1 examples, copied into ledger-epcis with their SOURCE.txt (tests run in
   * ledger-cli).
   */
  private static final Path EXAMPLES =
      Path.of("..", "ledger-epcis", "src", "test", "resources", "epcis-examples");

  private static final Path GDST =
      Path.of("..", "ledger-epcis", "src", "test", "resources", "gdst");

  @TempDir Path tmp;
  private Path key;
  private Path data;

  @BeforeEach
  void createLedger() throws Exception {
    key = tmp.resolve("importer.key");
    data = tmp.resolve("ledger");
    assertThat(
            ledger("keygen", "--out", key.toString(), "--actor", "urn:epc:id:pgln:4000001.00000")
                .code())
        .isZero();
    assertThat(ledger("init", "--key", key.toString(), "--data", data.toString()).code()).isZero();
  }

  private LedgerCliTest.Result importing(Path file) {
    return ledger("import", file.toString(), "--key", key.toString(), "--data", data.toString());
  }

  @Test
  void import_storesEveryEventUnderItsHashId_andASecondImportAddsNothing() throws Exception {
    Path doc = EXAMPLES.resolve("Example_9.6.1-ObjectEvent.jsonld");
    List<String> ids =
        EventHashId.fromDocument(Files.readAllBytes(doc)).stream().map(EventHashId::id).toList();

    LedgerCliTest.Result first = importing(doc);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.outLines().get(0)).startsWith("imported 2 events from");
    assertThat(first.out()).contains("entry 1  " + ids.get(0), "entry 2  " + ids.get(1));

    LedgerCliTest.Result again = importing(doc);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.outLines().get(0))
        .startsWith("imported 0 events")
        .endsWith("2 already in the ledger");
    assertThat(ledger("verify", "--data", data.toString()).out())
        .contains("ok: 3 entries verified");
  }

  @Test
  void import_ruleRejection_exitsOne_andStoresNothingOfTheDocument() throws Exception {
    Path stranger = tmp.resolve("stranger.key");
    assertThat(
            ledger(
                    "keygen",
                    "--out",
                    stranger.toString(),
                    "--actor",
                    "urn:epc:id:pgln:4000002.00000")
                .code())
        .isZero();
    LedgerCliTest.Result r =
        ledger(
            "import",
            GDST.resolve("gdst_data_withmasterdata.jsonld").toString(),
            "--key",
            stranger.toString(),
            "--data",
            data.toString());
    LedgerCliTest.assertOneLineError(r, 1);
    assertThat(r.err())
        .contains("event 0 of", "rejected, nothing stored", "signing key is not registered");
    assertThat(ledger("verify", "--data", data.toString()).out())
        .contains("ok: 1 entries verified");
  }

  @Test
  void import_gdstChain_storesAll17Events_andCheckReportsTheOverdrawnCatch() throws Exception {
    LedgerCliTest.Result r = importing(GDST.resolve("gdst_data_withmasterdata.jsonld"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines().get(0)).startsWith("imported 17 events");
    LedgerCliTest.Result check =
        ledger(
            "check",
            "urn:gdst:example.org:product:lot:class:processor.2u.v1-0122-2022",
            "--data",
            data.toString());
    assertThat(check.code()).as(check.err()).isEqualTo(1);
    assertThat(check.out())
        .contains(
            "OVERDRAWN_INPUT lot urn:gdst:example.org:product:lot:class:fisherman01.tunau.v1-0122-2022",
            "declared 10000 KGM drawn",
            "computed 9876 KGM recorded");
    LedgerCliTest.Result trace =
        ledger(
            "trace",
            "urn:gdst:example.org:product:lot:class:processor.10u.commingle-01232022",
            "--data",
            data.toString());
    assertThat(trace.code()).as(trace.err()).isZero();
    assertThat(trace.out())
        .contains(
            "balance: not tracked here (an external lot",
            "imported records move no custody",
            "urn:gdst:bizStep:commingling imported by urn:epc:id:pgln:4000001.00000  output 22000 KGM");
    assertThat(ledger("verify", "--data", data.toString()).out())
        .contains("ok: 18 entries verified");
  }

  @Test
  void import_badInput_exitsTwoWithOneLineNamingTheEventAndField() throws Exception {
    String broken =
        Files.readString(
                EXAMPLES.resolve("Example_9.6.1-ObjectEvent.jsonld"), StandardCharsets.UTF_8)
            .replace("\"action\": \"OBSERVE\"", "\"action\": \"MOVE\"");
    Path bad = Files.writeString(tmp.resolve("bad.jsonld"), broken, StandardCharsets.UTF_8);
    LedgerCliTest.Result r = importing(bad);
    LedgerCliTest.assertOneLineError(r, 2);
    assertThat(r.err()).contains("event 0", "action");

    Path remote =
        Files.writeString(
            tmp.resolve("remote.jsonld"),
            broken.replace(
                "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                "https://example.com/ctx.jsonld"),
            StandardCharsets.UTF_8);
    LedgerCliTest.assertOneLineError(importing(remote), 2);
    LedgerCliTest.assertOneLineError(importing(tmp.resolve("absent.jsonld")), 2);
    LedgerCliTest.assertOneLineError(
        ledger(
            "import",
            EXAMPLES.resolve("Example_9.6.1-ObjectEvent.jsonld").toString(),
            "--key",
            tmp.resolve("nokey").toString(),
            "--data",
            data.toString()),
        2);
    assertThat(ledger("verify", "--data", data.toString()).out())
        .contains("ok: 1 entries verified");
  }

  @Test
  void exportEpcis_writesTheLotsHistoryAsASchemaValidDocument() throws Exception {
    assertThat(importing(EXAMPLES.resolve("Example_9.6.4-TransformationEvent.jsonld")).code())
        .isZero();
    String lot = "https://id.gs1.org/01/04012345111118/10/4444";
    Path out = tmp.resolve("lot.jsonld");

    LedgerCliTest.Result r =
        ledger("export", lot, "--epcis", "--out", out.toString(), "--data", data.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toFile());
    assertThat(EpcisSchema.validate(doc)).isEmpty();
    assertThat(doc.path("epcisBody").path("eventList")).hasSize(1);
    assertThat(EventHashId.fromDocument(Files.readAllBytes(out)).get(0).id())
        .isEqualTo(
            EventHashId.fromDocument(
                    Files.readAllBytes(
                        EXAMPLES.resolve("Example_9.6.4-TransformationEvent.jsonld")))
                .get(0)
                .id());
    LedgerCliTest.assertOneLineError(
        ledger("export", lot, "--epcis", "--out", out.toString(), "--data", data.toString()), 2);
  }

  @Test
  void exportEpcisAll_writesEveryEventOfTheLedger_andReimportsAsNothingNew() throws Exception {
    Path doc = GDST.resolve("gdst_data_withmasterdata.jsonld");
    assertThat(importing(doc).code()).isZero();
    Path out = tmp.resolve("all.jsonld");
    LedgerCliTest.Result r =
        ledger("export", "--epcis", "--all", "--out", out.toString(), "--data", data.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("exported 17 EPCIS events of the ledger");
    JsonNode exported = new ObjectMapper().readTree(out.toFile());
    assertThat(EpcisSchema.validate(exported)).isEmpty();
    assertThat(EventHashId.fromDocument(Files.readAllBytes(out)))
        .extracting(EventHashId::id)
        .containsExactlyElementsOf(
            EventHashId.fromDocument(Files.readAllBytes(doc)).stream()
                .map(EventHashId::id)
                .toList());
    LedgerCliTest.Result again = importing(out);
    assertThat(again.outLines().get(0))
        .startsWith("imported 0 events")
        .endsWith("17 already in the ledger");

    for (String[] bad :
        List.of(
            new String[] {"export", "--all", "--out", out.toString()},
            new String[] {"export", "--epcis", "--out", out.toString()},
            new String[] {
              "export",
              "urn:gdst:example.org:product:lot:class:feedmill.1u.ff11252021",
              "--epcis",
              "--all",
              "--out",
              out.toString()
            })) {
      List<String> args = new java.util.ArrayList<>(List.of(bad));
      args.addAll(List.of("--force", "--data", data.toString()));
      LedgerCliTest.assertOneLineError(ledger(args.toArray(String[]::new)), 2);
    }
  }
}
