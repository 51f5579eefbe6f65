package io.lotledger.examples.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.rules.LotState;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticChainTest {
  /**
   * The genesis entry carries the ledger's clock; fixed, two runs can be compared entry by entry.
   */
  private static final LedgerOptions FIXED =
      LedgerOptions.DEFAULT.withClock(InstantSource.fixed(Instant.parse("2026-01-04T00:00:00Z")));

  private record Recorded(
      SyntheticChain.Summary summary, List<Entry> entries, List<Long> polls, Ledger ledger) {}

  /**
   * Records a chain in memory, verifies it, and returns its entries; the ledger is left open for
   * queries.
   */
  private static Recorded record(long entries, int lots, int threads) throws LedgerException {
    return record(entries, lots, threads, SyntheticChain.Mix.BENCH);
  }

  private static Recorded record(long entries, int lots, int threads, SyntheticChain.Mix mix)
      throws LedgerException {
    Ledger ledger =
        Ledger.inMemory()
            .options(FIXED)
            .create(SyntheticChain.ORIGIN, SyntheticChain.root(), SyntheticChain.rootName());
    List<Long> polls = new ArrayList<>();
    SyntheticChain.Summary summary =
        new SyntheticChain(entries, lots, threads, mix).record(ledger, polls::add);
    ledger.verify();
    List<Entry> all = new ArrayList<>();
    for (long i = 0; i < ledger.size(); i++) {
      all.add(ledger.entry(i).orElseThrow());
    }
    return new Recorded(summary, all, polls, ledger);
  }

  @Test
  void record_appendsExactlyTheEntriesAskedFor_withTheShapeOfASupplyChain() throws LedgerException {
    Recorded r = record(600, 12, 3);

    try (Ledger ledger = r.ledger()) {
      assertThat(ledger.size()).isEqualTo(600);
      assertThat(r.summary().entries()).isEqualTo(600);
      assertThat(r.polls()).last().isEqualTo(600L);
      List<Event> events = r.entries().stream().map(Entry::event).toList();

      assertThat(events.subList(0, 7)).allMatch(e -> e instanceof RegistryEvent.ActorRegistered);
      List<ObjectEvent> commissions =
          events.stream()
              .filter(e -> e instanceof ObjectEvent o && o.action() == Action.ADD)
              .map(ObjectEvent.class::cast)
              .toList();
      assertThat(commissions).hasSize(12).allMatch(c -> !c.ilmd().isEmpty());
      assertThat(r.summary().originLots()).isEqualTo(12);

      List<TransformationEvent> transformations =
          events.stream()
              .filter(TransformationEvent.class::isInstance)
              .map(TransformationEvent.class::cast)
              .toList();
      assertThat(transformations)
          .hasSize((int) r.summary().derivedLots())
          .isNotEmpty()
          .allMatch(
              t -> t.inputs().size() >= 2 && t.inputs().size() <= 4 && t.outputs().size() == 1);
      assertThat(events)
          .filteredOn(e -> e instanceof ObjectEvent o && o.action() == Action.OBSERVE)
          .isNotEmpty();
      assertThat(events)
          .filteredOn(TransactionEvent.class::isInstance)
          .isNotEmpty()
          .allMatch(e -> !((TransactionEvent) e).context().bizTransactions().isEmpty());
      assertThat(ledger.lots()).hasSize((int) (12 + r.summary().derivedLots()));

      // Lots are made of lots that were made of lots: ancestry of varying depth, never beyond the
      // chain's length.
      assertThat(r.summary().maxDepth()).isBetween(2, SyntheticChain.MAX_DEPTH);
      Set<Integer> depths = new HashSet<>();
      Map<LotId, Integer> known = new HashMap<>();
      for (TransformationEvent t : transformations) {
        depths.add(depth(ledger, t.outputs().get(0).lot(), known));
      }
      assertThat(depths)
          .hasSizeGreaterThan(1)
          .allMatch(d -> d >= 1 && d <= SyntheticChain.MAX_DEPTH)
          .contains(r.summary().maxDepth());
    }
  }

  @Test
  void record_everyEventIsHonest_goodsMoveByShipmentAndReceiptToTheCompanyThatTransformsThem()
      throws LedgerException {
    Recorded r = record(4000, 60, 4); // record() has verified the whole ledger

    try (Ledger ledger = r.ledger()) {
      assertThat(ledger.audit()).isEmpty();
      Set<String> registered = new HashSet<>();
      Map<EntryHash, Entry> byHash = new HashMap<>();
      for (Entry e : r.entries()) {
        byHash.put(e.hash(), e);
        if (e.event() instanceof RegistryEvent.ActorRegistered a) {
          registered.add(a.actor().uri());
        }
      }
      List<Entry> shipments =
          r.entries().stream()
              .filter(e -> "shipping".equals(e.event().context().bizStep()))
              .toList();
      List<Entry> receipts =
          r.entries().stream()
              .filter(e -> "receiving".equals(e.event().context().bizStep()))
              .toList();
      List<Entry> transformations =
          r.entries().stream().filter(e -> e.event() instanceof TransformationEvent).toList();
      assertThat(transformations).hasSizeGreaterThan(400);
      assertThat(receipts).hasSizeGreaterThan(200);

      // Every receipt takes delivery of a shipment addressed to its signer, of the lot and amount
      // shipped.
      for (Entry receipt : receipts) {
        Entry shipment = byHash.get(EntryHash.fromNi(receipt.event().context().shipment()));
        assertThat(shipment).as("shipment of %s", receipt.hash()).isNotNull();
        assertThat(shipment.index()).isLessThan(receipt.index());
        assertThat(shipment.event().context().destinations())
            .extracting(Party::id)
            .containsExactly(receipt.body().actor().uri());
        assertThat(((ObjectEvent) receipt.event()).quantities())
            .isEqualTo(((TransactionEvent) shipment.event()).quantities());
      }
      // Finished products leave the ledger: shipped by the cell maker to a party that is not an
      // actor here.
      List<Entry> shippedOut =
          shipments.stream()
              .filter(e -> !registered.contains(e.event().context().destinations().get(0).id()))
              .toList();
      assertThat(shippedOut).isNotEmpty();
      for (Entry e : shippedOut) {
        LotState state = ledger.lotState(e.event().lots().get(0)).orElseThrow();
        assertThat(state.shippedOut()).isPositive();
      }
      // Whoever ships or transforms a lot acquired it first: commissioned or made it, or received
      // it.
      Map<LotId, Set<String>> acquiredBy = new HashMap<>();
      Set<LotId> received = new HashSet<>();
      int transformedReceived = 0;
      for (Entry e : r.entries()) {
        String signer = e.body().actor().uri();
        if (e.event() instanceof TransformationEvent t) {
          for (LotQuantity in : t.inputs()) {
            assertThat(acquiredBy.get(in.lot()))
                .as("input %s of entry %d", in.lot(), e.index())
                .contains(signer);
            assertThat(in.quantity()).as("input %s of entry %d", in.lot(), e.index()).isNotNull();
          }
          transformedReceived +=
              t.inputs().stream().anyMatch(in -> received.contains(in.lot())) ? 1 : 0;
          t.outputs()
              .forEach(
                  out -> acquiredBy.computeIfAbsent(out.lot(), k -> new HashSet<>()).add(signer));
        } else if (e.event() instanceof ObjectEvent o
            && (o.action() == Action.ADD || "receiving".equals(o.context().bizStep()))) {
          o.lots()
              .forEach(lot -> acquiredBy.computeIfAbsent(lot, k -> new HashSet<>()).add(signer));
          if (o.action() == Action.OBSERVE) {
            received.addAll(o.lots());
          }
        } else if (e.event() instanceof TransactionEvent t) {
          assertThat(acquiredBy.get(t.lots().get(0)))
              .as("shipper of entry %d", e.index())
              .contains(signer);
        }
      }
      assertThat(transformedReceived)
          .as("transformations of received lots")
          .isGreaterThan(transformations.size() / 4);
      assertThat(r.summary().maxDepth()).isGreaterThanOrEqualTo(4);
    }
  }

  /** The longest path from {@code lot} up to an origin lot. */
  private static int depth(Ledger ledger, LotId lot, Map<LotId, Integer> known)
      throws LedgerException {
    Integer cached = known.get(lot);
    if (cached != null) {
      return cached;
    }
    int deepest = 0;
    for (LotId parent : ledger.parents(lot)) {
      deepest = Math.max(deepest, 1 + depth(ledger, parent, known));
    }
    known.put(lot, deepest);
    return deepest;
  }

  @Test
  void record_isTheSameChainInEveryRun_whateverTheInterleavingOfProducers() throws LedgerException {
    Set<EntryHash> first = new HashSet<>();
    Set<EntryHash> second = new HashSet<>();
    Recorded a = record(400, 9, 3);
    Recorded b = record(400, 9, 3);
    a.ledger().close();
    b.ledger().close();
    a.entries().forEach(e -> first.add(e.hash()));
    b.entries().forEach(e -> second.add(e.hash()));

    assertThat(first).hasSize(400).isEqualTo(second);
  }

  @Test
  void record_smallBudgets_stillHoldExactlyTheEntriesAskedFor() throws LedgerException {
    for (long n : new long[] {1, 2, 7, 8, 20}) {
      Recorded r = record(n, 5, 4);
      r.ledger().close();

      assertThat(r.entries()).as("entries for --entries %d", n).hasSize((int) n);
      assertThat(r.summary().originLots()).isEqualTo(Math.min(5, Math.max(0, n - 7)));
    }
  }

  @Test
  void record_moreThreadsThanLots_usesOneProducerPerLot() throws LedgerException {
    Recorded r = record(100, 2, 8);
    r.ledger().close();

    assertThat(r.summary().producers()).isEqualTo(2);
    assertThat(r.entries()).hasSize(100);
  }

  @Test
  void record_summaryCountsEveryKindOfEntryItAppended() throws LedgerException {
    Recorded r = record(3000, 40, 2);
    r.ledger().close();

    List<Event> events = r.entries().stream().map(Entry::event).toList();
    SyntheticChain.Summary s = r.summary();
    assertThat(events.stream().filter(e -> e instanceof ObjectEvent o && o.action() == Action.ADD))
        .hasSize((int) s.originLots());
    assertThat(events.stream().filter(TransformationEvent.class::isInstance))
        .hasSize((int) s.derivedLots());
    assertThat(events.stream().filter(e -> "shipping".equals(e.context().bizStep())))
        .hasSize((int) s.shipments());
    assertThat(events.stream().filter(e -> "receiving".equals(e.context().bizStep())))
        .hasSize((int) s.receipts());
    assertThat(
            events.stream()
                .filter(
                    e ->
                        e instanceof ObjectEvent o
                            && o.action() == Action.OBSERVE
                            && !"receiving".equals(o.context().bizStep())))
        .hasSize((int) s.observations());
    assertThat(
            1
                + SyntheticChain.ACTORS.size()
                + s.originLots()
                + s.derivedLots()
                + s.shipments()
                + s.receipts()
                + s.observations())
        .isEqualTo(3000);
  }

  @Test
  void record_drawsTheKindsOfItsMix_aMixOfNothingButInspectionsMovesNoGoods()
      throws LedgerException {
    Recorded r =
        record(
            500, 30, 2, new SyntheticChain.Mix(0, 0, 0)); // record() has verified the whole ledger
    r.ledger().close();

    SyntheticChain.Summary s = r.summary();
    assertThat(s.originLots()).isEqualTo(30);
    assertThat(s.derivedLots()).isZero();
    assertThat(s.shipments()).isZero();
    assertThat(s.receipts()).isZero();
    assertThat(s.observations()).isEqualTo(500 - 1 - SyntheticChain.ACTORS.size() - 30);
    assertThat(r.entries())
        .filteredOn(e -> e.event() instanceof ObjectEvent o && o.action() == Action.OBSERVE)
        .allMatch(e -> "inspecting".equals(e.event().context().bizStep()));
  }

  @Test
  void record_moreTransformationsInTheMix_moreTransformationsInTheLedger() throws LedgerException {
    Recorded few = record(3000, 300, 2, new SyntheticChain.Mix(5, 25, 10));
    Recorded many = record(3000, 300, 2, new SyntheticChain.Mix(50, 25, 10));
    few.ledger().close();
    many.ledger().close();

    assertThat(many.summary().derivedLots()).isGreaterThan(2 * few.summary().derivedLots());
  }

  @Test
  void mix_rejectsPercentagesThatAreNegativeOrAddUpToMoreThan100() {
    assertThatThrownBy(() -> new SyntheticChain.Mix(50, 40, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("50, 40, 11");
    assertThatThrownBy(() -> new SyntheticChain.Mix(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SyntheticChain.Mix(50, 40, 10).shipPercent()).isEqualTo(40);
  }
}
