package io.lotledger.cli;

import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.policy.PolicyFile;
import io.lotledger.report.ReportFixtures;
import io.lotledger.testing.RecyclingChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger check} end to end, through {@link LedgerCli#run}, on RocksDB ledgers. */
class CheckCommandTest {
  /** The shipped example policy (tests run in the ledger-cli directory). */
  private static final Path EU_2031 = Path.of("..", "docs", "policies", "eu-battery-2031.json");

  @TempDir static Path shared;
  private static Path honest;
  private static Path overClaimed;
  private static Path demo;
  private static Path fraudDemo;

  /** The battery demo's own policy. */
  private static final Path BATTERY_DEMO = Path.of("..", "docs", "policies", "battery-demo.json");

  @TempDir Path tmp;

  @BeforeAll
  static void recordLedgers() throws LedgerException {
    RecyclingChain chain = new RecyclingChain();
    honest = shared.resolve("honest");
    try (Ledger ledger =
        Ledger.create(honest, RecyclingChain.ORIGIN, chain.root, "Test consortium")) {
      chain.record(ledger);
    }
    overClaimed = shared.resolve("over");
    try (Ledger ledger =
        Ledger.create(overClaimed, RecyclingChain.ORIGIN, chain.root, "Test consortium")) {
      ReportFixtures.recordOverClaimedRecycling(
          ledger, chain); // Co post 0.4 (inputs back 0.36), 2.4 kg CO2e/kg (2.44)
    }
    demo = shared.resolve("demo");
    assertThat(LedgerCliTest.ledger("demo", "battery", "--data", demo.toString()).code()).isZero();
    fraudDemo = shared.resolve("fraud-demo");
    assertThat(
            LedgerCliTest.ledger("demo", "battery", "--with-fraud", "--data", fraudDemo.toString())
                .code())
        .isZero();
  }

  private static LedgerCliTest.Result check(Path data, String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("check", PRECURSOR.uri(), "--data", data.toString()));
    args.addAll(List.of(more));
    return LedgerCliTest.ledger(args.toArray(String[]::new));
  }

  private Path policy(String json) throws IOException {
    return Files.writeString(tmp.resolve("policy.json"), json, StandardCharsets.UTF_8);
  }

  @Test
  void check_honestChain_exitsZeroWithOneOkLine() {
    LedgerCliTest.Result r = check(honest);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines())
        .containsExactly("ok: lot " + PRECURSOR + ": no findings (7 lot states, policy none)");
  }

  @Test
  void check_tamperedAncestorEntry_exitsOneWithTheIntegrityFinding() throws Exception {
    Path copy = tmp.resolve("tampered");
    RecyclingChain chain = new RecyclingChain();
    try (Ledger ledger =
        Ledger.create(copy, RecyclingChain.ORIGIN, chain.root, "Test consortium")) {
      chain.record(ledger);
    }
    LedgerCliTest.flipLastByteOfEntry(copy, 5); // the last byte of an ancestor's signature

    LedgerCliTest.Result r = check(copy);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("integrity: entry 5 "));
  }

  @Test
  void check_honestChainUnderAKeptPolicy_exitsZero() throws IOException {
    Path p =
        policy(
            """
        {"version": 1, "name": "kept", "rules": [
          {"type": "minimumRecycledShare", "element": "Co", "minimum": 0.16},
          {"type": "requireCertification", "element": "Co", "certifications": ["%s", "%s"]},
          {"type": "forbiddenOrigins", "countries": ["KP"]},
          {"type": "temperatureLimit", "sensorType": "gs1:Temperature", "maximum": 25, "unit": "CEL",
           "fromBizStep": "departing", "toBizStep": "arriving"}
        ]}"""
                .formatted(RecyclingChain.RMAP, RecyclingChain.R2));

    LedgerCliTest.Result r = check(honest, "--policy", p.toString());

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.outLines())
        .containsExactly("ok: lot " + PRECURSOR + ": no findings (7 lot states, policy kept)");
  }

  @Test
  void check_overClaims_exitOneWithOneLinePerFindingNamingKindLotElementValuesAndPath() {
    LedgerCliTest.Result r = check(overClaimed);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines()).hasSize(3);
    assertThat(r.outLines().get(0))
        .startsWith(
            "RECYCLED_POST_CONSUMER_ABOVE_COMPUTED lot "
                + PRECURSOR
                + " element Co declared 0.4 computed 0.36 path "
                + PRECURSOR
                + ": ");
    assertThat(r.outLines().get(1))
        .startsWith(
            "CARBON_FOOTPRINT_BELOW_COMPUTED lot "
                + PRECURSOR
                + " declared 2.4 computed 2.44 path "
                + PRECURSOR
                + ": ");
    assertThat(r.outLines().get(2))
        .isEqualTo("2 findings for lot " + PRECURSOR + " (7 lot states, policy none)");
  }

  @Test
  void check_aLargerTolerance_acceptsTheSameClaims_andABadOneIsAUsageError() {
    assertThat(check(overClaimed, "--tolerance", "0.05").code()).isZero();

    LedgerCliTest.Result bad = check(overClaimed, "--tolerance", "lots");
    LedgerCliTest.assertOneLineError(bad, 2);
    assertThat(bad.err()).contains("--tolerance");
    LedgerCliTest.assertOneLineError(check(overClaimed, "--tolerance", "-1"), 2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void checkJson_parsesBackWithCompositionAndFindings() {
    LedgerCliTest.Result r = check(overClaimed, "--json");

    assertThat(r.code()).isEqualTo(1);
    Map<String, Object> json = JsonReader.object(r.out());
    assertThat(json)
        .containsEntry("lot", PRECURSOR.uri())
        .containsEntry("passed", false)
        .containsEntry("policy", "none")
        .containsEntry("tolerance", "0.005")
        .containsEntry("lotStates", 7L);
    Map<String, Object> composition = (Map<String, Object>) json.get("composition");
    assertThat(composition)
        .containsEntry("massKg", "500")
        .containsEntry("carbonFootprint", "2.44")
        .containsEntry("carbonLowerBound", false);
    assertThat((List<Object>) composition.get("elements"))
        .contains(
            Map.of(
                "element",
                "Co",
                "massFraction",
                "0.25",
                "recycledPreConsumer",
                "0.32",
                "recycledPostConsumer",
                "0.36"));
    List<Map<String, Object>> findings = (List<Map<String, Object>>) json.get("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0))
        .containsEntry("kind", "RECYCLED_POST_CONSUMER_ABOVE_COMPUTED")
        .containsEntry("lot", PRECURSOR.uri())
        .containsEntry("element", "Co")
        .containsEntry("declared", "0.4")
        .containsEntry("computed", "0.36")
        .containsEntry("path", List.of(PRECURSOR.uri()));
    assertThat(json.get("notes")).isEqualTo(List.of());
  }

  @Test
  void check_policyViolations_nameThePathFromTheCheckedLot() throws IOException {
    Path p =
        policy(
            """
        {"version": 1, "name": "strict", "rules": [
          {"type": "forbiddenOrigins", "countries": ["CD"]},
          {"type": "minimumRecycledShare", "element": "Co", "minimum": 0.7}
        ]}""");

    LedgerCliTest.Result r = check(honest, "--policy", p.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines()).hasSize(3);
    assertThat(r.outLines().get(0))
        .startsWith(
            "FORBIDDEN_ORIGIN lot "
                + RecyclingChain.ORE
                + " declared CD expected none of [CD] path "
                + PRECURSOR
                + " <- "
                + RecyclingChain.SULPHATE_A
                + " <- "
                + RecyclingChain.CONCENTRATE
                + " <- "
                + RecyclingChain.ORE
                + ": ");
    assertThat(r.outLines().get(1))
        .startsWith(
            "RECYCLED_SHARE_BELOW_MINIMUM lot "
                + PRECURSOR
                + " element Co computed 0.68 expected at least 0.7 path "
                + PRECURSOR
                + ": ");
  }

  @Test
  void check_demoCathodeUnderTheEu2031Policy_findsTheMissingRecycledContentOnly() {
    LedgerCliTest.Result r =
        LedgerCliTest.ledger(
            "check",
            BatteryChain.CATHODE_MATERIAL.uri(),
            "--data",
            demo.toString(),
            "--policy",
            EU_2031.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    // The recycling loop gives the cathode exactly 16 % post-consumer cobalt (the 2031 minimum,
    // met); the demo
    // records no recycled lithium and 4 % pre-consumer nickel; it holds no lead; every cobalt
    // origin is certified.
    assertThat(r.outLines())
        .filteredOn(l -> l.contains(" path "))
        .extracting(l -> l.substring(0, l.indexOf(" path ")))
        .containsExactly(
            "RECYCLED_SHARE_BELOW_MINIMUM lot "
                + BatteryChain.CATHODE_MATERIAL
                + " element Li computed 0 expected at least 0.06",
            "RECYCLED_SHARE_BELOW_MINIMUM lot "
                + BatteryChain.CATHODE_MATERIAL
                + " element Ni computed 0.04 expected at least 0.06");
    assertThat(r.outLines())
        .last()
        .asString()
        .startsWith("2 findings for lot " + BatteryChain.CATHODE_MATERIAL);
    // Manganese sulphate declares no recycled shares: counted as 0, and said so.
    assertThat(r.outLines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("note: lot " + BatteryChain.MANGANESE_SULPHATE)
                    .contains("Mn pre-consumer recycled share not declared; counted as 0"));
  }

  @Test
  void check_demoPackUnderItsPolicy_passesHonest_andNamesBothPlantedFrauds() {
    LedgerCliTest.Result honestPack =
        LedgerCliTest.ledger(
            "check",
            BatteryChain.PACK.uri(),
            "--data",
            demo.toString(),
            "--policy",
            BATTERY_DEMO.toString());
    assertThat(honestPack.code()).as(honestPack.out()).isZero();
    assertThat(honestPack.outLines())
        .last()
        .asString()
        .startsWith("ok: lot " + BatteryChain.PACK + ": no findings");

    LedgerCliTest.Result r =
        LedgerCliTest.ledger(
            "check",
            BatteryChain.PACK.uri(),
            "--data",
            fraudDemo.toString(),
            "--policy",
            BATTERY_DEMO.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .filteredOn(l -> l.contains(" path "))
        .extracting(l -> l.substring(0, l.indexOf(" path ")))
        .containsExactly(
            "RECYCLED_POST_CONSUMER_ABOVE_COMPUTED lot "
                + BatteryChain.CATHODE_MATERIAL
                + " element Co declared 0.3 computed 0.16",
            "MISSING_CERTIFICATION lot "
                + BatteryChain.UNCERTIFIED_COBALT_HYDROXIDE
                + " element Co declared none expected one of "
                + "[https://certificates.example.org/rmap/cobalt/CID-2025-0117, https://certificates.example.org/permits/DE-BB-2025-0420]"
                + " valid on 2026-01-16");
    assertThat(r.outLines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("MISSING_CERTIFICATION")
                    .contains(
                        " path "
                            + BatteryChain.PACK
                            + " <- "
                            + BatteryChain.CELLS
                            + " <- "
                            + BatteryChain.CATHODE_MATERIAL
                            + " <- "
                            + BatteryChain.COBALT_SULPHATE
                            + " <- "
                            + BatteryChain.UNCERTIFIED_COBALT_HYDROXIDE
                            + ": "));
  }

  @Test
  void check_unknownLotMissingLedgerOrMissingPolicyFile_exitTwo() {
    LedgerCliTest.Result unknown =
        LedgerCliTest.ledger("check", "urn:example:no-such-lot", "--data", honest.toString());
    LedgerCliTest.assertOneLineError(unknown, 2);
    assertThat(unknown.err()).contains("no lot urn:example:no-such-lot");

    LedgerCliTest.assertOneLineError(
        LedgerCliTest.ledger("check", "not a uri", "--data", honest.toString()), 2);
    LedgerCliTest.assertOneLineError(check(tmp.resolve("nothing")), 2);

    LedgerCliTest.Result missing = check(honest, "--policy", tmp.resolve("absent.json").toString());
    LedgerCliTest.assertOneLineError(missing, 2);
    assertThat(missing.err()).contains("absent.json");
  }

  @Test
  void check_badPolicyFile_exitsTwoNamingTheFileAndTheField() throws IOException {
    Path unknownField =
        policy(
            """
        {"version": 1, "name": "p", "rules": [{"type": "minimumRecycledShare", "element": "Co", "minimum": 0.1, "colour": "red"}]}""");
    LedgerCliTest.Result r = check(honest, "--policy", unknownField.toString());
    LedgerCliTest.assertOneLineError(r, 2);
    assertThat(r.err())
        .contains(unknownField.toString())
        .contains("rules[0].colour")
        .contains("is not a field");

    Path wrongType =
        policy(
            """
        {"version": 1, "name": "p", "rules": [{"type": "minimumRecycledShare", "element": "Co", "minimum": "0.1"}]}""");
    r = check(honest, "--policy", wrongType.toString());
    LedgerCliTest.assertOneLineError(r, 2);
    assertThat(r.err())
        .contains(wrongType.toString())
        .contains("rules[0].minimum must be a number, not a string");

    Path tooBig = tmp.resolve("big.json");
    Files.write(tooBig, new byte[PolicyFile.MAX_BYTES + 1]);
    r = check(honest, "--policy", tooBig.toString());
    LedgerCliTest.assertOneLineError(r, 2);
    assertThat(r.err()).contains(tooBig.toString()).contains("over the limit");

    Path notJson = policy("{\"version\": 1,\n \"name\": \"p\" \"rules\": []}");
    r = check(honest, "--policy", notJson.toString());
    LedgerCliTest.assertOneLineError(r, 2);
    assertThat(r.err()).contains(notJson.toString()).contains("not valid JSON at line 2");
  }
}
