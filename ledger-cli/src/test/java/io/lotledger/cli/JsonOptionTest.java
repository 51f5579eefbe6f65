package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lotledger.bundle.Bundle;
import io.lotledger.bundle.TrustAnchors;
import io.lotledger.cli.LedgerCliTest.Result;
import io.lotledger.epcis.EventHashId;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.SignedCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --json} of every command that prints data, besides trace, verify, check and bench
 * (tested with those commands): one JSON object on one line of stdout, nothing on stderr, and
 * values that agree with the command's text output and with what it wrote.
 */
class JsonOptionTest {
  private static final String PACK = BatteryChain.PACK.uri();
  private static final Path EXAMPLES =
      Path.of("..", "ledger-epcis", "src", "test", "resources", "epcis-examples");
  private static final Path HASH_FIXTURES =
      Path.of("..", "ledger-epcis", "src", "test", "resources", "epcis-hash");

  /** One battery demo ledger, recorded with --json, that the read-only tests share. */
  @TempDir static Path shared;

  private static Path demo;
  private static Map<String, Object> demoJson;

  @TempDir Path tmp;

  @BeforeAll
  static void recordDemo() {
    demo = shared.resolve("demo");
    demoJson = json(ledger("demo", "battery", "--json", "--data", demo.toString()));
  }

