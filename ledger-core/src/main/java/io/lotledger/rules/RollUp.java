package io.lotledger.rules;

import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.event.Units;
import io.lotledger.rules.Ancestry.Consumption;
import io.lotledger.rules.Ancestry.Reached;
import io.lotledger.rules.Ancestry.State;
import io.lotledger.rules.Material.Share;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The claims roll-up of one lot: what every lot state in its ancestry contains, computed upstream
 * first, and the findings on claims and unbacked inputs. Built once per check, then read.
 *
 * <p>Origins (lots commissioned with an ADD) are taken as declared. Where the records are silent
 * the roll-up credits nothing: an undeclared recycled share counts as 0, material of unknown
 * composition makes every element it may hold unknown, an undeclared footprint counts as 0 and
 * marks the computed footprint as a lower bound. Each such gap is a note.
 */
final class RollUp {
  private final Ancestry ancestry;
  private final BigDecimal tolerance;
  private final Map<State, Material> materials = new HashMap<>();
  private final Map<Long, StepBalance> steps = new HashMap<>();
  private final Map<String, Material> origins = new HashMap<>();
  private final LinkedHashSet<String> notes = new LinkedHashSet<>();

  private RollUp(Ancestry ancestry, BigDecimal tolerance) {
    this.ancestry = ancestry;
    this.tolerance = tolerance;
  }

  static RollUp of(LotSource source, LotId lot, CheckOptions options) throws LedgerException {
    RollUp r = new RollUp(Ancestry.walk(source, lot, options.maxLotStates()), options.tolerance());
    for (State s : r.ancestry.statesInDependencyOrder()) {
      r.materials.put(s, r.compute(s));
    }
    return r;
  }

  Ancestry ancestry() {
    return ancestry;
  }

  /** The gaps met, upstream first; policies add theirs. */
  Set<String> notes() {
    return notes;
  }

  /** The checked lot's composition over its whole history. */
  Composition composition() {
    LotId root = ancestry.root();
    Material m = materials.get(new State(root, ancestry.record(root).contributions().size()));
    List<ElementBalance> elements = new ArrayList<>();
    m.elements()
        .forEach(
            (symbol, s) ->
                elements.add(
                    new ElementBalance(
                        symbol,
                        Material.exact(s.massFraction()),
                        Material.exact(s.recycledPreConsumer()),
                        Material.exact(s.recycledPostConsumer()))));
    return new Composition(
        root,
        m.massKg(),
        elements,
        m.otherElementsUnknown(),
        Material.exact(m.carbonFootprint()),
        m.carbonLowerBound(),
        new ArrayList<>(notes));
  }

  // ---------------------------------------------------------------- computing states

  private Material compute(State s) {
    LotRecord rec = ancestry.record(s.lot());
    if (s.contributions() == 0) {
      notes.add(unknownReason(rec));
      return Material.UNKNOWN;
    }
    List<Material> parts = new ArrayList<>(s.contributions());
    for (int j = 0; j < s.contributions(); j++) {
      LotRecord.Contribution c = rec.contributions().get(j);
      parts.add(c.isTransformation() ? step(c.entry()).output(s.lot()) : origin(s.lot(), c));
    }
    Material mixed = Material.mix(parts);
    if (parts.size() > 1 && mixed.massKg() == null) {
      notes.add(
          "lot "
              + s.lot()
              + ": material from several events, not all stated in a mass unit, cannot be mixed; "
              + "its composition is unknown");
    }
    return mixed;
  }

  private String unknownReason(LotRecord rec) {
    if (rec.history().isEmpty()) {
      return "lot " + rec.lot() + ": never seen in this ledger; its composition is unknown";
    }
    if (rec.receivedBefore(Long.MAX_VALUE)) {
      return "lot "
          + rec.lot()
          + ": received without master data in this ledger; its composition is unknown";
    }
    return "lot "
        + rec.lot()
        + ": not commissioned or produced before it was used; its composition is unknown";
  }

  private StepBalance step(Entry entry) {
    StepBalance b = steps.get(entry.index());
    if (b == null) {
      b = StepBalance.of(entry, input -> inputState(input, entry.index()), notes::add);
      steps.put(entry.index(), b);
    }
    return b;
  }

  private Material inputState(LotId input, long index) {
    State s = new State(input, ancestry.record(input).contributionsBefore(index));
    Material m = materials.get(s);
    if (m == null) {
      throw new IllegalStateException(
          "state " + s + " consumed by entry " + index + " was not computed before it");
    }
    return m;
  }

