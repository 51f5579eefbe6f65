package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger lots}: every lot id, one per line, in order of first appearance. */
@Command(
    name = "lots",
    description = "List every lot in the ledger, one per line, in order of first appearance.")
final class LotsCommand implements Callable<Integer> {
  @Mixin DataDirectory data;

  @Option(
      names = "--json",
      description = "Print one JSON object: {\"lots\":[URI, ...]}, in the same order.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    PrintWriter out = spec.commandLine().getOut();
    try (Ledger ledger = data.openReading()) {
      if (json) {
        ObjectNode o = JsonOutput.object();
        ArrayNode lots = o.putArray("lots");
        ledger.lots().forEach(lot -> lots.add(lot.uri()));
        out.println(JsonOutput.text(o));
      } else {
        for (LotId lot : ledger.lots()) {
          out.println(lot.uri());
        }
      }
    }
    return LedgerCli.EXIT_OK;
  }
}
