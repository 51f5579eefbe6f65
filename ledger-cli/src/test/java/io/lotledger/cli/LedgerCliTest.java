package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.error.LedgerException;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.rocksdb.RocksDbStoreProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ledger} command end to end, through {@link LedgerCli#run}, on real RocksDB ledgers.
 */
class LedgerCliTest {
  private static final String PACK = BatteryChain.PACK.uri();

  /** One demo ledger that the read-only tests share. */
  @TempDir static Path shared;

  private static Path demo;

  @TempDir Path tmp;

  record Result(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  static Result ledger(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LedgerCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A user error: the exit code, and exactly one line on stderr, without a stack trace. */
  static void assertOneLineError(Result r, int code) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(code);
    assertThat(r.err().lines().toList()).as("stderr").hasSize(1);
    assertThat(r.err())
        .startsWith("ledger: ")
        .endsWith(System.lineSeparator())
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @BeforeAll
  static void recordDemo() {
    demo = shared.resolve("demo");
    Result r = ledger("demo", "battery", "--data", demo.toString());
    assertThat(r.code()).as(r.err()).isZero();
  }

  private Path newDemo() {
    Path dir = tmp.resolve("demo");
    Result r = ledger("demo", "battery", "--data", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return dir;
  }

  // ---------------------------------------------------------------- demo

  @Test
  void demoBattery_recordsTheChainPrintsTheFinalLotAndVerifies() {
    Result r = ledger("demo", "battery", "--data", tmp.resolve("d").toString());

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines())
        .contains(
            "entries: 42",
            "lots: 13",
            "actors: 9",
            "final lot: " + PACK,
            "verified: 42 entries",
            "recycled cobalt sulphate into the cathode material: 1000 KGM (lot "
                + BatteryChain.RECYCLED_COBALT_SULPHATE
                + ")");
    assertThat(r.out()).doesNotContain("fraud");
  }

  @Test
  void demoBatteryWithFraud_recordsTheSamePackWithThePlantedLots_andStillVerifies() {
    Path dir = tmp.resolve("fraud");
    Result r = ledger("demo", "battery", "--with-fraud", "--data", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines())
        .contains(
            "entries: 43",
            "lots: 14",
            "actors: 9",
            "final lot: " + PACK,
            "verified: 43 entries",
            "recycled cobalt sulphate into the cathode material: 1000 KGM (lot "
                + BatteryChain.RECYCLED_COBALT_SULPHATE
                + ")",
            "planted fraud: cobalt origin without due-diligence certificate: "
                + BatteryChain.UNCERTIFIED_COBALT_HYDROXIDE,
            "planted fraud: recycled cobalt share declared above mass balance: "
                + BatteryChain.CATHODE_MATERIAL);
    assertThat(ledger("verify", "--data", dir.toString()).out())
        .isEqualTo("ok: 43 entries verified" + System.lineSeparator());
    assertThat(ledger("trace", PACK, "--data", dir.toString()).out())
        .contains(BatteryChain.UNCERTIFIED_COBALT_HYDROXIDE.uri());
    assertThat(ledger("demo", "battery", "--help").out()).contains("--with-fraud");
  }

  @Test
  void demoBattery_refusesANonEmptyDirectoryAndLeavesItAlone() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    Result r = ledger("demo", "battery", "--data", dir.toString());

    assertOneLineError(r, 2);
    assertThat(r.err()).contains("is not empty").contains("--force");
    assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void demoBattery_refusesAnExistingLedger_andForceReplacesIt() throws IOException {
    Path dir = newDemo();
    Files.writeString(dir.resolve("stray.txt"), "x");

    Result refused = ledger("demo", "battery", "--data", dir.toString());
    assertOneLineError(refused, 2);
    assertThat(refused.err()).contains("already holds a ledger");

    Result forced = ledger("demo", "battery", "--data", dir.toString(), "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.outLines()).contains("final lot: " + PACK, "verified: 42 entries");
    assertThat(dir.resolve("stray.txt")).doesNotExist();
    assertThat(ledger("verify", "--data", dir.toString()).code()).isZero();
  }

  @Test
  void demoBattery_forceRefusesAFileAndASymbolicLink() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertOneLineError(ledger("demo", "battery", "--data", file.toString(), "--force"), 2);
    assertThat(file).exists();

    Path real = Files.createDirectories(tmp.resolve("real"));
    Files.writeString(real.resolve("keep.txt"), "x");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Result r = ledger("demo", "battery", "--data", link.toString(), "--force");
    assertOneLineError(r, 2);
    assertThat(r.err()).contains("symbolic link");
    assertThat(real.resolve("keep.txt")).exists();
  }

  @Test
  void forceDeletion_refusesTheRootTheHomeAndTheWorkingDirectoryOrTheirAncestors() {
    Path home = Path.of("/home/ana");
    Path cwd = Path.of("/home/ana/work/repo");
    assertThat(DataDirectory.refusal(Path.of("/"), cwd, home)).contains("root");
    assertThat(DataDirectory.refusal(Path.of("/home"), cwd, home)).contains("home");
    assertThat(DataDirectory.refusal(home, cwd, home)).contains("home");
    assertThat(DataDirectory.refusal(Path.of("/home/ana/work"), cwd, home))
        .contains("working directory");
    assertThat(DataDirectory.refusal(cwd, cwd, home)).contains("working directory");
    assertThat(DataDirectory.refusal(Path.of("/home/ana/work/repo/ledger-data"), cwd, home))
        .isNull();
    assertThat(DataDirectory.refusal(Path.of("/tmp/demo"), cwd, home)).isNull();
  }

  // ---------------------------------------------------------------- verify

  @Test
  void verify_goodLedger_exitsZero() {
    Result r = ledger("verify", "--data", demo.toString());

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("ok: 42 entries verified" + System.lineSeparator());
    assertThat(r.err()).isEmpty();
  }

  @Test
  void verify_entryWithAFlippedByte_exitsOneWithOneLineNamingTheEntry() throws Exception {
    Path dir = newDemo();
    flipLastByteOfEntry(dir, 20);

    Result r = ledger("verify", "--data", dir.toString());

    assertOneLineError(r, 1);
    assertThat(r.err()).startsWith("ledger: verification failed: entry 20 (");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void verify_overwrittenHead_exitsOneNamingTheLot() throws Exception {
    Path dir = newDemo();
    try (LedgerStore store = new RocksDbStoreProvider().open(dir, false)) {
      byte[] otherHead = store.get(Table.HEADS, StoreLayout.headKey(BatteryChain.CELLS));
      store.write(
          new WriteBatch().put(Table.HEADS, StoreLayout.headKey(BatteryChain.PACK), otherHead),
          true);
    }

    Result r = ledger("verify", "--data", dir.toString());

    assertOneLineError(r, 1);
    assertThat(r.err()).contains("store mismatch").contains(PACK);
  }

  @Test
  void verifyJson_goodLedger_isValidWithItsSize() {
    Result r = ledger("verify", "--json", "--data", demo.toString());

    assertThat(r.code()).isZero();
    assertThat(r.outLines()).hasSize(1);
    assertThat(JsonReader.object(r.out()))
        .containsEntry("valid", true)
        .containsEntry("entries", 42L);
  }

  @Test
  void verifyJson_tamperedLedger_describesTheFailure() throws Exception {
    Path dir = newDemo();
    flipLastByteOfEntry(dir, 20);

    Result r = ledger("verify", "--data", dir.toString(), "--json");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("\"valid\":false").contains("\"failure\":{\"kind\":\"");
    Map<String, Object> json = JsonReader.object(r.out());
    assertThat(json).containsEntry("valid", false).containsEntry("entries", 42L);
    @SuppressWarnings("unchecked")
    Map<String, Object> failure = (Map<String, Object>) json.get("failure");
    assertThat(failure)
        .containsKeys("kind", "index", "hash", "lot", "detail", "expected", "actual");
    assertThat(failure.get("kind")).isIn("BAD_SIGNATURE", "MALFORMED_ENTRY");
    assertThat(failure.get("index")).isEqualTo(20L);
    assertThat((String) failure.get("hash")).hasSize(64);
  }

  @Test
  void verify_missingDirectory_exitsTwo() {
    Result r = ledger("verify", "--data", tmp.resolve("nowhere").toString());

    assertOneLineError(r, 2);
    assertThat(r.err()).contains("does not exist");
  }

  @Test
  void verify_directoryOfGarbage_exitsTwo() throws IOException {
    Path noStore = Files.createDirectories(tmp.resolve("junk"));
    Files.writeString(noStore.resolve("readme.txt"), "not a ledger");
    assertOneLineError(ledger("verify", "--data", noStore.toString()), 2);

    Path corrupt = Files.createDirectories(tmp.resolve("corrupt"));
    Files.writeString(corrupt.resolve("CURRENT"), "MANIFEST-000042\n");
    Files.write(
        corrupt.resolve("MANIFEST-000042"),
        "\u0000garbage\u00ff not a manifest".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(corrupt.resolve("000007.sst"), "garbage");
    Result r = ledger("verify", "--data", corrupt.toString());
    assertOneLineError(r, 2);
  }

  @Test
  void verify_emptyDataDirectory_exitsTwo() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Result r = ledger("verify", "--data", empty.toString());
    assertOneLineError(r, 2);
    assertThat(r.err()).contains("no ledger");
  }

  @Test
  void badArguments_exitTwoWithOneLine() {
    assertOneLineError(ledger("verify", "--bogus"), 2);
    assertThat(ledger("verify", "--bogus").err())
        .contains("--bogus")
        .contains("ledger verify --help");
    assertOneLineError(ledger("frobnicate"), 2);
    assertThat(ledger("frobnicate").err())
        .isEqualTo(
            "ledger: unknown command 'frobnicate' (see 'ledger --help')" + System.lineSeparator());
    assertOneLineError(ledger("demo"), 2);
    assertOneLineError(ledger("trace", "--data", demo.toString()), 2); // LOT missing
    assertOneLineError(ledger("keygen"), 2); // --out missing
  }

  @Test
  void mistypedCommand_exitsTwoWithOneLineSuggestingTheCommandMeant() {
    Result r = ledger("trce", PACK, "--data", demo.toString());
    assertOneLineError(r, 2);
    assertThat(r.err())
        .isEqualTo(
            "ledger: unknown command 'trce'; did you mean 'trace'?" + System.lineSeparator());
    assertThat(r.out()).isEmpty();

    Result nested = ledger("demo", "batery");
    assertOneLineError(nested, 2);
    assertThat(nested.err())
        .isEqualTo(
            "ledger: unknown command 'demo batery'; did you mean 'demo battery'?"
                + System.lineSeparator());

    Result option = ledger("verify", "--jsno", "--data", demo.toString());
    assertOneLineError(option, 2);
    assertThat(option.err())
        .isEqualTo(
            "ledger: unknown option '--jsno' of 'ledger verify'; did you mean '--json'?"
                + System.lineSeparator());
  }

  @Test
  void bareLedger_printsTheHelpWithEveryCommand_andExitsZero() {
    Result bare = ledger();

    assertThat(bare.code()).isZero();
    assertThat(bare.err()).isEmpty();
    assertThat(bare.out()).isEqualTo(ledger("--help").out());
    picocli.CommandLine cli = new picocli.CommandLine(new LedgerCli(false));
    for (String command : cli.getSubcommands().keySet()) {
      assertThat(bare.out())
          .as(command)
          .containsPattern("(?m)^  " + java.util.regex.Pattern.quote(command) + " ");
    }
    assertThat(bare.out()).contains("  completion ", "  epcis-hash ", "  report ", "  import ");
  }

  @Test
  void completion_printsABashScriptCompletingEveryCommandAndItsOptions() {
    Result r = ledger("completion");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_ledger")
        .contains("verify", "trace", "epcis-hash", "battery", "--json", "--origin");
    assertThat(ledger("--help").out()).contains("completion", "source <(ledger completion)");
  }

  @Test
  void helpAndVersion_exitZero() {
    Result help = ledger("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("demo", "verify", "trace", "keygen", "init", "lots", "Exit codes");
    assertThat(ledger("verify", "--help").out()).contains("--data", "--json");
    Result version = ledger("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("ledger ");
  }

  @Test
  void report_mapsEachFailureToItsExitCodeInOneLine() {
    assertThat(report(CliException.usage("bad"))).isEqualTo("2 ledger: bad");
    assertThat(report(new LedgerException(LedgerException.Code.VERIFICATION_FAILED, "broken")))
        .isEqualTo("1 ledger: broken");
    assertThat(
            report(
                new VerificationException(
                    new Finding(
                        Failure.BAD_SIGNATURE,
                        7,
                        null,
                        BatteryChain.CELLS,
                        "sig",
                        "valid",
                        "invalid"))))
        .isEqualTo(
            "1 ledger: verification failed: entry 7 lot "
                + BatteryChain.CELLS
                + " bad signature: sig; expected valid, actual invalid");
    for (LedgerException.Code code :
        List.of(
            LedgerException.Code.INVALID_INPUT,
            LedgerException.Code.NOT_FOUND,
            LedgerException.Code.ILLEGAL_STATE,
            LedgerException.Code.STORAGE)) {
      assertThat(report(new LedgerException(code, "no\nway"))).isEqualTo("2 ledger: no | way");
    }
    assertThat(report(new java.nio.file.NoSuchFileException("/x")))
        .isEqualTo("2 ledger: no such file or directory: /x");
    assertThat(report(new IllegalArgumentException("u64 needs 8 bytes")))
        .isEqualTo("2 ledger: invalid data: u64 needs 8 bytes");
    assertThat(report(new NullPointerException("bug"))).startsWith("70 ledger: internal error: ");
  }

  private static String report(Exception e) {
    java.io.StringWriter text = new java.io.StringWriter();
    int code = LedgerCli.report(e, new java.io.PrintWriter(text));
    assertThat(text.toString().lines().toList()).hasSize(1);
    return code + " " + text.toString().strip();
  }

  // ---------------------------------------------------------------- lots and trace

  @Test
  void lots_printsEveryLotOncePerLineInOrderOfFirstAppearance() {
    Result r = ledger("lots", "--data", demo.toString());

    assertThat(r.code()).isZero();
    assertThat(r.outLines())
        .containsExactly(
            BatteryChain.COBALT_HYDROXIDE_A.uri(),
            BatteryChain.COBALT_HYDROXIDE_B.uri(),
            BatteryChain.LITHIUM_CARBONATE.uri(),
            BatteryChain.NICKEL_SULPHATE.uri(),
            BatteryChain.COBALT_SULPHATE.uri(),
            BatteryChain.END_OF_LIFE_PACKS.uri(),
            BatteryChain.BLACK_MASS.uri(),
            BatteryChain.RECYCLED_COBALT_SULPHATE.uri(),
            BatteryChain.MANGANESE_SULPHATE.uri(),
            BatteryChain.CATHODE_MATERIAL.uri(),
            BatteryChain.CELLS.uri(),
            BatteryChain.PACK_HOUSING.uri(),
            PACK);
  }

  @Test
  void trace_finalLot_showsHistoryAndTheAncestryTreeDownToTheMine() {
    Result r = ledger("trace", PACK, "--data", demo.toString());

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.outLines();
    assertThat(lines.get(0)).isEqualTo("lot " + PACK);
    assertThat(lines.get(1))
        .isEqualTo(
            "balance: 0 H87, held by nobody"); // shipped to the car maker, outside the ledger
    assertThat(lines.get(2))
        .startsWith("computed: ")
        .contains("Co 0.0143 (recycled pre-consumer 0, post-consumer 0.16)");
    assertThat(lines.get(3)).isEqualTo("history (3 entries):");
    assertThat(lines.get(4))
        .contains(
            "#39",
            "2026-05-04T15:10:00+02:00",
            "TransformationEvent assembling",
            "urn:epc:id:pgln:4000002.00000",
            "output 1 H87");
    assertThat(lines.get(6)).contains("TransactionEvent ADD shipping");
    assertThat(lines).contains("ancestry:", "  " + PACK);
    // cathode material -> cobalt sulphate -> hydroxide: four levels below the pack
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "  [ |]{4}[ |]{4}[ |]{4}[|`]-- "
                            + java.util.regex.Pattern.quote(
                                BatteryChain.COBALT_HYDROXIDE_A.uri())));
    assertThat(r.out())
        .contains(BatteryChain.LITHIUM_CARBONATE.uri(), BatteryChain.PACK_HOUSING.uri());
    // cathode material -> recycled sulphate -> black mass -> end-of-life packs: five levels below
    // the pack
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "  [ |]{4}[ |]{4}[ |]{4}[ |]{4}[|`]-- "
                            + java.util.regex.Pattern.quote(BatteryChain.END_OF_LIFE_PACKS.uri())));
    assertThat(r.out()).doesNotContain(BatteryChain.UNCERTIFIED_COBALT_HYDROXIDE.uri());
  }

  @Test
  void traceJson_givesHistoryWithQuantitiesAndTheNestedAncestry() {
    Result r =
        ledger("trace", BatteryChain.CATHODE_MATERIAL.uri(), "--json", "--data", demo.toString());

    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> json = JsonReader.object(r.out());
    assertThat(json.get("lot")).isEqualTo(BatteryChain.CATHODE_MATERIAL.uri());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) json.get("history");
    assertThat(history)
        .extracting(h -> h.get("kind"))
        .containsExactly(
            "TransformationEvent",
            "ObjectEvent",
            "TransactionEvent",
            "ObjectEvent",
            "TransformationEvent");
    assertThat(history.get(0))
        .containsEntry("bizStep", "commissioning")
        .containsEntry("action", null)
        .containsEntry("actor", "urn:epc:id:pgln:5900001.00000");
    assertThat(history.get(0).get("quantities").toString())
        .contains(
            "{lot=" + BatteryChain.COBALT_SULPHATE.uri() + ", role=input, amount=5, unit=TNE}")
        .contains(
            "{lot="
                + BatteryChain.RECYCLED_COBALT_SULPHATE.uri()
                + ", role=input, amount=1000, unit=KGM}")
        .contains(
            "{lot=" + BatteryChain.CATHODE_MATERIAL.uri() + ", role=output, amount=20, unit=TNE}");
    assertThat(r.out())
        .contains(
            "\"ancestry\":{\"lot\":\"" + BatteryChain.CATHODE_MATERIAL.uri() + "\",\"parents\":[")
        .contains("{\"lot\":\"" + BatteryChain.COBALT_HYDROXIDE_B.uri() + "\",\"parents\":[]}");
  }

  @Test
  void trace_unknownOrInvalidLot_exitsTwo() {
    Result unknown =
        ledger("trace", "urn:epc:class:lgtin:4000001.000000.NOPE", "--data", demo.toString());
    assertOneLineError(unknown, 2);
    assertThat(unknown.err()).contains("no lot urn:epc:class:lgtin:4000001.000000.NOPE");

    assertOneLineError(ledger("trace", "not a uri", "--data", demo.toString()), 2);
  }

  // ---------------------------------------------------------------- keygen and init

  @Test
  void keygen_writesAnOwnerOnlyKeyFile_andRefusesToOverwriteIt() throws IOException {
    Path key = tmp.resolve("root.key");

    Result r = ledger("keygen", "--out", key.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String content = Files.readString(key);
    String publicHex =
        r.outLines().stream()
            .filter(l -> l.startsWith("public: "))
            .findFirst()
            .orElseThrow()
            .substring(8);
    assertThat(content)
        .startsWith(
            "lotledger-key v1\nactor: urn:lotledger:actor:" + publicHex.substring(0, 16) + "\n")
        .contains("public: " + publicHex + "\n");
    assertThat(r.out()).doesNotContain(content.substring(content.indexOf("secret: ") + 8).strip());

    Result again = ledger("keygen", "--out", key.toString());
    assertOneLineError(again, 2);
    assertThat(again.err()).contains("already exists");
    assertThat(Files.readString(key)).isEqualTo(content);
  }

  @Test
  void keygen_takesAnActorUri_andRefusesAnInvalidOne() {
    Result r =
        ledger(
            "keygen",
            "--out",
            tmp.resolve("k").toString(),
            "--actor",
            "urn:epc:id:pgln:4000001.00000");
    assertThat(r.code()).isZero();
    assertThat(r.outLines()).contains("actor: urn:epc:id:pgln:4000001.00000");

    assertOneLineError(
        ledger("keygen", "--out", tmp.resolve("k2").toString(), "--actor", "no scheme"), 2);
    assertThat(tmp.resolve("k2")).doesNotExist();
  }

  @Test
  void init_createsAnEmptyLedgerThatVerifies_andRefusesToRunTwice() {
    Path key = tmp.resolve("root.key");
    assertThat(
            ledger("keygen", "--out", key.toString(), "--actor", "urn:epc:id:pgln:4000001.00000")
                .code())
        .isZero();
    Path data = tmp.resolve("ledger");

    Result init =
        ledger(
            "init",
            "--key",
            key.toString(),
            "--origin",
            "example.com/ledger",
            "--data",
            data.toString());
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.err()).isEmpty();
    assertThat(init.outLines())
        .contains(
            "created ledger example.com/ledger in " + data,
            "root actor: urn:epc:id:pgln:4000001.00000");

    Result verify = ledger("verify", "--data", data.toString());
    assertThat(verify.code()).isZero();
    assertThat(verify.out()).contains("ok: 1 entries verified");
    assertThat(ledger("lots", "--data", data.toString()).out()).isEmpty();

    Result twice = ledger("init", "--key", key.toString(), "--data", data.toString());
    assertOneLineError(twice, 2);
    assertThat(twice.err()).contains("already exists");
  }

  @Test
  void init_badKeyOrName_exitsTwoAndCreatesNothing() throws IOException {
    Path key = tmp.resolve("root.key");
    assertThat(ledger("keygen", "--out", key.toString()).code()).isZero();
    Path data = tmp.resolve("ledger");

    assertOneLineError(
        ledger("init", "--key", tmp.resolve("missing.key").toString(), "--data", data.toString()),
        2);
    assertOneLineError(
        ledger("init", "--key", key.toString(), "--origin", "has space", "--data", data.toString()),
        2);
    assertOneLineError(
        ledger("init", "--key", key.toString(), "--name", "has space", "--data", data.toString()),
        2);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Result shared = ledger("init", "--key", key.toString(), "--data", data.toString());
    assertOneLineError(shared, 2);
    assertThat(shared.err()).contains("chmod 600");
    assertThat(data).doesNotExist();
  }

  @Test
  void initName_theOldNameOfOrigin_stillWorksWithAWarning_butNotBesideOrigin() {
    Path key = tmp.resolve("root.key");
    assertThat(ledger("keygen", "--out", key.toString()).code()).isZero();
    Path data = tmp.resolve("ledger");

    Result both =
        ledger(
            "init",
            "--key",
            key.toString(),
            "--origin",
            "a.example",
            "--name",
            "b.example",
            "--data",
            data.toString());
    assertOneLineError(both, 2);
    assertThat(both.err()).contains("--name", "--origin");
    assertThat(data).doesNotExist();

    Result old =
        ledger(
            "init",
            "--key",
            key.toString(),
            "--name",
            "example.com/old",
            "--data",
            data.toString());
    assertThat(old.code()).as(old.err()).isZero();
    assertThat(old.err())
        .isEqualTo(
            "ledger: warning: --name is deprecated, use --origin (the ledger's log origin)"
                + System.lineSeparator());
    assertThat(old.outLines()).contains("created ledger example.com/old in " + data);
    assertThat(ledger("trust", "--data", data.toString()).out()).contains("origin example.com/old");

    Result help = ledger("init", "--help");
    assertThat(help.out())
        .contains("--origin=ORIGIN", "log origin", "C2SP", "--root-name")
        .doesNotContain("--name");
  }

  // ---------------------------------------------------------------- tampering

  /** Flips the last byte (inside the signature) of entry {@code index}, straight in RocksDB. */
  static void flipLastByteOfEntry(Path dir, long index) throws Exception {
    try (LedgerStore store = new RocksDbStoreProvider().open(dir, false)) {
      byte[] entry = store.get(Table.ENTRIES, StoreLayout.entryKey(index));
      entry[entry.length - 1] ^= 0x01;
      store.write(new WriteBatch().put(Table.ENTRIES, StoreLayout.entryKey(index), entry), true);
    }
  }
}
