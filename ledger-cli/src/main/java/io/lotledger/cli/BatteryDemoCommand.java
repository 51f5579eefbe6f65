package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.examples.battery.BatteryChain;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger demo battery}: records {@link BatteryChain} in a new ledger and verifies it. */
@Command(name = "battery",
    description = {
        "Record an EU battery supply chain (cobalt mine in DR Congo -> refinery -> cathode maker -> "
            + "cell maker -> pack assembler, with lithium and nickel suppliers) in a new ledger, then verify it.",
        "Refuses a non-empty directory unless --force is given."
    })
final class BatteryDemoCommand implements Callable<Integer> {
  @Mixin DataDirectory data;

  @Option(names = "--force", description = "Delete DIR and everything in it first, if it is not empty.")
  boolean force;

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
    BatteryChain chain = new BatteryChain();
    try (Ledger ledger = Ledger.create(data.path(), BatteryChain.ORIGIN, chain.root(), chain.rootName(), BatteryChain.options())) {
      BatteryChain.Summary summary = chain.record(ledger);
      out.println("recorded the battery demo in " + data.path() + " (ledger " + ledger.origin() + ")");
      out.println("entries: " + summary.entries());
      out.println("lots: " + summary.lots().size());
      out.println("actors: " + summary.actors().size());
      out.println("final lot: " + summary.finalLot());
      ledger.verify();
      out.println("verified: " + ledger.size() + " entries");
      out.println("next: ledger trace " + summary.finalLot() + dataArgument());
    }
    return LedgerCli.EXIT_OK;
  }

  private String dataArgument() {
    return data.path().toString().equals(DataDirectory.DEFAULT) ? "" : " --data " + data.path();
  }
}
