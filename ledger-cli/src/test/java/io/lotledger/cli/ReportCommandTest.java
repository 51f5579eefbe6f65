package io.lotledger.cli;

import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static io.lotledger.testing.RecyclingChain.SCRAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.RegistryEvent;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.report.ReportFixtures;
import io.lotledger.report.ReportPage;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.rocksdb.StoreTampering;
import io.lotledger.testing.RecyclingChain;
import io.lotledger.testing.TestChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger report} end to end, through {@link LedgerCli#run}, on RocksDB ledgers. */
class ReportCommandTest {
  @TempDir static Path shared;
  private static Path overClaimed;

  @TempDir Path tmp;

  @BeforeAll
  static void record() throws LedgerException {
    RecyclingChain chain = new RecyclingChain();
    overClaimed = shared.resolve("over");
    try (Ledger ledger =
        Ledger.create(overClaimed, RecyclingChain.ORIGIN, chain.root, "Test consortium")) {
      ReportFixtures.recordOverClaimedRecycling(ledger, chain);
    }
  }

  private static LedgerCliTest.Result report(Path data, Path html, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "report", PRECURSOR.uri(), "--html", html.toString(), "--data", data.toString()));
    args.addAll(List.of(more));
    return LedgerCliTest.ledger(args.toArray(String[]::new));
  }

  @Test
  void report_writesOnePageWithTheSevenLotsAndTheFindings_andSaysSoInOneLine() throws IOException {
    Path html = tmp.resolve("precursor.html");

    LedgerCliTest.Result r = report(overClaimed, html);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines())
        .containsExactly("wrote " + html + ": 7 lots, 11 events, integrity verified, 2 findings");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    List<ReportPage.Node> nodes = ReportPage.nodes(page);
    assertThat(nodes).hasSize(7);
    assertThat(nodes)
        .filteredOn(n -> n.classes().contains("finding"))
        .extracting(ReportPage.Node::lot)
        .containsExactly(PRECURSOR.uri());
    try (var files = Files.list(tmp)) {
      assertThat(files).as("no temporary file left beside the report").containsExactly(html);
    }
  }

  /**
   * The registry index and its entries are store records: a registration replaced by one signed
   * with another key (a valid signature, but not the root's) must not put its name on the page.
   */
  @Test
  void report_showsOnlyActorNamesTheRootSigned_notAForgedRegistrationInTheStore() throws Exception {
    RecyclingChain chain = new RecyclingChain();
    Path data = tmp.resolve("forged");
    long index = -1;
    RegistryEvent.ActorRegistered real = null;
    try (Ledger ledger =
        Ledger.create(data, RecyclingChain.ORIGIN, chain.root, "Test consortium")) {
      ReportFixtures.recordOverClaimedRecycling(ledger, chain);
      for (Entry e : ledger.registry()) {
        if (e.index() > 0
            && e.event() instanceof RegistryEvent.ActorRegistered r
            && r.name() != null) {
          if (real == null) {
            index = e.index();
            real = r;
          }
        }
      }
    }
    assertThat(real).as("a registration after genesis").isNotNull();
    ActorSigner forger = TestChain.signer("urn:lotledger:test:forger", 66);
    RegistryEvent.ActorRegistered forged =
        new RegistryEvent.ActorRegistered(real.actor(), "Forged Name Ltd", real.key(), real.time());
    SignedEntry entry =
        EntryCodec.sign(
            new EntryBody(
                RecyclingChain.ORIGIN, forger.actor(), forger.publicKey(), List.of(), forged),
            forger.signer());
    StoreTampering.tamper(data, Table.ENTRIES, StoreLayout.entryKey(index), entry.encoded());
    Path html = tmp.resolve("forged.html");

    LedgerCliTest.Result r = report(data, html);

    assertThat(r.code()).as(r.err()).isZero();
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).doesNotContain("Forged Name Ltd");
    assertThat(page).contains(real.actor().uri());
    // The same ledger untouched shows the name the root signed for that actor.
    Path untouched = tmp.resolve("untouched.html");
    assertThat(report(overClaimed, untouched).code()).isZero();
    assertThat(Files.readString(untouched, StandardCharsets.UTF_8)).contains(real.name());
  }

  @Test
  void report_refusesAnExistingFileWithoutForce_andForceReplacesIt() throws IOException {
    Path html = Files.writeString(tmp.resolve("old.html"), "mine");

    LedgerCliTest.Result refused = report(overClaimed, html);
    LedgerCliTest.assertOneLineError(refused, 2);
    assertThat(refused.err()).contains("already exists").contains("--force");
    assertThat(Files.readString(html)).isEqualTo("mine");

    LedgerCliTest.Result forced = report(overClaimed, html, "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readString(html)).contains("data-lot=\"" + PRECURSOR.uri() + "\"");
  }

  @Test
  void report_unknownLotUnwritableFileOrMissingOption_exitTwoWithOneLine() throws IOException {
    LedgerCliTest.Result unknown =
        LedgerCliTest.ledger(
            "report",
            "urn:example:no-such-lot",
            "--html",
            tmp.resolve("x.html").toString(),
            "--data",
            overClaimed.toString());
    LedgerCliTest.assertOneLineError(unknown, 2);
    assertThat(unknown.err()).contains("no lot urn:example:no-such-lot");

    Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
    LedgerCliTest.Result unwritable = report(overClaimed, notADirectory.resolve("r.html"));
    LedgerCliTest.assertOneLineError(unwritable, 2);
    assertThat(unwritable.err()).contains("cannot write");

    LedgerCliTest.Result directory = report(overClaimed, tmp);
    LedgerCliTest.assertOneLineError(directory, 2);
    assertThat(directory.err()).contains("is a directory");

    LedgerCliTest.assertOneLineError(
        LedgerCliTest.ledger("report", PRECURSOR.uri(), "--data", overClaimed.toString()), 2);
    LedgerCliTest.assertOneLineError(report(tmp.resolve("no-ledger"), tmp.resolve("y.html")), 2);
    assertThat(tmp.resolve("x.html")).doesNotExist();
    assertThat(tmp.resolve("y.html")).doesNotExist();
  }

  @Test
  void
      report_batteryPackWithADeletedParentsRecord_showsEveryAncestorFromTheEntriesAndSaysIntegrityBroken()
          throws Exception {
    Path demo = tmp.resolve("demo");
    assertThat(LedgerCliTest.ledger("demo", "battery", "--data", demo.toString()).code()).isZero();
    Path honest = tmp.resolve("honest.html");
    LedgerCliTest.Result before =
        LedgerCliTest.ledger(
            "report",
            BatteryChain.PACK.uri(),
            "--html",
            honest.toString(),
            "--data",
            demo.toString());
    assertThat(before.code()).as(before.err()).isZero();
    assertThat(before.out()).contains("integrity verified");
    List<String> ancestry =
        ReportPage.nodes(Files.readString(honest, StandardCharsets.UTF_8)).stream()
            .map(ReportPage.Node::lot)
            .toList();
    assertThat(ancestry).contains(BatteryChain.CELLS.uri(), BatteryChain.CATHODE_MATERIAL.uri());
    StoreTampering.tamper(
        demo, Table.PARENTS, StoreLayout.edgeKey(BatteryChain.PACK, BatteryChain.CELLS), null);
    Path html = tmp.resolve("tampered.html");

    LedgerCliTest.Result r =
        LedgerCliTest.ledger(
            "report",
            BatteryChain.PACK.uri(),
            "--html",
            html.toString(),
            "--data",
            demo.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("integrity verified")
        .contains("integrity broken, claims not checked");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page)
        .doesNotContain("id=\"integrity\">verified")
        .contains("<span class=\"bad\" id=\"integrity\">broken</span>: entry ")
        .contains("parents record naming " + BatteryChain.CELLS.uri() + " is missing");
    assertThat(ReportPage.nodes(page))
        .extracting(ReportPage.Node::lot)
        .as("every ancestor, read from the entries")
        .containsExactlyInAnyOrderElementsOf(ancestry);
    assertThat(ReportPage.nodes(page))
        .noneMatch(n -> n.lines().stream().anyMatch(l -> l.contains("verified, no findings")));
  }

  @Test
  void report_tamperedAncestor_isWrittenWithTheIntegrityFindingAndNoClaimsWeighed()
      throws Exception {
    Path copy = tmp.resolve("tampered");
    RecyclingChain chain = new RecyclingChain();
    try (Ledger ledger =
        Ledger.create(copy, RecyclingChain.ORIGIN, chain.root, "Test consortium")) {
      ReportFixtures.recordOverClaimedRecycling(ledger, chain);
    }
    LedgerCliTest.flipLastByteOfEntry(copy, 5); // SCRAP's "transporting" observation: its signature
    Path html = tmp.resolve("tampered.html");

    LedgerCliTest.Result r = report(copy, html);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines())
        .containsExactly(
            "wrote " + html + ": 7 lots, 11 events, integrity broken, claims not checked");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page)
        .contains("<span class=\"bad\" id=\"integrity\">broken</span>: entry 5 (")
        .contains("lot " + SCRAP.uri());
    List<ReportPage.Node> nodes = ReportPage.nodes(page);
    assertThat(nodes)
        .filteredOn(n -> n.classes().contains("unverified"))
        .extracting(ReportPage.Node::lot)
        .containsExactly(SCRAP.uri());
    assertThat(nodes).noneMatch(n -> n.classes().contains("finding"));
    assertThat(nodes)
        .filteredOn(n -> n.lot().equals(PRECURSOR.uri()))
        .singleElement()
        .satisfies(n -> assertThat(n.lines()).contains("? not verified (provenance broken)"));
  }
}
