package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.bundle.TrustAnchors;
import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.Entry;
import io.lotledger.event.RegistryEvent;
import io.lotledger.log.NoteKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ledger trust}: the trust anchors a verifier of this ledger's bundles needs ({@link
 * TrustAnchors}): origin, log key, root actor and root key. The log key is the one the ledger pinned
 * with its first checkpoint or, before any checkpoint, the public half of {@code DIR/keys/log.key}.
 */
@Command(name = "trust",
    description = {
        "Print the trust anchors that this ledger's bundles are verified against.",
        "Save them to a file for 'ledger verify --bundle FILE --trust TRUSTFILE' and hand them to verifiers "
            + "out of band, never inside a bundle: whoever controls them decides what verifies.",
        "",
        "Format (UTF-8; lines starting with '#' and blank lines are ignored):",
        "  lotledger-trust v1",
        "  origin <origin>",
        "  log <origin>+<key id>+<base64 key>",
        "  root <actor URI> <64 hex digits>",
        "origin: the ledger's name, the first line of its checkpoints.",
        "log: the log key that signs checkpoints, as a C2SP signed-note verifier key (vkey), named after the origin.",
        "root: the root actor, which registers every other actor, and its Ed25519 public key, as entry 0 registers them."
    })
final class TrustCommand implements Callable<Integer> {
  @Mixin DataDirectory data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    try (Ledger ledger = data.openExisting()) {
      Ed25519PublicKey logKey = ledger.logKey().orElse(null);
      if (logKey == null) {
        logKey = LogKey.read(data.path()).publicKey();
      }
      Entry genesis = ledger.entry(0).orElseThrow(() -> CliException.usage("the ledger in " + data.path() + " has no entry 0"));
      if (!(genesis.event() instanceof RegistryEvent.ActorRegistered registered)
          || !registered.actor().equals(ledger.rootActor())) {
        throw CliException.usage("entry 0 of the ledger in " + data.path() + " does not register its root actor "
            + ledger.rootActor() + " (run 'ledger verify')");
      }
      TrustAnchors trust = new TrustAnchors(ledger.origin(), NoteKey.of(ledger.origin(), logKey), ledger.rootActor(), registered.key());
      PrintWriter out = spec.commandLine().getOut();
      out.print(trust.format());
      out.flush();
    }
    return LedgerCli.EXIT_OK;
  }
}
