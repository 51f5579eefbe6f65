package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.epcis.EpcisImport;
import io.lotledger.epcis.EventHashId;
import io.lotledger.error.LedgerException;
import io.lotledger.rules.AppendRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger import FILE.jsonld --key KEYFILE}: stores the events of an EPCIS 2.0 JSON-LD
 * document (or a single event), each signed as the key's actor, whole or not at all ({@link
 * EpcisImport}).
 */
@Command(
    name = "import",
    description = {
      "Import an EPCIS 2.0 JSON-LD document (EPCISDocument) or a single event into the ledger, each event "
          + "signed as KEYFILE's actor and carrying its CBV 2.0 event hash ID as eventID.",
      "The document is validated against the official EPCIS 2.0 JSON schema, its JSON-LD context resolved "
          + "offline (never fetched); EPC URNs and GS1 Digital Links are normalised to the canonical Digital Link.",
      "Events already in the ledger (same hash ID) are skipped: importing a document twice adds nothing. "
          + "Each event is marked imported: KEYFILE's actor vouches for the record, not the act, so an import moves "
          + "no custody or balance and the lots it names stay external; 'ledger check' weighs what the records say.",
      "Exit 0; 1 when a ledger rule rejects an event (an unregistered key, an addition to a lot this ledger tracks "
          + "by someone not its custodian; nothing of the document is stored); 2 for input errors."
    })
class ImportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE.jsonld", description = "The EPCIS 2.0 JSON-LD document.")
  Path file;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEYFILE",
      description =
          "The key file of the actor that signs the imported events (from 'ledger keygen'); "
              + "the actor must be registered in the ledger.")
  Path keyFile;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: {\"file\", \"actor\" (the signer's URI), "
              + "\"added\":[{\"index\" (entry), \"eventId\" (CBV 2.0 hash ID)}, ...], \"skipped\":[eventId, ...] "
              + "(already in the ledger)}.")
  boolean json;

  @Mixin DataDirectory data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    return store(false);
  }

  /**
   * Stores the document's events: marked imported, or with {@code capture} as the signer's own
   * events, which the custody and mass-balance rules judge ({@link CaptureCommand}).
   */
  int store(boolean capture) throws CliException, LedgerException {
    ActorSigner signer = KeyFile.read(keyFile);
    byte[] bytes = read(file);
    try (Ledger ledger = data.openExisting()) {
      EpcisImport.Result result;
      try {
        // Read and stored in one pass over the document, which streams its events (bounded memory).
        result =
            capture
                ? EpcisImport.capture(ledger, signer, bytes)
                : EpcisImport.into(ledger, signer, bytes);
      } catch (AppendRejectedException e) {
        throw new CliException(
            LedgerCli.EXIT_INVALID,
            "event " + e.position() + " of " + file + " rejected, nothing stored: " + e.finding());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o =
            JsonOutput.object().put("file", file.toString()).put("actor", signer.actor().uri());
        ArrayNode added = o.putArray("added");
        result
            .added()
            .forEach(
                e ->
                    added
                        .addObject()
                        .put("index", e.index())
                        .put("eventId", e.event().context().eventId()));
        ArrayNode skipped = o.putArray("skipped");
        result.skipped().forEach(e -> skipped.add(e.hashId().id()));
        out.println(JsonOutput.text(o));
        return LedgerCli.EXIT_OK;
      }
      out.println(
          (capture ? "captured " : "imported ")
              + result.added().size()
              + " events from "
              + file
              + " as "
              + signer.actor()
              + (result.skipped().isEmpty()
                  ? ""
                  : "; " + result.skipped().size() + " already in the ledger"));
      for (var entry : result.added()) {
        out.println("  entry " + entry.index() + "  " + entry.event().context().eventId());
      }
    }
    return LedgerCli.EXIT_OK;
  }

  /** The file's bytes, refusing more than an EPCIS document may hold before reading them all. */
  static byte[] read(Path file) throws CliException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(EventHashId.MAX_DOCUMENT_BYTES + 1);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + LedgerCli.describe(e));
    }
    if (bytes.length > EventHashId.MAX_DOCUMENT_BYTES) {
      throw CliException.usage(
          file + " is larger than " + EventHashId.MAX_DOCUMENT_BYTES + " bytes");
    }
    return bytes;
  }
}
