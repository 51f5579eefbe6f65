package io.lotledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.entry.Entry;
import io.lotledger.event.Action;
import io.lotledger.event.AssociationEvent;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.spi.Table;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.testing.StoreSnapshot;
import io.lotledger.testing.TestChain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** All-or-nothing batches ({@link Ledger#appendAll}), EPCIS event IDs and association events. */
class BatchAppendTest {
  private static final LotId PALLET = new LotId("https://id.gs1.org/00/340123453111111115");
  private static final LotId LOGGER = new LotId("https://id.gs1.org/8004/4012345LOGGER-7");
  private final TestChain chain = new TestChain();
  private InMemoryLedgerStore store;
  private Ledger ledger;

  @BeforeEach
  void setUp() throws Exception {
    store = new InMemoryLedgerStore();
    ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
  }

  @AfterEach
  void tearDown() throws Exception {
    ledger.close();
  }

  private static ObjectEvent commission(LotId lot, String kg, int hours, String eventId) {
    return ObjectEvent.add(
        List.of(LotQuantity.of(lot.uri(), kg, "KGM")),
        null,
        TestChain.T0.plusDays(10).plusHours(hours),
        EventContext.of("commissioning", "active").withEventId(eventId));
  }

  @Test
  void appendAll_storesEveryEventInOrder_eachLinkedToTheOneBefore() throws Exception {
    LotId lot = new LotId("urn:lotledger:test:batch-1");
    long before = ledger.size();
    List<Entry> entries =
        ledger.appendAll(
            List.of(
                commission(lot, "10", 1, "urn:uuid:00000000-0000-4000-8000-000000000001"),
                ObjectEvent.observe(
                    List.of(LotQuantity.of(lot)),
                    TestChain.T0.plusDays(10).plusHours(2),
                    EventContext.of("inspecting", null))),
            chain.mine);

    assertThat(entries).extracting(Entry::index).containsExactly(before, before + 1);
    assertThat(entries.get(1).signed().body().links().get(0).prev())
        .isEqualTo(entries.get(0).hash());
    assertThat(ledger.size()).isEqualTo(before + 2);
    assertThat(ledger.entryByEventId("urn:uuid:00000000-0000-4000-8000-000000000001"))
        .map(Entry::hash)
        .contains(entries.get(0).hash());
    ledger.verify();
  }

  @Test
  void appendAll_returnsTheEntriesAsStored_inAnImmutableList() throws Exception {
    List<Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(commission(new LotId("urn:lotledger:test:batch-many-" + i), "1", i, null));
    }
    List<Entry> entries = ledger.appendAll(events, chain.mine);

    assertThat(entries).hasSize(50);
    for (Entry e : entries) {
      Entry stored = ledger.entry(e.index()).orElseThrow();
      assertThat(e.hash()).isEqualTo(stored.hash());
      assertThat(e.signed().encoded()).isEqualTo(stored.signed().encoded());
      assertThat(e.event()).isEqualTo(stored.event());
    }
    assertThatThrownBy(() -> entries.set(0, entries.get(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    ledger.verify();
  }

  @Test
  void appendAll_rejectsTheWholeBatch_whenOneEventBreaksARule_andLeavesTheStoreAsItWas()
      throws Exception {
    LotId lot = new LotId("urn:lotledger:test:batch-2");
    Map<Table, List<String>> snapshot = StoreSnapshot.of(store);
    long size = ledger.size();
    // The second event destroys more than was commissioned by the first: the first must not stay.
    Event overdraw =
        ObjectEvent.delete(
            List.of(LotQuantity.of(lot.uri(), "11", "KGM")),
            TestChain.T0.plusDays(10).plusHours(2),
            EventContext.of("destroying", null));

    assertThatThrownBy(
            () -> ledger.appendAll(List.of(commission(lot, "10", 1, null), overdraw), chain.mine))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.position()).isEqualTo(1);
              assertThat(e.finding().failure()).isEqualTo(Failure.MASS_BALANCE);
              assertThat(e.getMessage()).contains("batch rejected at event 1");
            });
    assertThat(ledger.size()).isEqualTo(size);
    assertThat(ledger.head(lot)).isEmpty();
    assertThat(StoreSnapshot.of(store)).isEqualTo(snapshot);
  }

  @Test
  void anEventIdIsCarriedOnce_aRepeatIsRefused_evenInsideOneBatch() throws Exception {
    String id =
        "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0";
    Entry first =
        ledger.append(commission(new LotId("urn:lotledger:test:batch-3"), "5", 1, id), chain.mine);
    assertThat(ledger.entryByEventId(id)).map(Entry::hash).contains(first.hash());
    assertThat(ledger.entryByEventId(TestChain.ORE_B_EVENT_ID)).map(Entry::index).contains(4L);
    assertThat(ledger.entryByEventId("urn:uuid:unknown")).isEmpty();

    Map<Table, List<String>> snapshot = StoreSnapshot.of(store);
    assertThatThrownBy(
            () ->
                ledger.append(
                    commission(new LotId("urn:lotledger:test:batch-4"), "5", 2, id), chain.mine))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.DUPLICATE_EVENT_ID));
    String twice = "urn:uuid:00000000-0000-4000-8000-000000000002";
    assertThatThrownBy(
            () ->
                ledger.appendAll(
                    List.of(
                        commission(new LotId("urn:lotledger:test:batch-5"), "5", 3, twice),
                        commission(new LotId("urn:lotledger:test:batch-6"), "5", 4, twice)),
                    chain.mine))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.position()).isEqualTo(1);
              assertThat(e.finding().failure()).isEqualTo(Failure.DUPLICATE_EVENT_ID);
            });
    assertThat(StoreSnapshot.of(store)).isEqualTo(snapshot);
    ledger.verify();
  }

  @Test
  void associationEvents_andUntypedBusinessTransactions_roundTripAndVerify() throws Exception {
    Entry associated =
        ledger.append(
            new AssociationEvent(
                Action.ADD,
                PALLET,
                List.of(LotQuantity.of(LOGGER)),
                TestChain.T0.plusDays(11),
                EventContext.of("assembling", null)),
            chain.refinery);
    Entry untyped =
        ledger.append(
            new TransactionEvent(
                Action.ADD,
                List.of(LotQuantity.of(TestChain.SULPHATE)),
                TestChain.T0.plusDays(12),
                EventContext.EMPTY.withBizTransactions(
                    List.of(new BizTransaction(null, "urn:epcglobal:cbv:bt:4098765000003:PO-77")))),
            chain.refinery);

    Event a = ledger.entry(associated.index()).orElseThrow().event();
    assertThat(a)
        .isInstanceOfSatisfying(
            AssociationEvent.class,
            e -> {
              assertThat(e.parent()).isEqualTo(PALLET);
              assertThat(e.children()).extracting(LotQuantity::lot).containsExactly(LOGGER);
            });
    assertThat(ledger.history(LOGGER)).extracting(Entry::index).containsExactly(associated.index());
    assertThat(
            ledger
                .entry(untyped.index())
                .orElseThrow()
                .event()
                .context()
                .bizTransactions()
                .get(0)
                .type())
        .isNull();
    ledger.verify();
  }
}
