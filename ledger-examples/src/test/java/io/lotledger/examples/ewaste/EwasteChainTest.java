package io.lotledger.examples.ewaste;

import static io.lotledger.examples.ewaste.EwasteChain.BATTERY_FRACTION;
import static io.lotledger.examples.ewaste.EwasteChain.BLACK_MASS;
import static io.lotledger.examples.ewaste.EwasteChain.COPPER_SCRAP;
import static io.lotledger.examples.ewaste.EwasteChain.DISMANTLED;
import static io.lotledger.examples.ewaste.EwasteChain.LAPTOPS;
import static io.lotledger.examples.ewaste.EwasteChain.LAPTOP_1;
import static io.lotledger.examples.ewaste.EwasteChain.LAPTOP_2;
import static io.lotledger.examples.ewaste.EwasteChain.LAPTOP_3;
import static io.lotledger.examples.ewaste.EwasteChain.LAPTOP_4;
import static io.lotledger.examples.ewaste.EwasteChain.LAPTOP_5;
import static io.lotledger.examples.ewaste.EwasteChain.LAPTOP_6;
import static io.lotledger.examples.ewaste.EwasteChain.RESIDUAL_FRACTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.Cbv;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.examples.Scenario;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.LotState;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EwasteChainTest {
  private static final ActorId ITAD = new ActorId(EwasteChain.ITAD_PARTY);
  private static final ActorId OFFICE = new ActorId("urn:epc:id:pgln:4260456.00000");
  private static final ActorId RESELLER = new ActorId("urn:epc:id:pgln:8712100.00000");

  private static Ledger fresh(EwasteChain chain) throws LedgerException {
    return Ledger.inMemory()
        .options(chain.options())
        .create(chain.origin(), chain.root(), chain.rootName());
  }

  private static BigDecimal dec(String v) {
    return new BigDecimal(v);
  }

  private static LotState state(Ledger ledger, LotId lot) throws LedgerException {
    return ledger.lotState(lot).orElseThrow();
  }

  private static long certificates(Ledger ledger, LotId device) throws LedgerException {
    return ledger.history(device).stream()
        .filter(e -> DataErasure.certificateId(e.event()).isPresent())
        .count();
  }

  @Test
  void honestChain_recordsAndVerifies_withTheCopperScrapAsFinalLot() throws LedgerException {
    EwasteChain chain = new EwasteChain();
    try (Ledger ledger = fresh(chain)) {
      Scenario.Outcome outcome = chain.record(ledger);

      ledger.verify();
      assertThat(chain.name()).isEqualTo("ewaste");
      assertThat(chain.root().actor()).isEqualTo(ITAD);
      assertThat(outcome.entries()).isEqualTo(ledger.size()).isEqualTo(24);
      assertThat(outcome.finalLot().uri())
          .isEqualTo("urn:epc:class:lgtin:4061234.090001.CU-SCRAP-2606-01");
      assertThat(outcome.lots())
          .containsAll(LAPTOPS)
          .contains(COPPER_SCRAP, BLACK_MASS, BATTERY_FRACTION, RESIDUAL_FRACTION)
          .hasSize(10);
      assertThat(outcome.actors()).containsExactly(ITAD, OFFICE, RESELLER);
      assertThat(ledger.ancestors(COPPER_SCRAP))
          .containsExactlyInAnyOrder(LAPTOP_4, LAPTOP_5, LAPTOP_6);
      assertThat(ledger.ancestors(BLACK_MASS))
          .containsExactlyInAnyOrder(BATTERY_FRACTION, LAPTOP_4, LAPTOP_5, LAPTOP_6);
    }
  }

  @Test
  void devices_changeHands_officeToItadToResellerToBuyer() throws LedgerException {
    EwasteChain chain = new EwasteChain();
    try (Ledger ledger = fresh(chain)) {
      chain.record(ledger);

      // Sold on by the reseller, outside the ledger.
      LotState sold = state(ledger, LAPTOP_1);
      assertThat(sold.unit()).isEqualTo("H87");
      assertThat(sold.produced()).isEqualByComparingTo("1");
      assertThat(sold.shippedOut()).isEqualByComparingTo("1");
      assertThat(sold.holdings()).isEmpty();
      assertThat(sold.inTransit()).isEmpty();
      // Still in the reseller's stock, received against the ITAD's shipment.
      for (LotId d : List.of(LAPTOP_2, LAPTOP_3)) {
        LotState s = state(ledger, d);
        assertThat(s.holdings()).containsOnlyKeys(RESELLER);
        assertThat(s.held(RESELLER)).isEqualByComparingTo("1");
        assertThat(s.inTransit()).isEmpty();
      }
      // Dismantled by the ITAD: consumed, held by nobody.
      for (LotId d : DISMANTLED) {
        LotState s = state(ledger, d);
        assertThat(s.consumed()).isEqualByComparingTo("1");
        assertThat(s.holdings()).isEmpty();
      }
      // The hand-over: the office commissioned and shipped each device, the ITAD's receipt names
      // that shipment.
      for (LotId d : LAPTOPS) {
        List<Entry> h = ledger.history(d);
        assertThat(h.get(0).body().actor()).isEqualTo(OFFICE);
        assertThat(h.get(1).body().actor()).isEqualTo(OFFICE);
        assertThat(Cbv.bizStep(h.get(1).event().context())).isEqualTo("shipping");
        assertThat(h.get(2).body().actor()).isEqualTo(ITAD);
        assertThat(h.get(2).event().context().shipment()).isEqualTo(h.get(1).hash().toNi());
      }
    }
  }

  @Test
  void everyDevice_getsOneErasureCertificate_beforeGrading() throws LedgerException {
    EwasteChain chain = new EwasteChain();
    try (Ledger ledger = fresh(chain)) {
      chain.record(ledger);
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (LotId d : LAPTOPS) {
        List<Entry> certs =
            ledger.history(d).stream()
                .filter(e -> DataErasure.certificateId(e.event()).isPresent())
                .toList();
        assertThat(certs).hasSize(1);
        Entry cert = certs.get(0);
        assertThat(cert.body().actor()).isEqualTo(ITAD);
        assertThat(DataErasure.certificateId(cert.event()).orElseThrow())
            .matches("ERC-2606-0004\\d\\d");
        assertThat(cert.event().context().extensions())
            .anySatisfy(
                x -> assertThat(x.name() + "=" + x.value()).isEqualTo("standard=NIST SP 800-88"))
            .anySatisfy(x -> assertThat(x.name() + "=" + x.value()).isEqualTo("method=Purge"));
        // Erased right after the receipt (entry 3 of the device's history), before grading and any
        // resale.
        assertThat(ledger.history(d).get(3).hash()).isEqualTo(cert.hash());
        ids.add(DataErasure.certificateId(cert.event()).orElseThrow());
      }
      assertThat(ids).hasSize(LAPTOPS.size());
    }
  }

  @Test
  void dismantling_splitsTheNotebooksIntoWeighedFractions_andShipsCopperAndBlackMassOut()
      throws LedgerException {
    EwasteChain chain = new EwasteChain();
    try (Ledger ledger = fresh(chain)) {
      chain.record(ledger);

      LotState copper = state(ledger, COPPER_SCRAP);
      assertThat(copper.unit()).isEqualTo("KGM");
      assertThat(copper.produced()).isEqualByComparingTo("0.84");
      assertThat(copper.shippedOut()).isEqualByComparingTo("0.84");
      assertThat(copper.holdings()).isEmpty();
      LotState packs = state(ledger, BATTERY_FRACTION);
      assertThat(packs.produced()).isEqualByComparingTo("0.9");
      assertThat(packs.consumed()).isEqualByComparingTo("0.9");
      LotState blackMass = state(ledger, BLACK_MASS);
      assertThat(blackMass.produced()).isEqualByComparingTo("0.45");
      assertThat(blackMass.shippedOut()).isEqualByComparingTo("0.45");
      LotState residual = state(ledger, RESIDUAL_FRACTION);
      assertThat(residual.held(ITAD)).isEqualByComparingTo("3.06");
      // The three fractions account for the 3 x 1.6 kg that went in.
      assertThat(copper.produced().add(packs.produced()).add(residual.produced()))
          .isEqualByComparingTo("4.8");

      // The cross-chain hand-overs: to parties that are not actors of this ledger.
      assertThat(shipmentDestination(ledger, COPPER_SCRAP)).isEqualTo(EwasteChain.SMELTER);
      assertThat(shipmentDestination(ledger, BLACK_MASS)).isEqualTo(EwasteChain.REFINER);
    }
  }

  private static String shipmentDestination(Ledger ledger, LotId lot) throws LedgerException {
    List<Entry> history = ledger.history(lot);
    Entry last = history.get(history.size() - 1);
    assertThat(Cbv.bizStep(last.event().context())).isEqualTo("shipping");
    assertThat(last.body().actor()).isEqualTo(ITAD);
    return last.event().context().destinations().stream()
        .filter(p -> Cbv.partyType(p).equals("owning_party"))
        .map(Party::id)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void copperScrap_rollsUpAsWhollyPostConsumer_fromTheNotebooksNetWeight() throws LedgerException {
    EwasteChain chain = new EwasteChain();
    try (Ledger ledger = fresh(chain)) {
      chain.record(ledger);
      ClaimsCalculator claims = new ClaimsCalculator(ledger::history);

      Composition copper = claims.composition(COPPER_SCRAP);
      assertThat(copper.massKg()).isEqualByComparingTo("0.84");
      ElementBalance cu = copper.element("Cu");
      // 3 notebooks x 1.6 kg x 0.05 = 0.24 kg Cu over 4.8 kg of fractions: the batch's average.
      assertThat(cu.massFraction()).isEqualByComparingTo("0.05");
      assertThat(cu.recycledPostConsumer()).isEqualByComparingTo("1");
      assertThat(cu.recycledPreConsumer()).isEqualByComparingTo("0");
      assertThat(copper.element("Co").recycledPostConsumer()).isEqualByComparingTo("1");
      // Cut-off at the end of the first life (0) plus the dismantling's 0.6 kg CO2e over 4.8 kg.
      assertThat(copper.carbonFootprint()).isEqualByComparingTo("0.125");
      assertThat(copper.carbonLowerBound()).isFalse();
      assertThat(copper.notes()).isEmpty();

      ElementBalance co = claims.composition(BLACK_MASS).element("Co");
      // 0.9 kg of packs x 0.02 = 0.018 kg Co in 0.45 kg of black mass.
      assertThat(co.massFraction()).isEqualByComparingTo("0.04");
      assertThat(co.recycledPostConsumer()).isEqualByComparingTo("1");
      assertThat(claims.composition(BLACK_MASS).carbonFootprint()).isEqualByComparingTo("2.25");

      // The lab's assays, re-declared as master data, claim nothing the roll-up does not back.
      assertThat(redeclared(ledger, COPPER_SCRAP))
          .isEqualTo(ElementShare.of("Cu", "0.25", "0", "1"));
      assertThat(redeclared(ledger, BLACK_MASS)).isEqualTo(ElementShare.of("Co", "0.19", "0", "1"));
      assertThat(claims.findings(COPPER_SCRAP)).isEmpty();
      assertThat(claims.findings(BLACK_MASS)).isEmpty();
    }
  }

  private static ElementShare redeclared(Ledger ledger, LotId lot) throws LedgerException {
    return ledger.history(lot).stream()
        .filter(e -> e.event() instanceof ObjectEvent o && o.action() == Action.ADD)
        .map(e -> ((ObjectEvent) e.event()).ilmd().elements())
        .reduce((a, b) -> b)
        .orElseThrow()
        .get(0);
  }

  @Test
  void honestChain_resellsNoDeviceWithoutErasure() throws LedgerException {
    EwasteChain chain = new EwasteChain();
    try (Ledger ledger = fresh(chain)) {
      Scenario.Outcome outcome = chain.record(ledger);
      assertThat(EwasteChain.devicesResoldWithoutErasure(ledger)).isEmpty();
      assertThat(outcome.highlights()).noneMatch(h -> h.startsWith("FRAUD"));
    }
  }

  @Test
  void fraud_resaleWithoutErasure_passesTheAppendRulesButIsFound() throws LedgerException {
    EwasteChain chain = new EwasteChain(true);
    try (Ledger ledger = fresh(chain)) {
      Scenario.Outcome outcome = chain.record(ledger);

      ledger.verify(); // custody and quantities are in order: nothing on append or verify objects
      assertThat(new ClaimsCalculator(ledger::history).findings(LAPTOP_3)).isEmpty();
      assertThat(certificates(ledger, LAPTOP_3)).isZero();
      assertThat(state(ledger, LAPTOP_3).holdings()).doesNotContainKey(ITAD).hasSize(1);

      List<DataErasure.UncertifiedResale> found = EwasteChain.devicesResoldWithoutErasure(ledger);
      assertThat(found).hasSize(1);
      DataErasure.UncertifiedResale resale = found.get(0);
      assertThat(resale.device()).isEqualTo(LAPTOP_3);
      assertThat(resale.shipper()).isEqualTo(ITAD);
      Entry shipping = ledger.entry(resale.entry()).orElseThrow();
      assertThat(shipping.hash()).isEqualTo(resale.shipment());
      assertThat(Cbv.bizStep(shipping.event().context())).isEqualTo("shipping");
      assertThat(shipping.event().lots()).contains(LAPTOP_3, LAPTOP_1, LAPTOP_2);
      assertThat(outcome.highlights())
          .anySatisfy(h -> assertThat(h).startsWith("FRAUD").contains(LAPTOP_3.uri()));
    }
  }

  @Test
  void fraud_certificateRecordedAfterTheResale_doesNotClearTheDevice() throws LedgerException {
    EwasteChain chain = new EwasteChain(true);
    try (Ledger ledger = fresh(chain)) {
      chain.record(ledger);
      ledger.append(
          DataErasure.certificate(
              LAPTOP_3,
              "ERC-2606-000999",
              OffsetDateTime.parse("2026-06-22T09:00:00+02:00"),
              "urn:epc:id:sgln:4061234.00001.0"),
          chain.root());

      assertThat(certificates(ledger, LAPTOP_3)).isOne();
      assertThat(EwasteChain.devicesResoldWithoutErasure(ledger))
          .extracting(DataErasure.UncertifiedResale::device)
          .containsExactly(LAPTOP_3);
    }
  }

  @Test
  void recording_isReproducible() throws LedgerException {
    try (Ledger a = fresh(new EwasteChain());
        Ledger b = fresh(new EwasteChain())) {
      new EwasteChain().record(a);
      new EwasteChain().record(b);
      assertThat(a.size()).isEqualTo(b.size());
      for (long i = 0; i < a.size(); i++) {
        assertThat(a.entry(i).orElseThrow().hash()).isEqualTo(b.entry(i).orElseThrow().hash());
      }
    }
  }
}
