package io.lotledger.rules;

import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolls recycled content and carbon footprint up a lot's ancestry by mass balance, and finds the
 * declared claims the ledger does not back.
 *
 * <p>For each transformation, per element E, with m_i the mass of E that input i brings (consumed
 * kg x its mass fraction of E): the output's recycled share r = sum(m_i x r_i) / sum(m_i), pre- and
 * post-consumer apart; its mass fraction of E is the declared assay, else sum(m_i) / total output
 * kg; its footprint (sum(input kg x input footprint) + step emissions) / total output kg. Every
 * output of one transformation gets the same values; a lot made by several events mixes them by
 * mass. Lots commissioned with an ADD are the leaves and are taken as declared. The values that
 * flow on are the less favourable of declared and computed.
 *
 * <p>A finding is a declared recycled share more than the tolerance above the computed one, a
 * declared footprint more than the tolerance below it, a declared claim the records do not allow
 * computing, or a transformation input the ledger never saw commissioned, produced or received.
 *
 * <p>Thread-safe when the source is: each call walks the ancestry afresh. Arithmetic is exact
 * decimal at 34 significant digits (decimal128), never {@code double}.
 */
public final class ClaimsCalculator {
  private final LotSource source;
  private final CheckOptions options;

  /**
   * A calculator that reads lot histories from {@code source} and judges claims with {@code
   * options}' tolerance.
   *
   * @throws IllegalArgumentException if {@code source} or {@code options} is null
   */
  public ClaimsCalculator(LotSource source, CheckOptions options) {
    if (source == null || options == null) {
      throw new IllegalArgumentException("a claims calculator needs a source and options");
    }
    this.source = source;
    this.options = options;
  }

  /** With {@link CheckOptions#DEFAULT}. */
  public ClaimsCalculator(LotSource source) {
    this(source, CheckOptions.DEFAULT);
  }

  /**
   * What {@code lot} contains according to its ancestry.
   *
   * @throws LedgerException NOT_FOUND for a lot the source never saw, INVALID_INPUT for an ancestry
   *     over {@link CheckOptions#maxLotStates()}, or what the source throws
   */
  public Composition composition(LotId lot) throws LedgerException {
    return RollUp.of(source, lot, options).composition();
  }

  /**
   * The claims in {@code lot}'s ancestry (the lot and every lot it was made from) that the ledger
   * does not back, and its unbacked and overdrawn inputs, in {@link CheckFinding#ORDER}. Empty for
   * an honest chain.
   */
  public List<CheckFinding> findings(LotId lot) throws LedgerException {
    return findings(RollUp.of(source, lot, options));
  }

  static List<CheckFinding> findings(RollUp rollUp) {
    List<CheckFinding> out = new ArrayList<>(rollUp.claimFindings());
    out.addAll(rollUp.unbackedFindings());
    out.addAll(rollUp.overdrawFindings());
    out.sort(CheckFinding.ORDER);
    return List.copyOf(out);
  }
}
