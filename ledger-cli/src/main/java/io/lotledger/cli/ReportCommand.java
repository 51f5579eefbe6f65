package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.report.ProvenanceReport;
import io.lotledger.rules.Policy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger report LOT --html FILE}: writes a self-contained HTML page on the lot's provenance
 * ({@link ProvenanceReport#html()}, from the ledger-report library): the graph of the lot and every
 * lot it was made from, each with custody, balance, rolled-up composition, declared claims and
 * check findings, the integrity of the provenance, and the events. A report is written whatever it
 * finds; findings are in the page, not in the exit code (use {@code ledger check} for a verdict).
 *
 * <p>What the page shows is read from the entries ({@link io.lotledger.Ledger#auditLot}), never
 * from the store's derived indexes, and is marked verified only when every entry of the ancestry
 * verified and the indexes agree with the entries; otherwise the page and the printed line say
 * "integrity broken" and name the first broken fact.
 *
 * <p>The file appears whole or not at all: it is written beside its destination and renamed.
 */
@Command(
    name = "report",
    description = {
      "Write an HTML report on LOT's provenance to FILE: a graph from the origins to the lot (every lot it was made "
          + "from, with custody, balance, computed and declared recycled shares and carbon, and check findings "
          + "highlighted), the integrity of its entries, and a table of its events.",
      "Everything shown is read from the entries (the lot's chain and its ancestors' chains), never from the "
          + "store's derived indexes. 'integrity verified' means every one of those entries verified (hashes, links, "
          + "signatures, keys) and the store's history, parents and custody records agree with them; otherwise the "
          + "page and the printed line say 'integrity broken' and name the first broken fact, and no claim is weighed.",
      "The page is self-contained (no network, no script) and opens in any browser.",
      "Exit 0 when written (whatever it found), 2 for a usage or input error (unknown lot, FILE exists without "
          + "--force, FILE cannot be written, bad policy file)."
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOT", description = "The lot's URI, as 'ledger lots' prints it.")
  String lotText;

  @Option(
      names = "--html",
      required = true,
      paramLabel = "FILE",
      description = "The HTML file to write.")
  Path file;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description =
          "A policy file (JSON, see docs/policy-format.md) whose violations the report shows as findings.")
  Path policyFile;

  @Mixin DataDirectory data;

  @Option(
      names = "--json",
      description =
          "Print what was written as one JSON object: {\"file\", \"lot\", \"lots\", "
              + "\"events\", \"integrityVerified\", \"integrityFailure\" (the first broken fact, or null), "
              + "\"claimsChecked\", \"findings\" (a count; 0 when claims were not checked)}.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    LotId lot = LedgerCli.lotArgument(lotText);
    output().requireWritable();
    Policy policy = LedgerCli.policyOption(policyFile);
    try (Ledger ledger = data.openReading()) {
      if (ledger.head(lot).isEmpty()) {
        throw CliException.usage("no lot " + lot + " in the ledger in " + data.path());
      }
      ProvenanceReport report = ProvenanceReport.from(ledger, lot, policy);
      output().write(report.html().getBytes(StandardCharsets.UTF_8));
      int findings = report.findings().size();
      if (json) {
        spec.commandLine()
            .getOut()
            .println(
                JsonOutput.text(
                    JsonOutput.object()
                        .put("file", file.toString())
                        .put("lot", lot.uri())
                        .put("lots", report.lots().size())
                        .put("events", report.events().size())
                        .put("integrityVerified", report.verified())
                        .put(
                            "integrityFailure",
                            report.integrity().map(Object::toString).orElse(null))
                        .put("claimsChecked", report.check().isPresent())
                        .put("findings", findings)));
        return LedgerCli.EXIT_OK;
      }
      spec.commandLine()
          .getOut()
          .println(
              "wrote "
                  + file
                  + ": "
                  + report.lots().size()
                  + " lots, "
                  + report.events().size()
                  + " events, integrity "
                  + (report.verified() ? "verified" : "broken")
                  + ", "
                  + (report.check().isEmpty()
                      ? "claims not checked"
                      : findings + (findings == 1 ? " finding" : " findings")));
    }
    return LedgerCli.EXIT_OK;
  }

  private OutputFile output() {
    return new OutputFile(file, "--html", force);
  }
}
