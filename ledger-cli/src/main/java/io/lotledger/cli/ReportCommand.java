package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.rules.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger report LOT --html FILE}: writes a self-contained HTML page on the lot's provenance
 * ({@link ProvenanceReport} rendered by {@link HtmlReport}): the graph of the lot and every lot it was
 * made from, each with custody, balance, rolled-up composition, declared claims and check findings,
 * the integrity of the provenance, and the events. A report is written whatever it finds; findings
 * are in the page, not in the exit code (use {@code ledger check} for a verdict).
 *
 * <p>The file appears whole or not at all: it is written beside its destination and renamed.
 */
@Command(name = "report",
    description = {
        "Write an HTML report on LOT's provenance to FILE: a graph from the origins to the lot (every lot it was made "
            + "from, with custody, balance, computed and declared recycled shares and carbon, and check findings "
            + "highlighted), the integrity of its entries, and a table of its events.",
        "The page is self-contained (no network, no script) and opens in any browser.",
        "Exit 0 when written (whatever it found), 2 for a usage or input error (unknown lot, FILE exists without "
            + "--force, FILE cannot be written, bad policy file)."
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOT", description = "The lot's URI, as 'ledger lots' prints it.")
  String lotText;

  @Option(names = "--html", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path file;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Option(names = "--policy", paramLabel = "POLICY",
      description = "A policy file (JSON, see docs/policy-format.md) whose violations the report shows as findings.")
  Path policyFile;

  @Mixin DataDirectory data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    LotId lot = LedgerCli.lotArgument(lotText);
    requireWritable();
    Policy policy = policyFile == null ? Policy.NONE : PolicyFile.read(policyFile);
    try (Ledger ledger = data.openExisting()) {
      if (ledger.head(lot).isEmpty()) {
        throw CliException.usage("no lot " + lot + " in the ledger in " + data.path());
      }
      ProvenanceReport report = ProvenanceReport.gather(ledger, lot, policy);
      write(HtmlReport.render(report).getBytes(StandardCharsets.UTF_8));
      int findings = report.findings().size();
      spec.commandLine().getOut().println("wrote " + file + ": " + report.lots().size() + " lots, "
          + report.events().size() + " events, integrity " + (report.integrity() == null ? "verified" : "broken")
          + ", " + (report.check() == null ? "claims not checked"
              : findings + (findings == 1 ? " finding" : " findings")));
    }
    return LedgerCli.EXIT_OK;
  }

  /** Refuses a directory, an existing FILE without --force, and a FILE whose directory is missing, before any work. */
  private void requireWritable() throws CliException {
    if (Files.isDirectory(file)) {
      throw CliException.usage("--html " + file + " is a directory");
    }
    if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw CliException.usage(file + " already exists; pass --force to replace it");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw CliException.usage("cannot write " + file + ": no directory " + parent);
    }
  }

  /** Writes {@code bytes} to a new file beside FILE, then renames it to FILE. */
  private void write(byte[] bytes) throws CliException {
    Path target = file.toAbsolutePath();
    Path tmp = null;
    try {
      byte[] suffix = new byte[6];
      new SecureRandom().nextBytes(suffix);
      tmp = target.resolveSibling("." + target.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
      Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (force) {
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        Files.move(tmp, target); // no REPLACE_EXISTING: fails if FILE appeared meanwhile
      }
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage(file + " already exists; pass --force to replace it");
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + LedgerCli.describe(e));
    } finally {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // the report was written or the write error is reported; a stray temporary file is harmless
      }
    }
  }
}
