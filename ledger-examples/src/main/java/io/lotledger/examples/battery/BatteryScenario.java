package io.lotledger.examples.battery;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.examples.Scenario;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.ElementBalance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BatteryChain} as a runnable {@link Scenario} ({@code ledger demo battery}): records the
 * chain and reports what a reader of the demo wants to see, the final pack's recycled cobalt share
 * computed by mass balance, and, in the fraud variant, the planted fraud and the check that names
 * it.
 */
public final class BatteryScenario implements Scenario {
  /** The policy the pack is checked against, relative to the repository root. */
  public static final String POLICY_FILE = "docs/policies/battery-demo.json";

  private final BatteryChain chain;

  /**
   * The battery scenario; with {@code withFraud} the variant with the planted fraud of {@link
   * BatteryChain#withFraud()}.
   */
  public BatteryScenario(boolean withFraud) {
    this.chain = withFraud ? BatteryChain.withFraud() : new BatteryChain();
  }

  @Override
  public String name() {
    return "battery";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Record an EU battery supply chain (cobalt mine in DR Congo -> refinery -> cathode maker -> cell maker -> pack "
            + "assembler, with lithium and nickel suppliers, and a recycling loop: end-of-life packs -> black mass -> "
            + "recycled cobalt sulphate into new cathode material) in a new ledger, verify it, and sign a checkpoint with "
            + "the demo log key.",
        "--with-fraud plants an over-declared recycled cobalt share and an uncertified cobalt origin lot, which "
            + "'ledger check PACK --policy docs/policies/battery-demo.json' names.");
  }

  @Override
  public String origin() {
    return BatteryChain.ORIGIN;
  }

  @Override
  public ActorSigner root() {
    return chain.root();
  }

  @Override
  public String rootName() {
    return chain.rootName();
  }

  @Override
  public LedgerOptions options() {
    return BatteryChain.options();
  }

  @Override
  public Outcome record(Ledger ledger) throws LedgerException {
    BatteryChain.Summary summary = chain.record(ledger);
    List<String> highlights = new ArrayList<>();
    BigDecimal recycledIn =
        ledger.lotState(BatteryChain.RECYCLED_COBALT_SULPHATE).orElseThrow().consumed();
    highlights.add(
        "recycled cobalt sulphate into the cathode material: "
            + recycledIn.toPlainString()
            + " KGM (lot "
            + BatteryChain.RECYCLED_COBALT_SULPHATE
            + ")");
    ElementBalance cobalt =
        new ClaimsCalculator(ledger::history).composition(summary.finalLot()).element("Co");
    highlights.add(
        "final lot recycled cobalt (computed by mass balance): pre-consumer "
            + percent(cobalt.recycledPreConsumer())
            + ", post-consumer "
            + percent(cobalt.recycledPostConsumer()));
    for (LotId lot : summary.uncertifiedLots()) {
      highlights.add("planted fraud: cobalt origin without due-diligence certificate: " + lot);
    }
    for (LotId lot : summary.overDeclaredLots()) {
      highlights.add("planted fraud: recycled cobalt share declared above mass balance: " + lot);
    }
    if (chain.plantsFraud()) {
      highlights.add(
          "caught by: ledger check "
              + summary.finalLot()
              + " --policy "
              + POLICY_FILE
              + " (exits 1 naming both)");
    }
    return new Outcome(
        summary.entries(), summary.lots(), summary.actors(), summary.finalLot(), highlights);
  }

  @Override
  public String policyFile() {
    return POLICY_FILE;
  }

  /**
   * A share as a percentage for reading, e.g. {@code 16%}; {@code unknown} when the records do not
   * allow it.
   */
  private static String percent(BigDecimal share) {
    return share == null
        ? "unknown"
        : share
                .movePointRight(2)
                .setScale(2, RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString()
            + "%";
  }
}
