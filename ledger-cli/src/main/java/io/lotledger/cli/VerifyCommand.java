package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.verify.Finding;
import io.lotledger.verify.VerificationException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger verify}: checks every entry (encoding, signature, key validity, lot links) and every
 * record derived from them, and stops at the first broken fact.
 */
@Command(name = "verify",
    description = {
        "Verify the whole ledger: every entry's canonical encoding, signature, signing key and lot links, "
            + "and every index derived from the entries.",
        "Exit 0 when it verifies, 1 with the first broken fact (entry index, lot, what, expected vs actual) when not."
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin DataDirectory data;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    PrintWriter out = spec.commandLine().getOut();
    try (Ledger ledger = data.openExisting()) {
      try {
        ledger.verify();
      } catch (VerificationException e) {
        if (!json) {
          throw e; // reported by LedgerCli as one line on stderr, exit 1
        }
        out.println(result(ledger.size(), e.finding()));
        return LedgerCli.EXIT_INVALID;
      }
      out.println(json ? result(ledger.size(), null) : "ok: " + ledger.size() + " entries verified");
      return LedgerCli.EXIT_OK;
    }
  }

  /** {"valid":true,"entries":N} or {"valid":false,"entries":N,"failure":{kind,index,hash,lot,detail,expected,actual}}. */
  static String result(long entries, Finding finding) {
    JsonWriter w = new JsonWriter().beginObject().member("valid", finding == null).member("entries", entries);
    if (finding != null) {
      w.name("failure").beginObject()
          .member("kind", finding.failure().name())
          .member("description", finding.failure().description())
          .member("index", finding.index())
          .member("hash", finding.hash() == null ? null : finding.hash().toHex())
          .member("lot", finding.lot() == null ? null : finding.lot().uri())
          .member("detail", finding.detail())
          .member("expected", finding.expected())
          .member("actual", finding.actual())
          .member("message", finding.toString())
          .endObject();
    }
    return w.endObject().toString();
  }
}
