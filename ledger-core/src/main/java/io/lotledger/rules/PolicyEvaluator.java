package io.lotledger.rules;

import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.rules.Ancestry.Reached;
import io.lotledger.rules.PolicyRule.ForbiddenOrigins;
import io.lotledger.rules.PolicyRule.MinimumRecycledShare;
import io.lotledger.rules.PolicyRule.RequireCertification;
import io.lotledger.rules.PolicyRule.TemperatureLimit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link Policy} over a lot's ancestry: the lot itself and every lot it was made from
 * through transformations, each lot's history counted up to the last time it went into the checked
 * lot. Origin lots are those commissioned with an ADD (taken with their declared master data) and
 * those the ledger shows no commissioning or production for before they were used (their master
 * data is unknown). Every violation is a {@link CheckFinding} whose path runs from the checked lot
 * to the offending lot.
 *
 * <p>Positive requirements (certification, minimum recycled share) need evidence, so unknown master
 * data or an uncomputable share fails them; prohibitions (forbidden origins, temperature limits)
 * fail only on a recorded value that breaks them.
 *
 * <p>Thread-safe when the source is: each call walks the ancestry afresh.
 */
public final class PolicyEvaluator {
  private final LotSource source;
  private final CheckOptions options;

  /**
   * An evaluator that reads lot histories from {@code source}, bounded by {@code options}.
   *
   * @throws IllegalArgumentException if {@code source} or {@code options} is null
   */
  public PolicyEvaluator(LotSource source, CheckOptions options) {
    if (source == null || options == null) {
      throw new IllegalArgumentException("a policy evaluator needs a source and options");
    }
    this.source = source;
    this.options = options;
  }

  /**
   * The violations of {@code policy} in {@code lot}'s ancestry, in {@link CheckFinding#ORDER};
   * empty when it holds.
   */
  public List<CheckFinding> evaluate(LotId lot, Policy policy) throws LedgerException {
    return evaluate(RollUp.of(source, lot, options), policy);
  }

