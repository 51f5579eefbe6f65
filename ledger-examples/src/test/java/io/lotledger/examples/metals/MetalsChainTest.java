package io.lotledger.examples.metals;

import static io.lotledger.examples.metals.MetalsChain.CATHODE_A;
import static io.lotledger.examples.metals.MetalsChain.CATHODE_B;
import static io.lotledger.examples.metals.MetalsChain.CONCENTRATE_CHILE;
import static io.lotledger.examples.metals.MetalsChain.CONCENTRATE_PERU;
import static io.lotledger.examples.metals.MetalsChain.COPPER_MARK_CHILE;
import static io.lotledger.examples.metals.MetalsChain.COPPER_MARK_PERU;
import static io.lotledger.examples.metals.MetalsChain.COPPER_SCRAP;
import static io.lotledger.examples.metals.MetalsChain.WIRE_ROD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Cbv;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.examples.Scenario;
import io.lotledger.rules.CheckFinding;
import io.lotledger.rules.CheckOptions;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotCheck;
import io.lotledger.rules.LotState;
import io.lotledger.rules.Policy;
import io.lotledger.rules.PolicyRule;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetalsChainTest {
  private static final ActorId SMELTER = new ActorId("urn:epc:id:pgln:4012350.00000");
  private static final ActorId WAREHOUSE = new ActorId("urn:epc:id:pgln:8712345.00000");
  private static final ActorId FABRICATOR = new ActorId("urn:epc:id:pgln:5412345.00000");

  private final MetalsChain chain = new MetalsChain();
  private Ledger ledger;
  private Scenario.Outcome outcome;

  @BeforeEach
  void record() throws LedgerException {
    ledger = fresh(chain);
    outcome = chain.record(ledger);
  }

  @AfterEach
  void close() throws LedgerException {
    ledger.close();
  }

  private static Ledger fresh(Scenario s) throws LedgerException {
    return Ledger.inMemory().options(s.options()).create(s.origin(), s.root(), s.rootName());
  }

  private LotState state(LotId lot) throws LedgerException {
    return ledger.lotState(lot).orElseThrow();
  }

  /**
   * {@code holder} is the lot's only custodian, with {@code kg} (holdings are kept without trailing
   * zeros).
   */
  private void assertHolds(LotId lot, ActorId holder, String kg) throws LedgerException {
    assertThat(state(lot).holdings()).as("custodians of %s", lot).containsOnlyKeys(holder);
    assertThat(state(lot).held(holder)).as("%s held by %s", lot, holder).isEqualByComparingTo(kg);
  }

  private static BigDecimal kg(String v) {
    return new BigDecimal(v);
  }

  // ---------------------------------------------------------------- the recording

  @Test
  void record_appendsGenesisFiveRegistrationsAndSeventeenChainEventsEndingAtTheWireRod()
      throws LedgerException {
    assertThat(outcome.entries()).isEqualTo(23).isEqualTo(ledger.size());
    assertThat(outcome.actors())
        .hasSize(6)
        .doesNotHaveDuplicates()
        .contains(SMELTER, WAREHOUSE, FABRICATOR)
        .first()
        .isEqualTo(ledger.rootActor());
    assertThat(outcome.lots())
        .containsExactly(
            CONCENTRATE_CHILE, CONCENTRATE_PERU, COPPER_SCRAP, CATHODE_A, CATHODE_B, WIRE_ROD);
    assertThat(outcome.finalLot()).isEqualTo(WIRE_ROD);
    assertThat(chain.name()).isEqualTo("metals");
    assertThat(COPPER_SCRAP.uri()).isEqualTo("urn:epc:class:lgtin:4061234.090001.CU-SCRAP-2606-01");
  }

  @Test
  void honestChain_verifiesWholeAndFromTheWireRod() throws LedgerException {
    ledger.verify();
    assertThat(ledger.audit()).isEmpty();
    ledger.verifyLot(WIRE_ROD);
  }

  @Test
  void record_isReproducibleToTheByte() throws LedgerException {
    try (Ledger again = fresh(new MetalsChain())) {
      new MetalsChain().record(again);
      assertThat(again.size()).isEqualTo(ledger.size());
      for (long i = 0; i < ledger.size(); i++) {
        assertThat(again.entry(i).orElseThrow().hash())
            .as("entry %d", i)
            .isEqualTo(ledger.entry(i).orElseThrow().hash());
      }
    }
  }

  @Test
  void record_refusesALedgerThatIsNotFresh() {
    assertThatThrownBy(() -> chain.record(ledger))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.ILLEGAL_STATE));
  }

  // ---------------------------------------------------------------- origins and receipts

  @Test
  void concentrates_carryOriginCuAssayAnalysisAndResponsibleSourcingCertificates()
      throws LedgerException {
    ObjectEvent chile = (ObjectEvent) ledger.history(CONCENTRATE_CHILE).get(0).event();
    assertThat(chile.action()).isEqualTo(Action.ADD);
    assertThat(chile.quantities())
        .containsExactly(LotQuantity.of(CONCENTRATE_CHILE.uri(), "600", "TNE"));
    assertThat(chile.ilmd().originCountry()).isEqualTo("CL");
    assertThat(chile.ilmd().originSite()).isEqualTo("urn:epc:id:sgln:7800123.00010.0");
    assertThat(chile.ilmd().elements()).containsExactly(ElementShare.of("Cu", "0.28", "0", "0"));
    assertThat(chile.ilmd().certifications())
        .hasSize(2)
        .anySatisfy(
            c -> {
              assertThat(c.uri()).isEqualTo(COPPER_MARK_CHILE);
              assertThat(c.validFrom()).isBeforeOrEqualTo(chile.time().toLocalDate());
              assertThat(c.validUntil()).isAfterOrEqualTo(chile.time().toLocalDate());
            })
        .anySatisfy(c -> assertThat(c.uri()).contains("/coa/"));

    ObjectEvent peru = (ObjectEvent) ledger.history(CONCENTRATE_PERU).get(0).event();
    assertThat(peru.ilmd().originCountry()).isEqualTo("PE");
    assertThat(peru.ilmd().elements()).containsExactly(ElementShare.of("Cu", "0.25", "0", "0"));
    assertThat(peru.ilmd().certifications()).extracting(c -> c.uri()).contains(COPPER_MARK_PERU);
  }

  @Test
  void everyReceiptBetweenActors_referencesTheShippingEntryItTakes() throws LedgerException {
    int referenced = 0;
    for (LotId lot : List.of(CONCENTRATE_CHILE, CONCENTRATE_PERU, CATHODE_A)) {
      Entry lastShipment = null;
      for (Entry e : ledger.history(lot)) {
        String step = Cbv.bizStep(e.event().context());
        if ("shipping".equals(step)) {
          lastShipment = e;
        } else if ("receiving".equals(step)) {
          assertThat(e.event().context().shipment())
              .as("receipt %d", e.index())
              .isEqualTo(lastShipment.hash().toNi());
          referenced++;
        }
      }
    }
    assertThat(referenced)
        .isEqualTo(
            4); // two concentrates at the smelter, cathode at the warehouse and at the fabricator
  }

  @Test
  void scrap_entersByAReceiptFromOutsideThenTheHolderDeclaresItsComposition()
      throws LedgerException {
    List<Entry> history = ledger.history(COPPER_SCRAP);
    assertThat(history).hasSize(3);
    ObjectEvent receipt = (ObjectEvent) history.get(0).event();
    assertThat(receipt.action()).isEqualTo(Action.OBSERVE);
    assertThat(receipt.context().bizStep()).isEqualTo("receiving");
    assertThat(receipt.context().shipment()).isNull();
    assertThat(receipt.context().sources())
        .containsExactly(new Party("owning_party", MetalsChain.RECYCLER));
    assertThat(receipt.quantities())
        .containsExactly(LotQuantity.of(COPPER_SCRAP.uri(), "50", "TNE"));

    Entry declaration = history.get(1);
    assertThat(declaration.body().actor()).isEqualTo(SMELTER);
    ObjectEvent add = (ObjectEvent) declaration.event();
    assertThat(add.action()).isEqualTo(Action.ADD);
    assertThat(add.quantities()).containsExactly(LotQuantity.of(COPPER_SCRAP));
    assertThat(add.ilmd().elements()).containsExactly(ElementShare.of("Cu", "0.96", "0", "1"));
    assertThat(history.get(2).event()).isInstanceOf(TransformationEvent.class);

    LotState scrap = state(COPPER_SCRAP);
    assertThat(scrap.received()).isEqualByComparingTo("50000");
    assertThat(scrap.produced()).isEqualByComparingTo("0"); // the declaration added no material
    assertThat(scrap.consumed()).isEqualByComparingTo("50000");
  }

  // ---------------------------------------------------------------- quantities and custody

  @Test
  void smelting_consumesBothConcentratesAndTheScrapWhole_andMakes312Point5TonnesOfCathode()
      throws LedgerException {
    TransformationEvent smelting = (TransformationEvent) ledger.history(CATHODE_A).get(0).event();
    assertThat(smelting.inputs())
        .containsExactly(
            LotQuantity.of(CONCENTRATE_CHILE.uri(), "600", "TNE"),
            LotQuantity.of(CONCENTRATE_PERU.uri(), "416", "TNE"),
            LotQuantity.of(COPPER_SCRAP.uri(), "50", "TNE"));
    assertThat(smelting.outputs())
        .containsExactly(
            LotQuantity.of(CATHODE_A.uri(), "100", "TNE"),
            LotQuantity.of(CATHODE_B.uri(), "212.5", "TNE"));
    assertThat(smelting.stepEmissions()).isEqualByComparingTo("312200");
    assertThat(state(CATHODE_A).produced().add(state(CATHODE_B).produced()))
        .isEqualByComparingTo("312500");
    for (LotId origin : List.of(CONCENTRATE_CHILE, CONCENTRATE_PERU, COPPER_SCRAP)) {
      assertThat(state(origin).holdings()).as("%s", origin).isEmpty();
      assertThat(state(origin).balance()).as("%s", origin).isEqualByComparingTo("0");
    }
    assertThat(state(CONCENTRATE_CHILE).consumed()).isEqualByComparingTo("600000");
    assertThat(state(CONCENTRATE_PERU).consumed()).isEqualByComparingTo("416000");
    assertHolds(CATHODE_B, SMELTER, "212500");
  }

  @Test
  void warehouse_keepsCustodyOfTheQuarterStillOnWarrant_whileTheSoldThreeQuartersWereDrawn()
      throws LedgerException {
    LotState cathode = state(CATHODE_A);
    assertHolds(CATHODE_A, WAREHOUSE, "25000");
    assertThat(cathode.produced()).isEqualByComparingTo("100000");
    assertThat(cathode.consumed())
        .isEqualByComparingTo("75000"); // by the fabricator, into wire rod
    assertThat(cathode.shippedOut()).isEqualByComparingTo("0");
    assertThat(cathode.balance()).isEqualByComparingTo("25000");
  }

  @Test
  void warrantsAndTheSale_areTransactionsThatMoveTitleButNotCustody() throws LedgerException {
    List<TransactionEvent> transactions =
        ledger.history(CATHODE_A).stream()
            .map(Entry::event)
            .filter(e -> e instanceof TransactionEvent)
            .map(e -> (TransactionEvent) e)
            .toList();
    TransactionEvent issued =
        transactions.stream()
            .filter(t -> "storing".equals(t.context().bizStep()))
            .findFirst()
            .orElseThrow();
    assertThat(issued.action()).isEqualTo(Action.ADD);
    assertThat(issued.context().bizTransactions())
        .hasSize(4)
        .extracting(BizTransaction::type)
        .containsOnly(MetalsChain.WARRANT);
    assertThat(issued.context().bizTransactions().get(0).id())
        .isEqualTo("urn:epcglobal:cbv:bt:8712345000004:RTM26-0711");

    TransactionEvent sale =
        transactions.stream()
            .filter(t -> MetalsChain.TRANSFERRING_OWNERSHIP.equals(t.context().bizStep()))
            .findFirst()
            .orElseThrow();
    assertThat(sale.quantities()).containsExactly(LotQuantity.of(CATHODE_A.uri(), "75", "TNE"));
    assertThat(sale.context().bizTransactions())
        .extracting(BizTransaction::type)
        .containsExactly(
            "po", "inv", MetalsChain.WARRANT, MetalsChain.WARRANT, MetalsChain.WARRANT);
    assertThat(sale.context().destinations())
        .containsExactly(new Party("owning_party", FABRICATOR.uri()));

    TransactionEvent cancelled =
        transactions.stream().filter(t -> t.action() == Action.DELETE).findFirst().orElseThrow();
    assertThat(cancelled.context().bizTransactions())
        .isEqualTo(issued.context().bizTransactions().subList(0, 3));
  }

  @Test
  void fabricator_holdsTheWireRod_andNothingIsLeftInTransit() throws LedgerException {
    assertHolds(WIRE_ROD, FABRICATOR, "74625");
    TransformationEvent drawing = (TransformationEvent) ledger.history(WIRE_ROD).get(0).event();
    assertThat(drawing.inputs()).containsExactly(LotQuantity.of(CATHODE_A.uri(), "75", "TNE"));
    for (LotId lot : ledger.lots()) {
      LotState s = state(lot);
      assertThat(s.inTransit()).as("%s", lot).isEmpty();
      assertThat(s.produced().add(s.received()))
          .as("balance of %s", lot)
          .isEqualByComparingTo(
              s.consumed().add(s.shippedOut()).add(s.destroyed()).add(s.balance()));
    }
  }

  @Test
  void scrap_isAnAncestorOfTheCathodeAndOfTheWireRod() throws LedgerException {
    assertThat(ledger.ancestors(CATHODE_A))
        .containsExactlyInAnyOrder(CONCENTRATE_CHILE, CONCENTRATE_PERU, COPPER_SCRAP);
    assertThat(ledger.ancestors(WIRE_ROD))
        .containsExactlyInAnyOrder(CATHODE_A, CONCENTRATE_CHILE, CONCENTRATE_PERU, COPPER_SCRAP);
    assertThat(ledger.descendants(COPPER_SCRAP))
        .containsExactlyInAnyOrder(CATHODE_A, CATHODE_B, WIRE_ROD);
  }

  // ---------------------------------------------------------------- claims and policy

  @Test
  void cathodeAndWireRod_carryTheHandComputedRecycledCopperShareAndFootprint()
      throws LedgerException {
    // Cu in, kg: 600 000 x 0.28 + 416 000 x 0.25 (mined, share 0) + 50 000 x 0.96 (post-consumer,
    // share 1).
    BigDecimal mined = kg("600000").multiply(kg("0.28")).add(kg("416000").multiply(kg("0.25")));
    BigDecimal recycled = kg("50000").multiply(kg("0.96"));
    BigDecimal share = recycled.divide(mined.add(recycled), MathContext.DECIMAL128);
    assertThat(share)
        .isEqualByComparingTo("0.15")
        .isEqualByComparingTo(MetalsChain.RECYCLED_COPPER_SHARE);

    ClaimsCalculator claims = new ClaimsCalculator(ledger::history);
    Composition cathode = claims.composition(CATHODE_A);
    ElementBalance cu = cathode.element("Cu");
    assertThat(cu.recycledPostConsumer()).isEqualByComparingTo(share);
    assertThat(cu.recycledPreConsumer()).isEqualByComparingTo("0");
    assertThat(cu.massFraction()).isEqualByComparingTo("0.9999");
    assertThat(cathode.massKg()).isEqualByComparingTo("100000");
    // (600 000 x 0.9 + 416 000 x 0.8 + 50 000 x 0.3 + 312 200) / 312 500
    assertThat(cathode.carbonFootprint()).isEqualByComparingTo("3.84");
    assertThat(cathode.carbonLowerBound()).isFalse();
    assertThat(claims.composition(CATHODE_B).element("Cu").recycledPostConsumer())
        .isEqualByComparingTo(share);

    Composition rod = claims.composition(WIRE_ROD);
    assertThat(rod.element("Cu").recycledPostConsumer()).isEqualByComparingTo(share);
    assertThat(rod.massKg()).isEqualByComparingTo("74625");
    // (75 000 x 3.84 + 10 500) / 74 625
    assertThat(rod.carbonFootprint()).isEqualByComparingTo("4");
  }

  @Test
  void responsibleSourcingPolicy_findsNothingInTheHonestChain() throws LedgerException {
    LotCheck check =
        new LotCheck(ledger::history, MetalsChain.RESPONSIBLE_SOURCING, CheckOptions.DEFAULT);
    assertThat(check.check(WIRE_ROD).findings()).isEmpty();
    assertThat(check.check(CATHODE_B).findings()).isEmpty();
  }

  @Test
  void aPolicyAcceptingOnlyTheMinesCertificates_flagsTheScrapOrigin() throws LedgerException {
    Policy minesOnly =
        new Policy(
            "Copper Mark only",
            List.of(
                new PolicyRule.RequireCertification(
                    "Cu", List.of(COPPER_MARK_CHILE, COPPER_MARK_PERU), true)));
    List<CheckFinding> findings =
        new LotCheck(ledger::history, minesOnly, CheckOptions.DEFAULT).check(WIRE_ROD).findings();
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.MISSING_CERTIFICATION);
              assertThat(f.lot()).isEqualTo(COPPER_SCRAP);
              assertThat(f.path()).containsExactly(WIRE_ROD, CATHODE_A, COPPER_SCRAP);
            });
  }

  @Test
  void honestHighlights_reportTheComputedShareAndHoldings_andNoFraud() {
    assertThat(outcome.highlights()).hasSize(4);
    assertThat(outcome.highlights().get(1))
        .contains("0.15 post-consumer")
        .contains(COPPER_SCRAP.uri());
    assertThat(outcome.highlights().get(2)).contains("holds 25000 kg of " + CATHODE_A.uri());
    assertThat(outcome.highlights()).noneMatch(h -> h.contains("fraud"));
  }

  // ---------------------------------------------------------------- the double-sold cathode

  @Test
  void fraud_secondLoadOutOfTheDoubleSoldCathodeIsRejected_andTheChainStillEndsAtTheSameWireRod()
      throws LedgerException {
    MetalsChain fraudulent = new MetalsChain(true);
    try (Ledger other = fresh(fraudulent)) {
      Scenario.Outcome o = fraudulent.record(other);
      // The second sale is paper the ledger accepts; the rejected load-out added nothing.
      assertThat(o.entries()).isEqualTo(other.size()).isEqualTo(ledger.size() + 1);
      assertThat(o.finalLot()).isEqualTo(WIRE_ROD);
      assertThat(o.highlights())
          .last()
          .asString()
          .startsWith("fraud caught: cathode lot " + CATHODE_A.uri() + " was sold twice")
          .contains("rejected on append with MASS_BALANCE")
          .contains("ships 75000 KGM of lot " + CATHODE_A.uri() + " but holds 25000 KGM")
          .endsWith(
              "the ledger still holds "
                  + (ledger.size() - 1)
                  + " entries"); // 21 honest entries + the second sale
      assertThat(other.lotState(CATHODE_A).orElseThrow()).isEqualTo(state(CATHODE_A));
      assertThat(other.lotState(WIRE_ROD).orElseThrow()).isEqualTo(state(WIRE_ROD));
      long sales =
          other.history(CATHODE_A).stream()
              .filter(e -> MetalsChain.TRANSFERRING_OWNERSHIP.equals(e.event().context().bizStep()))
              .count();
      assertThat(sales).isEqualTo(2);
      other.verify();
    }
  }

  @Test
  void loadOutAgain_isRejectedForMassBalanceOnTheCathodeLot_andChangesNothing()
      throws LedgerException {
    long size = ledger.size();
    var head = ledger.head(CATHODE_A).orElseThrow();
    LotState before = state(CATHODE_A);

    Finding f = chain.loadOutAgain(ledger);

    assertThat(f.failure()).isEqualTo(Failure.MASS_BALANCE);
    assertThat(f.lot()).isEqualTo(CATHODE_A);
    assertThat(f.expected()).isEqualTo("at most 25000 KGM");
    assertThat(f.actual()).isEqualTo("75000 KGM");
    assertThat(f.index()).isEqualTo(size);
    assertThat(ledger.size()).isEqualTo(size);
    assertThat(ledger.head(CATHODE_A)).contains(head);
    assertThat(state(CATHODE_A)).isEqualTo(before);
  }
}
