package io.lotledger.cli;

import io.lotledger.error.LedgerException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ledger capture FILE.jsonld --key KEYFILE}: records a company's own events from an EPCIS
 * 2.0 document as native, signed entries, judged by custody and mass balance (unlike {@code
 * import}).
 */
@Command(
    name = "capture",
    description = {
      "Record an EPCIS 2.0 JSON-LD document (EPCISDocument) or a single event as KEYFILE's actor's own "
          + "events: native entries, each carrying its CBV 2.0 event hash ID as eventID, judged by the "
          + "ledger's custody and mass-balance rules like events appended through the Java API (a "
          + "commissioning makes the actor the lot's custodian; shipping, consuming or destroying needs "
          + "what it holds). Use 'import' for another system's records, which move no custody or balance.",
      "The document is validated as 'import' validates it; events already in the ledger (same hash ID) are "
          + "skipped.",
      "Exit 0; 1 when a ledger rule rejects an event (custody, mass balance, an unregistered key; nothing "
          + "of the document is stored); 2 for input errors."
    })
final class CaptureCommand extends ImportCommand implements Callable<Integer> {
  @Override
  public Integer call() throws CliException, LedgerException {
    return store(true);
  }
}
