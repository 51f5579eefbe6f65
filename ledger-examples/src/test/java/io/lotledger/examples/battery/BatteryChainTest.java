package io.lotledger.examples.battery;

import static io.lotledger.examples.battery.BatteryChain.CATHODE_MATERIAL;
import static io.lotledger.examples.battery.BatteryChain.CELLS;
import static io.lotledger.examples.battery.BatteryChain.COBALT_HYDROXIDE_A;
import static io.lotledger.examples.battery.BatteryChain.COBALT_HYDROXIDE_B;
import static io.lotledger.examples.battery.BatteryChain.COBALT_SULPHATE;
import static io.lotledger.examples.battery.BatteryChain.LITHIUM_CARBONATE;
import static io.lotledger.examples.battery.BatteryChain.MANGANESE_SULPHATE;
import static io.lotledger.examples.battery.BatteryChain.NICKEL_SULPHATE;
import static io.lotledger.examples.battery.BatteryChain.PACK;
import static io.lotledger.examples.battery.BatteryChain.PACK_HOUSING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.entry.Entry;
import io.lotledger.event.Action;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Quantity;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatteryChainTest {
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
  void record_appendsGenesisSevenRegistrationsAndTwentySevenSupplyChainEvents() throws LedgerException {
    assertThat(summary.entries()).isEqualTo(35).isEqualTo(ledger.size());
    long registrations = 0;
    for (long i = 0; i < ledger.size(); i++) {
      if (ledger.entry(i).orElseThrow().event() instanceof RegistryEvent) {
        registrations++;
      }
    }
    assertThat(registrations).isEqualTo(8); // the genesis registers the root itself
    assertThat(summary.actors()).hasSize(8).doesNotHaveDuplicates().first().isEqualTo(ledger.rootActor());
  }

  @Test
  void record_listsLotsInOrderOfFirstAppearance() throws LedgerException {
    List<?> expected = List.of(COBALT_HYDROXIDE_A, COBALT_HYDROXIDE_B, LITHIUM_CARBONATE, NICKEL_SULPHATE,
        COBALT_SULPHATE, MANGANESE_SULPHATE, CATHODE_MATERIAL, CELLS, PACK_HOUSING, PACK);
    assertThat(summary.lots()).isEqualTo(expected);
    assertThat(ledger.lots()).isEqualTo(expected);
    assertThat(summary.finalLot()).isEqualTo(PACK);
  }

  @Test
  void finalPack_descendsFromBothMinedCobaltLotsThroughEveryStage() throws LedgerException {
    assertThat(ledger.parents(PACK)).containsExactlyInAnyOrder(CELLS, PACK_HOUSING);
    assertThat(ledger.parents(CELLS)).containsExactly(CATHODE_MATERIAL);
    assertThat(ledger.parents(CATHODE_MATERIAL))
        .containsExactlyInAnyOrder(COBALT_SULPHATE, NICKEL_SULPHATE, MANGANESE_SULPHATE, LITHIUM_CARBONATE);
    assertThat(ledger.parents(COBALT_SULPHATE)).containsExactlyInAnyOrder(COBALT_HYDROXIDE_A, COBALT_HYDROXIDE_B);
    assertThat(ledger.ancestors(PACK)).containsExactlyInAnyOrder(CELLS, PACK_HOUSING, CATHODE_MATERIAL, COBALT_SULPHATE,
        NICKEL_SULPHATE, MANGANESE_SULPHATE, LITHIUM_CARBONATE, COBALT_HYDROXIDE_A, COBALT_HYDROXIDE_B);
    assertThat(ledger.descendants(COBALT_HYDROXIDE_B)).containsExactly(COBALT_SULPHATE, CATHODE_MATERIAL, CELLS, PACK);
  }

  @Test
  void recordedChain_verifiesWholeAndFromTheFinalLot() throws LedgerException {
    ledger.verify();
    assertThat(ledger.audit()).isEmpty();
    ledger.verifyLot(PACK);
    ledger.verifyLot(COBALT_HYDROXIDE_A);
  }

  @Test
  void minedLots_carryOriginAssayAndCertificationAsGiven() throws LedgerException {
    Entry first = ledger.history(COBALT_HYDROXIDE_A).get(0);
    assertThat(first.body().actor().uri()).isEqualTo("urn:epc:id:pgln:6150001.00000");
    ObjectEvent commissioning = (ObjectEvent) first.event();
    assertThat(commissioning.action()).isEqualTo(Action.ADD);
    assertThat(commissioning.context().bizStep()).isEqualTo("commissioning");
    assertThat(commissioning.quantities()).containsExactly(
        new LotQuantity(COBALT_HYDROXIDE_A, new Quantity(new BigDecimal("12.5"), "TNE")));
    assertThat(commissioning.ilmd().originCountry()).isEqualTo("CD");
    assertThat(commissioning.ilmd().originSite()).isEqualTo("urn:epc:id:sgln:6150001.00010.0");
    assertThat(commissioning.ilmd().elements()).extracting(ElementShare::element, ElementShare::massFraction)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Co", new BigDecimal("0.34")));
    assertThat(commissioning.ilmd().certifications()).singleElement()
        .satisfies(c -> assertThat(c.uri()).startsWith("https://"));
    assertThat(commissioning.time()).isEqualTo(OffsetDateTime.parse("2026-01-12T07:40:00+02:00"));
  }

  @Test
  void hydroxideShipment_isATransactionWithDocumentsAndATemperatureReading() throws LedgerException {
    Entry shipping = ledger.history(COBALT_HYDROXIDE_B).get(1);
    TransactionEvent tx = (TransactionEvent) shipping.event();
    assertThat(tx.context().bizStep()).isEqualTo("shipping");
    assertThat(tx.context().disposition()).isEqualTo("in_transit");
    assertThat(tx.context().bizTransactions()).extracting(b -> b.type()).containsExactly("po", "desadv");
    assertThat(tx.context().sensorReadings()).extracting(SensorReading::type, SensorReading::value, SensorReading::unit)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gs1:Temperature", new BigDecimal("24.5"), "CEL"));
    assertThat(tx.quantities()).extracting(LotQuantity::quantity)
        .containsExactly(Quantity.of("12.5", "TNE"), Quantity.of("10.2", "TNE"));

    Entry receiving = ledger.history(COBALT_HYDROXIDE_B).get(2);
    assertThat(receiving.body().actor().uri()).isEqualTo("urn:epc:id:pgln:6400001.00000");
    assertThat(receiving.event()).isInstanceOfSatisfying(ObjectEvent.class, e -> {
      assertThat(e.action()).isEqualTo(Action.OBSERVE);
      assertThat(e.context().bizStep()).isEqualTo("receiving");
    });
  }

  @Test
  void transformations_recordConsumedAndProducedQuantitiesExactly() throws LedgerException {
    TransformationEvent cam = (TransformationEvent) ledger.history(CATHODE_MATERIAL).get(0).event();
    assertThat(cam.inputs()).containsExactly(
        LotQuantity.of(COBALT_SULPHATE.uri(), "5.8", "TNE"), LotQuantity.of(NICKEL_SULPHATE.uri(), "43.5", "TNE"),
        LotQuantity.of(MANGANESE_SULPHATE.uri(), "3.5", "TNE"), LotQuantity.of(LITHIUM_CARBONATE.uri(), "7.6", "TNE"));
    assertThat(cam.outputs()).containsExactly(LotQuantity.of(CATHODE_MATERIAL.uri(), "20", "TNE"));
    assertThat(cam.ilmd().elements()).extracting(ElementShare::element).containsExactly("Ni", "Li", "Co", "Mn");

    TransformationEvent cells = (TransformationEvent) ledger.history(CELLS).get(0).event();
    assertThat(cells.inputs()).containsExactly(LotQuantity.of(CATHODE_MATERIAL.uri(), "1980", "KGM"));
    assertThat(cells.outputs()).containsExactly(LotQuantity.of(CELLS.uri(), "6000", "H87"));
  }

  @Test
  void pack_isAggregatedFromCellsThenAssembledIntoOnePiece() throws LedgerException {
    List<Entry> housing = ledger.history(PACK_HOUSING);
    assertThat(housing.get(0).event()).isInstanceOfSatisfying(AggregationEvent.class, a -> {
      assertThat(a.action()).isEqualTo(Action.ADD);
      assertThat(a.context().bizStep()).isEqualTo("packing");
      assertThat(a.children()).containsExactly(LotQuantity.of(CELLS.uri(), "192", "H87"));
    });
    List<Entry> pack = ledger.history(PACK);
    assertThat(pack).extracting(e -> e.event().getClass().getSimpleName())
        .containsExactly("TransformationEvent", "ObjectEvent", "TransactionEvent");
    assertThat(((TransformationEvent) pack.get(0).event()).outputs()).containsExactly(LotQuantity.of(PACK.uri(), "1", "H87"));
    assertThat(pack).allSatisfy(e -> assertThat(e.body().actor().uri()).isEqualTo("urn:epc:id:pgln:4000002.00000"));
  }

  @Test
  void record_isReproducible_everyEntryIncludingGenesisHasTheSameBytes() throws LedgerException {
    try (Ledger again = chain.newInMemoryLedger()) {
      new BatteryChain().record(again);
      assertThat(again.root(again.size())).isEqualTo(ledger.root(ledger.size()));
      for (long i = 0; i < ledger.size(); i++) {
        assertThat(again.entry(i).orElseThrow().hash()).as("entry %d", i).isEqualTo(ledger.entry(i).orElseThrow().hash());
      }
    }
  }

  @Test
  void record_refusesALedgerThatIsNotFresh() {
    assertThatThrownBy(() -> chain.record(ledger))
        .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo(LedgerException.Code.ILLEGAL_STATE))
        .hasMessageContaining("35 entries");
    assertThat(ledger.size()).isEqualTo(35);
  }
}
