package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.event.LotId;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.log.Checkpoint;
import io.lotledger.verify.LotState;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger demo battery [--with-fraud]}: records {@link BatteryChain} (or {@link BatteryChain#withFraud()})
 * in a new ledger, verifies it, writes the demo's fixed log key ({@link #demoLogKey()}) and signs a
 * checkpoint. Prints the final lot, how much recycled cobalt sulphate went into the cathode material
 * (from the lot's state) and, with fraud, the planted lots.
 */
@Command(name = "battery",
    description = {
        "Record an EU battery supply chain (cobalt mine in DR Congo -> refinery -> cathode maker -> "
            + "cell maker -> pack assembler, with lithium and nickel suppliers and a recycler whose cobalt sulphate, "
            + "from end-of-life packs, goes into the cathode material) in a new ledger, verify it, and sign "
            + "a checkpoint with the demo log key (written to DIR/keys/log.key; its seed is SHA-256(\"lotledger demo log key\"), "
            + "public knowledge, so never use it for real records).",
        "With --with-fraud the same chain carries two false claims that the ledger accepts, because a claim is no "
            + "arithmetic violation: an uncertified cobalt origin lot and an over-declared recycled cobalt share.",
        "Refuses a non-empty directory unless --force is given."
    })
final class BatteryDemoCommand implements Callable<Integer> {
  /** The text whose SHA-256 is the demo log key's Ed25519 seed. */
  static final String DEMO_LOG_KEY_SEED = "lotledger demo log key";

  @Mixin DataDirectory data;

  @Option(names = "--force", description = "Delete DIR and everything in it first, if it is not empty.")
  boolean force;

  @Option(names = "--with-fraud",
      description = "Plant fraud: a cobalt hydroxide lot without due-diligence certificate, and cathode material that declares "
          + "30% recycled cobalt where mass balance gives 16%.")
  boolean withFraud;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    if (Files.exists(data.path()) && !Files.isDirectory(data.path())) {
      throw CliException.usage(data.path() + " exists and is not a directory");
    }
    if (!data.isAbsentOrEmpty()) {
      if (!force) {
        throw CliException.usage(data.path() + (Ledger.exists(data.path()) ? " already holds a ledger" : " is not empty")
            + "; pass --force to replace it");
      }
      data.deleteForReplacement();
    }
    PrintWriter out = spec.commandLine().getOut();
    BatteryChain chain = withFraud ? BatteryChain.withFraud() : new BatteryChain();
    try (Ledger ledger = Ledger.create(data.path(), BatteryChain.ORIGIN, chain.root(), chain.rootName(), BatteryChain.options())) {
      BatteryChain.Summary summary = chain.record(ledger);
      out.println("recorded the battery demo in " + data.path() + " (ledger " + ledger.origin() + ")");
      out.println("entries: " + summary.entries());
      out.println("lots: " + summary.lots().size());
      out.println("actors: " + summary.actors().size());
      out.println("final lot: " + summary.finalLot());
      out.println("recycled cobalt sulphate into the cathode material: " + consumed(ledger, BatteryChain.RECYCLED_COBALT_SULPHATE)
          + " (lot " + BatteryChain.RECYCLED_COBALT_SULPHATE + ")");
      for (LotId lot : summary.uncertifiedLots()) {
        out.println("planted fraud: cobalt origin without due-diligence certificate: " + lot);
      }
      for (LotId lot : summary.overDeclaredLots()) {
        out.println("planted fraud: recycled cobalt share declared above mass balance: " + lot);
      }
      io.lotledger.rules.ElementBalance cobalt =
          new io.lotledger.rules.ClaimsCalculator(ledger::history).composition(summary.finalLot()).element("Co");
      out.println("final lot recycled cobalt (computed by mass balance): pre-consumer "
          + percent(cobalt.recycledPreConsumer()) + ", post-consumer " + percent(cobalt.recycledPostConsumer()));
      ledger.verify();
      out.println("verified: " + ledger.size() + " entries");
      Ed25519Signer logKey = demoLogKey();
      LogKey.write(data.path(), ledger.origin(), logKey);
      Checkpoint checkpoint = ledger.checkpoint(logKey).checkpoint();
      out.println("checkpoint: size " + checkpoint.size() + " root " + checkpoint.root().toBase64());
      out.println("next: ledger trace " + summary.finalLot() + dataArgument());
      out.println("next: ledger check " + summary.finalLot() + " --policy docs/policies/battery-demo.json" + dataArgument()
          + (withFraud ? "   (exits 1 naming the planted fraud)" : ""));
    }
    return LedgerCli.EXIT_OK;
  }

  /**
   * The demo's log key, from the fixed seed SHA-256("lotledger demo log key") (UTF-8): like the demo's
   * actor keys it is reproducible, so two demo ledgers sign identical checkpoints, and therefore
   * worthless as a secret.
   */
  static Ed25519Signer demoLogKey() {
    try {
      return Ed25519Signer.fromSeed(MessageDigest.getInstance("SHA-256").digest(DEMO_LOG_KEY_SEED.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("SHA-256 and 32-byte Ed25519 seeds are always available", e);
    }
  }

  /** How much of {@code lot} transformations consumed, from its lot state, e.g. {@code 1000 KGM}. */
  private static String consumed(Ledger ledger, LotId lot) throws LedgerException {
    LotState state = ledger.lotState(lot).orElseThrow(() -> new IllegalStateException("the battery chain did not record " + lot));
    return state.consumed().toPlainString() + " " + state.unit();
  }

  /** A share as a percentage for reading, e.g. {@code 16%}; {@code unknown} when the records do not allow it. */
  private static String percent(java.math.BigDecimal share) {
    return share == null ? "unknown"
        : share.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
  }

  private String dataArgument() {
    return data.path().toString().equals(DataDirectory.DEFAULT) ? "" : " --data " + data.path();
  }
}
