package io.lotledger.rules;

import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one lot against the records of its ancestry: the claims roll-up ({@link ClaimsCalculator}:
 * declared recycled shares and carbon footprints the inputs do not back), unbacked transformation
 * inputs, and a {@link Policy} ({@link PolicyEvaluator}). The ancestry is walked once per check. An
 * honest, fully recorded chain yields no finding.
 *
 * <pre>{@code
 * CheckReport report = new LotCheck(ledger::history, policy, CheckOptions.DEFAULT).check(lot);
 * report.findings().forEach(System.out::println);
 * }</pre>
 *
 * <p>Thread-safe when the source is: a check keeps no state between calls. The result is
 * deterministic: the same records give the same findings in the same order.
 */
public final class LotCheck {
  private final LotSource source;
  private final Policy policy;
  private final CheckOptions options;

  /**
   * A check that reads lot histories from {@code source}, judges by {@code policy} and is bounded
   * by {@code options}.
   *
   * @throws IllegalArgumentException if an argument is null ({@link Policy#NONE} is the policy of
   *     no rules)
   */
  public LotCheck(LotSource source, Policy policy, CheckOptions options) {
    if (source == null || policy == null || options == null) {
      throw new IllegalArgumentException(
          "a lot check needs a source, a policy (Policy.NONE for none) and options");
    }
    this.source = source;
    this.policy = policy;
    this.options = options;
  }

  /**
   * Checks {@code lot}.
   *
   * @throws LedgerException NOT_FOUND for a lot the source never saw, INVALID_INPUT for an ancestry
   *     over {@link CheckOptions#maxLotStates()}, or what the source throws
   */
  public CheckReport check(LotId lot) throws LedgerException {
    RollUp rollUp = RollUp.of(source, lot, options);
    Composition composition = rollUp.composition();
    List<CheckFinding> findings = new ArrayList<>(ClaimsCalculator.findings(rollUp));
    findings.addAll(PolicyEvaluator.evaluate(rollUp, policy));
    findings.sort(CheckFinding.ORDER);
    return new CheckReport(
        lot,
        composition,
        findings,
        new ArrayList<>(rollUp.notes()),
        rollUp.ancestry().stateCount());
  }
}
