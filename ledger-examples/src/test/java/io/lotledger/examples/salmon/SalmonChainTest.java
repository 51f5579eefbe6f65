package io.lotledger.examples.salmon;

import static io.lotledger.examples.salmon.SalmonChain.FEED;
import static io.lotledger.examples.salmon.SalmonChain.FILLETS;
import static io.lotledger.examples.salmon.SalmonChain.FOREIGN_SALMON;
import static io.lotledger.examples.salmon.SalmonChain.HARVEST;
import static io.lotledger.examples.salmon.SalmonChain.PALLET;
import static io.lotledger.examples.salmon.SalmonChain.SMOLT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransformationEvent;
import io.lotledger.examples.Scenario;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.CheckFinding;
import io.lotledger.rules.CheckOptions;
import io.lotledger.rules.CheckReport;
import io.lotledger.rules.Failure;
import io.lotledger.rules.LotCheck;
import io.lotledger.rules.LotState;
import io.lotledger.rules.Policy;
import io.lotledger.rules.PolicyRule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SalmonChainTest {
  /** The shipped policy; tests run in the module directory. */
  private static final Path POLICY = Path.of("..", SalmonChain.POLICY_FILE);

  private final SalmonChain honest = new SalmonChain();
  private final SalmonChain fraud = new SalmonChain(true);

  // ---------------------------------------------------------------- the honest chain

  @Test
  void honest_recordsGenesisSixRegistrationsAndNineteenSupplyChainEvents() throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      Scenario.Outcome outcome = honest.record(ledger);

      assertThat(honest.name()).isEqualTo("salmon");
      assertThat(outcome.entries()).isEqualTo(26).isEqualTo(ledger.size());
      long registrations = 0;
      for (long i = 0; i < ledger.size(); i++) {
        if (ledger.entry(i).orElseThrow().event() instanceof RegistryEvent) {
          registrations++;
        }
      }
      assertThat(registrations).isEqualTo(7);
      assertThat(outcome.actors())
          .hasSize(7)
          .doesNotHaveDuplicates()
          .first()
          .isEqualTo(ledger.rootActor());
      assertThat(outcome.lots())
          .containsExactly(SMOLT, FEED, HARVEST, FILLETS, PALLET)
          .isEqualTo(ledger.lots());
      assertThat(outcome.finalLot()).isEqualTo(FILLETS);
      assertThat(ledger.entry(0).orElseThrow().event().time().toInstant())
          .isEqualTo(SalmonChain.GENESIS);
    }
  }

  @Test
  void honest_verifies() throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honest.record(ledger);

      ledger.verify();
      assertThat(ledger.audit()).isEmpty();
      ledger.verifyLot(FILLETS);
    }
  }

  @Test
  void honest_writesTheSameBytesInEveryRun() throws LedgerException {
    try (Ledger first = honest.newInMemoryLedger();
        Ledger second = new SalmonChain().newInMemoryLedger()) {
      honest.record(first);
      new SalmonChain().record(second);

      assertThat(second.root(second.size())).isEqualTo(first.root(first.size()));
    }
  }

  @Test
  void honest_harvestConsumesAllSmoltAndTheFeedEatenAndGoesWhollyIntoFillets()
      throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honest.record(ledger);

      LotState smolt = ledger.lotState(SMOLT).orElseThrow();
      assertThat(smolt.unit()).isEqualTo("KGM");
      assertThat(smolt.produced()).isEqualByComparingTo("780");
      assertThat(smolt.consumed()).isEqualByComparingTo("780");
      assertThat(smolt.holdings()).isEmpty();

      LotState feed = ledger.lotState(FEED).orElseThrow();
      assertThat(feed.produced()).isEqualByComparingTo("40000"); // 40 TNE, kept in kilograms
      assertThat(feed.consumed()).isEqualByComparingTo("35064");
      assertThat(feed.held(honest.farm.actor())).isEqualByComparingTo("936");
      assertThat(feed.held(honest.feedMill.actor())).isEqualByComparingTo("4000");
      assertThat(feed.balance()).isEqualByComparingTo("4936");

      LotState harvest = ledger.lotState(HARVEST).orElseThrow();
      assertThat(harvest.produced()).isEqualByComparingTo("30000");
      assertThat(harvest.consumed()).isEqualByComparingTo("30000");
      assertThat(harvest.holdings()).isEmpty();
      assertThat(harvest.inTransit()).isEmpty();
    }
  }

  @Test
  void honest_filletsAreFiftyEightPercentOfTheHarvestAndThePalletIsHeldByTheRetailer()
      throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honest.record(ledger);

      LotState fillets = ledger.lotState(FILLETS).orElseThrow();
      assertThat(fillets.produced()).isEqualByComparingTo("17400");
      assertThat(fillets.shippedOut()).isEqualByComparingTo("16530");
      assertThat(fillets.holdings()).containsOnlyKeys(honest.retailer.actor());
      assertThat(fillets.held(honest.retailer.actor())).isEqualByComparingTo("870");
      assertThat(fillets.inTransit()).isEmpty();
      assertThat(ledger.lotState(PALLET))
          .isEmpty(); // a container: it carries no quantity of its own
    }
  }

  @Test
  void honest_masterDataDeclareSpeciesOriginFarmSiteAndBestBefore() throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honest.record(ledger);

      LotMasterData harvest = producedBy(ledger, HARVEST).ilmd();
      assertThat(harvest.species()).isEqualTo("Salmo salar");
      assertThat(harvest.originCountry()).isEqualTo("NO");
      assertThat(harvest.originSite()).isEqualTo(honest.farm.site());
      assertThat(harvest.extensions())
          .anyMatch(
              x ->
                  x.name().equals("productionMethodForFishAndSeafoodCode")
                      && x.value().equals("AQUACULTURE"));

      LotMasterData fillets = producedBy(ledger, FILLETS).ilmd();
      assertThat(fillets.bestBefore()).isEqualTo(LocalDate.parse("2026-03-21"));
      assertThat(fillets.originCountry()).isEqualTo("NO");
      assertThat(fillets.originSite()).isEqualTo(honest.farm.site());
      assertThat(fillets.species()).isEqualTo("Salmo salar");
    }
  }

  @Test
  void honest_smoltAndFeedAreAncestorsOfTheFillets() throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honest.record(ledger);

      assertThat(ledger.parents(FILLETS)).containsExactly(HARVEST);
      assertThat(ledger.parents(HARVEST)).containsExactlyInAnyOrder(SMOLT, FEED);
      assertThat(ledger.ancestors(FILLETS)).containsExactlyInAnyOrder(HARVEST, SMOLT, FEED);
    }
  }

  @Test
  void honest_everyReceiptNamesTheShipmentItTakesDeliveryOf() throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honest.record(ledger);

      List<Entry> shipments = new ArrayList<>();
      List<String> receipts = new ArrayList<>();
      for (long i = 0; i < ledger.size(); i++) {
        Entry e = ledger.entry(i).orElseThrow();
        if ("shipping".equals(e.event().context().bizStep())) {
          shipments.add(e);
        } else if ("receiving".equals(e.event().context().bizStep())) {
          receipts.add(e.event().context().shipment());
        }
      }
      // Smolt, feed, harvest and the US pallet go to actors of this ledger; the EU truck leaves it.
      assertThat(shipments).hasSize(5);
      assertThat(receipts)
          .containsExactly(
              shipments.get(0).hash().toNi(),
              shipments.get(1).hash().toNi(),
              shipments.get(2).hash().toNi(),
              shipments.get(4).hash().toNi());
    }
  }

  @Test
  void honest_filletsCarryTheirColdChainTemperatureReadings() throws LedgerException {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honest.record(ledger);

      List<String> readings = new ArrayList<>();
      for (Entry e : ledger.history(FILLETS)) {
        for (SensorReading r : e.event().context().sensorReadings()) {
          assertThat(r.type()).isEqualTo("gs1:Temperature");
          assertThat(r.unit()).isEqualTo("CEL");
          readings.add(e.event().context().bizStep() + " " + r.value().toPlainString());
        }
      }
      assertThat(readings)
          .containsExactly(
              "shipping 0.8",
              "shipping 0.9",
              "transporting 2.2",
              "transporting 3.1",
              "receiving 2.6");
    }
  }

  @Test
  void honest_passesTheShippedPolicyWithoutFindings() throws Exception {
    try (Ledger ledger = honest.newInMemoryLedger()) {
      Scenario.Outcome outcome = honest.record(ledger);

      CheckReport report =
          new LotCheck(ledger::history, readPolicy(POLICY), CheckOptions.DEFAULT)
              .check(outcome.finalLot());

      assertThat(report.findings()).isEmpty();
      assertThat(report.passed()).isTrue();
      assertThat(outcome.highlights())
          .anyMatch(
              h ->
                  h.contains(
                      "ledger check " + FILLETS + " --policy docs/policies/salmon-norway.json"));
      assertThat(outcome.highlights())
          .anyMatch(h -> h.contains("economic feed conversion ratio 1.2"));
    }
  }

  @Test
  void policyFile_holdsTheColdChainCertificationAndOriginRules() throws IOException {
    Policy policy = readPolicy(POLICY);

    assertThat(policy.name()).isEqualTo("salmon-norway");
    assertThat(policy.rules())
        .containsExactly(
            new PolicyRule.TemperatureLimit(
                "gs1:Temperature", new BigDecimal("4"), "CEL", "shipping", "receiving"),
            new PolicyRule.RequireCertification(
                null,
                List.of(SalmonChain.ASC_HATCHERY, SalmonChain.ASC_FEED, SalmonChain.ASC_FARM),
                true),
            new PolicyRule.ForbiddenOrigins(List.of("RU")));
  }

  // ---------------------------------------------------------------- the fraud variant

  @Test
  void fraud_inflatedFilletRunIsRejectedWithMassBalanceAndChangesNothing() throws LedgerException {
    try (Ledger ledger = fraud.newInMemoryLedger()) {
      fraud.recordUpstream(ledger);
      long size = ledger.size();
      LotState harvest = ledger.lotState(HARVEST).orElseThrow();

      assertThatThrownBy(() -> ledger.append(fraud.inflatedFilletRun(), fraud.plant.signer()))
          .isInstanceOfSatisfying(
              AppendRejectedException.class,
              e -> {
                assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE);
                assertThat(e.finding().lot()).isEqualTo(HARVEST);
                assertThat(e.finding().index()).isEqualTo(size);
                assertThat(e.finding().expected()).isEqualTo("at most 30000 KGM");
                assertThat(e.finding().actual()).isEqualTo("38000 KGM");
              });
      assertThat(ledger.size()).isEqualTo(size).isEqualTo(18);
      assertThat(ledger.lotState(HARVEST)).contains(harvest);
      assertThat(ledger.head(FILLETS)).isEmpty();
    }
  }

  @Test
  void fraud_recordsTheRejectionAndTheBlendUnderTheHonestFinalLot() throws LedgerException {
    Scenario.Outcome honestOutcome;
    try (Ledger ledger = honest.newInMemoryLedger()) {
      honestOutcome = honest.record(ledger);
    }
    try (Ledger ledger = fraud.newInMemoryLedger()) {
      Scenario.Outcome outcome = fraud.record(ledger);

      assertThat(outcome.finalLot()).isEqualTo(honestOutcome.finalLot()).isEqualTo(FILLETS);
      assertThat(outcome.entries())
          .isEqualTo(27)
          .isEqualTo(ledger.size()); // the honest 26 and the foreign lot's ADD
      assertThat(outcome.lots())
          .containsExactly(SMOLT, FEED, HARVEST, FOREIGN_SALMON, FILLETS, PALLET);
      assertThat(outcome.highlights())
          .filteredOn(h -> h.startsWith("fraud rejected on append (MASS_BALANCE): entry 18 "))
          .singleElement()
          .satisfies(
              h ->
                  assertThat(h)
                      .contains("lot " + HARVEST)
                      .endsWith("the ledger still holds 18 entries"));
      ledger.verify(); // the blend itself breaks no append rule: only the check shows it

      LotState fillets = ledger.lotState(FILLETS).orElseThrow();
      assertThat(fillets.produced()).isEqualByComparingTo("22040"); // 0.58 x (30 000 + 8 000)
      assertThat(fillets.held(fraud.retailer.actor())).isEqualByComparingTo("870");
      assertThat(ledger.lotState(HARVEST).orElseThrow().consumed()).isEqualByComparingTo("30000");
      assertThat(ledger.ancestors(FILLETS))
          .containsExactlyInAnyOrder(HARVEST, SMOLT, FEED, FOREIGN_SALMON);
      assertThat(producedBy(ledger, FILLETS).ilmd().originCountry())
          .isEqualTo("NO"); // the relabelling
    }
  }

  @Test
  void fraud_checkWithThePolicyReportsTheForeignLotOnThePathFromTheFillets() throws Exception {
    try (Ledger ledger = fraud.newInMemoryLedger()) {
      Scenario.Outcome outcome = fraud.record(ledger);

      CheckReport report =
          new LotCheck(ledger::history, readPolicy(POLICY), CheckOptions.DEFAULT).check(FILLETS);

      assertThat(report.findings())
          .extracting(CheckFinding::kind)
          .containsExactly(Failure.MISSING_CERTIFICATION, Failure.FORBIDDEN_ORIGIN);
      for (CheckFinding f : report.findings()) {
        assertThat(f.lot()).isEqualTo(FOREIGN_SALMON);
        assertThat(f.path()).containsExactly(FILLETS, FOREIGN_SALMON);
      }
      assertThat(report.findings().get(0).declared()).isEqualTo("none");
      assertThat(report.findings().get(1).declared()).isEqualTo("RU");
      assertThat(outcome.highlights())
          .anyMatch(
              h ->
                  h.startsWith(
                      "fraud recorded and caught by check: ledger check "
                          + FILLETS
                          + " --policy docs/policies/salmon-norway.json reports MISSING_CERTIFICATION and FORBIDDEN_ORIGIN for lot "
                          + FOREIGN_SALMON));
    }
  }

  @Test
  void fraud_passesACheckWithoutPolicy_soThePolicyIsWhatCatchesIt() throws LedgerException {
    try (Ledger ledger = fraud.newInMemoryLedger()) {
      fraud.record(ledger);

      assertThat(
              new LotCheck(ledger::history, Policy.NONE, CheckOptions.DEFAULT)
                  .check(FILLETS)
                  .findings())
          .isEmpty();
    }
  }

  // ---------------------------------------------------------------- helpers

  private static TransformationEvent producedBy(Ledger ledger, LotId lot) throws LedgerException {
    for (Entry e : ledger.history(lot)) {
      if (e.event() instanceof TransformationEvent t
          && t.outputs().stream().anyMatch(q -> q.lot().equals(lot))) {
        return t;
      }
    }
    throw new AssertionError("no transformation produced " + lot);
  }

  /**
   * Reads a policy file (docs/policy-format.md) into the core model. The strict reader the CLI uses
   * lives in ledger-cli, which depends on this module, so the test reads the file itself: every
   * field the format allows, and nothing else.
   */
  @SuppressWarnings("unchecked")
  static Policy readPolicy(Path file) throws IOException {
    Map<String, Object> top = (Map<String, Object>) Json.parse(Files.readString(file));
    assertThat(top).containsOnlyKeys("version", "name", "description", "rules");
    assertThat(top.get("version")).isEqualTo(BigDecimal.ONE);
    List<PolicyRule> rules = new ArrayList<>();
    for (Object o : (List<Object>) top.get("rules")) {
      Map<String, Object> r = (Map<String, Object>) o;
      String type = (String) r.get("type");
      Map<String, Set<String>> fields =
          Map.of(
              "temperatureLimit",
                  Set.of("type", "sensorType", "maximum", "unit", "fromBizStep", "toBizStep"),
              "requireCertification",
                  Set.of("type", "element", "certifications", "validAtOriginDate"),
              "forbiddenOrigins", Set.of("type", "countries"),
              "minimumRecycledShare", Set.of("type", "element", "minimum", "postConsumerOnly"));
      assertThat(fields).containsKey(type);
      assertThat(fields.get(type)).containsAll(r.keySet());
      rules.add(
          switch (type) {
            case "temperatureLimit" ->
                new PolicyRule.TemperatureLimit(
                    (String) r.get("sensorType"),
                    (BigDecimal) r.get("maximum"),
                    (String) r.get("unit"),
                    (String) r.get("fromBizStep"),
                    (String) r.get("toBizStep"));
            case "requireCertification" ->
                new PolicyRule.RequireCertification(
                    (String) r.get("element"),
                    (List<String>) r.get("certifications"),
                    Boolean.TRUE.equals(r.get("validAtOriginDate")));
            case "forbiddenOrigins" ->
                new PolicyRule.ForbiddenOrigins((List<String>) r.get("countries"));
            default ->
                new PolicyRule.MinimumRecycledShare(
                    (String) r.get("element"),
                    (BigDecimal) r.get("minimum"),
                    Boolean.TRUE.equals(r.get("postConsumerOnly")));
          });
    }
    return new Policy((String) top.get("name"), rules);
  }

  /**
   * RFC 8259 JSON (Jackson, duplicate keys refused) as maps, lists, strings, exact decimals,
   * booleans and null.
   */
  private static final class Json {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static Object parse(String text) throws IOException {
      return value(MAPPER.readTree(text));
    }

    private static Object value(com.fasterxml.jackson.databind.JsonNode n) {
      if (n.isObject()) {
        Map<String, Object> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
        return m;
      }
      if (n.isArray()) {
        List<Object> l = new ArrayList<>();
        n.forEach(x -> l.add(value(x)));
        return l;
      }
      if (n.isNumber()) {
        return n.decimalValue();
      }
      return n.isTextual() ? n.textValue() : n.isBoolean() ? (Object) n.booleanValue() : null;
    }
  }
}
