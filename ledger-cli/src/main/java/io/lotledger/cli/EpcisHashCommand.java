package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.epcis.EpcisFormatException;
import io.lotledger.epcis.EventHashId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger epcis-hash FILE.jsonld}: the CBV 2.0 event hash ID ({@code
 * ni:///sha-256;…?ver=CBV2.0}) of every event of an EPCIS 2.0 JSON-LD document, one a line, in
 * document order ({@link EventHashId}).
 */
@Command(
    name = "epcis-hash",
    description = {
      "Print the CBV 2.0 event hash ID (ni:///sha-256;...?ver=CBV2.0) of each event of an EPCIS 2.0 JSON-LD "
          + "document (an EPCISDocument or EPCISQueryDocument), one a line, in document order.",
      "Exit 0, or 2 for an unreadable, oversized or malformed document (the error names the event and field)."
    })
final class EpcisHashCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE.jsonld", description = "The EPCIS 2.0 JSON-LD document.")
  Path file;

  @Option(
      names = "--pre-hash",
      description = "Also print each event's pre-hash string, after its ID.")
  boolean preHash;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: {\"events\":[{\"id\", \"preHash\"}, ...]} in "
              + "document order; preHash is always there.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, EpcisFormatException {
    byte[] bytes = ImportCommand.read(file);
    PrintWriter out = spec.commandLine().getOut();
    List<EventHashId> ids = EventHashId.fromDocument(bytes);
    if (json) {
      ObjectNode o = JsonOutput.object();
      ArrayNode events = o.putArray("events");
      ids.forEach(id -> events.addObject().put("id", id.id()).put("preHash", id.preHash()));
      out.println(JsonOutput.text(o));
      return LedgerCli.EXIT_OK;
    }
    for (EventHashId id : ids) {
      out.println(id.id());
      if (preHash) {
        out.println(id.preHash());
      }
    }
    return LedgerCli.EXIT_OK;
  }
}
