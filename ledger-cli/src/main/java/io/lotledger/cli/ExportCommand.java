package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.bundle.Bundle;
import io.lotledger.bundle.BundleExporter;
import io.lotledger.entry.EntryHash;
import io.lotledger.epcis.EpcisExport;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.note.SignedCheckpoint;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger export LOT --out FILE}: writes the {@link Bundle} that proves the lot's provenance
 * against a signed checkpoint, for {@code ledger verify --bundle} elsewhere.
 *
 * <p>When the ledger grew since its latest checkpoint, a new one is signed with {@code
 * DIR/keys/log.key}, so the bundle proves the lot against the newest tree (as {@code ledger
 * checkpoint} would). Without a log key, the latest checkpoint serves if it covers the lot's newest
 * entry. The file appears whole or not at all: it is written beside its destination and renamed.
 */
@Command(
    name = "export",
    description = {
      "Write a bundle that proves LOT's provenance to FILE, for offline verification.",
      "The bundle holds every entry of the lot and of the lots it was made from, every actor registration, "
          + "Merkle inclusion proofs and a signed checkpoint: 'ledger verify --bundle FILE --trust TRUSTFILE' "
          + "checks it without the database.",
      "Signs a new checkpoint first if the ledger grew since the latest one (needs DIR/keys/log.key).",
      "With --epcis, writes instead the lot's provenance (the entries a bundle would hold) as an EPCIS 2.0 JSON-LD "
          + "document that validates against the official schema; lotledger's claims and the signed entries travel "
          + "as ll: extensions. No checkpoint is needed. 'ledger export --epcis --all --out FILE' writes every event "
          + "of the ledger.",
      "Refuses to overwrite FILE unless --force is given."
    })
final class ExportCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "LOT",
      arity = "0..1",
      description = "The lot's URI, as 'ledger lots' prints it.")
  String lotText;

  @Option(
      names = "--all",
      description = "With --epcis: every event of the ledger instead of one lot's provenance.")
  boolean all;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The bundle file to write.")
  Path file;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Option(
      names = "--epcis",
      description = "Write an EPCIS 2.0 JSON-LD document instead of a bundle.")
  boolean epcis;

  @Option(
      names = "--json",
      description =
          "Print what was written as one JSON object: {\"format\":\"bundle\", "
              + "\"file\", \"lot\", \"entries\", \"checkpoint\":{\"origin\", \"size\", \"root\" (base64)}}, or "
              + "with --epcis {\"format\":\"epcis\", \"file\", \"lot\" (null with --all), \"events\"}.")
  boolean json;

  @Mixin DataDirectory data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    if (all && !epcis) {
      throw CliException.usage("--all exports EPCIS only: add --epcis (a bundle proves one lot)");
    }
    if (all == (lotText != null)) {
      throw CliException.usage(
          all
              ? "give either a LOT or --all, not both"
              : "missing LOT (or --epcis --all for the whole ledger)");
    }
    LotId lot = all ? null : LedgerCli.lotArgument(lotText);
    output().requireWritable();
    try (Ledger ledger = data.openExisting()) {
      Optional<EntryHash> head = all ? Optional.empty() : ledger.head(lot);
      if (!all && head.isEmpty()) {
        throw CliException.usage("no lot " + lot + " in the ledger in " + data.path());
      }
      if (epcis) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var document = all ? EpcisExport.all(ledger, now) : EpcisExport.lot(ledger, lot, now);
        output().write(EpcisExport.toBytes(document));
        int events = document.path("epcisBody").path("eventList").size();
        spec.commandLine()
            .getOut()
            .println(
                json
                    ? JsonOutput.text(
                        written("epcis").put("lot", all ? null : lot.uri()).put("events", events))
                    : "exported "
                        + events
                        + " EPCIS events of "
                        + (all ? "the ledger in " + data.path() : "lot " + lot + " and its inputs")
                        + " to "
                        + file);
        return LedgerCli.EXIT_OK;
      }
      long newest =
          ledger
              .entry(head.get())
              .orElseThrow(
                  () ->
                      CliException.usage(
                          "the ledger in "
                              + data.path()
                              + " lacks the head entry of "
                              + lot
                              + " (run 'ledger verify')"))
              .index();
      SignedCheckpoint checkpoint = checkpointCovering(ledger, newest);
      Bundle bundle = BundleExporter.export(ledger, lot, checkpoint);
      output().write(bundle.toBytes());
      if (json) {
        ObjectNode o =
            written("bundle").put("lot", lot.uri()).put("entries", bundle.items().size());
        CheckpointCommand.json(o.putObject("checkpoint"), checkpoint.checkpoint());
        spec.commandLine().getOut().println(JsonOutput.text(o));
      } else {
        spec.commandLine()
            .getOut()
            .println(
                "exported "
                    + bundle.items().size()
                    + " entries of lot "
                    + lot
                    + " against checkpoint size "
                    + Long.toUnsignedString(checkpoint.checkpoint().size())
                    + " to "
                    + file);
      }
    }
    return LedgerCli.EXIT_OK;
  }

  /**
   * A fresh checkpoint when the ledger grew and a log key is at hand; else the latest, if it covers
   * entry {@code newest}.
   */
  private SignedCheckpoint checkpointCovering(Ledger ledger, long newest)
      throws CliException, LedgerException {
    Optional<SignedCheckpoint> latest = ledger.latestCheckpoint();
    boolean grew = latest.isEmpty() || latest.get().checkpoint().size() != ledger.size();
    if (!grew) {
      return latest.get();
    }
    if (LogKey.exists(data.path())) {
      return ledger.checkpoint(LogKey.read(data.path()));
    }
    if (latest.isPresent() && Long.compareUnsigned(newest, latest.get().checkpoint().size()) < 0) {
      return latest.get();
    }
    return ledger.checkpoint(LogKey.read(data.path())); // throws: no log key, naming the file
  }

  /** The start of the JSON result: {"format", "file"}. */
  private ObjectNode written(String format) {
    return JsonOutput.object().put("format", format).put("file", file.toString());
  }

  private OutputFile output() {
    return new OutputFile(file, "--out", force);
  }
}
