package io.lotledger.rules;

import io.lotledger.entry.Entry;
import io.lotledger.event.Action;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.event.Units;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One lot's history, sorted into what the roll-up needs: the events that bring material into the lot
 * ({@link #contributions()}: commissioning ADDs before the lot was first produced, and transformation
 * outputs), the ADDs that re-declare master data of a lot already produced ({@link
 * #redeclarations()}), and when the ledger first saw the lot commissioned, produced or received.
 *
 * <p>An ADD after a transformation produced the lot does not add material: lotledger reads it as
 * (re)stating master data for the lot as it stands (in EPCIS 2.0, ILMD travels only with ADD and
 * transformation events, so a later ADD is how master data is attached to a derived lot), and its
 * ILMD is a claim to check against the roll-up.
 */
final class LotRecord {
  /** An event that brings material into the lot, with the quantity it states for the lot. */
  record Contribution(Entry entry, LotQuantity quantity) {
    long index() {
      return entry.index();
    }

    boolean isTransformation() {
      return entry.event() instanceof TransformationEvent;
    }
  }

  private final LotId lot;
  private final List<Entry> history;
  private final List<Contribution> contributions = new ArrayList<>();
  private final List<Contribution> redeclarations = new ArrayList<>();
  /** Index of the first ADD, transformation output or receiving of the lot; MAX_VALUE when none. */
  private final long firstBacked;
  /** Index of the first receiving event, MAX_VALUE when none. */
  private final long firstReceived;

  LotRecord(LotId lot, List<Entry> entries) {
    this.lot = lot;
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::index));
    this.history = List.copyOf(sorted);
    boolean produced = false;
    long backed = Long.MAX_VALUE;
    long received = Long.MAX_VALUE;
    for (Entry e : history) {
      Event event = e.event();
      if (event instanceof TransformationEvent t) {
        LotQuantity out = find(t.outputs());
        if (out != null) {
          contributions.add(new Contribution(e, out));
          produced = true;
          backed = Math.min(backed, e.index());
        }
      } else if (event instanceof ObjectEvent o && o.action() == Action.ADD) {
        LotQuantity q = find(o.quantities());
        if (q != null) {
          (produced ? redeclarations : contributions).add(new Contribution(e, q));
          backed = Math.min(backed, e.index());
        }
      } else if (event instanceof ObjectEvent o && o.action() == Action.OBSERVE
          && io.lotledger.event.Cbv.isBizStep(o.context().bizStep(), "receiving") && find(o.quantities()) != null) {
        backed = Math.min(backed, e.index());
        received = Math.min(received, e.index());
      }
    }
    this.firstBacked = backed;
    this.firstReceived = received;
  }

  private LotQuantity find(List<LotQuantity> quantities) {
    for (LotQuantity q : quantities) {
      if (q.lot().equals(lot)) {
        return q;
      }
    }
    return null;
  }

  LotId lot() {
    return lot;
  }

  /** Every entry touching the lot, oldest first. */
  List<Entry> history() {
    return history;
  }

  List<Contribution> contributions() {
    return contributions;
  }

  List<Contribution> redeclarations() {
    return redeclarations;
  }

  /** How many contributions come before entry {@code index}: the lot's state as that entry saw it. */
  int contributionsBefore(long index) {
    int lo = 0;
    int hi = contributions.size();
    while (lo < hi) { // contributions are in index order: find the first at or after index
      int mid = (lo + hi) >>> 1;
      if (contributions.get(mid).index() < index) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Whether the ledger saw the lot commissioned, produced or received before entry {@code index}. */
  boolean backedBefore(long index) {
    return firstBacked < index;
  }

  /**
   * Whether the transformations up to and including entry {@code index} drew more of the lot than the
   * ledger records it ever had before that entry: the quantities of its contributions, plus receipts from
   * outside the ledger (no shipment reference) before its first contribution. Receipts of shipments, and
   * receipts after the lot exists here, move material and bring none in. Shipments and destructions are
   * not subtracted, so only an impossible draw shows. Null when not comparable: a quantity is missing or
   * the units do not convert to one base unit.
   */
  Overdraw overdrawAt(long index) {
    long firstContribution = contributions.isEmpty() ? Long.MAX_VALUE : contributions.get(0).index();
    Tally recorded = new Tally();
    Tally drawn = new Tally();
    for (Contribution c : contributions) {
      if (c.index() < index) {
        recorded.add(c.quantity());
      }
    }
    for (Entry e : history) {
      if (e.index() > index) {
        break;
      }
      if (e.event() instanceof TransformationEvent t) {
        LotQuantity in = find(t.inputs());
        if (in != null) {
          drawn.add(in);
        }
      } else if (e.index() < firstContribution && isReceiptFromOutside(e)) {
        recorded.add(find(((ObjectEvent) e.event()).quantities()));
      }
    }
    if (!recorded.comparable(drawn) || drawn.sum.compareTo(recorded.sum) <= 0) {
      return null;
    }
    return new Overdraw(drawn.sum, recorded.sum, drawn.unit);
  }

  /** Transformations drew {@code drawn} of the lot, which the ledger records as having had {@code recorded}, in {@code unit}. */
  record Overdraw(BigDecimal drawn, BigDecimal recorded, String unit) {}

  /** A running sum of quantities in one base unit; not comparable once a quantity is missing or a unit differs. */
  private static final class Tally {
    BigDecimal sum = BigDecimal.ZERO;
    String unit;
    boolean broken;

    void add(LotQuantity q) {
      if (q == null || q.quantity() == null) {
        broken = true;
        return;
      }
      String base = Units.baseUnit(q.quantity().unit());
      if (unit != null && !unit.equals(base)) {
        broken = true;
      }
      unit = base;
      sum = sum.add(Units.toBase(q.quantity()));
    }

    boolean comparable(Tally other) {
      return !broken && !other.broken && (unit == null || other.unit == null || unit.equals(other.unit));
    }
  }

  private boolean isReceiptFromOutside(Entry e) {
    return e.event() instanceof ObjectEvent o && o.action() == Action.OBSERVE
        && io.lotledger.event.Cbv.isBizStep(o.context().bizStep(), "receiving") && o.context().shipment() == null
        && find(o.quantities()) != null;
  }

  /** Whether the ledger saw the lot received (and nothing else bring material in) before {@code index}. */
  boolean receivedBefore(long index) {
    return firstReceived < index;
  }
}
