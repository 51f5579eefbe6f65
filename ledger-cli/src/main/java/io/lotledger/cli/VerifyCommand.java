package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.bundle.Bundle;
import io.lotledger.bundle.BundleVerifier;
import io.lotledger.bundle.RememberedCheckpoints;
import io.lotledger.bundle.TrustAnchors;
import io.lotledger.error.LedgerException;
import io.lotledger.note.Checkpoint;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger verify}: checks every entry (encoding, signature, key validity, lot links) and
 * every record derived from them, and stops at the first broken fact. With {@code --bundle}, checks
 * one exported bundle against trust anchors instead, without any database.
 */
@Command(
    name = "verify",
    description = {
      "Verify the whole ledger, or one lot's bundle against trust anchors.",
      "Without --bundle, checks every entry's canonical encoding, signature, signing key and lot links, "
          + "and every index derived from the entries.",
      "With --bundle FILE --trust TRUSTFILE, verify instead one lot's bundle (from 'ledger export') offline, "
          + "against the trust anchors (from 'ledger trust'): the checkpoint's signature, every entry's "
          + "inclusion proof and signature, the root actor and the lot's complete provenance. --remember DIR "
          + "also checks the checkpoint against the one last accepted for the same ledger, and catches a log "
          + "that was rolled back or shows different histories to different verifiers (evidence is kept in "
          + "DIR/evidence).",
      "Exit 0 when it verifies, 1 with the first broken fact (entry index, lot, what, expected vs actual) when not "
          + "(a trust file of another ledger is such a fact), 2 when a file is missing, unreadable or malformed."
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin DataDirectory data;

  @Option(
      names = "--bundle",
      paramLabel = "FILE",
      description = "A bundle to verify instead of a ledger directory (not with --data).")
  Path bundle;

  @Option(
      names = "--trust",
      paramLabel = "TRUSTFILE",
      description = "The trust anchors to verify the bundle against (required with --bundle).")
  Path trust;

  @Option(
      names = "--remember",
      paramLabel = "DIR",
      description =
          "With --bundle: remember the newest checkpoint accepted per ledger in DIR and require later ones to extend it.")
  Path remember;

  @Option(
      names = "--json",
      description =
          "Print the result as one JSON object: {\"valid\", \"entries\"}; with "
              + "--bundle also \"lot\" and, when valid, \"provenanceEntries\" and \"checkpoint\":{\"origin\", \"size\", "
              + "\"root\"}; when not valid, \"failure\":{\"kind\", \"description\", \"index\", \"hash\", \"lot\", "
              + "\"detail\", \"expected\", \"actual\", \"message\"} (exit 1, nothing on stderr).")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    if (bundle != null) {
      return verifyBundle();
    }
    if (trust != null || remember != null) {
      throw CliException.usage((trust != null ? "--trust" : "--remember") + " needs --bundle FILE");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Ledger ledger = data.openReading()) {
      // Progress: stderr, and only once verification has run for a second.
      try (Progress progress = Progress.start(spec, "verify", ledger.size(), "entries")) {
        ledger.verify(progress::update);
        progress.finish();
      } catch (VerificationException e) {
        if (!json) {
          throw e; // reported by LedgerCli as one line on stderr, exit 1
        }
        out.println(result(ledger.size(), e.finding()));
        return LedgerCli.EXIT_INVALID;
      }
      out.println(
          json ? result(ledger.size(), null) : "ok: " + ledger.size() + " entries verified");
      return LedgerCli.EXIT_OK;
    }
  }

  private int verifyBundle() throws CliException, LedgerException {
    if (spec.commandLine().getParseResult().hasMatchedOption("--data")) {
      throw CliException.usage(
          "--bundle and --data are mutually exclusive: a bundle is verified without a ledger");
    }
    if (trust == null) {
      throw CliException.usage("--bundle needs --trust TRUSTFILE (see 'ledger trust')");
    }
    // Trust first: without it nothing in the bundle means anything, and a wrong path is the
    // likelier slip.
    TrustAnchors anchors = TrustAnchors.read(trust);
    Bundle read = Bundle.read(bundle);
    PrintWriter out = spec.commandLine().getOut();
    BundleVerifier.Verified verified;
    try {
      verified =
          BundleVerifier.verify(
              read, anchors, remember == null ? null : new RememberedCheckpoints(remember));
    } catch (VerificationException e) {
      if (!json) {
        throw e; // reported by LedgerCli as one line on stderr, exit 1
      }
      out.println(bundleResult(read, null, e.finding()));
      return LedgerCli.EXIT_INVALID;
    }
    Checkpoint cp = verified.checkpoint();
    out.println(
        json
            ? bundleResult(read, verified, null)
            : "ok: lot "
                + verified.lot()
                + ": "
                + verified.entries()
                + " entries ("
                + verified.provenanceEntries()
                + " in its provenance) verified against checkpoint "
                + cp.origin()
                + " size "
                + Long.toUnsignedString(cp.size()));
    return LedgerCli.EXIT_OK;
  }

  /**
   * {"valid":true,"entries":N} or
   * {"valid":false,"entries":N,"failure":{kind,index,hash,lot,detail,expected,actual}}.
   */
  static String result(long entries, Finding finding) {
    ObjectNode o = JsonOutput.object().put("valid", finding == null).put("entries", entries);
    failure(o, finding);
    return JsonOutput.text(o);
  }

  /**
   * {"valid":true,"lot":L,"entries":N,"provenanceEntries":M,"checkpoint":{"origin":O,"size":S,"root":R}},
   * or {"valid":false,"lot":L,"entries":N,"failure":{...}} where lot and entries are what the
   * bundle claims.
   */
  static String bundleResult(Bundle bundle, BundleVerifier.Verified verified, Finding finding) {
    ObjectNode o =
        JsonOutput.object()
            .put("valid", finding == null)
            .put("lot", bundle.lot().uri())
            .put("entries", bundle.items().size());
    if (verified != null) {
      o.put("provenanceEntries", verified.provenanceEntries());
      CheckpointCommand.json(o.putObject("checkpoint"), verified.checkpoint());
    }
    failure(o, finding);
    return JsonOutput.text(o);
  }

  private static void failure(ObjectNode o, Finding finding) {
    if (finding == null) {
      return;
    }
    o.putObject("failure")
        .put("kind", finding.failure().name())
        .put("description", finding.failure().description())
        .put("index", finding.index())
        .put("hash", finding.hash() == null ? null : finding.hash().toHex())
        .put("lot", finding.lot() == null ? null : finding.lot().uri())
        .put("detail", finding.detail())
        .put("expected", finding.expected())
        .put("actual", finding.actual())
        .put("message", finding.toString());
  }
}
