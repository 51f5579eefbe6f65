package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.event.RegistryEvent;
import io.lotledger.rules.AppendRejectedException;
import java.io.PrintWriter;
import java.util.HexFormat;

/**
 * What {@code ledger actor add}, {@code ledger key add} and {@code ledger key revoke} share:
 * parsing the actor and key they name, appending the registry event signed by the key file given,
 * and printing the entry. The ledger's rules decide who may make the change (only the root
 * registers actors; an actor's keys are added and revoked by the actor itself or the root); a
 * refusal is exit 1 with the broken rule, and stores nothing.
 */
final class RegistryChange {
  private RegistryChange() {}

  static ActorId actor(String uri) throws CliException {
    try {
      return ActorId.parse(uri);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid --actor: " + e.getMessage());
    }
  }

  /**
   * A public key given as 64 hex digits (RFC 8032 encoding), refused when it is not a usable key.
   */
  static Ed25519PublicKey publicKey(String hex) throws CliException {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("invalid --public-key: not hex digits");
    }
    if (bytes.length != 32) {
      throw CliException.usage(
          "invalid --public-key: an Ed25519 public key is 64 hex digits, not " + hex.length());
    }
    try {
      return Ed25519PublicKey.parse(bytes);
    } catch (LedgerException e) {
      throw CliException.usage("invalid --public-key: " + e.getMessage());
    }
  }

  /**
   * Appends {@code event} signed by {@code signer} and prints the entry (JSON with {@code json}).
   */
  static int append(
      DataDirectory data, ActorSigner signer, RegistryEvent event, boolean json, PrintWriter out)
      throws CliException, LedgerException {
    try (Ledger ledger = data.openExisting()) {
      Entry entry;
      try {
        entry = ledger.append(event, signer);
      } catch (AppendRejectedException e) {
        throw new CliException(LedgerCli.EXIT_INVALID, "rejected, nothing stored: " + e.finding());
      }
      String kind =
          event instanceof RegistryEvent.ActorRegistered
              ? "actor registered"
              : event instanceof RegistryEvent.KeyAdded ? "key added" : "key revoked";
      if (json) {
        out.println(
            JsonOutput.text(
                JsonOutput.object()
                    .put("change", kind)
                    .put("actor", event.actor().uri())
                    .put("publicKey", event.key().toHex())
                    .put("index", entry.index())
                    .put("hash", entry.hash().toHex())
                    .put("signer", signer.actor().uri())));
      } else {
        out.println(
            kind
                + ": "
                + event.actor()
                + " key "
                + event.key().toHex()
                + " at entry "
                + entry.index()
                + ", signed by "
                + signer.actor());
      }
      return LedgerCli.EXIT_OK;
    }
  }
}
