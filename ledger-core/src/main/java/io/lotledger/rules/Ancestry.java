package io.lotledger.rules;

import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.TransformationEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lot's ancestry as the records show it, walked breadth-first through the transformations that
 * made it. The walk follows lot <em>states</em>: a lot as it stood when a transformation consumed
 * it (the contributions before that entry), so material added to a lot after it was consumed never
 * counts toward what it went into. Every dependency points to a strictly earlier entry, so the walk
 * terminates even when lots are made from their own descendants (a recycling loop), and it is
 * bounded by {@link CheckOptions#maxLotStates()}. Each lot's history is read once.
 *
 * <p>Not thread-safe; built and read by one check.
 */
final class Ancestry {
  /** A lot with its first {@code contributions} contributions: the lot as one entry saw it. */
  record State(LotId lot, int contributions) {}

  /** Transformation entry {@code index} consumed {@code input} in making {@code madeInto}. */
  record Consumption(long index, LotId input, LotId madeInto) {}

  /**
   * A lot the walk reached: its first (shortest) path from the checked lot, and how far its history
   * counts.
   */
  static final class Reached {
    final LotRecord record;
    final List<LotId> path;

    /**
     * Entries of this lot from this index on were after every consumption that matters (MAX for the
     * root).
     */
    long cutoff;

    Reached(LotRecord record, List<LotId> path, long cutoff) {
      this.record = record;
      this.path = List.copyOf(path);
      this.cutoff = cutoff;
    }
  }

  private final LotSource source;
  private final int maxStates;
  private final LotId root;
  private final Map<LotId, LotRecord> records = new HashMap<>();
  private final LinkedHashMap<LotId, Reached> reached = new LinkedHashMap<>();
  private final LinkedHashSet<State> states = new LinkedHashSet<>();
  private final LinkedHashSet<Consumption> consumptions = new LinkedHashSet<>();

  /** Per lot, how many of its contributions have had their inputs followed. */
  private final Map<LotId, Integer> expanded = new HashMap<>();

  private final ArrayDeque<State> queue = new ArrayDeque<>();

  private Ancestry(LotSource source, LotId root, int maxStates) {
    this.source = source;
    this.root = root;
    this.maxStates = maxStates;
  }

  /**
   * Walks {@code root}'s ancestry.
   *
   * @throws LedgerException NOT_FOUND when the source never saw {@code root}; INVALID_INPUT when
   *     the ancestry has more than {@code maxStates} lot states; whatever the source throws
   */
  static Ancestry walk(LotSource source, LotId root, int maxStates) throws LedgerException {
    Ancestry a = new Ancestry(source, root, maxStates);
    LotRecord first = a.load(root);
    if (first.history().isEmpty()) {
      throw new LedgerException(
          LedgerException.Code.NOT_FOUND, "lot " + root + " is not in the ledger");
    }
    a.reached.put(root, new Reached(first, List.of(root), Long.MAX_VALUE));
    a.enqueue(new State(root, first.contributions().size()));
    a.enqueueRedeclarations(first, Long.MAX_VALUE);
    while (!a.queue.isEmpty()) {
      a.expand(a.queue.poll());
    }
    return a;
  }

  private void expand(State s) throws LedgerException {
    LotRecord rec = records.get(s.lot());
    List<LotId> path = reached.get(s.lot()).path;
    // A state's inputs include those of every earlier state of the same lot: follow only the new
    // ones.
    int from = expanded.getOrDefault(s.lot(), 0);
    if (s.contributions() > from) {
      expanded.put(s.lot(), s.contributions());
    }
    for (int j = from; j < s.contributions(); j++) {
      LotRecord.Contribution c = rec.contributions().get(j);
      if (!(c.entry().event() instanceof TransformationEvent t)) {
        continue;
      }
      long index = c.index();
      for (LotQuantity in : t.inputs()) {
        LotRecord input = load(in.lot());
        Reached r = reached.get(in.lot());
        if (r == null) {
          List<LotId> p = new ArrayList<>(path);
          p.add(in.lot());
          reached.put(in.lot(), new Reached(input, p, index));
        } else {
          r.cutoff = Math.max(r.cutoff, index);
        }
        consumptions.add(new Consumption(index, in.lot(), s.lot()));
        enqueue(new State(in.lot(), input.contributionsBefore(index)));
        enqueueRedeclarations(input, index);
      }
    }
  }

  private void enqueueRedeclarations(LotRecord rec, long before) throws LedgerException {
    for (LotRecord.Contribution r : rec.redeclarations()) {
      if (r.index() < before) {
        enqueue(new State(rec.lot(), rec.contributionsBefore(r.index())));
      }
    }
  }

  private void enqueue(State s) throws LedgerException {
    if (states.add(s)) {
      if (states.size() > maxStates) {
        throw new LedgerException(
            LedgerException.Code.INVALID_INPUT,
            "the ancestry of lot "
                + root
                + " has more than "
                + maxStates
                + " lot states (reached at lot "
                + s.lot()
                + "); raise the limit to check it");
      }
      queue.add(s);
    }
  }

  private LotRecord load(LotId lot) throws LedgerException {
    LotRecord r = records.get(lot);
    if (r == null) {
      r = new LotRecord(lot, source.history(lot));
      records.put(lot, r);
    }
    return r;
  }

  LotId root() {
    return root;
  }

  LotRecord record(LotId lot) {
    return records.get(lot);
  }

  /** Every lot reached, the checked lot first, then in breadth-first order. */
  Map<LotId, Reached> reached() {
    return Collections.unmodifiableMap(reached);
  }

  /** How many lot states the walk visited. */
  int stateCount() {
    return states.size();
  }

  /** Every transformation input the walk followed, in the order it followed them. */
  Set<Consumption> consumptions() {
    return Collections.unmodifiableSet(consumptions);
  }

  /**
   * Every state, each after every state it depends on: ordered by the index of the state's last
   * contribution (a state depends only on states whose contributions all precede that entry).
   */
  List<State> statesInDependencyOrder() {
    List<State> order = new ArrayList<>(states);
    order.sort(
        Comparator.comparingLong(this::lastContribution)
            .thenComparing(s -> s.lot().uri())
            .thenComparingInt(State::contributions));
    return order;
  }

  private long lastContribution(State s) {
    return s.contributions() == 0
        ? -1
        : records.get(s.lot()).contributions().get(s.contributions() - 1).index();
  }
}