  /** An ADD taken as declared: its ILMD is the lot's composition and footprint. */
  private Material origin(LotId lot, LotRecord.Contribution c) {
    String key = lot.uri() + "\n" + c.index();
    Material m = origins.get(key);
    if (m != null) {
      return m;
    }
    String at = "lot " + lot + " (entry " + c.index() + "): ";
    LotMasterData ilmd = ((ObjectEvent) c.entry().event()).ilmd();
    BigDecimal perPiece = Units.netKilogramsPerPiece(ilmd);
    BigDecimal kg = c.quantity().stated().map(q -> Material.kilograms(q, perPiece)).orElse(null);
    if (kg == null) {
      notes.add(
          at
              + "commissioned "
              + c.quantity().stated().map(q -> "in " + q.unit()).orElse("without a quantity")
              + ", not a mass; it cannot be mixed by mass");
    }
    TreeMap<String, Share> elements = new TreeMap<>();
    for (ElementShare e : ilmd.elements()) {
      elements.put(
          e.element(),
          new Share(
              e.massFraction(),
              declaredOrZero(at, e, "pre", e.recycledPreConsumer()),
              declaredOrZero(at, e, "post", e.recycledPostConsumer())));
    }
    if (elements.isEmpty()) {
      notes.add(at + "commissioned without an element composition; what it holds is unknown");
    }
    m =
        new Material(
            Material.exact(kg),
            elements,
            elements.isEmpty(),
            ilmd.carbonFootprint(),
            false,
            perPiece);
    origins.put(key, m);
    return m;
  }

  private BigDecimal declaredOrZero(String at, ElementShare e, String which, BigDecimal v) {
    if (v != null) {
      return v;
    }
    notes.add(
        at + e.element() + " " + which + "-consumer recycled share not declared; counted as 0");
    return BigDecimal.ZERO;
  }

  // ---------------------------------------------------------------- findings

  /**
   * Declared claims above (recycled) or below (carbon) what the roll-up computes, beyond the
   * tolerance.
   */
  List<CheckFinding> claimFindings() {
    List<CheckFinding> out = new ArrayList<>();
    for (Map.Entry<LotId, Reached> e : ancestry.reached().entrySet()) {
      LotId lot = e.getKey();
      Reached r = e.getValue();
      int counted = r.record.contributionsBefore(r.cutoff);
      for (int j = 0; j < counted; j++) {
        LotRecord.Contribution c = r.record.contributions().get(j);
        if (c.isTransformation()) {
          StepBalance b = step(c.entry());
          Claims claims =
              new Claims(lot, r.path, "entry " + c.index() + " declares for its outputs", out);
          for (ElementShare d : ((TransformationEvent) c.entry().event()).ilmd().elements()) {
            Share computed = b.computed(d.element());
            claims.recycled(d, true, computed.recycledPreConsumer());
            claims.recycled(d, false, computed.recycledPostConsumer());
          }
          claims.carbon(
              ((TransformationEvent) c.entry().event()).ilmd().carbonFootprint(),
              b.computedCarbon(),
              b.carbonLowerBound());
        }
      }
      for (LotRecord.Contribution d : r.record.redeclarations()) {
        if (d.index() < r.cutoff) {
          Material m = materials.get(new State(lot, r.record.contributionsBefore(d.index())));
          Claims claims =
              new Claims(
                  lot, r.path, "entry " + d.index() + " re-declares for the lot as produced", out);
          LotMasterData ilmd = ((ObjectEvent) d.entry().event()).ilmd();
          for (ElementShare es : ilmd.elements()) {
            Share computed = m.share(es.element());
            claims.recycled(es, true, computed.recycledPreConsumer());
            claims.recycled(es, false, computed.recycledPostConsumer());
          }
          claims.carbon(ilmd.carbonFootprint(), m.carbonFootprint(), m.carbonLowerBound());
        }
      }
    }
    return out;
  }

  /** Compares one event's declarations for one lot with the computed values. */
  private final class Claims {
    private final LotId lot;
    private final List<LotId> path;
    private final String where;
    private final List<CheckFinding> out;

    Claims(LotId lot, List<LotId> path, String where, List<CheckFinding> out) {
      this.lot = lot;
      this.path = path;
      this.where = where;
      this.out = out;
    }

