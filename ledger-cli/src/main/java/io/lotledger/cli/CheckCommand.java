package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.rules.CheckFinding;
import io.lotledger.rules.CheckOptions;
import io.lotledger.rules.CheckReport;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.LotCheck;
import io.lotledger.rules.Policy;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger check LOT}: verifies the integrity of the lot's ancestry (signatures, hash links,
 * keys; {@link Ledger#verifyLot}), then rolls recycled content and carbon up the lot's ancestry,
 * compares every declared claim with the roll-up, reports unbacked and overdrawn inputs, and
 * evaluates a due-diligence policy file (docs/policy-format.md). Exit 0 without findings, 1 with
 * findings (one line each), 2 for a usage or input error.
 */
@Command(
    name = "check",
    description = {
      "Check a lot's claims and due-diligence policy over its ancestry (the lot and every lot it was made from).",
      "Rolls recycled shares (per element, pre- and post-consumer apart) and carbon footprint up through the "
          + "transformations by mass balance, and reports each declared claim above the computed recycled share or "
          + "below the computed footprint beyond the tolerance, each transformation input the ledger never saw "
          + "commissioned, produced or received, each input drawn beyond what the ledger records it had (imported "
          + "records can say so), and each violation of the --policy rules.",
      "Prints one line per finding (kind, lot, element, declared, computed, expected, and the path from the checked "
          + "lot to the offending lot, A <- B meaning A was made from B), then notes on gaps in the records.",
      "Exit 0 without findings, 1 with findings, 2 for a usage or input error (unknown lot, bad policy file)."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOT", description = "The lot's URI.")
  String lotText;

  @Mixin DataDirectory data;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "A policy file (JSON, see docs/policy-format.md), e.g. docs/policies/eu-battery-2031.json.")
  Path policyFile;

  @Option(
      names = "--tolerance",
      paramLabel = "X",
      description =
          "Largest difference between a declared claim and the computed value that is not a finding (default 0.005).")
  String tolerance;

  @Option(
      names = "--json",
      description =
          "Print the composition, findings and notes as one JSON object: {\"lot\", "
              + "\"passed\", \"policy\", \"tolerance\", \"lotStates\", \"composition\":{\"massKg\", \"carbonFootprint\", "
              + "\"carbonLowerBound\", \"otherElementsUnknown\", \"elements\"}, \"findings\":[{\"kind\", \"description\", "
              + "\"lot\", \"path\", \"element\", \"declared\", \"computed\", \"expected\", \"detail\", \"message\"}], "
              + "\"notes\"}. Decimals are strings.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    LotId lot = LedgerCli.lotArgument(lotText);
    CheckOptions options = options();
    // The policy before the ledger: a mistyped policy path is the likelier slip, and it needs no
    // database.
    Policy policy = LedgerCli.policyOption(policyFile);
    try (Ledger ledger = data.openReading()) {
      if (ledger.head(lot).isEmpty()) {
        throw CliException.usage("no lot " + lot + " in the ledger in " + data.path());
      }
      PrintWriter out = spec.commandLine().getOut();
      // Claims are only worth weighing over entries that are what they claim to be: the ancestry's
      // signatures, hash links and keys first, and the indexes against them; the claims are then
      // rolled up
      // over the histories read from those entries, not from the indexes.
      io.lotledger.verify.LotAncestry verified;
      try {
        verified = ledger.verifyLot(lot);
      } catch (io.lotledger.rules.VerificationException e) {
        out.println("integrity: " + LedgerCli.oneLine(e.getMessage()));
        return LedgerCli.EXIT_INVALID;
      }
      CheckReport report = new LotCheck(verified::history, policy, options).check(lot);
      if (json) {
        out.println(json(report, policy, options));
      } else {
        text(out, report, policy);
      }
      return report.passed() ? LedgerCli.EXIT_OK : LedgerCli.EXIT_INVALID;
    }
  }

  private CheckOptions options() throws CliException {
    if (tolerance == null) {
      return CheckOptions.DEFAULT;
    }
    try {
      return CheckOptions.DEFAULT.withTolerance(new BigDecimal(tolerance));
    } catch (NumberFormatException e) {
      throw CliException.usage("invalid --tolerance '" + tolerance + "': not a decimal number");
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid --tolerance '" + tolerance + "': " + e.getMessage());
    }
  }

  private static void text(PrintWriter out, CheckReport report, Policy policy) {
    for (CheckFinding f : report.findings()) {
      out.println(LedgerCli.oneLine(f.toString()));
    }
    for (String note : report.notes()) {
      out.println("note: " + LedgerCli.oneLine(note));
    }
    String checked =
        report.lotStates()
            + (report.lotStates() == 1 ? " lot state" : " lot states")
            + ", policy "
            + policy.name();
    int n = report.findings().size();
    out.println(
        n == 0
            ? "ok: lot " + report.lot() + ": no findings (" + checked + ")"
            : n
                + (n == 1 ? " finding" : " findings")
                + " for lot "
                + report.lot()
                + " ("
                + checked
                + ")");
  }

  /**
   * {"lot", "passed", "policy", "tolerance", "lotStates", "composition":{massKg, carbonFootprint,
   * carbonLowerBound, otherElementsUnknown, elements:[{element, massFraction, recycledPreConsumer,
   * recycledPostConsumer}]}, "findings":[{kind, description, lot, path, element, declared,
   * computed, expected, detail, message}], "notes":[...]}. Decimals are strings: exact values a
   * JSON number parsed as a double would round.
   */
  static String json(CheckReport report, Policy policy, CheckOptions options) {
    ObjectNode o =
        JsonOutput.object()
            .put("lot", report.lot().uri())
            .put("passed", report.passed())
            .put("policy", policy.name())
            .put("tolerance", options.tolerance().toPlainString())
            .put("lotStates", report.lotStates());
    Composition c = report.composition();
    ObjectNode composition =
        o.putObject("composition")
            .put("massKg", text(c.massKg()))
            .put("carbonFootprint", text(c.carbonFootprint()))
            .put("carbonLowerBound", c.carbonLowerBound())
            .put("otherElementsUnknown", c.otherElementsUnknown());
    ArrayNode elements = composition.putArray("elements");
    for (ElementBalance e : c.elements()) {
      elements
          .addObject()
          .put("element", e.element())
          .put("massFraction", text(e.massFraction()))
          .put("recycledPreConsumer", text(e.recycledPreConsumer()))
          .put("recycledPostConsumer", text(e.recycledPostConsumer()));
    }
    ArrayNode findings = o.putArray("findings");
    for (CheckFinding f : report.findings()) {
      ObjectNode finding =
          findings
              .addObject()
              .put("kind", f.kind().name())
              .put("description", f.kind().description())
              .put("lot", f.lot().uri());
      ArrayNode path = finding.putArray("path");
      f.path().forEach(l -> path.add(l.uri()));
      finding
          .put("element", f.element())
          .put("declared", f.declared())
          .put("computed", f.computed())
          .put("expected", f.expected())
          .put("detail", f.detail())
          .put("message", f.toString());
    }
    ArrayNode notes = o.putArray("notes");
    report.notes().forEach(notes::add);
    return JsonOutput.text(o);
  }

  private static String text(BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }
}
