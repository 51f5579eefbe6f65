package io.lotledger.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import io.lotledger.state.StoreLayout;
import io.lotledger.state.StoredLedger;
import io.lotledger.state.Transition;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.store.memory.StoreTampering;
import io.lotledger.testing.StoreSnapshot;
import io.lotledger.testing.TestChain;
import io.lotledger.verify.ChainVerifier;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custody and mass balance ({@link LotRules}): judged on append, derived into LOT_STATE, re-judged
 * by verify.
 */
class CustodyRulesTest {
  private static final LotId COPPER = new LotId("urn:epc:class:lgtin:4012345.012345.CU-7");
  private static final LotId CATHODE = new LotId("urn:epc:class:lgtin:4098765.054321.CATH-1");
  private static final LotId CELLS = new LotId("urn:epc:class:lgtin:4098765.054321.CELL-1");
  private static final OffsetDateTime T = TestChain.T0.plusDays(10);

  private final TestChain chain = new TestChain();
  private final ActorSigner smelter = TestChain.signer("urn:lotledger:actor:smelter", 7);
  private final ActorSigner trader = TestChain.signer("urn:lotledger:actor:trader", 8);
  private InMemoryLedgerStore store;
  private Ledger ledger;

  @BeforeEach
  void setUp() throws Exception {
    store = new InMemoryLedgerStore();
    ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.registerActors(ledger);
    ledger.append(
        new RegistryEvent.ActorRegistered(smelter.actor(), "Smelter", smelter.publicKey(), T),
        chain.root);
    ledger.append(
        new RegistryEvent.ActorRegistered(trader.actor(), "Trader", trader.publicKey(), T),
        chain.root);
    // The smelter commissions 10 t of copper concentrate.
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(COPPER.uri(), "10", "TNE")),
            null,
            T,
            EventContext.of("commissioning", "active")),
        smelter);
  }

  @Test
  void testChain_statesAddUpAfterShippingReceivingAndSmelting() throws Exception {
    try (Ledger l = chain.populatedLedger()) {
      LotState oreA = l.lotState(TestChain.ORE_A).orElseThrow();
      LotState oreB = l.lotState(TestChain.ORE_B).orElseThrow();
      LotState sulphate = l.lotState(TestChain.SULPHATE).orElseThrow();
      // ORE_B: 2.5 TNE commissioned, shipped and received as 2500 KGM, consumed as 2.5 TNE: all in
      // kilograms.
      assertThat(oreB.unit()).isEqualTo("KGM");
      assertThat(oreB.produced()).isEqualByComparingTo("2500");
      assertThat(oreB.consumed()).isEqualByComparingTo("2500");
      assertThat(oreB.balance()).isEqualByComparingTo("0");
      assertThat(oreB.holdings()).isEmpty();
      assertThat(oreA.inTransit()).isEmpty();
      assertThat(sulphate.holdings()).containsOnlyKeys(chain.refinery.actor());
      assertThat(sulphate.held(chain.refinery.actor())).isEqualByComparingTo("600");
      assertThat(l.lotState(new LotId("urn:epc:class:lgtin:4012345.012345.NEVER"))).isEmpty();
    }
  }

  @Test
  void overConsumption_isRejectedAndChangesNothing() throws Exception {
    Map<Table, List<String>> before = StoreSnapshot.of(store);

    assertThatThrownBy(() -> ledger.append(smelt("10.001", "TNE"), smelter))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE);
              assertThat(e.finding().lot()).isEqualTo(COPPER);
              assertThat(e.finding().expected()).isEqualTo("at most 10000 KGM");
              assertThat(e.finding().actual()).isEqualTo("10001 KGM");
            });
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);

    ledger.append(smelt("9000", "KGM"), smelter); // within the balance: accepted
    assertThat(ledger.lotState(COPPER).orElseThrow().held(smelter.actor()))
        .isEqualByComparingTo("1000");
    assertThatThrownBy(
            () ->
                ledger.append(
                    smelt("1000.5", "KGM"), smelter)) // the rest, plus half a kilo: a double spend
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE));
  }

  @Test
  void massAndCountNeverMix_andMassUnitsConvert() throws Exception {
    Map<Table, List<String>> before = StoreSnapshot.of(store);
    assertThatThrownBy(() -> ledger.append(smelt("3", "H87"), smelter))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.UNIT_MISMATCH);
              assertThat(e.finding().detail()).contains("KGM (MASS)").contains("H87 (COUNT)");
            });
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);

    ledger.append(smelt("2500000", "GRM"), smelter); // 2.5 t in grams
    assertThat(ledger.lotState(COPPER).orElseThrow().consumed()).isEqualByComparingTo("2500");
    assertThat(ledger.lotState(CATHODE).orElseThrow().produced()).isEqualByComparingTo("8000");
  }

  @Test
  void recommissioningALot_redeclaresItsMasterData_butAddsNoMaterial() throws Exception {
    Event again =
        ObjectEvent.add(
            List.of(LotQuantity.of(COPPER.uri(), "5", "TNE")), null, T.plusHours(1), null);
    assertThatThrownBy(() -> ledger.append(again, smelter))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE));
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(COPPER)),
            io.lotledger.event.LotMasterData.NONE.withOrigin("CL", null),
            T.plusHours(1),
            null),
        smelter);
    assertThat(ledger.lotState(COPPER).orElseThrow().produced()).isEqualByComparingTo("10000");
  }

  @Test
  void aTransformationMustStateWhatItConsumes() throws Exception {
    Event noQuantity =
        TransformationEvent.of(
            List.of(LotQuantity.of(COPPER)),
            List.of(LotQuantity.of(CATHODE.uri(), "1", "TNE")),
            null,
            T.plusHours(1),
            null);
    assertThatThrownBy(() -> ledger.append(noQuantity, smelter))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.UNIT_MISMATCH));
  }

  @Test
  void onlyACustodianConsumesShipsOrDestroysALot() throws Exception {
    Map<Table, List<String>> before = StoreSnapshot.of(store);
    for (Event e :
        List.of(
            smelt("1", "TNE"),
            ship(COPPER, "1", trader.actor(), T.plusHours(1)),
            ObjectEvent.delete(List.of(LotQuantity.of(COPPER)), T.plusHours(1), null),
            new AggregationEvent(
                Action.ADD,
                new LotId("urn:epc:id:sscc:4012345.0000000001"),
                List.of(LotQuantity.of(COPPER)),
                T.plusHours(1),
                null))) {
      assertThatThrownBy(() -> ledger.append(e, trader))
          .as(e.getClass().getSimpleName())
          .isInstanceOfSatisfying(
              AppendRejectedException.class,
              ex -> {
                assertThat(ex.finding().failure()).isEqualTo(Failure.CUSTODY);
                assertThat(ex.finding().lot()).isEqualTo(COPPER);
                assertThat(ex.finding().expected()).contains(smelter.actor().uri());
              });
    }
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    // Anyone may observe (an inspection changes nothing).
    ledger.append(
        ObjectEvent.observe(
            List.of(LotQuantity.of(COPPER)),
            T.plusHours(2),
            EventContext.of("inspecting", "conformant")),
        trader);
  }

  @Test
  void partialShipment_splitsCustody_andEachHolderSpendsOnlyItsOwnShare() throws Exception {
    Entry shipped = ledger.append(ship(COPPER, "4", trader.actor(), T.plusHours(1)), smelter);
    LotState inTransit = ledger.lotState(COPPER).orElseThrow();
    assertThat(inTransit.held(smelter.actor())).isEqualByComparingTo("6000");
    assertThat(inTransit.inTransit()).containsOnlyKeys(shipped.hash());
    assertThat(inTransit.balance()).isEqualByComparingTo("10000");

    // The trader cannot use goods still in transit.
    assertThatThrownBy(
            () -> ledger.append(ship(COPPER, "1", chain.refinery.actor(), T.plusHours(2)), trader))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.CUSTODY));

    ledger.append(receive(COPPER, null, shipped.hash(), T.plusHours(3)), trader);
    LotState received = ledger.lotState(COPPER).orElseThrow();
    assertThat(received.holdings()).containsOnlyKeys(smelter.actor(), trader.actor());
    assertThat(received.held(trader.actor())).isEqualByComparingTo("4000");
    assertThat(received.inTransit()).isEmpty();

    ledger.append(smelt("6", "TNE"), smelter); // the smelter uses all it kept
    assertThatThrownBy(() -> ledger.append(smelt("1", "KGM"), smelter))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.CUSTODY));
    Event traderShipsOut =
        ship(COPPER, "4", new ActorId("urn:epc:id:pgln:9999999.00000"), T.plusHours(5));
    ledger.append(traderShipsOut, trader); // to a party outside the ledger: the goods leave it
    LotState after = ledger.lotState(COPPER).orElseThrow();
    assertThat(after.shippedOut()).isEqualByComparingTo("4000");
    assertThat(after.consumed()).isEqualByComparingTo("6000");
    assertThat(after.balance()).isEqualByComparingTo("0");
    ledger.verify();
  }

  @Test
  void receipts_mustReferenceAShipmentAddressedToTheReceiver_forAtMostWhatItCarries()
      throws Exception {
    Entry shipped = ledger.append(ship(COPPER, "4", trader.actor(), T.plusHours(1)), smelter);
    Map<Table, List<String>> before = StoreSnapshot.of(store);

    assertThatThrownBy(() -> ledger.append(receive(COPPER, "4", null, T.plusHours(2)), trader))
        .as("a receipt without its shipment would count the delivery twice")
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.BAD_RECEIPT);
              assertThat(e.finding().expected()).isEqualTo("shipment " + shipped.hash().toNi());
            });
    assertThatThrownBy(
            () ->
                ledger.append(
                    receive(COPPER, null, shipped.hash(), T.plusHours(2)), chain.refinery))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.CUSTODY);
              assertThat(e.finding().expected()).isEqualTo(trader.actor().uri());
            });
    assertThatThrownBy(
            () -> ledger.append(receive(COPPER, "4.5", shipped.hash(), T.plusHours(2)), trader))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE));
    EntryHash notAShipment = ledger.entry(1).orElseThrow().hash();
    assertThatThrownBy(
            () -> ledger.append(receive(COPPER, "1", notAShipment, T.plusHours(2)), trader))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.BAD_RECEIPT));
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);

    // Two partial receipts of one shipment: 1.5 t, then the rest (no quantity: all still in
    // transit).
    ledger.append(receive(COPPER, "1.5", shipped.hash(), T.plusHours(3)), trader);
    assertThat(ledger.lotState(COPPER).orElseThrow().inTransit().get(shipped.hash()).amount())
        .isEqualByComparingTo("2500");
    ledger.append(receive(COPPER, null, shipped.hash(), T.plusHours(4)), trader);
    assertThat(ledger.lotState(COPPER).orElseThrow().held(trader.actor()))
        .isEqualByComparingTo("4000");
    assertThatThrownBy(
            () -> ledger.append(receive(COPPER, null, shipped.hash(), T.plusHours(5)), trader))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.BAD_RECEIPT));
  }

  @Test
  void goodsFromOutsideTheLedger_openALotHeldByTheReceiver() throws Exception {
    LotId imported = new LotId("urn:epc:class:lgtin:4000001.000001.IMPORT-1");
    ledger.append(receive(imported, "0.75", null, T.plusHours(1)), trader);
    LotState s = ledger.lotState(imported).orElseThrow();
    assertThat(s.received()).isEqualByComparingTo("750");
    assertThat(s.unit()).isEqualTo("KGM");
    assertThat(s.held(trader.actor())).isEqualByComparingTo("750");
    assertThat(s.produced()).isEqualByComparingTo(BigDecimal.ZERO);
    LotId another = new LotId("urn:epc:class:lgtin:4000001.000001.IMPORT-2");
    assertThatThrownBy(() -> ledger.append(receive(another, "0", null, T.plusHours(2)), smelter))
        .as("a receipt from outside of nothing")
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.UNIT_MISMATCH));
    // Without a quantity the receipt only sees an external lot arrive (serialised items in an EPCIS
    // import): recorded, but nobody becomes its custodian and the lot stays external.
    ledger.append(receive(another, null, null, T.plusHours(3)), smelter);
    assertThat(ledger.lotState(another)).isEmpty();
    assertThat(ledger.history(another)).hasSize(1);
  }

  @Test
  void nobodyReceivesATrackedLotFromOutside_soNobodyTakesAnothersLotOrCountsADeliveryTwice()
      throws Exception {
    Map<Table, List<String>> before = StoreSnapshot.of(store);
    for (String tonnes : new String[] {"0", "10"}) {
      assertThatThrownBy(() -> ledger.append(receive(COPPER, tonnes, null, T.plusHours(1)), trader))
          .as("the trader 'receives' %s t of the smelter's copper from outside", tonnes)
          .isInstanceOfSatisfying(
              AppendRejectedException.class,
              e -> assertThat(e.finding().failure()).isEqualTo(Failure.BAD_RECEIPT));
    }
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    // A holder's own arrival record at another site changes nothing.
    ledger.append(receive(COPPER, "10", null, T.plusHours(2)), smelter);
    assertThat(ledger.lotState(COPPER).orElseThrow().held(smelter.actor()))
        .isEqualByComparingTo("10000");
  }

  @Test
  void zeroMovesGrantNoCustody() throws Exception {
    Entry shipped = ledger.append(ship(COPPER, "0", trader.actor(), T.plusHours(1)), smelter);
    ledger.append(receive(COPPER, null, shipped.hash(), T.plusHours(2)), trader);
    assertThat(ledger.lotState(COPPER).orElseThrow().holds(trader.actor())).isFalse();
    assertThatThrownBy(
            () ->
                ledger.append(
                    ObjectEvent.add(
                        List.of(LotQuantity.of(COPPER)),
                        io.lotledger.event.LotMasterData.NONE.withOrigin("RU", null),
                        T.plusHours(3),
                        null),
                    trader))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.CUSTODY));
  }

  @Test
  void aLotWithoutAQuantity_neverGainsOrLosesOne_andCountsConvertAmongThemselves()
      throws Exception {
    LotId drum = new LotId("urn:epc:id:sgtin:4012345.012345.DRUM-1");
    ledger.append(
        ObjectEvent.add(List.of(LotQuantity.of(drum)), null, T.plusHours(1), null), smelter);
    assertThatThrownBy(
            () -> ledger.append(ship(drum, "5", trader.actor(), T.plusHours(2)), smelter))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.UNIT_MISMATCH));

    LotId parts = new LotId("urn:epc:class:lgtin:4012345.012345.PARTS-1");
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(parts.uri(), "10", "H87")), null, T.plusHours(1), null),
        smelter);
    ledger.append(
        ObjectEvent.delete(List.of(LotQuantity.of(parts.uri(), "4", "NAR")), T.plusHours(2), null),
        smelter);
    assertThat(ledger.lotState(parts).orElseThrow().held(smelter.actor()))
        .isEqualByComparingTo("6");
  }

  @Test
  void thePossessingPartyDecides_aMoveBetweenTheSignersOwnSitesKeepsCustody() throws Exception {
    Event ownSites =
        new TransactionEvent(
            Action.ADD,
            List.of(LotQuantity.of(COPPER.uri(), "4", "TNE")),
            T.plusHours(1),
            EventContext.of("shipping", "in_transit")
                .withBizTransactions(
                    List.of(
                        new BizTransaction("desadv", "urn:epcglobal:cbv:bt:4012345000009:DA-10")))
                .withDestinations(
                    List.of(
                        new Party("possessing_party", smelter.actor().uri()),
                        new Party("owning_party", trader.actor().uri()))));
    ledger.append(ownSites, smelter);
    LotState s = ledger.lotState(COPPER).orElseThrow();
    assertThat(s.held(smelter.actor())).isEqualByComparingTo("10000");
    assertThat(s.inTransit()).isEmpty();

    Event toACarrierOutside =
        new TransactionEvent(
            Action.ADD,
            List.of(LotQuantity.of(COPPER.uri(), "4", "TNE")),
            T.plusHours(2),
            EventContext.of("shipping", "in_transit")
                .withBizTransactions(
                    List.of(
                        new BizTransaction("desadv", "urn:epcglobal:cbv:bt:4012345000009:DA-11")))
                .withDestinations(
                    List.of(
                        new Party("possessing_party", "urn:epc:id:pgln:9999999.00000"),
                        new Party("owning_party", trader.actor().uri()))));
    ledger.append(toACarrierOutside, smelter);
    assertThat(ledger.lotState(COPPER).orElseThrow().shippedOut()).isEqualByComparingTo("4000");
  }

  @Test
  void aLotNeverCreatedHere_isExternal_andMayBeDrawnFrom() throws Exception {
    LotId external = new LotId("urn:epc:class:lgtin:4000001.000001.EXT-9");
    Event drawn =
        TransformationEvent.of(
            List.of(LotQuantity.of(external.uri(), "5", "KGM")),
            List.of(LotQuantity.of(CELLS.uri(), "100", "H87")),
            null,
            T.plusHours(1),
            null);
    ledger.append(drawn, trader);
    assertThat(ledger.lotState(external)).isEmpty();
    assertThat(ledger.lotState(CELLS).orElseThrow().held(trader.actor()))
        .isEqualByComparingTo("100");
  }

  @Test
  void verify_reportsAnOverConsumptionForcedIntoTheStoreBehindTheApi() throws Exception {
    long index = ledger.size();
    forceIn(smelt("11", "TNE"), smelter, index);

    List<Finding> findings = new ChainVerifier(store).audit();
    assertThat(findings)
        .first()
        .satisfies(
            f -> {
              assertThat(f.failure()).isEqualTo(Failure.MASS_BALANCE);
              assertThat(f.index()).isEqualTo(index);
              assertThat(f.lot()).isEqualTo(COPPER);
            });
    assertThatThrownBy(ledger::verify)
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE));
  }

  @Test
  void verify_reportsACustodyViolationForcedIntoTheStore_andANonCustodianShipmentAfterIt()
      throws Exception {
    long index = ledger.size();
    forceIn(ship(COPPER, "10", trader.actor(), T.plusHours(1)), trader, index);

    assertThat(new ChainVerifier(store).audit())
        .first()
        .satisfies(
            f -> {
              assertThat(f.failure()).isEqualTo(Failure.CUSTODY);
              assertThat(f.index()).isEqualTo(index);
            });
  }

  @Test
  void verify_reportsAForgedLotStateRecord() throws Exception {
    ledger.append(smelt("1", "TNE"), smelter);
    LotState real = ledger.lotState(COPPER).orElseThrow();
    LotState forged =
        real.produce(smelter.actor(), new BigDecimal("5000")); // 5 t conjured from nothing
    StoreTampering.tamper(
        store, Table.LOT_STATE, StoreLayout.lotStateKey(COPPER), StoreLayout.lotStateValue(forged));

    assertThatThrownBy(ledger::verify)
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.STORE_MISMATCH);
              assertThat(e.finding().lot()).isEqualTo(COPPER);
              assertThat(e.finding().detail()).contains("lotstate record");
            });
  }

  @Test
  void aLotProcessedInPlace_isConsumedThenProduced_keepsItsCustodian_andIsNotItsOwnParent()
      throws Exception {
    // The smelter draws all 10 t and returns 9.5 t of the same lot, plus 0.5 t of cathode.
    Event inPlace =
        TransformationEvent.of(
            List.of(LotQuantity.of(COPPER.uri(), "10", "TNE")),
            List.of(
                LotQuantity.of(COPPER.uri(), "9.5", "TNE"),
                LotQuantity.of(CATHODE.uri(), "0.5", "TNE")),
            null,
            T.plusHours(1),
            EventContext.of("commissioning", "active"));
    ledger.append(inPlace, smelter);

    LotState copper = ledger.lotState(COPPER).orElseThrow();
    assertThat(copper.consumed()).isEqualByComparingTo("10000");
    assertThat(copper.produced()).isEqualByComparingTo("19500");
    assertThat(copper.holdings()).containsOnlyKeys(smelter.actor());
    assertThat(copper.held(smelter.actor())).isEqualByComparingTo("9500");
    assertThat(ledger.parents(COPPER)).isEmpty();
    assertThat(ledger.ancestors(COPPER)).doesNotContain(COPPER);
    assertThat(ledger.parents(CATHODE)).containsExactly(COPPER);
    assertThat(ledger.children(COPPER)).containsExactly(CATHODE);
    // Only the custodian may process a lot in place, and not beyond what it holds.
    assertThatThrownBy(() -> ledger.append(inPlace, trader))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.CUSTODY));
    ledger.verify();
  }

  @Test
  void importedEvents_moveNoCustodyNorBalance_andLotsTheyAloneNameStayExternal() throws Exception {
    LotState copperBefore = ledger.lotState(COPPER).orElseThrow();
    LotId foreign = new LotId("urn:epc:class:lgtin:4098765.054321.FOREIGN-1");
    // Another system's records, imported by the trader: a commissioning, then a draw of 20 t of
    // copper
    // (twice what the smelter holds here, by someone who holds none). The trader vouches for the
    // records only.
    Event commissioned =
        ObjectEvent.add(
            List.of(LotQuantity.of(foreign.uri(), "3", "TNE")),
            null,
            T.plusHours(1),
            EventContext.of("commissioning", "active").asImported());
    Event drawn =
        TransformationEvent.of(
            List.of(
                LotQuantity.of(COPPER.uri(), "20", "TNE"),
                LotQuantity.of(foreign.uri(), "5", "TNE")),
            List.of(LotQuantity.of(CELLS.uri(), "25", "TNE")),
            null,
            T.plusHours(2),
            EventContext.of("commissioning", "active").asImported());
    ledger.appendAll(List.of(commissioned, drawn), trader);

    assertThat(ledger.lotState(COPPER)).contains(copperBefore);
    assertThat(ledger.lotState(foreign)).isEmpty();
    assertThat(ledger.lotState(CELLS)).isEmpty();
    assertThat(ledger.parents(CELLS)).containsExactlyInAnyOrder(COPPER, foreign);
    // The import made the trader custodian of nothing: its own events are judged as before.
    assertThatThrownBy(() -> ledger.append(smelt("1", "TNE"), trader))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.CUSTODY));
    assertThat(ledger.entry(ledger.size() - 1).orElseThrow().event().context().imported()).isTrue();
    // When the ledger's own actor takes delivery of an imported lot, custody starts at that
    // receipt.
    ledger.append(receive(foreign, "3", null, T.plusHours(3)), trader);
    assertThat(ledger.lotState(foreign).orElseThrow().held(trader.actor()))
        .isEqualByComparingTo("3000");

    // A tracked lot takes imported additions (material, master data) only from its custodians: the
    // receiver may import its supplier's records; nobody else may feed the lot's roll-up.
    Map<Table, List<String>> before = StoreSnapshot.of(store);
    Event supplierRecord =
        ObjectEvent.add(
            List.of(LotQuantity.of(foreign)),
            io.lotledger.event.LotMasterData.NONE.withOrigin("CL", null),
            T.plusHours(4),
            EventContext.of("commissioning", "active").asImported());
    Event fakeOutput =
        TransformationEvent.of(
            List.of(LotQuantity.of(CELLS.uri(), "1", "TNE")),
            List.of(LotQuantity.of(COPPER.uri(), "20", "TNE")),
            null,
            T.plusHours(4),
            EventContext.of("commissioning", "active").asImported());
    for (Event e : List.of(supplierRecord, fakeOutput)) {
      assertThatThrownBy(() -> ledger.append(e, e == fakeOutput ? trader : smelter))
          .isInstanceOfSatisfying(
              AppendRejectedException.class,
              ex -> {
                assertThat(ex.finding().failure()).isEqualTo(Failure.CUSTODY);
                assertThat(ex.finding().detail())
                    .contains("an imported record of it cannot add to it");
              });
    }
    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    ledger.append(supplierRecord, trader);
    ledger.verify();
  }

  @Test
  void lotState_roundTripsThroughItsStoredForm() throws Exception {
    Entry shipped = ledger.append(ship(COPPER, "4", trader.actor(), T.plusHours(1)), smelter);
    LotState s = ledger.lotState(COPPER).orElseThrow();
    assertThat(StoreLayout.lotState(StoreLayout.lotStateValue(s))).isEqualTo(s);
    assertThat(s.inTransit().get(shipped.hash()).receiver()).isEqualTo(trader.actor());
    assertThatThrownBy(() -> StoreLayout.lotState(new byte[] {0x12, 0x02, '-', '1'}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
  }

  // ---------------------------------------------------------------- helpers

  private static Event smelt(String amount, String unit) {
    return TransformationEvent.of(
        List.of(LotQuantity.of(COPPER.uri(), amount, unit)),
        List.of(LotQuantity.of(CATHODE.uri(), "8", "TNE")),
        null,
        T.plusHours(1),
        EventContext.of("commissioning", "active"));
  }

  private static Event ship(LotId lot, String tonnes, ActorId to, OffsetDateTime at) {
    return new TransactionEvent(
        Action.ADD,
        List.of(LotQuantity.of(lot.uri(), tonnes, "TNE")),
        at,
        EventContext.of("shipping", "in_transit")
            .withBizTransactions(
                List.of(new BizTransaction("desadv", "urn:epcglobal:cbv:bt:4012345000009:DA-9")))
            .withDestinations(List.of(new Party("urn:epcglobal:cbv:sdt:owning_party", to.uri()))));
  }

  private static Event receive(LotId lot, String tonnes, EntryHash shipment, OffsetDateTime at) {
    EventContext context =
        EventContext.of("https://ref.gs1.org/cbv/BizStep-receiving", "in_progress");
    if (shipment != null) {
      context = context.withShipment(shipment.toNi());
    }
    LotQuantity q = tonnes == null ? LotQuantity.of(lot) : LotQuantity.of(lot.uri(), tonnes, "TNE");
    return ObjectEvent.observe(List.of(q), at, context);
  }

  /**
   * Signs {@code event} linked to the current heads and writes it with its derived records, judging
   * nothing.
   */
  private void forceIn(Event event, ActorSigner signer, long index) throws Exception {
    Map<LotId, EntryHash> heads = new java.util.HashMap<>();
    for (LotId lot : event.lots()) {
      byte[] h = store.get(Table.HEADS, StoreLayout.headKey(lot));
      if (h != null) {
        heads.put(lot, EntryHash.of(h));
      }
    }
    EntryBody body =
        EntryBody.of(TestChain.ORIGIN, signer.actor(), signer.publicKey(), event, heads::get);
    SignedEntry forged = EntryCodec.sign(body, signer.signer());
    WriteBatch batch = new WriteBatch();
    Transition.apply(
        forged,
        index,
        new StoredLedger(store),
        StoredLedger.changes(batch)); // a broken entry: its moves take no effect
    store.write(batch, false);
  }
}
