package io.lotledger.rules;

import io.lotledger.entry.Entry;
import io.lotledger.event.Action;
import io.lotledger.event.Cbv;
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
 * One lot's history, sorted into what the roll-up needs: the events that bring material into the
 * lot ({@link #contributions()}: commissioning ADDs before the lot was first produced, and
 * transformation outputs), the ADDs that re-declare master data of a lot already produced ({@link
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
      } else if (received(e) != null) {
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

  /**
   * How many contributions come before entry {@code index}: the lot's state as that entry saw it.
   */
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

  /**
   * Whether the ledger saw the lot commissioned, produced or received before entry {@code index}.
   */
  boolean backedBefore(long index) {
    return firstBacked < index;
  }

  /**
   * The first entry, up to {@code through}, at which transformations have drawn more of the lot
   * than the ledger records it ever had; null when none does.
   *
   * <p>Credited, as of each entry: the lot's contributions (commissioning ADDs before it was first
   * produced, transformation outputs), and a receipt from outside the ledger (receiving without a
   * shipment reference) when it is the first thing that brings the lot in, counted once among the
   * ledger's own events and once among imported records: later receipts move goods, they bring none
   * in. Drawn: transformation inputs after the lot was first backed (earlier draws are unbacked and
   * reported as such). Shipments and destructions are not subtracted, so only an impossible draw
   * shows; the ledger's own events, judged by {@code LotRules}, never make one. Null too when not
   * comparable: the lot's first quantity or a draw is unstated, or the units do not convert to one
   * base unit. One pass.
   */
  Overdraw firstOverdraw(long through) {
    Tally recorded = new Tally();
    Tally drawn = new Tally();
    boolean ownCredited = false;
    boolean importedCredited = false;
    int next = 0; // the next contribution, in index order like the history
    for (Entry e : history) {
      if (e.index() > through) {
        break;
      }
      if (e.event() instanceof TransformationEvent t && e.index() > firstBacked) {
        LotQuantity in = find(t.inputs());
        if (in != null) {
          drawn.add(in);
          if (!recorded.comparable(drawn)) {
            return null;
          }
          if (drawn.sum.compareTo(recorded.sum) > 0) {
            return new Overdraw(e, drawn.sum, recorded.sum, drawn.unit);
          }
        }
      }
      boolean imported = e.event().context().imported();
      if (next < contributions.size() && contributions.get(next).index() == e.index()) {
        recorded.credit(contributions.get(next++).quantity());
      } else if (isReceiptFromOutside(e) && !(imported ? importedCredited : ownCredited)) {
        recorded.credit(received(e));
      } else {
        continue;
      }
      if (imported) {
        importedCredited = true;
      } else {
        ownCredited = true;
      }
    }
    return null;
  }

  /**
   * By {@code entry}, transformations had drawn {@code drawn} of the lot, which the ledger records
   * as having had {@code recorded}, in {@code unit}.
   */
  record Overdraw(Entry entry, BigDecimal drawn, BigDecimal recorded, String unit) {}

  /**
   * A running sum of quantities in one base unit; not comparable once a quantity is missing or a
   * unit differs.
   */
  private static final class Tally {
    BigDecimal sum = BigDecimal.ZERO;
    String unit;
    boolean broken;

    /** A draw: it must state its quantity. */
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

    /**
     * Material in: the first must state its quantity (else the lot has none); a later one without
     * adds nothing.
     */
    void credit(LotQuantity q) {
      if (q != null && q.quantity() != null) {
        add(q);
      } else if (unit == null) {
        broken = true;
      }
    }

    boolean comparable(Tally other) {
      return !broken
          && !other.broken
          && (unit == null || other.unit == null || unit.equals(other.unit));
    }
  }

  /**
   * What a receiving event (ObjectEvent OBSERVE, CBV 2.0 receiving) says of the lot; null for any
   * other entry.
   */
  private LotQuantity received(Entry e) {
    return e.event() instanceof ObjectEvent o
            && o.action() == Action.OBSERVE
            && Cbv.isBizStep(o.context().bizStep(), "receiving")
        ? find(o.quantities())
        : null;
  }

  /** A receipt from outside the ledger: a receiving event without a shipment reference. */
  private boolean isReceiptFromOutside(Entry e) {
    return received(e) != null && e.event().context().shipment() == null;
  }

  /**
   * Whether the ledger saw the lot received (and nothing else bring material in) before {@code
   * index}.
   */
  boolean receivedBefore(long index) {
    return firstReceived < index;
  }
}
