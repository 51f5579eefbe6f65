package io.lotledger.cli;

import io.lotledger.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.verify.LotAncestry;
import io.lotledger.verify.LotState;
import java.math.BigDecimal;

/**
 * What {@code trace} and {@code report} show per lot besides its history: custody and mass balance as
 * the ledger's rules derive them from the verified entries ({@link LotAncestry#state}; null for a lot
 * never created on this ledger: external), and the composition and carbon footprint rolled up from its
 * ancestry ({@link ClaimsCalculator}).
 */
record LotSummary(LotId lot, LotState state, Composition composition) {

  /** {@code lot} (one of {@code verified}'s lots) with its replayed state; {@code claims} should read {@code verified}. */
  static LotSummary of(LotAncestry verified, ClaimsCalculator claims, LotId lot) throws LedgerException {
    return new LotSummary(lot, verified.state(lot).orElse(null), claims.composition(lot));
  }

  /** One line: balance and custodians, or why there is none. */
  String describe() {
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

  /** One line: each element's rolled-up mass fraction and recycled shares, and the carbon footprint. */
  String describeComposition() {
    StringBuilder b = new StringBuilder();
    for (ElementBalance e : composition.elements()) {
      if (e.absent()) {
        continue;
      }
      b.append(b.length() == 0 ? "" : "; ").append(e.element()).append(' ').append(rounded(e.massFraction(), 4))
          .append(" (recycled pre-consumer ").append(rounded(e.recycledPreConsumer(), 4))
          .append(", post-consumer ").append(rounded(e.recycledPostConsumer(), 4)).append(')');
    }
    if (b.length() == 0) {
      b.append("no element composition known");
    }
    b.append("; carbon ").append(composition.carbonFootprint() == null ? "unknown"
        : (composition.carbonLowerBound() ? "at least " : "") + rounded(composition.carbonFootprint(), 3) + " kg CO2e/kg");
    return b.toString();
  }

  /** For reading, not for checking: {@code scale} decimals, half-even, without trailing zeros (JSON keeps every digit). */
  static String rounded(BigDecimal v, int scale) {
    return v == null ? "unknown" : plain(v.setScale(scale, java.math.RoundingMode.HALF_EVEN));
  }

  /** A plain decimal string without trailing zeros, or null when {@code v} is (a value the records cannot give). */
  static String plain(BigDecimal v) {
    return v == null ? null : v.stripTrailingZeros().toPlainString();
  }
}
