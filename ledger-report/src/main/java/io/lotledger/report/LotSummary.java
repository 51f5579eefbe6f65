package io.lotledger.report;

import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.LotState;
import io.lotledger.verify.LotAncestry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What the provenance report and {@code ledger trace} show per lot besides its history: custody and
 * mass balance as the ledger's rules derive them from the verified entries ({@link
 * LotAncestry#state}; null for a lot never created on this ledger: external), and the composition
 * and carbon footprint rolled up from its ancestry ({@link ClaimsCalculator}). Immutable.
 *
 * @param lot the lot
 * @param state its custody and balance, or null for a lot not tracked on this ledger
 * @param composition its rolled-up element composition, recycled shares and carbon footprint
 */
public record LotSummary(LotId lot, LotState state, Composition composition) {
  /**
   * @throws NullPointerException if {@code lot} or {@code composition} is null ({@code state} may
   *     be)
   */
  public LotSummary {
    Objects.requireNonNull(lot, "lot");
    Objects.requireNonNull(composition, "composition");
  }

  /**
   * {@code lot} (one of {@code verified}'s lots) with its replayed state; {@code claims} should
   * read {@code verified}'s histories.
   *
   * @throws LedgerException what rolling up the lot's ancestry throws
   */
  public static LotSummary of(LotAncestry verified, ClaimsCalculator claims, LotId lot)
      throws LedgerException {
    return new LotSummary(lot, verified.state(lot).orElse(null), claims.composition(lot));
  }

  /** One line: balance and custodians, or why there is none. */
  public String describe() {
    if (state == null) {
      return "not tracked here (an external lot: no event of this ledger's own commissioned, produced or received it;"
          + " imported records move no custody)";
    }
    StringBuilder b = new StringBuilder();
    String unit = state.quantified() ? " " + state.unit() : "";
    b.append(state.quantified() ? state.balance().toPlainString() + unit : "(no quantity)");
    b.append(", held by ");
    if (state.holdings().isEmpty()) {
      b.append("nobody");
    } else {
      String sep = "";
      for (var h : state.holdings().entrySet()) {
        b.append(sep).append(h.getKey().uri());
        if (state.quantified()) {
          b.append(" (").append(h.getValue().toPlainString()).append(unit).append(")");
        }
        sep = ", ";
      }
    }
    if (!state.inTransit().isEmpty()) {
      BigDecimal moving = BigDecimal.ZERO;
      for (LotState.Transit t : state.inTransit().values()) {
        moving = moving.add(t.amount());
      }
      b.append("; in transit: ").append(state.inTransit().size()).append(" shipment(s)");
      if (state.quantified()) {
        b.append(", ").append(moving.toPlainString()).append(unit);
      }
    }
    return b.toString();
  }

  /**
   * One line: each element's rolled-up mass fraction and recycled shares, and the carbon footprint.
   */
  public String describeComposition() {
    StringBuilder b = new StringBuilder();
    for (ElementBalance e : composition.elements()) {
      if (e.absent()) {
        continue;
      }
      b.append(b.length() == 0 ? "" : "; ")
          .append(e.element())
          .append(' ')
          .append(rounded(e.massFraction(), 4))
          .append(" (recycled pre-consumer ")
          .append(rounded(e.recycledPreConsumer(), 4))
          .append(", post-consumer ")
          .append(rounded(e.recycledPostConsumer(), 4))
          .append(')');
    }
    if (b.length() == 0) {
      b.append("no element composition known");
    }
    b.append("; carbon ")
        .append(
            composition.carbonFootprint() == null
                ? "unknown"
                : (composition.carbonLowerBound() ? "at least " : "")
                    + rounded(composition.carbonFootprint(), 3)
                    + " kg CO2e/kg");
    return b.toString();
  }

  /**
   * For reading, not for checking: {@code scale} decimals, half-even, without trailing zeros (JSON
   * keeps every digit).
   */
  private static String rounded(BigDecimal v, int scale) {
    return v == null ? "unknown" : plain(v.setScale(scale, RoundingMode.HALF_EVEN));
  }

  /** A computed figure as shown: exact, without trailing zeros; null stays null. */
  public static String plain(BigDecimal v) {
    return v == null ? null : v.stripTrailingZeros().toPlainString();
  }
}