  static List<CheckFinding> evaluate(RollUp rollUp, Policy policy) {
    List<CheckFinding> out = new ArrayList<>();
    for (PolicyRule rule : policy.rules()) {
      if (rule instanceof RequireCertification r) {
        certification(rollUp.ancestry(), r, out);
      } else if (rule instanceof ForbiddenOrigins r) {
        forbiddenOrigins(rollUp.ancestry(), r, out);
      } else if (rule instanceof TemperatureLimit r) {
        temperature(rollUp.ancestry(), r, out, rollUp.notes());
      } else if (rule instanceof MinimumRecycledShare r) {
        minimumRecycled(rollUp.composition(), r, out);
      }
    }
    out.sort(CheckFinding.ORDER);
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- origins

  /** The ADD contributions of {@code r}'s lot that count toward the checked lot. */
  private static List<LotRecord.Contribution> origins(Reached r) {
    List<LotRecord.Contribution> out = new ArrayList<>();
    int counted = r.record.contributionsBefore(r.cutoff);
    for (int j = 0; j < counted; j++) {
      LotRecord.Contribution c = r.record.contributions().get(j);
      if (!c.isTransformation()) {
        out.add(c);
      }
    }
    return out;
  }

  private static boolean unknownOrigin(Reached r) {
    return r.record.contributionsBefore(r.cutoff) == 0;
  }

  private static void certification(
      Ancestry ancestry, RequireCertification rule, List<CheckFinding> out) {
    String expected = "one of " + rule.certifications();
    for (Map.Entry<LotId, Reached> e : ancestry.reached().entrySet()) {
      Reached r = e.getValue();
      if (unknownOrigin(r)) {
        out.add(
            new CheckFinding(
                Failure.MISSING_CERTIFICATION,
                e.getKey(),
                r.path,
                rule.element(),
                "no master data on this ledger (not commissioned or produced here before it was used), so no certification; "
                    + "rule "
                    + rule.describe(),
                "none",
                null,
                expected));
        continue;
      }
      for (LotRecord.Contribution c : origins(r)) {
        LotMasterData ilmd = ((ObjectEvent) c.entry().event()).ilmd();
        if (!mayHold(ilmd, rule.element())) {
          continue;
        }
        LocalDate date = c.entry().event().time().toLocalDate();
        boolean held =
            ilmd.certifications().stream()
                .anyMatch(
                    cert ->
                        rule.certifications().contains(cert.uri())
                            && (!rule.validAtOriginDate() || validOn(cert, date)));
        if (!held) {
          List<String> have = ilmd.certifications().stream().map(Certification::uri).toList();
          out.add(
              new CheckFinding(
                  Failure.MISSING_CERTIFICATION,
                  e.getKey(),
                  r.path,
                  rule.element(),
                  "commissioned by entry "
                      + c.index()
                      + " on "
                      + date
                      + " without a required certification"
                      + (rule.validAtOriginDate() ? " valid on that date" : "")
                      + "; rule "
                      + rule.describe(),
                  have.isEmpty() ? "none" : String.join(", ", have),
                  null,
                  expected + (rule.validAtOriginDate() ? " valid on " + date : "")));
        }
      }
    }
  }

  /**
   * Whether a lot with {@code ilmd} may hold {@code element}: declared above 0, or no composition
   * declared.
   */
  private static boolean mayHold(LotMasterData ilmd, String element) {
    if (element == null || ilmd.elements().isEmpty()) {
      return true;
    }
    for (ElementShare s : ilmd.elements()) {
      if (s.element().equals(element)) {
        return s.massFraction().signum() > 0;
      }
    }
    return false;
  }

  private static boolean validOn(Certification c, LocalDate date) {
    return (c.validFrom() == null || !date.isBefore(c.validFrom()))
        && (c.validUntil() == null || !date.isAfter(c.validUntil()));
  }

  private static void forbiddenOrigins(
      Ancestry ancestry, ForbiddenOrigins rule, List<CheckFinding> out) {
    for (Map.Entry<LotId, Reached> e : ancestry.reached().entrySet()) {
      for (LotRecord.Contribution c : origins(e.getValue())) {
        String country = ((ObjectEvent) c.entry().event()).ilmd().originCountry();
        if (country != null && rule.countries().contains(country)) {
          out.add(
              new CheckFinding(
                  Failure.FORBIDDEN_ORIGIN,
                  e.getKey(),
                  e.getValue().path,
                  null,
                  "commissioned by entry "
                      + c.index()
                      + " with origin country "
                      + country
                      + "; rule "
                      + rule.describe(),
                  country,
                  null,
                  "none of " + rule.countries()));
        }
      }
    }
  }

  // ---------------------------------------------------------------- sensor readings

  private static void temperature(
      Ancestry ancestry, TemperatureLimit rule, List<CheckFinding> out, Set<String> notes) {
    BigDecimal limit = rankine(rule.maximum(), rule.unit());
    Set<String> reported = new HashSet<>();
    for (Map.Entry<LotId, Reached> e : ancestry.reached().entrySet()) {
      Reached r = e.getValue();
      boolean open = rule.fromBizStep() == null;
      for (Entry entry : r.record.history()) {
        if (entry.index() >= r.cutoff) {
          break;
        }
        String step = entry.event().context().bizStep();
        if (!open
            && rule.fromBizStep() != null
            && io.lotledger.event.Cbv.isBizStep(step, rule.fromBizStep())) {
          open = true;
        }
        if (open) {
          List<SensorReading> readings = entry.event().context().sensorReadings();
          for (int i = 0; i < readings.size(); i++) {
            SensorReading s = readings.get(i);
            if (!io.lotledger.event.Cbv.isSensorType(s.type(), rule.sensorType())
                || !reported.add(entry.index() + "/" + i)) {
              continue;
            }
            String value = s.value().toPlainString() + " " + s.unit();
            if (!TemperatureLimit.UNITS.contains(s.unit())) {
              notes.add(
                  "entry "
                      + entry.index()
                      + ": "
                      + s.type()
                      + " reading "
                      + value
                      + " is not in CEL, FAH or KEL; "
                      + "it cannot be compared with the limit "
                      + rule.maximum().toPlainString()
                      + " "
                      + rule.unit());
            } else if (rankine(s.value(), s.unit()).compareTo(limit) > 0) {
              out.add(
                  new CheckFinding(
                      Failure.TEMPERATURE_ABOVE_LIMIT,
                      e.getKey(),
                      r.path,
                      null,
                      "entry "
                          + entry.index()
                          + " ("
                          + (step == null ? "no bizStep" : "bizStep " + step)
                          + ", "
                          + entry.event().time()
                          + ") reports "
                          + s.type()
                          + " "
                          + value
                          + "; rule "
                          + rule.describe(),
                      value,
                      null,
                      "at most " + rule.maximum().toPlainString() + " " + rule.unit()));
            }
          }
        }
        if (open
            && rule.toBizStep() != null
            && io.lotledger.event.Cbv.isBizStep(step, rule.toBizStep())) {
          open = false;
        }
      }
    }
  }

  /**
   * {@code value} in degrees Rankine, exactly: every UN/CEFACT temperature unit maps to it with
   * terminating decimals (CEL: (c + 273.15) x 1.8, FAH: f + 459.67, KEL: k x 1.8), so readings and
   * limits in different units compare without rounding.
   */
  static BigDecimal rankine(BigDecimal value, String unit) {
    return switch (unit) {
      case "CEL" -> value.add(new BigDecimal("273.15")).multiply(new BigDecimal("1.8"));
      case "FAH" -> value.add(new BigDecimal("459.67"));
      case "KEL" -> value.multiply(new BigDecimal("1.8"));
      default -> throw new IllegalArgumentException("not a temperature unit: " + unit);
    };
  }

  // ---------------------------------------------------------------- recycled content

  private static void minimumRecycled(
      Composition composition, MinimumRecycledShare rule, List<CheckFinding> out) {
    ElementBalance b = composition.element(rule.element());
    if (b.absent()) {
      return;
    }
    BigDecimal share = rule.postConsumerOnly() ? b.recycledPostConsumer() : b.recycled();
    String which = rule.postConsumerOnly() ? "post-consumer" : "pre- plus post-consumer";
    String expected = "at least " + rule.minimum().toPlainString();
    LotId lot = composition.lot();
    if (share == null) {
      out.add(
          new CheckFinding(
              Failure.RECYCLED_SHARE_BELOW_MINIMUM,
              lot,
              List.of(lot),
              rule.element(),
              "the "
                  + which
                  + " recycled share of "
                  + rule.element()
                  + " cannot be computed from the records (see notes); rule "
                  + rule.describe(),
              null,
              "unknown",
              expected));
    } else if (share.compareTo(rule.minimum()) < 0) {
      out.add(
          new CheckFinding(
              Failure.RECYCLED_SHARE_BELOW_MINIMUM,
              lot,
              List.of(lot),
              rule.element(),
              "the "
                  + which
                  + " recycled share of "
                  + rule.element()
                  + " is "
                  + Material.text(share)
                  + "; rule "
                  + rule.describe(),
              null,
              Material.text(share),
              expected));
    }
  }
}
