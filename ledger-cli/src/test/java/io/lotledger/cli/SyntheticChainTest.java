package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.event.Action;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.store.memory.InMemoryLedgerStore;
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
  /** The genesis entry carries the ledger's clock; fixed, two runs can be compared entry by entry. */
  private static final LedgerOptions FIXED =
      LedgerOptions.DEFAULT.withClock(InstantSource.fixed(Instant.parse("2026-01-04T00:00:00Z")));

  private record Recorded(SyntheticChain.Summary summary, List<Entry> entries, List<Long> polls, Ledger ledger) {}

  /** Records a chain in memory, verifies it, and returns its entries; the ledger is left open for queries. */
  private static Recorded record(long entries, int lots, int threads) throws LedgerException {
    Ledger ledger = Ledger.create(new InMemoryLedgerStore(), SyntheticChain.ORIGIN, SyntheticChain.root(),
        SyntheticChain.rootName(), FIXED);
    List<Long> polls = new ArrayList<>();
    SyntheticChain.Summary summary = new SyntheticChain(entries, lots, threads).record(ledger, polls::add);
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
      List<ObjectEvent> commissions = events.stream()
          .filter(e -> e instanceof ObjectEvent o && o.action() == Action.ADD).map(ObjectEvent.class::cast).toList();
      assertThat(commissions).hasSize(12).allMatch(c -> !c.ilmd().isEmpty());
      assertThat(r.summary().originLots()).isEqualTo(12);

      List<TransformationEvent> transformations = events.stream()
          .filter(TransformationEvent.class::isInstance).map(TransformationEvent.class::cast).toList();
      assertThat(transformations).hasSize((int) r.summary().derivedLots()).isNotEmpty()
          .allMatch(t -> t.inputs().size() >= 2 && t.inputs().size() <= 4 && t.outputs().size() == 1);
      assertThat(events).filteredOn(e -> e instanceof ObjectEvent o && o.action() == Action.OBSERVE).isNotEmpty();
      assertThat(events).filteredOn(TransactionEvent.class::isInstance).isNotEmpty()
          .allMatch(e -> !((TransactionEvent) e).context().bizTransactions().isEmpty());
      assertThat(ledger.lots()).hasSize((int) (12 + r.summary().derivedLots()));

      // Lots are made of lots that were made of lots: ancestry of varying depth, never beyond the chain's length.
      assertThat(r.summary().maxDepth()).isBetween(2, SyntheticChain.MAX_DEPTH);
      Set<Integer> depths = new HashSet<>();
      Map<LotId, Integer> known = new HashMap<>();
      for (TransformationEvent t : transformations) {
        depths.add(depth(ledger, t.outputs().get(0).lot(), known));
      }
      assertThat(depths).hasSizeGreaterThan(1).allMatch(d -> d >= 1 && d <= SyntheticChain.MAX_DEPTH)
          .contains(r.summary().maxDepth());
    }
  }

  /** The longest path from {@code lot} up to an origin lot. */
  private static int depth(Ledger ledger, LotId lot, Map<LotId, Integer> known) throws LedgerException {
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
}
