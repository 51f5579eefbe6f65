package io.lotledger.rules;

import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.Cbv;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.Quantity;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.event.Units;
import io.lotledger.spi.StoreException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custody and mass balance (DESIGN "Domain rules"; docs/domain-model.md): what an event may do to
 * the lots it names, given who holds how much of each. Part of the ledger's state transition
 * ({@code state.Transition}), so the append path and every verifier judge and derive exactly the
 * same way.
 *
 * <p>A lot is <em>tracked</em> from the first event that brings it into existence here:
 * commissioning (ObjectEvent ADD), a transformation output, or a receipt from outside the ledger.
 * Before that it is an external lot: events may name it (observations, or transformation inputs
 * drawn from elsewhere, which {@code check} reports as unbacked), and no custody or balance applies
 * to it.
 *
 * <p>For a tracked lot, by what the event does (CBV 2.0 business steps {@code shipping} and {@code
 * receiving} in any of their EPCIS 2.0 forms):
 *
 * <ul>
 *   <li><b>Commission / produce</b> (ADD; transformation output): the signer gains the quantity.
 *       Adding to a lot that exists requires being one of its custodians; an ADD of an existing lot
 *       only re-declares its master data and may state no quantity.
 *   <li><b>Consume</b> (transformation input): the signer must hold the lot and state a quantity no
 *       larger than what it holds. A lot may be both input and output of one transformation
 *       (processed in place, EPCIS 2.0 §7.4.5): it is consumed, then produced, and the signer stays
 *       its custodian.
 *   <li><b>Destroy</b> (DELETE): the signer must hold the lot; no quantity means all it holds.
 *   <li><b>Ship</b> (OBSERVE or transaction event with bizStep shipping): the signer must hold what
 *       it ships (no quantity: all it holds). The destination {@code possessing_party} decides when
 *       the event names one, else the {@code owning_party}: another registered actor, and the goods
 *       are in transit to it under this entry's hash; the signer itself as possessing party, and
 *       custody does not change (a move between its own sites); anyone else, and the goods leave
 *       the ledger.
 *   <li><b>Receive</b> (OBSERVE or transaction event with bizStep receiving): with a shipment
 *       reference ({@link EventContext#shipment()}), the signer must be the shipment's receiver and
 *       takes at most what is still in transit (no quantity: all of it), becoming a custodian.
 *       Without one, the goods come from outside the ledger: allowed only for a lot this ledger
 *       does not track, with a positive quantity, so nobody becomes a custodian of another's lot
 *       and no delivery counts twice.
 *   <li><b>Pack</b> (aggregation): the signer must hold every tracked lot it packs or unpacks.
 *   <li>Anything else (inspections, other observations and transactions) changes no state and may
 *       be recorded by any registered actor.
 *   <li>An <b>imported</b> event ({@link EventContext#imported()}: another system's record, e.g. an
 *       EPCIS import) changes no state either: its signer vouches for the record, not for the act,
 *       so it cannot make the signer a custodian nor draw on anyone's balance. Lots that only
 *       imported events name stay external; {@code check} weighs what those records say. It may add
 *       to (commission, re-declare or output) a lot this ledger tracks only when signed by one of
 *       that lot's custodians, as when the receiver of goods imports its supplier's records of
 *       them.
 * </ul>
 *
 * Quantities are unit-aware ({@link Units}): mass converts between GRM, KGM and TNE; counts never
 * mix with mass. A lot commissioned without a quantity tracks custody only, and no later event may
 * state a quantity of it. For a lot with a quantity, holding nothing is not custody: a zero move
 * grants none.
 */
public final class CustodyRules {
  private CustodyRules() {}

  /**
   * What the custody rules read: each lot's state before the entry, and who is a registered actor.
   */
  public interface Holdings {
    /** The state of {@code lot}, or null when the lot is not tracked. */
    LotState lot(LotId lot) throws StoreException;

    /** Whether {@code actor} is a registered actor of the ledger. */
    boolean registered(ActorId actor) throws StoreException;
  }

  /**
   * What an entry does to the lots it names: the first rule it breaks, or the lots' new states.
   *
   * @param violation the first rule the entry breaks, or null when it breaks none
   * @param states the new states of the lots the entry changes; empty when it breaks a rule
   */
  public record Outcome(Finding violation, Map<LotId, LotState> states) {}

  /** Judges {@code entry} at {@code index} against the lot states in {@code reader}. */
  public static Outcome apply(SignedEntry entry, long index, Holdings reader)
      throws StoreException {
    return new Judgement(entry, index, reader).run();
  }

  /**
   * One entry's judgement: reads each lot's state once and keeps what the event has changed so far.
   */
  private static final class Judgement {
    private final SignedEntry entry;
    private final long index;
    private final Holdings reader;
    private final ActorId signer;
    private final Map<LotId, LotState> changed = new LinkedHashMap<>();

    /** Lots this transformation has drawn from: the signer held each when the event began. */
    private final Set<LotId> consumed = new HashSet<>();

    Judgement(SignedEntry entry, long index, Holdings reader) {
      this.entry = entry;
      this.index = index;
      this.reader = reader;
      this.signer = entry.body().actor();
    }

    Outcome run() throws StoreException {
      Finding f = judge(entry.body().event());
      return f != null ? new Outcome(f, Map.of()) : new Outcome(null, changed);
    }

    private Finding judge(Event event) throws StoreException {
      if (event.context().imported()) {
        return judgeImported(
            event); // another system's record: the signer vouches for the record, not the act
      }
      if (event instanceof TransformationEvent t) {
        for (LotQuantity in : t.inputs()) {
          Finding f = take(in, Take.CONSUME, "consumes");
          if (f != null) {
            return f;
          }
          consumed.add(in.lot());
        }
        for (LotQuantity out : t.outputs()) {
          Finding f = produce(out, Source.TRANSFORMATION);
          if (f != null) {
            return f;
          }
        }
        return null;
      }
      if (event instanceof AggregationEvent a) {
        Finding f = requireCustody(a.parent(), "packs");
        for (int i = 0; f == null && i < a.children().size(); i++) {
          f = requireCustody(a.children().get(i).lot(), "packs");
        }
        return f;
      }
      List<LotQuantity> lots;
      Action action;
      if (event instanceof ObjectEvent o) {
        lots = o.quantities();
        action = o.action();
      } else if (event instanceof TransactionEvent t) {
        lots = t.quantities();
        action = t.action();
      } else {
        return null; // associations move no goods; registry events name no lots
      }
      String step = Cbv.bizStep(event.context());
      for (LotQuantity lq : lots) {
        Finding f;
        if (event instanceof ObjectEvent && action == Action.ADD) {
          f = produce(lq, Source.COMMISSIONING);
        } else if (event instanceof ObjectEvent && action == Action.DELETE) {
          f = take(lq, Take.DESTROY, "destroys");
        } else if ("shipping".equals(step)) {
          f = take(lq, Take.SHIP, "ships");
        } else if ("receiving".equals(step)) {
          f = receive(lq, event.context());
        } else {
          f = null;
        }
        if (f != null) {
          return f;
        }
      }
      return null;
    }

    /**
     * An imported record changes no state, but it may not add to a lot this ledger tracks
     * (commission, re-declare or output it) unless its signer is one of that lot's custodians: else
     * anyone could feed material or master data of their choosing into another's lot, and so into
     * its roll-up.
     */
    private Finding judgeImported(Event event) throws StoreException {
      List<LotQuantity> added =
          event instanceof TransformationEvent t
              ? t.outputs()
              : event instanceof ObjectEvent o && o.action() == Action.ADD
                  ? o.quantities()
                  : List.of();
      for (LotQuantity lq : added) {
        LotState s = reader.lot(lq.lot());
        if (s != null && !s.holds(signer)) {
          return custody(
              lq.lot(),
              "lot "
                  + lq.lot()
                  + " is tracked on this ledger; "
                  + signer
                  + " is not its custodian, so an imported record of it cannot add to it",
              s);
        }
      }
      return null;
    }

    private enum Take {
      CONSUME,
      DESTROY,
      SHIP
    }

    private Finding take(LotQuantity lq, Take kind, String verb) throws StoreException {
      LotId lot = lq.lot();
      LotState s = current(lot);
      if (s == null) {
        return null; // an external lot: check reports what is drawn from it as unbacked
      }
      if (!s.holds(signer)) {
        return custody(lot, signer + " " + verb + " lot " + lot + " but is not its custodian", s);
      }
      BigDecimal amount;
      if (!s.quantified()) {
        if (lq.quantity() != null) {
          return unit(lot, s, lq.quantity()); // a lot without a quantity cannot lose one
        }
        amount = BigDecimal.ZERO;
      } else if (lq.quantity() == null) {
        if (kind == Take.CONSUME) {
          return finding(
              Failure.UNIT_MISMATCH,
              lot,
              "a transformation must state how much of lot " + lot + " it consumes",
              "a quantity in " + s.unit(),
              "none");
        }
        amount = s.held(signer); // all the signer holds
      } else {
        Finding u = unit(lot, s, lq.quantity());
        if (u != null) {
          return u;
        }
        amount = Units.toBase(lq.quantity());
        if (amount.compareTo(s.held(signer)) > 0) {
          return finding(
              Failure.MASS_BALANCE,
              lot,
              signer
                  + " "
                  + verb
                  + " "
                  + amount.toPlainString()
                  + " "
                  + s.unit()
                  + " of lot "
                  + lot
                  + " but holds "
                  + s.held(signer).toPlainString()
                  + " "
                  + s.unit(),
              "at most " + s.held(signer).toPlainString() + " " + s.unit(),
              amount.toPlainString() + " " + s.unit());
        }
      }
      LotState next =
          switch (kind) {
            case CONSUME -> s.consume(signer, amount);
            case DESTROY -> s.destroy(signer, amount);
            case SHIP -> {
              if (staysWithSigner(entry.body().event().context())) {
                yield s; // moved between the signer's own sites: custody does not change
              }
              ActorId receiver = receiver(entry.body().event().context());
              yield receiver == null
                  ? s.shipOut(signer, amount)
                  : s.ship(signer, amount, entry.hash(), receiver);
            }
          };
      changed.put(lot, next);
      return null;
    }

    private enum Source {
      COMMISSIONING,
      TRANSFORMATION,
      OUTSIDE
    }

    /**
     * Commissioning, a transformation output or a receipt from outside: a new lot, or more of one
     * the signer holds. Commissioning a lot that exists re-declares its master data (a claim that
     * {@code check} weighs) and adds no material, so it states no quantity.
     */
    private Finding produce(LotQuantity lq, Source source) throws StoreException {
      LotId lot = lq.lot();
      Quantity q = lq.quantity();
      LotState s = current(lot);
      if (s == null) {
        s = LotState.open(q == null ? null : Units.baseUnit(q.unit()));
      } else if (source != Source.OUTSIDE && !s.holds(signer) && !consumed.contains(lot)) {
        return custody(lot, signer + " adds to lot " + lot + " but is not its custodian", s);
      } else if (source == Source.COMMISSIONING && q != null) {
        return finding(
            Failure.MASS_BALANCE,
            lot,
            "lot "
                + lot
                + " exists; commissioning it again re-declares its master data"
                + " and adds no material (add material with a transformation output)",
            "no quantity",
            q.toString());
      } else if (source == Source.OUTSIDE && q == null && s.quantified()) {
        return finding(
            Failure.UNIT_MISMATCH,
            lot,
            "a receipt from outside the ledger must state how much of lot " + lot + " arrives",
            "a quantity in " + s.unit(),
            "none");
      }
      BigDecimal amount = BigDecimal.ZERO;
      if (q != null) {
        Finding u = unit(lot, s, q);
        if (u != null) {
          return u;
        }
        amount = Units.toBase(q);
      }
      changed.put(
          lot,
          source == Source.OUTSIDE
              ? s.receiveFromOutside(signer, amount)
              : s.produce(signer, amount));
      return null;
    }

    private Finding receive(LotQuantity lq, EventContext context) throws StoreException {
      LotId lot = lq.lot();
      LotState s = current(lot);
      if (context.shipment() == null) {
        if (s != null) {
          // A lot this ledger tracks moves only by its own shipments: a receipt "from outside"
          // would let
          // anyone become its custodian, or count a delivery twice (before or after the shipment's
          // receipt).
          for (var t : s.inTransit().entrySet()) {
            if (t.getValue().receiver().equals(signer)) {
              return finding(
                  Failure.BAD_RECEIPT,
                  lot,
                  "lot "
                      + lot
                      + " has a shipment in transit to "
                      + signer
                      + "; the receiving event must reference it",
                  "shipment " + t.getKey().toNi(),
                  "no shipment reference");
            }
          }
          if (s.holds(signer)) {
            return null; // arrival at another of the holder's own sites: custody does not change
          }
          return finding(
              Failure.BAD_RECEIPT,
              lot,
              "lot "
                  + lot
                  + " is tracked on this ledger; it is received only by"
                  + " referencing the shipment that sent it",
              "a shipment reference",
              "none");
        }
        if (lq.quantity() == null) {
          return null; // an external lot seen arriving (an EPCIS import of serialised items): it
          // stays external
        }
        if (lq.quantity().amount().signum() == 0) {
          return finding(
              Failure.UNIT_MISMATCH,
              lot,
              "a receipt from outside the ledger must state how much of lot " + lot + " arrives",
              "a positive quantity",
              lq.quantity().toString());
        }
        return produce(lq, Source.OUTSIDE); // goods from outside the ledger
      }
      EntryHash shipment = EntryHash.fromNi(context.shipment());
      LotState.Transit transit = s == null ? null : s.inTransit().get(shipment);
      if (transit == null) {
        return finding(
            Failure.BAD_RECEIPT,
            lot,
            "no shipment of lot " + lot + " under entry " + shipment.toHex() + " is in transit",
            "a shipment in transit",
            context.shipment());
      }
      if (!transit.receiver().equals(signer)) {
        return finding(
            Failure.CUSTODY,
            lot,
            "shipment "
                + shipment.toHex()
                + " of lot "
                + lot
                + " is addressed to "
                + transit.receiver()
                + ", not "
                + signer,
            transit.receiver().uri(),
            signer.uri());
      }
      BigDecimal amount = transit.amount();
      if (!s.quantified() && lq.quantity() != null) {
        return unit(lot, s, lq.quantity());
      }
      if (s.quantified() && lq.quantity() != null) {
        Finding u = unit(lot, s, lq.quantity());
        if (u != null) {
          return u;
        }
        amount = Units.toBase(lq.quantity());
        if (amount.compareTo(transit.amount()) > 0) {
          return finding(
              Failure.MASS_BALANCE,
              lot,
              signer
                  + " receives "
                  + amount.toPlainString()
                  + " "
                  + s.unit()
                  + " of lot "
                  + lot
                  + " but the shipment carries "
                  + transit.amount().toPlainString()
                  + " "
                  + s.unit(),
              "at most " + transit.amount().toPlainString() + " " + s.unit(),
              amount.toPlainString() + " " + s.unit());
        }
      }
      changed.put(lot, s.receive(shipment, signer, amount));
      return null;
    }

    private Finding requireCustody(LotId lot, String verb) throws StoreException {
      LotState s = current(lot);
      return s == null || s.holds(signer)
          ? null
          : custody(lot, signer + " " + verb + " lot " + lot + " but is not its custodian", s);
    }

    /**
     * Whether the shipment names the signer itself as the possessing party: goods moving between
     * its own sites.
     */
    private boolean staysWithSigner(EventContext context) {
      for (Party p : context.destinations()) {
        if ("possessing_party".equals(Cbv.partyType(p)) && p.id().equals(signer.uri())) {
          return true;
        }
      }
      return false;
    }

    /**
     * The actor a shipment goes to: the destination {@code possessing_party} when the event names
     * one (CBV 2.0: who will have physical custody), else the {@code owning_party}; when that party
     * is a registered actor other than the signer. Null: the goods leave the ledger.
     */
    private ActorId receiver(EventContext context) throws StoreException {
      boolean possession =
          context.destinations().stream()
              .anyMatch(p -> "possessing_party".equals(Cbv.partyType(p)));
      String type = possession ? "possessing_party" : "owning_party";
      for (Party p : context.destinations()) {
        if (!type.equals(Cbv.partyType(p)) || p.id().equals(signer.uri())) {
          continue;
        }
        ActorId candidate;
        try {
          candidate = new ActorId(p.id());
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (reader.registered(candidate)) {
          return candidate;
        }
      }
      return null;
    }

    private LotState current(LotId lot) throws StoreException {
      LotState s = changed.get(lot);
      return s != null ? s : reader.lot(lot);
    }

    private Finding unit(LotId lot, LotState s, Quantity q) {
      if (!s.quantified()) {
        return finding(
            Failure.UNIT_MISMATCH,
            lot,
            "lot " + lot + " was commissioned without a quantity; it cannot gain one",
            "no quantity",
            q.toString());
      }
      if (!Units.baseUnit(q.unit()).equals(s.unit())) {
        return finding(
            Failure.UNIT_MISMATCH,
            lot,
            "lot "
                + lot
                + " is measured in "
                + s.unit()
                + " ("
                + Units.dimension(s.unit())
                + "); "
                + q.unit()
                + " ("
                + Units.dimension(q.unit())
                + ") does not convert to it",
            "a unit convertible to " + s.unit(),
            q.unit());
      }
      return null;
    }

    private Finding custody(LotId lot, String detail, LotState s) {
      return finding(
          Failure.CUSTODY, lot, detail, "a custodian of " + s.holdings().keySet(), signer.uri());
    }

    private Finding finding(
        Failure failure, LotId lot, String detail, String expected, String actual) {
      return new Finding(failure, index, entry.hash(), lot, detail, expected, actual);
    }
  }
}
