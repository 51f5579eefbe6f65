package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.assertOneLineError;
import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.bundle.Bundle;
import io.lotledger.bundle.TrustAnchors;
import io.lotledger.cli.LedgerCliTest.Result;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.event.RegistryEvent;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log key, {@code checkpoint}, {@code trust}, {@code export} and {@code verify --bundle}, end
 * to end through {@link LedgerCli#run} on real RocksDB ledgers.
 */
class BundleCliTest {
  private static final String PACK = BatteryChain.PACK.uri();
  private static final Pattern CHECKPOINT_LINE =
      Pattern.compile("checkpoint: size (\\d+) root ([A-Za-z0-9+/]{43}=)");

  /** One demo ledger, its trust file and its final lot's bundle, shared by the read-only tests. */
  @TempDir static Path shared;

  private static Path demo;
  private static Path trust;
  private static Path bundle;
  private static Result demoRun;

  @TempDir Path tmp;

  @BeforeAll
  static void recordDemoAndExportThePack() throws IOException {
    demo = shared.resolve("demo");
    demoRun = ledger("demo", "battery", "--data", demo.toString());
    assertThat(demoRun.code()).as(demoRun.err()).isZero();
    trust = writeTrust(demo, shared.resolve("trust.txt"));
    bundle = shared.resolve("pack.bundle");
    Result export = ledger("export", PACK, "--out", bundle.toString(), "--data", demo.toString());
    assertThat(export.code()).as(export.err()).isZero();
  }

  // ---------------------------------------------------------------- log key and demo

  @Test
  void demo_writesTheLogKeyOwnerOnlyAndPrintsTheCheckpointItSigned() throws Exception {
    Matcher line =
        demoRun.outLines().stream()
            .map(CHECKPOINT_LINE::matcher)
            .filter(Matcher::matches)
            .findFirst()
            .orElseThrow();
    assertThat(line.group(1)).isEqualTo("42");

    Path key = demo.resolve("keys/log.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(demo.resolve("keys"))))
        .isEqualTo("rwx------");
    assertThat(Files.readString(key))
        .startsWith("lotledger-key v1\nactor: urn:lotledger:log:" + BatteryChain.ORIGIN + "\n");
    assertThat(demoRun.out())
        .doesNotContain(
            Files.readString(key)
                .lines()
                .filter(l -> l.startsWith("secret: "))
                .findFirst()
                .orElseThrow()
                .substring(8));

    SignedCheckpoint latest = checkpointOf(demo);
    assertThat(latest.checkpoint().size()).isEqualTo(42);
    assertThat(latest.checkpoint().root().toBase64()).isEqualTo(line.group(2));
  }

  @Test
  void demo_isReproducible_sameLogKeyAndSameCheckpoint() {
    Path again = tmp.resolve("again");
    Result r = ledger("demo", "battery", "--data", again.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines())
        .filteredOn(l -> l.startsWith("checkpoint: "))
        .containsExactlyElementsOf(
            demoRun.outLines().stream().filter(l -> l.startsWith("checkpoint: ")).toList());
    assertThat(ledger("trust", "--data", again.toString()).out())
        .isEqualTo(ledger("trust", "--data", demo.toString()).out());
  }

  @Test
  void demo_forceReplacesALedgerWithItsKeys() {
    Path dir = newDemo("d");

    Result forced = ledger("demo", "battery", "--data", dir.toString(), "--force");

    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.outLines()).anyMatch(l -> CHECKPOINT_LINE.matcher(l).matches());
    assertThat(ledger("checkpoint", "--data", dir.toString()).code()).isZero();
  }

  @Test
  void init_writesARandomLogKey_trustNamesIt_andCheckpointPinsIt() throws Exception {
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
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("keys/log.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys"))))
        .isEqualTo("rwx------");
    String vkey =
        init.outLines().stream()
            .filter(l -> l.startsWith("log key: "))
            .findFirst()
            .orElseThrow()
            .split(" ")[2];
    assertThat(vkey).startsWith("example.com/ledger+");

    Result before =
        ledger("trust", "--data", data.toString()); // from keys/log.key: nothing is pinned yet
    assertThat(before.code()).as(before.err()).isZero();
    TrustAnchors anchors = parseTrust(before.out());
    assertThat(anchors.logKey().toVkey()).isEqualTo(vkey);
    assertThat(anchors.root()).isEqualTo(new ActorId("urn:epc:id:pgln:4000001.00000"));

    Result checkpoint = ledger("checkpoint", "--data", data.toString());
    assertThat(checkpoint.code()).as(checkpoint.err()).isZero();
    assertThat(parseCheckpoint(checkpoint.out()).verify(anchors.logKey()).size()).isEqualTo(1);
    assertThat(ledger("trust", "--data", data.toString()).out()).isEqualTo(before.out());
    assertThat(ledger("verify", "--data", data.toString()).code()).isZero();

    // a second ledger's init draws another key
    Path other = tmp.resolve("other");
    assertThat(
            ledger(
                    "init",
                    "--key",
                    key.toString(),
                    "--origin",
                    "example.com/ledger",
                    "--data",
                    other.toString())
                .code())
        .isZero();
    assertThat(ledger("trust", "--data", other.toString()).out()).isNotEqualTo(before.out());
  }

  @Test
  void init_refusesAPlusInTheName_andLeavesNoKeyBehind() {
    Path key = tmp.resolve("root.key");
    assertThat(ledger("keygen", "--out", key.toString()).code()).isZero();
    Path data = tmp.resolve("ledger");

    Result r =
        ledger("init", "--key", key.toString(), "--origin", "a+b", "--data", data.toString());

    assertOneLineError(r, 2);
    assertThat(r.err()).contains("'+'");
    assertThat(data).doesNotExist();
  }

  // ---------------------------------------------------------------- checkpoint

  @Test
  void checkpoint_printsTheSignedNoteThatVerifiesUnderTheTrustedVkey() throws Exception {
    Result r = ledger("checkpoint", "--data", demo.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.outLines();
    assertThat(lines).hasSize(5);
    assertThat(lines.subList(0, 2)).containsExactly(BatteryChain.ORIGIN, "42");
    assertThat(lines.get(3)).isEmpty();
    assertThat(lines.get(4)).startsWith("\u2014 " + BatteryChain.ORIGIN + " ");
    Checkpoint verified = parseCheckpoint(r.out()).verify(TrustAnchors.read(trust).logKey());
    assertThat(verified.size()).isEqualTo(42);
    assertThat(verified.root().toBase64()).isEqualTo(lines.get(2));
    assertThat(r.out()).isEqualTo(new String(checkpointOf(demo).toBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void checkpoint_signsANewOneOnlyWhenTheLedgerGrew() throws Exception {
    Path dir = newDemo("d");
    String first = ledger("checkpoint", "--data", dir.toString()).out();
    assertThat(ledger("checkpoint", "--data", dir.toString()).out()).isEqualTo(first);

    appendRegistration(dir, "urn:example:actor:extra");
    Result grown = ledger("checkpoint", "--data", dir.toString());

    assertThat(grown.code()).as(grown.err()).isZero();
    Checkpoint cp =
        parseCheckpoint(grown.out())
            .verify(TrustAnchors.read(writeTrust(dir, tmp.resolve("t"))).logKey());
    assertThat(cp.size()).isEqualTo(43);
    try (Ledger ledger = Ledger.open(dir)) {
      assertThat(ledger.checkpoints())
          .extracting(c -> c.checkpoint().size())
          .containsExactly(42L, 43L);
    }
  }

  @Test
  void checkpoint_withoutALogKeyFile_exitsTwoInOneLine() throws Exception {
    Path dir = tmp.resolve("library-made");
    BatteryChain chain = new BatteryChain();
    Ledger.in(dir)
        .options(BatteryChain.options())
        .create(BatteryChain.ORIGIN, chain.root(), chain.rootName())
        .close();

    Result r = ledger("checkpoint", "--data", dir.toString());

    assertOneLineError(r, 2);
    assertThat(r.err())
        .contains("no log key")
        .contains(dir.resolve("keys").resolve("log.key").toString());
    assertOneLineError(ledger("trust", "--data", dir.toString()), 2); // nothing pinned, no key file
  }

  @Test
  void checkpoint_withAnotherKeyThanThePinnedOne_exitsTwo() throws Exception {
    Path dir = newDemo("d");
    Path key = dir.resolve("keys/log.key");
    Files.delete(key);
    KeyFile.write(
        key, LogKey.actor(BatteryChain.ORIGIN), Ed25519Signer.generate(new SecureRandom()));
    appendRegistration(dir, "urn:example:actor:extra");

    Result r = ledger("checkpoint", "--data", dir.toString());

    assertOneLineError(r, 2);
    assertThat(r.err()).contains("log key");
  }

  @Test
  void checkpoint_missingLedger_exitsTwo() {
    assertOneLineError(ledger("checkpoint", "--data", tmp.resolve("nowhere").toString()), 2);
  }

  // ---------------------------------------------------------------- trust

  @Test
  void trust_printsOriginLogVkeyRootActorAndRootKey() throws Exception {
    Result r = ledger("trust", "--data", demo.toString());

    assertThat(r.code()).as(r.err()).isZero();
    TrustAnchors anchors = parseTrust(r.out());
    assertThat(r.out()).isEqualTo(anchors.format());
    assertThat(anchors.origin()).isEqualTo(BatteryChain.ORIGIN);
    assertThat(anchors.logKey())
        .isEqualTo(NoteKey.of(BatteryChain.ORIGIN, DemoCommand.demoLogKey().publicKey()));
    ActorSigner root = new BatteryChain().root();
    assertThat(anchors.root()).isEqualTo(root.actor());
    assertThat(anchors.rootKey()).isEqualTo(root.publicKey());
  }

  @Test
  void help_namesTheNewCommandsAndOptions() {
    assertThat(ledger("--help").out()).contains("checkpoint", "trust", "export");
    assertThat(ledger("verify", "--help").out())
        .contains("--bundle", "--trust", "--remember", "--data", "--json");
    assertThat(ledger("export", "--help").out()).contains("--out", "--force", "--data");
    assertThat(ledger("checkpoint", "--help").out()).contains("keys/log.key");
    assertOneLineError(
        ledger("export", "--out", tmp.resolve("x").toString(), "--data", demo.toString()),
        2); // LOT missing
  }

  @Test
  void trust_helpDocumentsTheFormat() {
    Result help = ledger("trust", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains(
            "lotledger-trust v1",
            "origin <origin>",
            "log <origin>+<key id>+<base64 key>",
            "root <actor URI> <64 hex digits>");
  }

  // ---------------------------------------------------------------- export and verify --bundle

  @Test
  void exportThenVerifyBundle_exitsZeroWithTheOkLine() {
    Result r = ledger("verify", "--bundle", bundle.toString(), "--trust", trust.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .matches(
            "ok: lot "
                + Pattern.quote(PACK)
                + ": 42 entries \\(33 in its provenance\\) verified against checkpoint "
                + Pattern.quote(BatteryChain.ORIGIN)
                + " size 42"
                + System.lineSeparator());
  }

  @Test
  void export_printsCountSizeAndPath_andWritesAParsableBundle() throws Exception {
    Path out = tmp.resolve("cells.bundle");

    Result r =
        ledger(
            "export", BatteryChain.CELLS.uri(), "--out", out.toString(), "--data", demo.toString());

    assertThat(r.code()).as(r.err()).isZero();
    Bundle read = Bundle.read(out);
    assertThat(r.outLines())
        .containsExactly(
            "exported "
                + read.items().size()
                + " entries of lot "
                + BatteryChain.CELLS
                + " against checkpoint size 42 to "
                + out);
    assertThat(read.lot()).isEqualTo(BatteryChain.CELLS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).startsWith("rw-");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("cells.bundle"); // no temporary file left
    }
  }

  @Test
  void export_afterTheLedgerGrew_signsANewCheckpointThatCoversIt() throws Exception {
    Path dir = newDemo("d");
    appendRegistration(dir, "urn:example:actor:extra");
    Path out = tmp.resolve("pack.bundle");

    Result r = ledger("export", PACK, "--out", out.toString(), "--data", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("43 entries").contains("checkpoint size 43");
    try (Ledger ledger = Ledger.open(dir)) {
      assertThat(ledger.latestCheckpoint().orElseThrow().checkpoint().size()).isEqualTo(43);
    }
    Result v =
        ledger(
            "verify",
            "--bundle",
            out.toString(),
            "--trust",
            writeTrust(dir, tmp.resolve("t")).toString());
    assertThat(v.code()).as(v.err()).isZero();
    assertThat(v.out()).contains("43 entries").contains("size 43");
  }

  @Test
  void export_withoutALogKey_usesTheLatestCheckpointIfItCoversTheLot_elseExitsTwo()
      throws Exception {
    Path dir = newDemo("d");
    Files.delete(dir.resolve("keys/log.key"));

    Path out = tmp.resolve("pack.bundle");
    Result covered = ledger("export", PACK, "--out", out.toString(), "--data", dir.toString());
    assertThat(covered.code()).as(covered.err()).isZero();
    assertThat(covered.out()).contains("checkpoint size 42");

    appendRegistration(
        dir, "urn:example:actor:extra"); // the pack's entries are still covered by size 42
    Path again = tmp.resolve("again.bundle");
    assertThat(ledger("export", PACK, "--out", again.toString(), "--data", dir.toString()).out())
        .contains("checkpoint size 42");

    Path library = tmp.resolve("library-made");
    BatteryChain chain = new BatteryChain();
    try (Ledger ledger =
        Ledger.in(library)
            .options(BatteryChain.options())
            .create(BatteryChain.ORIGIN, chain.root(), chain.rootName())) {
      chain.record(ledger);
    }
    Result none =
        ledger(
            "export",
            PACK,
            "--out",
            tmp.resolve("none.bundle").toString(),
            "--data",
            library.toString());
    assertOneLineError(none, 2);
    assertThat(none.err()).contains("no log key");
    assertThat(tmp.resolve("none.bundle")).doesNotExist();
  }

  @Test
  void export_refusesToOverwrite_andForceReplaces() throws IOException {
    Path out = Files.writeString(tmp.resolve("pack.bundle"), "mine");

    Result refused = ledger("export", PACK, "--out", out.toString(), "--data", demo.toString());
    assertOneLineError(refused, 2);
    assertThat(refused.err()).contains("already exists").contains("--force");
    assertThat(Files.readString(out)).isEqualTo("mine");

    Result forced =
        ledger("export", PACK, "--out", out.toString(), "--data", demo.toString(), "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(bundle));
  }

  @Test
  void export_unknownOrInvalidLotOrUnwritablePath_exitsTwo() {
    Path out = tmp.resolve("x.bundle");
    Result unknown =
        ledger(
            "export",
            "urn:epc:class:lgtin:4000001.000000.NOPE",
            "--out",
            out.toString(),
            "--data",
            demo.toString());
    assertOneLineError(unknown, 2);
    assertThat(unknown.err()).contains("no lot urn:epc:class:lgtin:4000001.000000.NOPE");
    assertOneLineError(
        ledger("export", "not a uri", "--out", out.toString(), "--data", demo.toString()), 2);
    assertOneLineError(
        ledger(
            "export",
            PACK,
            "--out",
            tmp.resolve("no/such/dir/x.bundle").toString(),
            "--data",
            demo.toString()),
        2);
    assertOneLineError(
        ledger("export", PACK, "--out", tmp.toString(), "--data", demo.toString()), 2);
    assertOneLineError(ledger("export", PACK, "--data", demo.toString()), 2); // --out missing
    assertThat(out).doesNotExist();
  }

  @Test
  void verifyBundleJson_describesTheLotAndTheCheckpoint() {
    Result r =
        ledger("verify", "--bundle", bundle.toString(), "--trust", trust.toString(), "--json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines()).hasSize(1);
    Map<String, Object> json = JsonReader.object(r.out());
    assertThat(json)
        .containsEntry("valid", true)
        .containsEntry("lot", PACK)
        .containsEntry("entries", 42L)
        .containsEntry("provenanceEntries", 33L);
    assertThat(json.get("checkpoint").toString())
        .contains("origin=" + BatteryChain.ORIGIN, "size=42");
  }

  @Test
  void verifyBundle_anyFlippedByte_neverVerifies() throws IOException {
    byte[] good = Files.readAllBytes(bundle);
    Path bad = tmp.resolve("bad.bundle");
    Random random = new Random(20260505);
    int[] positions =
        Stream.concat(
                Stream.of(
                    0,
                    8,
                    9,
                    10,
                    11,
                    12,
                    20,
                    40,
                    good.length / 2,
                    good.length - 40,
                    good.length - 2,
                    good.length - 1),
                random.ints(150, 0, good.length).boxed())
            .mapToInt(Integer::intValue)
            .toArray();
    for (int position : positions) {
      byte[] copy = good.clone();
      copy[position] ^= (byte) (1 << random.nextInt(8));
      Files.write(bad, copy);

      Result r = ledger("verify", "--bundle", bad.toString(), "--trust", trust.toString());

      assertThat(r.code()).as("byte %d flipped: %s", position, r.err()).isIn(1, 2);
      assertOneLineError(r, r.code());
    }
  }

  @Test
  void verifyBundle_garbageOrMissingFiles_exitTwo() throws IOException {
    Path garbage = Files.writeString(tmp.resolve("garbage.bundle"), "this is not a bundle");
    Result g = ledger("verify", "--bundle", garbage.toString(), "--trust", trust.toString());
    assertOneLineError(g, 2);
    assertThat(g.err()).contains("not a lotledger bundle");

    Path truncated = tmp.resolve("truncated.bundle");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(bundle), 1000));
    assertOneLineError(
        ledger("verify", "--bundle", truncated.toString(), "--trust", trust.toString()), 2);

    Result missingBundle =
        ledger(
            "verify",
            "--bundle",
            tmp.resolve("none.bundle").toString(),
            "--trust",
            trust.toString());
    assertOneLineError(missingBundle, 2);
    assertThat(missingBundle.err()).contains("does not exist");

    Result missingTrust =
        ledger(
            "verify", "--bundle", bundle.toString(), "--trust", tmp.resolve("none.txt").toString());
    assertOneLineError(missingTrust, 2);
    assertThat(missingTrust.err()).contains("trust file").contains("does not exist");

    Path badTrust =
        Files.writeString(
            tmp.resolve("bad-trust.txt"), "lotledger-trust v1\norigin x\nlog nonsense\n");
    assertOneLineError(
        ledger("verify", "--bundle", bundle.toString(), "--trust", badTrust.toString()), 2);

    // --json reports input errors like any other command: one line on stderr, nothing on stdout
    Result json =
        ledger("verify", "--bundle", garbage.toString(), "--trust", trust.toString(), "--json");
    assertOneLineError(json, 2);
    assertThat(json.out()).isEmpty();
  }

  @Test
  void verifyBundle_trustOfAnotherLedger_exitsOne() throws Exception {
    // another ledger: another origin
    Path key = tmp.resolve("root.key");
    assertThat(ledger("keygen", "--out", key.toString()).code()).isZero();
    Path other = tmp.resolve("other");
    assertThat(
            ledger(
                    "init",
                    "--key",
                    key.toString(),
                    "--origin",
                    "example.com/other",
                    "--data",
                    other.toString())
                .code())
        .isZero();
    Result wrongOrigin =
        ledger(
            "verify",
            "--bundle",
            bundle.toString(),
            "--trust",
            writeTrust(other, tmp.resolve("other.txt")).toString());
    assertOneLineError(wrongOrigin, 1);
    assertThat(wrongOrigin.err()).contains("wrong origin");

    // the same origin with another log key
    TrustAnchors real = TrustAnchors.read(trust);
    TrustAnchors otherLog =
        new TrustAnchors(
            real.origin(),
            NoteKey.of(real.origin(), Ed25519Signer.generate(new SecureRandom()).publicKey()),
            real.root(),
            real.rootKey());
    Path otherLogFile = Files.writeString(tmp.resolve("other-log.txt"), otherLog.format());
    Result badCheckpoint =
        ledger("verify", "--bundle", bundle.toString(), "--trust", otherLogFile.toString());
    assertOneLineError(badCheckpoint, 1);
    assertThat(badCheckpoint.err()).contains("bad checkpoint");

    // the same origin and log key with another root
    TrustAnchors otherRoot =
        new TrustAnchors(
            real.origin(),
            real.logKey(),
            real.root(),
            Ed25519Signer.generate(new SecureRandom()).publicKey());
    Path otherRootFile = Files.writeString(tmp.resolve("other-root.txt"), otherRoot.format());
    Result untrusted =
        ledger(
            "verify", "--bundle", bundle.toString(), "--trust", otherRootFile.toString(), "--json");
    assertThat(untrusted.code()).isEqualTo(1);
    assertThat(untrusted.err()).isEmpty();
    Map<String, Object> json = JsonReader.object(untrusted.out());
    assertThat(json).containsEntry("valid", false).containsEntry("lot", PACK);
    assertThat(json.get("failure").toString()).contains("kind=UNTRUSTED_ROOT");
  }

  @Test
  void verifyBundle_optionRules_exitTwo() {
    Result withData =
        ledger(
            "verify",
            "--bundle",
            bundle.toString(),
            "--trust",
            trust.toString(),
            "--data",
            demo.toString());
    assertOneLineError(withData, 2);
    assertThat(withData.err()).contains("mutually exclusive");
    assertOneLineError(ledger("verify", "--bundle", bundle.toString()), 2);
    assertOneLineError(ledger("verify", "--trust", trust.toString(), "--data", demo.toString()), 2);
    assertOneLineError(
        ledger("verify", "--remember", tmp.toString(), "--data", demo.toString()), 2);
    assertThat(ledger("verify", "--data", demo.toString()).out())
        .isEqualTo("ok: 42 entries verified" + System.lineSeparator());
  }

  // ---------------------------------------------------------------- --remember: rollback and split
  // view

  /**
   * Two demo ledgers with the same origin and keys that diverged after entry 42: each gets one
   * different registration. Every demo ledger signs the same checkpoint at 42, so a verifier that
   * remembers sees the log extend from 42 to 43 (fine), two different trees of size 43 (split
   * view), and 42 again (rollback).
   */
  @Test
  void verifyBundleRemember_acceptsAnExtension_andCatchesASplitViewAndARollback() throws Exception {
    Path a = newDemo("a");
    Path b = newDemo("b");
    appendRegistration(a, "urn:example:actor:alice");
    appendRegistration(b, "urn:example:actor:bob");
    assertThat(ledger("checkpoint", "--data", a.toString()).code()).isZero();
    assertThat(ledger("checkpoint", "--data", b.toString()).code()).isZero();
    Path bundleA = export(a, "a.bundle");
    Path bundleB = export(b, "b.bundle");
    Path memory = tmp.resolve("memory");

    Result first =
        ledger(
            "verify",
            "--bundle",
            bundle.toString(),
            "--trust",
            trust.toString(),
            "--remember",
            memory.toString());
    assertThat(first.code()).as(first.err()).isZero();
    Path remembered;
    try (Stream<Path> files = Files.list(memory)) {
      remembered =
          files.filter(p -> p.toString().endsWith(".checkpoint")).findFirst().orElseThrow();
    }
    assertThat(Files.readAllBytes(remembered)).isEqualTo(checkpointOf(demo).toBytes());

    Result extended =
        ledger(
            "verify",
            "--bundle",
            bundleA.toString(),
            "--trust",
            trust.toString(),
            "--remember",
            memory.toString());
    assertThat(extended.code()).as(extended.err()).isZero();
    assertThat(extended.out()).contains("size 43");
    byte[] rememberedA = Files.readAllBytes(remembered);
    assertThat(SignedCheckpoint.parse(rememberedA).checkpoint().size()).isEqualTo(43);

    // without --remember, B's bundle is fine on its own: only memory exposes the fork
    assertThat(ledger("verify", "--bundle", bundleB.toString(), "--trust", trust.toString()).code())
        .isZero();

    Result split =
        ledger(
            "verify",
            "--bundle",
            bundleB.toString(),
            "--trust",
            trust.toString(),
            "--remember",
            memory.toString());
    assertOneLineError(split, 1);
    assertThat(split.err()).contains("split view").contains("evidence: ");
    assertThat(Files.readAllBytes(remembered)).isEqualTo(rememberedA);
    List<Path> evidence = evidence(memory);
    assertThat(evidence).hasSize(1);
    assertThat(Files.readString(evidence.get(0)))
        .contains(new String(rememberedA, StandardCharsets.UTF_8))
        .contains(new String(checkpointOf(b).toBytes(), StandardCharsets.UTF_8));

    Result rollback =
        ledger(
            "verify",
            "--bundle",
            bundle.toString(),
            "--trust",
            trust.toString(),
            "--remember",
            memory.toString());
    assertOneLineError(rollback, 1);
    assertThat(rollback.err()).contains("rollback");
    assertThat(Files.readAllBytes(remembered)).isEqualTo(rememberedA);
    assertThat(evidence(memory)).hasSize(2);

    // the same bundle again is fine
    assertThat(
            ledger(
                    "verify",
                    "--bundle",
                    bundleA.toString(),
                    "--trust",
                    trust.toString(),
                    "--remember",
                    memory.toString())
                .code())
        .isZero();
  }

  @Test
  void verifyBundleRemember_largerForkWithoutAProofFromTheRememberedSize_isASplitView()
      throws Exception {
    Path a = newDemo("a");
    Path b = newDemo("b");
    appendRegistration(a, "urn:example:actor:alice");
    assertThat(ledger("checkpoint", "--data", a.toString()).code()).isZero();
    appendRegistration(b, "urn:example:actor:bob");
    appendRegistration(b, "urn:example:actor:carol");
    Path memory = tmp.resolve("memory");
    assertThat(
            ledger(
                    "verify",
                    "--bundle",
                    export(a, "a.bundle").toString(),
                    "--trust",
                    trust.toString(),
                    "--remember",
                    memory.toString())
                .code())
        .isZero();

    Result r =
        ledger(
            "verify",
            "--bundle",
            export(b, "b.bundle").toString(),
            "--trust",
            trust.toString(),
            "--remember",
            memory.toString(),
            "--json");

    assertThat(r.code()).isEqualTo(1);
    assertThat(JsonReader.object(r.out()).get("failure").toString()).contains("kind=SPLIT_VIEW");
    assertThat(evidence(memory)).hasSize(1);
  }

  // ---------------------------------------------------------------- helpers

  private Path newDemo(String name) {
    Path dir = tmp.resolve(name);
    Result r = ledger("demo", "battery", "--data", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return dir;
  }

  private Path export(Path dir, String name) {
    Path out = tmp.resolve(name);
    Result r = ledger("export", PACK, "--out", out.toString(), "--data", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  /**
   * Appends, through the library, the root's registration of a new actor: a distinct entry per
   * {@code actor}.
   */
  private static void appendRegistration(Path dir, String actor) throws LedgerException {
    ActorSigner root = new BatteryChain().root();
    try (Ledger ledger = Ledger.open(dir)) {
      ledger.append(
          new RegistryEvent.ActorRegistered(
              new ActorId(actor),
              "extra",
              Ed25519Signer.generate(new SecureRandom()).publicKey(),
              OffsetDateTime.parse("2026-06-01T12:00:00Z")),
          root);
    }
  }

  private static Path writeTrust(Path dir, Path file) throws IOException {
    Result r = ledger("trust", "--data", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return Files.writeString(file, r.out());
  }

  private static SignedCheckpoint checkpointOf(Path dir) throws LedgerException {
    try (Ledger ledger = Ledger.open(dir)) {
      return ledger.latestCheckpoint().orElseThrow();
    }
  }

  private static SignedCheckpoint parseCheckpoint(String text) throws LedgerException {
    return SignedCheckpoint.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static TrustAnchors parseTrust(String text) throws LedgerException {
    return TrustAnchors.parse("stdout", text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Path> evidence(Path memory) throws IOException {
    Path dir = memory.resolve("evidence");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