  /** The one JSON object a successful command printed, read with Jackson. */
  static Map<String, Object> json(Result r) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines()).as("stdout is one line").hasSize(1);
    return JsonReader.object(r.out());
  }

  @SuppressWarnings("unchecked")
  private static <T> T get(Map<String, Object> json, String name) {
    assertThat(json).containsKey(name);
    return (T) json.get(name);
  }

  @Test
  void demo_reportsWhatItRecordedVerifiedAndCheckpointed() {
    assertThat(demoJson)
        .containsEntry("demo", "battery")
        .containsEntry("withFraud", false)
        .containsEntry("data", demo.toString())
        .containsEntry("entries", 42L)
        .containsEntry("verifiedEntries", 42L)
        .containsEntry("finalLot", PACK);
    assertThat(JsonOptionTest.<List<String>>get(demoJson, "lots"))
        .hasSize(13)
        .containsExactlyElementsOf(ledger("lots", "--data", demo.toString()).outLines());
    assertThat(JsonOptionTest.<List<String>>get(demoJson, "actors")).hasSize(9);
    assertThat(JsonOptionTest.<List<String>>get(demoJson, "highlights"))
        .contains(
            "recycled cobalt sulphate into the cathode material: 1000 KGM (lot "
                + BatteryChain.RECYCLED_COBALT_SULPHATE
                + ")");
    Map<String, Object> checkpoint = get(demoJson, "checkpoint");
    assertThat(checkpoint)
        .containsEntry("size", 42L)
        .containsEntry("origin", demoJson.get("origin"));
    assertThat(ledger("checkpoint", "--data", demo.toString()).out())
        .contains("\n42\n" + checkpoint.get("root") + "\n");
  }

  @Test
  void lots_listsTheLotsInTheOrderOfTheTextOutput() {
    Map<String, Object> json = json(ledger("lots", "--json", "--data", demo.toString()));

    assertThat(json).containsOnlyKeys("lots");
    assertThat(JsonOptionTest.<List<String>>get(json, "lots"))
        .hasSize(13)
        .startsWith(BatteryChain.COBALT_HYDROXIDE_A.uri())
        .endsWith(PACK)
        .containsExactlyElementsOf(ledger("lots", "--data", demo.toString()).outLines());
  }

  @Test
  void trust_givesTheAnchorsOfTheTrustFile() throws Exception {
    Map<String, Object> json = json(ledger("trust", "--json", "--data", demo.toString()));

    TrustAnchors text =
        TrustAnchors.parse(
            "trust",
            ledger("trust", "--data", demo.toString()).out().getBytes(StandardCharsets.UTF_8));
    assertThat(json)
        .containsOnlyKeys("origin", "logKey", "rootActor", "rootKey")
        .containsEntry("origin", text.origin())
        .containsEntry("logKey", text.logKey().toVkey())
        .containsEntry("rootActor", text.root().uri())
        .containsEntry("rootKey", text.rootKey().toHex());
    assertThat(json.get("origin")).isEqualTo(demoJson.get("origin"));
  }

  @Test
  void checkpoint_givesItsLinesAndTheNoteAsTheTextOutputPrintsIt() throws Exception {
    Map<String, Object> json = json(ledger("checkpoint", "--json", "--data", demo.toString()));

    String note = ledger("checkpoint", "--data", demo.toString()).out();
    Checkpoint parsed = SignedCheckpoint.parse(note.getBytes(StandardCharsets.UTF_8)).checkpoint();
    assertThat(json)
        .containsOnlyKeys("origin", "size", "root", "note")
        .containsEntry("note", note)
        .containsEntry("origin", parsed.origin())
        .containsEntry("size", 42L)
        .containsEntry("root", parsed.root().toBase64());
  }

  @Test
  void exportBundle_givesTheEntriesAndTheCheckpointTheBundleHolds() throws Exception {
    Path file = tmp.resolve("pack.bundle");
    Map<String, Object> json =
        json(ledger("export", PACK, "--out", file.toString(), "--json", "--data", demo.toString()));

    Bundle bundle = Bundle.read(file);
    assertThat(json)
        .containsEntry("format", "bundle")
        .containsEntry("file", file.toString())
        .containsEntry("lot", PACK)
        .containsEntry("entries", (long) bundle.items().size());
    assertThat(JsonOptionTest.<Map<String, Object>>get(json, "checkpoint"))
        .isEqualTo(
            Map.of(
                "origin",
                bundle.checkpoint().checkpoint().origin(),
                "size",
                42L,
                "root",
                bundle.checkpoint().checkpoint().root().toBase64()));
  }

  @Test
  void exportEpcis_countsTheEventsOfTheDocumentWritten_forALotAndForAll() throws Exception {
    Path lotFile = tmp.resolve("cells.jsonld");
    Map<String, Object> lot =
        json(
            ledger(
                "export",
                BatteryChain.CELLS.uri(),
                "--epcis",
                "--out",
                lotFile.toString(),
                "--json",
                "--data",
                demo.toString()));
    Path allFile = tmp.resolve("all.jsonld");
    Map<String, Object> all =
        json(
            ledger(
                "export",
                "--epcis",
                "--all",
                "--out",
                allFile.toString(),
                "--json",
                "--data",
                demo.toString()));

    assertThat(lot)
        .containsOnlyKeys("format", "file", "lot", "events")
        .containsEntry("format", "epcis")
        .containsEntry("file", lotFile.toString())
        .containsEntry("lot", BatteryChain.CELLS.uri())
        .containsEntry("events", (long) events(lotFile));
    assertThat(all)
        .containsEntry("lot", null)
        .containsEntry("file", allFile.toString())
        .containsEntry("events", (long) events(allFile));
    assertThat((Long) all.get("events")).isGreaterThan((Long) lot.get("events"));
  }

  private static int events(Path document) throws Exception {
    JsonNode eventList =
        new ObjectMapper().readTree(document.toFile()).path("epcisBody").path("eventList");
    assertThat(eventList.isArray()).isTrue();
    return eventList.size();
  }

  @Test
  void report_givesTheCountsOfTheTextOutput() {
    Path html = tmp.resolve("pack.html");
    Map<String, Object> json =
        json(
            ledger("report", PACK, "--html", html.toString(), "--json", "--data", demo.toString()));

    assertThat(html).exists();
    Result text =
        ledger("report", PACK, "--html", html.toString(), "--force", "--data", demo.toString());
    assertThat(text.out().strip())
        .isEqualTo(
            "wrote "
                + html
                + ": "
                + json.get("lots")
                + " lots, "
                + json.get("events")
                + " events, integrity verified, "
                + json.get("findings")
                + " findings");
    assertThat(json)
        .containsEntry("file", html.toString())
        .containsEntry("lot", PACK)
        .containsEntry("integrityVerified", true)
        .containsEntry("integrityFailure", null)
        .containsEntry("claimsChecked", true)
        .containsEntry("findings", 0L);
    assertThat((Long) json.get("lots")).isEqualTo(13L);
  }

  @Test
  void report_onABrokenAncestry_namesTheFirstBrokenFact() throws Exception {
    Path dir = tmp.resolve("broken");
    assertThat(ledger("demo", "battery", "--data", dir.toString()).code()).isZero();
    LedgerCliTest.flipLastByteOfEntry(dir, 20);
    Path html = tmp.resolve("broken.html");

    Map<String, Object> json =
        json(ledger("report", PACK, "--html", html.toString(), "--json", "--data", dir.toString()));

    assertThat(json)
        .containsEntry("integrityVerified", false)
        .containsEntry("claimsChecked", false)
        .containsEntry("findings", 0L);
    assertThat(JsonOptionTest.<String>get(json, "integrityFailure")).startsWith("entry 20 ");
  }

  @Test
  void keygenAndInit_giveTheKeysAndNamesTheyCreated_neverTheSecret() throws Exception {
    Path key = tmp.resolve("root.key");
    Map<String, Object> keygen =
        json(
            ledger(
                "keygen",
                "--out",
                key.toString(),
                "--actor",
                "urn:epc:id:pgln:4000001.00000",
                "--json"));

    String keyFile = Files.readString(key);
    assertThat(keygen)
        .containsOnlyKeys("file", "actor", "publicKey")
        .containsEntry("file", key.toString())
        .containsEntry("actor", "urn:epc:id:pgln:4000001.00000");
    assertThat(keyFile).contains("public: " + keygen.get("publicKey") + "\n");
    assertThat(JsonOptionTest.<String>get(keygen, "publicKey")).hasSize(64);
    String secret = keyFile.substring(keyFile.indexOf("secret: ") + 8).strip();
    assertThat(
            JsonReader.object(
                    ledger("keygen", "--out", tmp.resolve("k2").toString(), "--json").out())
                .toString())
        .doesNotContain(secret);

    Path data = tmp.resolve("ledger");
    Map<String, Object> init =
        json(
            ledger(
                "init",
                "--key",
                key.toString(),
                "--origin",
                "example.com/json",
                "--root-name",
                "Root Ltd",
                "--json",
                "--data",
                data.toString()));

    Map<String, Object> trust = json(ledger("trust", "--json", "--data", data.toString()));
    assertThat(init)
        .containsEntry("origin", "example.com/json")
        .containsEntry("data", data.toString())
        .containsEntry("rootActor", "urn:epc:id:pgln:4000001.00000")
        .containsEntry("rootName", "Root Ltd")
        .containsEntry("rootKey", keygen.get("publicKey"))
        .containsEntry("logKey", trust.get("logKey"))
        .containsEntry("logKeyFile", LogKey.file(data).toString());
    assertThat(LogKey.file(data)).exists();
  }

  @Test
  void import_givesTheEntriesAddedWithTheirHashIds_andTheOnesSkipped() throws Exception {
    Path key = tmp.resolve("importer.key");
    Path data = tmp.resolve("ledger");
    assertThat(
            ledger("keygen", "--out", key.toString(), "--actor", "urn:epc:id:pgln:4000001.00000")
                .code())
        .isZero();
    assertThat(ledger("init", "--key", key.toString(), "--data", data.toString()).code()).isZero();
    Path doc = EXAMPLES.resolve("Example_9.6.1-ObjectEvent.jsonld");
    List<String> ids =
        EventHashId.fromDocument(Files.readAllBytes(doc)).stream().map(EventHashId::id).toList();

    Map<String, Object> first =
        json(
            ledger(
                "import",
                doc.toString(),
                "--key",
                key.toString(),
                "--json",
                "--data",
                data.toString()));
    Map<String, Object> again =
        json(
            ledger(
                "import",
                doc.toString(),
                "--key",
                key.toString(),
                "--json",
                "--data",
                data.toString()));

    assertThat(first)
        .containsEntry("file", doc.toString())
        .containsEntry("actor", "urn:epc:id:pgln:4000001.00000")
        .containsEntry(
            "added",
            List.of(
                Map.of("index", 1L, "eventId", ids.get(0)),
                Map.of("index", 2L, "eventId", ids.get(1))))
        .containsEntry("skipped", List.of());
    assertThat(again).containsEntry("added", List.of()).containsEntry("skipped", ids);
  }

  @Test
  void epcisHash_givesEachEventsIdAndPreHashInDocumentOrder() throws Exception {
    Path doc = HASH_FIXTURES.resolve("epcisDocWithVariousEventTypes.jsonld");
    List<String> expected =
        Files.readAllLines(
                HASH_FIXTURES.resolve("epcisDocWithVariousEventTypes.hashes"),
                StandardCharsets.UTF_8)
            .stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();

    Map<String, Object> json = json(ledger("epcis-hash", doc.toString(), "--json"));

    List<String> text = ledger("epcis-hash", doc.toString(), "--pre-hash").outLines();
    List<Map<String, Object>> events = get(json, "events");
    List<String> fromJson = new ArrayList<>();
    events.forEach(
        e -> {
          fromJson.add((String) e.get("id"));
          fromJson.add((String) e.get("preHash"));
        });
    assertThat(events).hasSize(13).extracting(e -> e.get("id")).containsExactlyElementsOf(expected);
    assertThat(fromJson).containsExactlyElementsOf(text);
  }

  @Test
  void everyCommandThatPrintsDataDocumentsItsJsonInItsHelp() {
    for (String command :
        List.of(
            "demo battery",
            "lots",
            "trace",
            "verify",
            "check",
            "checkpoint",
            "trust",
            "export",
            "import",
            "report",
            "epcis-hash",
            "keygen",
            "init",
            "actor add",
            "actor list",
            "key add",
            "key revoke",
            "bench")) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      String help = ledger(args.toArray(String[]::new)).out().replaceAll("\\s+", " ");
      assertThat(help).as(command).contains("--json").containsPattern("JSON object: \\{\"[a-z]+\"");
    }
  }
}
