package io.lotledger.examples.battery;

import static io.lotledger.examples.battery.BatteryChain.BLACK_MASS;
import static io.lotledger.examples.battery.BatteryChain.CATHODE_MATERIAL;
import static io.lotledger.examples.battery.BatteryChain.CELLS;
import static io.lotledger.examples.battery.BatteryChain.COBALT_HYDROXIDE_A;
import static io.lotledger.examples.battery.BatteryChain.COBALT_HYDROXIDE_B;
import static io.lotledger.examples.battery.BatteryChain.COBALT_SULPHATE;
import static io.lotledger.examples.battery.BatteryChain.END_OF_LIFE_PACKS;
import static io.lotledger.examples.battery.BatteryChain.LITHIUM_CARBONATE;
import static io.lotledger.examples.battery.BatteryChain.MANGANESE_SULPHATE;
import static io.lotledger.examples.battery.BatteryChain.NICKEL_SULPHATE;
import static io.lotledger.examples.battery.BatteryChain.PACK;
import static io.lotledger.examples.battery.BatteryChain.PACK_HOUSING;
import static io.lotledger.examples.battery.BatteryChain.RECYCLED_COBALT_SHARE;
import static io.lotledger.examples.battery.BatteryChain.RECYCLED_COBALT_SULPHATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.ElementShare;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Quantity;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.rules.LotState;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatteryChainTest {
  private static final ActorId REFINERY = new ActorId("urn:epc:id:pgln:6400001.00000");
  private static final ActorId CATHODE_MAKER = new ActorId("urn:epc:id:pgln:5900001.00000");
  private static final ActorId RECYCLER = new ActorId("urn:epc:id:pgln:4000004.00000");

  private final BatteryChain chain = new BatteryChain();
  private Ledger ledger;
  private BatteryChain.Summary summary;

  @BeforeEach
  void record() throws LedgerException {
    ledger = chain.newInMemoryLedger();
    summary = chain.record(ledger);
  }

  @AfterEach
  void close() throws LedgerException {
    ledger.close();
  }

  @Test
  void record_appendsGenesisEightRegistrationsAndThirtyThreeSupplyChainEvents()
      throws LedgerException {
    assertThat(summary.entries()).isEqualTo(42).isEqualTo(ledger.size());
    long registrations = 0;
    for (long i = 0; i < ledger.size(); i++) {
      if (ledger.entry(i).orElseThrow().event() instanceof RegistryEvent) {
        registrations++;
      }
    }
    assertThat(registrations).isEqualTo(9); // the genesis registers the root itself
    assertThat(summary.actors())
        .hasSize(9)
        .doesNotHaveDuplicates()
        .first()
        .isEqualTo(ledger.rootActor());
    assertThat(summary.actors()).contains(RECYCLER);
  }

  @Test
  void record_listsLotsInOrderOfFirstAppearance() throws LedgerException {
    List<?> expected =
        List.of(
            COBALT_HYDROXIDE_A,
            COBALT_HYDROXIDE_B,
            LITHIUM_CARBONATE,
            NICKEL_SULPHATE,
            COBALT_SULPHATE,
            END_OF_LIFE_PACKS,
            BLACK_MASS,
            RECYCLED_COBALT_SULPHATE,
            MANGANESE_SULPHATE,
            CATHODE_MATERIAL,
            CELLS,
            PACK_HOUSING,
            PACK);
    assertThat(summary.lots()).isEqualTo(expected);
    assertThat(ledger.lots()).isEqualTo(expected);
    assertThat(summary.finalLot()).isEqualTo(PACK);
  }

  @Test
  void honestSummary_namesTheCobaltLotsAndNoFraud() {
    assertThat(chain.plantsFraud()).isFalse();
    assertThat(summary.cobaltOrigins()).containsExactly(COBALT_HYDROXIDE_A, COBALT_HYDROXIDE_B);
    assertThat(summary.recycledCobaltLots())
        .containsExactly(END_OF_LIFE_PACKS, BLACK_MASS, RECYCLED_COBALT_SULPHATE);
    assertThat(summary.uncertifiedLots()).isEmpty();
    assertThat(summary.overDeclaredLots()).isEmpty();
  }

  @Test
  void finalPack_descendsFromTheMinedAndTheRecycledCobaltThroughEveryStage()
      throws LedgerException {
    assertThat(ledger.parents(PACK)).containsExactlyInAnyOrder(CELLS, PACK_HOUSING);
    assertThat(ledger.parents(CELLS)).containsExactly(CATHODE_MATERIAL);
    assertThat(ledger.parents(CATHODE_MATERIAL))
        .containsExactlyInAnyOrder(
            COBALT_SULPHATE,
            RECYCLED_COBALT_SULPHATE,
            NICKEL_SULPHATE,
            MANGANESE_SULPHATE,
            LITHIUM_CARBONATE);
    assertThat(ledger.parents(COBALT_SULPHATE))
        .containsExactlyInAnyOrder(COBALT_HYDROXIDE_A, COBALT_HYDROXIDE_B);
    assertThat(ledger.parents(RECYCLED_COBALT_SULPHATE)).containsExactly(BLACK_MASS);
    assertThat(ledger.parents(BLACK_MASS)).containsExactly(END_OF_LIFE_PACKS);
    assertThat(ledger.ancestors(PACK))
        .containsExactlyInAnyOrder(
            CELLS,
            PACK_HOUSING,
            CATHODE_MATERIAL,
            COBALT_SULPHATE,
            RECYCLED_COBALT_SULPHATE,
            BLACK_MASS,
            END_OF_LIFE_PACKS,
            NICKEL_SULPHATE,
            MANGANESE_SULPHATE,
            LITHIUM_CARBONATE,
            COBALT_HYDROXIDE_A,
            COBALT_HYDROXIDE_B);
    assertThat(ledger.ancestors(PACK))
        .containsAll(summary.recycledCobaltLots())
        .containsAll(summary.cobaltOrigins());
    assertThat(ledger.descendants(COBALT_HYDROXIDE_B))
        .containsExactly(COBALT_SULPHATE, CATHODE_MATERIAL, CELLS, PACK);
    assertThat(ledger.descendants(END_OF_LIFE_PACKS))
        .containsExactly(BLACK_MASS, RECYCLED_COBALT_SULPHATE, CATHODE_MATERIAL, CELLS, PACK);
  }

  @Test
  void recordedChain_verifiesWholeAndFromTheFinalLot() throws LedgerException {
    ledger.verify();
    assertThat(ledger.audit()).isEmpty();
    ledger.verifyLot(PACK);
    ledger.verifyLot(COBALT_HYDROXIDE_A);
    ledger.verifyLot(END_OF_LIFE_PACKS);
  }

  @Test
  void minedLots_carryOriginAssayAndCertificationAsGiven() throws LedgerException {
    Entry first = ledger.history(COBALT_HYDROXIDE_A).get(0);
    assertThat(first.body().actor().uri()).isEqualTo("urn:epc:id:pgln:6150001.00000");
    ObjectEvent commissioning = (ObjectEvent) first.event();
    assertThat(commissioning.action()).isEqualTo(Action.ADD);
    assertThat(commissioning.context().bizStep()).isEqualTo("commissioning");
    assertThat(commissioning.quantities())
        .containsExactly(
            new LotQuantity(COBALT_HYDROXIDE_A, new Quantity(new BigDecimal("12.5"), "TNE")));
    assertThat(commissioning.ilmd().originCountry()).isEqualTo("CD");
    assertThat(commissioning.ilmd().originSite()).isEqualTo("urn:epc:id:sgln:6150001.00010.0");
    assertThat(commissioning.ilmd().elements())
        .extracting(ElementShare::element, ElementShare::massFraction)
        .containsExactly(Tuple.tuple("Co", new BigDecimal("0.34")));
    assertThat(commissioning.time()).isEqualTo(OffsetDateTime.parse("2026-01-12T07:40:00+02:00"));
    for (LotId origin : summary.cobaltOrigins()) {
      assertThat(MassBalance.masterData(ledger, origin).certifications())
          .as("%s", origin)
          .singleElement()
          .satisfies(
              c -> assertThat(c.uri()).startsWith("https://certificates.example.org/rmap/cobalt/"));
    }
  }

  @Test
  void
      hydroxideShipment_isATransactionWithDocumentsAndATemperatureReading_andTheReceiptReferencesIt()
          throws LedgerException {
    Entry shipping = ledger.history(COBALT_HYDROXIDE_B).get(1);
    TransactionEvent tx = (TransactionEvent) shipping.event();
    assertThat(tx.context().bizStep()).isEqualTo("shipping");
    assertThat(tx.context().disposition()).isEqualTo("in_transit");
    assertThat(tx.context().bizTransactions())
        .extracting(b -> b.type())
        .containsExactly("po", "desadv");
    assertThat(tx.context().sensorReadings())
        .extracting(SensorReading::type, SensorReading::value, SensorReading::unit)
        .containsExactly(Tuple.tuple("gs1:Temperature", new BigDecimal("24.5"), "CEL"));
    assertThat(tx.quantities())
        .extracting(LotQuantity::quantity)
        .containsExactly(Quantity.of("12.5", "TNE"), Quantity.of("10.2", "TNE"));

    Entry receiving = ledger.history(COBALT_HYDROXIDE_B).get(2);
    assertThat(receiving.body().actor()).isEqualTo(REFINERY);
    assertThat(receiving.event())
        .isInstanceOfSatisfying(
            ObjectEvent.class,
            e -> {
              assertThat(e.action()).isEqualTo(Action.OBSERVE);
              assertThat(e.context().bizStep()).isEqualTo("receiving");
              assertThat(e.context().shipment()).isEqualTo(shipping.hash().toNi());
            });
  }

  @Test
  void everyReceiptFromAnotherActor_referencesTheShipmentOfTheSameLots() throws LedgerException {
    int referenced = 0;
    for (long i = 0; i < ledger.size(); i++) {
      Entry e = ledger.entry(i).orElseThrow();
      if (!(e.event() instanceof ObjectEvent o) || !"receiving".equals(o.context().bizStep())) {
        continue;
      }
      Entry shipping = ledger.entry(EntryHash.fromNi(o.context().shipment())).orElseThrow();
      assertThat(shipping.index()).isLessThan(e.index());
      assertThat(shipping.event())
          .isInstanceOfSatisfying(
              TransactionEvent.class,
              tx -> {
                assertThat(tx.context().bizStep()).isEqualTo("shipping");
                assertThat(tx.context().destinations())
                    .anySatisfy(p -> assertThat(p.id()).isEqualTo(e.body().actor().uri()));
                assertThat(tx.quantities())
                    .extracting(LotQuantity::lot)
                    .containsExactlyElementsOf(
                        o.quantities().stream().map(LotQuantity::lot).toList());
              });
      referenced++;
    }
    assertThat(referenced).isEqualTo(7);
  }

  @Test
  void lotStates_splitPartiallyShippedLotsBetweenTheirHolders() throws LedgerException {
    LotState sulphate = ledger.lotState(COBALT_SULPHATE).orElseThrow();
    assertThat(sulphate.unit()).isEqualTo("KGM");
    assertThat(sulphate.holdings()).containsOnlyKeys(REFINERY, CATHODE_MAKER);
    assertThat(sulphate.held(REFINERY)).isEqualByComparingTo("30200");
    assertThat(sulphate.held(CATHODE_MAKER)).isEqualByComparingTo("1000");
    assertThat(sulphate.produced()).isEqualByComparingTo("36200");
    assertThat(sulphate.consumed()).isEqualByComparingTo("5000");
    assertThat(sulphate.balance()).isEqualByComparingTo("31200");

    LotState recycled = ledger.lotState(RECYCLED_COBALT_SULPHATE).orElseThrow();
    assertThat(recycled.holdings()).containsOnlyKeys(RECYCLER, CATHODE_MAKER);
    assertThat(recycled.held(RECYCLER)).isEqualByComparingTo("320");
    assertThat(recycled.held(CATHODE_MAKER)).isEqualByComparingTo("200");
    assertThat(recycled.produced()).isEqualByComparingTo("1520");
    assertThat(recycled.consumed()).isEqualByComparingTo("1000");

    LotState cathodeMaterial = ledger.lotState(CATHODE_MATERIAL).orElseThrow();
    ActorId cellMaker = new ActorId("urn:epc:id:pgln:7300001.00000");
    assertThat(cathodeMaterial.holdings()).containsOnlyKeys(CATHODE_MAKER, cellMaker);
    assertThat(cathodeMaterial.held(CATHODE_MAKER)).isEqualByComparingTo("18000");
    assertThat(cathodeMaterial.held(cellMaker)).isEqualByComparingTo("20");
  }

  @Test
  void afterRecording_nothingIsInTransit_theRecycledLotsAreUsedUp_andThePackHasLeftTheLedger()
      throws LedgerException {
    for (LotId lot : ledger.lots()) {
      assertThat(ledger.lotState(lot))
          .as("%s", lot)
          .hasValueSatisfying(s -> assertThat(s.inTransit()).isEmpty());
    }
    for (LotId usedUp :
        List.of(
            COBALT_HYDROXIDE_A, COBALT_HYDROXIDE_B, END_OF_LIFE_PACKS, BLACK_MASS, PACK_HOUSING)) {
      LotState s = ledger.lotState(usedUp).orElseThrow();
      assertThat(s.holdings()).as("%s", usedUp).isEmpty();
      assertThat(s.consumed())
          .as("%s", usedUp)
          .isEqualByComparingTo(s.produced().add(s.received()));
    }
    assertThat(ledger.lotState(PACK_HOUSING).orElseThrow().produced()).isEqualByComparingTo("1");
    LotState pack = ledger.lotState(PACK).orElseThrow();
    assertThat(pack.holdings()).isEmpty();
    assertThat(pack.produced()).isEqualByComparingTo("1");
    assertThat(pack.shippedOut()).isEqualByComparingTo("1");
  }

  @Test
  void recyclingLoop_declaresPostConsumerCobalt_andTheCathodeMaterialDeclaresWhatMassBalanceGives()
      throws LedgerException {
    for (LotId lot : summary.recycledCobaltLots()) {
      assertThat(
              MassBalance.share(MassBalance.masterData(ledger, lot), "Co").recycledPostConsumer())
          .as("%s", lot)
          .isEqualByComparingTo("1");
    }
    Entry collected = ledger.history(END_OF_LIFE_PACKS).get(0);
    assertThat(collected.body().actor()).isEqualTo(RECYCLER);
    assertThat(collected.event())
        .isInstanceOfSatisfying(
            ObjectEvent.class,
            o -> {
              assertThat(o.action()).isEqualTo(Action.ADD);
              assertThat(o.context().bizStep()).isEqualTo("collecting");
            });

    TransformationEvent cam = (TransformationEvent) ledger.history(CATHODE_MATERIAL).get(0).event();
    assertThat(MassBalance.elementKilograms(ledger, cam.inputs(), "Co"))
        .isEqualByComparingTo("1250");
    assertThat(MassBalance.postConsumerShare(ledger, cam, "Co"))
        .isEqualByComparingTo(RECYCLED_COBALT_SHARE);
    assertThat(MassBalance.share(cam.ilmd(), "Co").recycledPostConsumer())
        .isEqualByComparingTo(RECYCLED_COBALT_SHARE);
  }

  @Test
  void everyTransformation_declaresExactlyWhatMassBalanceGives_andCreatesNoCobalt()
      throws LedgerException {
    List<TransformationEvent> transformations = MassBalance.transformations(ledger);
    assertThat(transformations).hasSize(6);
    for (TransformationEvent t : transformations) {
      assertThat(t.stepEmissions()).as("step emissions of %s", t.outputs()).isPositive();
      LotQuantity out = t.outputs().get(0);
      ElementShare cobalt = MassBalance.share(t.ilmd(), "Co");
      if (cobalt != null) {
        assertThat(cobalt.recycledPostConsumer())
            .as("declared share of %s", out.lot())
            .isEqualByComparingTo(MassBalance.postConsumerShare(ledger, t, "Co"));
        assertThat(MassBalance.elementKilograms(ledger, List.of(out), "Co"))
            .as("Co in %s", out.lot())
            .isLessThanOrEqualTo(MassBalance.elementKilograms(ledger, t.inputs(), "Co"));
      }
      if (t.ilmd().carbonFootprint() != null) {
        assertThat(t.ilmd().carbonFootprint())
            .as("footprint of %s", out.lot())
            .isEqualByComparingTo(MassBalance.carbonFootprint(ledger, t));
      }
    }
  }

  @Test
  void transformations_recordConsumedAndProducedQuantitiesExactly() throws LedgerException {
    TransformationEvent cam = (TransformationEvent) ledger.history(CATHODE_MATERIAL).get(0).event();
    assertThat(cam.inputs())
        .containsExactly(
            LotQuantity.of(COBALT_SULPHATE.uri(), "5", "TNE"),
            LotQuantity.of(RECYCLED_COBALT_SULPHATE.uri(), "1000", "KGM"),
            LotQuantity.of(NICKEL_SULPHATE.uri(), "43.5", "TNE"),
            LotQuantity.of(MANGANESE_SULPHATE.uri(), "3.6", "TNE"),
            LotQuantity.of(LITHIUM_CARBONATE.uri(), "7.6", "TNE"));
    assertThat(cam.outputs()).containsExactly(LotQuantity.of(CATHODE_MATERIAL.uri(), "20", "TNE"));
    assertThat(cam.ilmd().elements())
        .extracting(ElementShare::element)
        .containsExactly("Ni", "Li", "Co", "Mn");
    assertThat(cam.stepEmissions()).isEqualByComparingTo("266740");

    TransformationEvent cells = (TransformationEvent) ledger.history(CELLS).get(0).event();
    assertThat(cells.inputs())
        .containsExactly(LotQuantity.of(CATHODE_MATERIAL.uri(), "1980", "KGM"));
    assertThat(cells.outputs()).containsExactly(LotQuantity.of(CELLS.uri(), "6000", "H87"));
  }

  @Test
  void pack_rollsUpTo16PercentPostConsumerCobalt_throughCellsAndPackCountedInPieces()
      throws LedgerException {
    var calc = new io.lotledger.rules.ClaimsCalculator(ledger::history);
    var pack = calc.composition(PACK);
    // (5 t x 0.21 x 0 + 1 t x 0.20 x 1) / 1250 kg Co = 0.16, carried through cells (0.9 kg each)
    // and the pack
    // (192 cells + a 95 kg housing = 267.8 kg), which add no cobalt.
    assertThat(pack.element("Co").recycledPostConsumer())
        .isEqualByComparingTo(BatteryChain.RECYCLED_COBALT_SHARE);
    assertThat(pack.element("Co").recycledPreConsumer()).isEqualByComparingTo("0");
    assertThat(pack.massKg()).isEqualByComparingTo("267.8");
    assertThat(calc.findings(PACK)).isEmpty();
  }

  @Test
  void pack_isAggregatedFromCellsIntoAHousingFromOutsideThenAssembledIntoOnePiece()
      throws LedgerException {
    List<Entry> housing = ledger.history(PACK_HOUSING);
    // The supplier records elsewhere: the assembler commissions the housing with the supplier's
    // data sheet.
    assertThat(housing.get(0).event())
        .isInstanceOfSatisfying(
            ObjectEvent.class,
            o -> {
              assertThat(o.action()).isEqualTo(Action.ADD);
              assertThat(o.ilmd().elements())
                  .containsExactly(io.lotledger.event.ElementShare.of("Al", "0.92", "0", "0"));
              assertThat(io.lotledger.event.Units.netKilogramsPerPiece(o.ilmd()))
                  .isEqualByComparingTo("95");
            });
    assertThat(housing.get(1).event())
        .isInstanceOfSatisfying(
            AggregationEvent.class,
            a -> {
              assertThat(a.action()).isEqualTo(Action.ADD);
              assertThat(a.context().bizStep()).isEqualTo("packing");
              assertThat(a.children()).containsExactly(LotQuantity.of(CELLS.uri(), "192", "H87"));
            });
    List<Entry> pack = ledger.history(PACK);
    assertThat(pack)
        .extracting(e -> e.event().getClass().getSimpleName())
        .containsExactly("TransformationEvent", "ObjectEvent", "TransactionEvent");
    assertThat(((TransformationEvent) pack.get(0).event()).outputs())
        .containsExactly(LotQuantity.of(PACK.uri(), "1", "H87"));
    assertThat(pack)
        .allSatisfy(
            e -> assertThat(e.body().actor().uri()).isEqualTo("urn:epc:id:pgln:4000002.00000"));
  }

  @Test
  void cathodeMakerConsumingMoreSulphateThanItHolds_isRejectedAndLeavesTheLedgerAsItWas()
      throws LedgerException {
    long size = ledger.size();
    LotState before = ledger.lotState(COBALT_SULPHATE).orElseThrow();
    TransformationEvent overdraw =
        TransformationEvent.of(
            List.of(LotQuantity.of(COBALT_SULPHATE.uri(), "1.5", "TNE")),
            List.of(
                LotQuantity.of(
                    "https://id.gs1.org/01/05900001050019/10/CAM811-2603-08", "5", "TNE")),
            LotMasterData.NONE,
            OffsetDateTime.parse("2026-03-30T22:00:00+02:00"),
            EventContext.of("commissioning", "active"));

    assertThatThrownBy(() -> ledger.append(overdraw, chain.signer(CATHODE_MAKER)))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE);
              assertThat(e.finding().lot()).isEqualTo(COBALT_SULPHATE);
              assertThat(e.finding().expected()).isEqualTo("at most 1000 KGM");
              assertThat(e.finding().actual()).isEqualTo("1500 KGM");
            });
    assertThat(ledger.size()).isEqualTo(size);
    assertThat(ledger.lotState(COBALT_SULPHATE)).contains(before);
    ledger.verify();
  }

  @Test
  void record_isReproducible_everyEntryIncludingGenesisHasTheSameBytes() throws LedgerException {
    try (Ledger again = chain.newInMemoryLedger()) {
      new BatteryChain().record(again);
      assertThat(again.root(again.size())).isEqualTo(ledger.root(ledger.size()));
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
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.ILLEGAL_STATE))
        .hasMessageContaining("42 entries");
    assertThat(ledger.size()).isEqualTo(42);
  }
}