    void recycled(ElementShare declared, boolean pre, BigDecimal computed) {
      BigDecimal d = pre ? declared.recycledPreConsumer() : declared.recycledPostConsumer();
      if (d == null || d.compareTo(tolerance) <= 0) {
        return; // nothing declared, or a share no computation can be exceeded by
      }
      String what =
          declared.element()
              + (pre ? " pre" : " post")
              + "-consumer recycled share "
              + Material.text(d);
      if (computed == null) {
        out.add(
            new CheckFinding(
                Failure.CLAIM_NOT_COMPUTABLE,
                lot,
                path,
                declared.element(),
                where
                    + " "
                    + what
                    + ", which its inputs cannot back: their "
                    + declared.element()
                    + " content is not fully known (see notes)",
                Material.text(d),
                "unknown",
                null));
      } else if (d.subtract(computed).compareTo(tolerance) > 0) {
        out.add(
            new CheckFinding(
                pre
                    ? Failure.RECYCLED_PRE_CONSUMER_ABOVE_COMPUTED
                    : Failure.RECYCLED_POST_CONSUMER_ABOVE_COMPUTED,
                lot,
                path,
                declared.element(),
                where
                    + " "
                    + what
                    + "; its inputs back "
                    + Material.text(computed)
                    + " (tolerance "
                    + Material.text(tolerance)
                    + ")",
                Material.text(d),
                Material.text(computed),
                null));
      }
    }

    void carbon(BigDecimal declared, BigDecimal computed, boolean lowerBound) {
      if (declared == null) {
        return;
      }
      String what = "a carbon footprint of " + Material.text(declared) + " kg CO2e/kg";
      if (computed == null) {
        out.add(
            new CheckFinding(
                Failure.CLAIM_NOT_COMPUTABLE,
                lot,
                path,
                null,
                where + " " + what + ", which the records do not allow computing (see notes)",
                Material.text(declared),
                "unknown",
                null));
      } else if (computed.subtract(declared).compareTo(tolerance) > 0) {
        out.add(
            new CheckFinding(
                Failure.CARBON_FOOTPRINT_BELOW_COMPUTED,
                lot,
                path,
                null,
                where
                    + " "
                    + what
                    + "; its inputs and step emissions amount to "
                    + (lowerBound ? "at least " : "")
                    + Material.text(computed)
                    + " (tolerance "
                    + Material.text(tolerance)
                    + ")",
                Material.text(declared),
                Material.text(computed),
                null));
      }
    }
  }

  /**
   * Transformation inputs drawn from lots the ledger never saw commissioned, produced or received
   * before the transformation: nothing on the ledger backs their quantity or composition.
   */
  List<CheckFinding> unbackedFindings() {
    List<CheckFinding> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Consumption c : ancestry.consumptions()) {
      LotRecord rec = ancestry.record(c.input());
      if (!rec.backedBefore(c.index()) && seen.add(c.input().uri() + "\n" + c.index())) {
        out.add(
            new CheckFinding(
                Failure.UNBACKED_INPUT,
                c.input(),
                ancestry.reached().get(c.input()).path,
                null,
                "consumed by entry "
                    + c.index()
                    + " (making "
                    + c.madeInto()
                    + ") but never commissioned, produced or received "
                    + "in this ledger before it: its quantity and composition are not backed",
                null,
                null,
                null));
      }
    }
    return out;
  }

  /**
   * Transformation inputs drawn beyond what the ledger records the input lot ever had (see {@link
   * LotRecord#firstOverdraw}), up to the lot's last use in this ancestry: only imported records can
   * say so, since the ledger's own events are refused an overdraw. One finding per lot, at the
   * first entry that overdraws it.
   */
  List<CheckFinding> overdrawFindings() {
    Map<LotId, Long> lastUse = new LinkedHashMap<>();
    for (Consumption c : ancestry.consumptions()) {
      lastUse.merge(c.input(), c.index(), Math::max);
    }
    List<CheckFinding> out = new ArrayList<>();
    for (Map.Entry<LotId, Long> use : lastUse.entrySet()) {
      LotId lot = use.getKey();
      LotRecord.Overdraw o = ancestry.record(lot).firstOverdraw(use.getValue());
      if (o == null) {
        continue;
      }
      List<LotId> made =
          ((TransformationEvent) o.entry().event())
              .outputs().stream().map(LotQuantity::lot).toList();
      String drawn = Material.text(o.drawn()) + " " + o.unit();
      String recorded = Material.text(o.recorded()) + " " + o.unit();
      out.add(
          new CheckFinding(
              Failure.OVERDRAWN_INPUT,
              lot,
              ancestry.reached().get(lot).path,
              null,
              "transformations up to entry "
                  + o.entry().index()
                  + " (making "
                  + (made.size() == 1 ? made.get(0) : made)
                  + ") drew "
                  + drawn
                  + " of it, but the ledger records only "
                  + recorded
                  + " brought into it before",
              drawn + " drawn",
              recorded + " recorded",
              null));
    }
    return out;
  }
}
