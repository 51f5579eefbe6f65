package io.lotledger.cli;

import io.lotledger.error.LedgerException;
import io.lotledger.event.RegistryEvent;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger key add|revoke}: an actor's signing keys, for companies without Java. */
@Command(
    name = "key",
    description = "Add a signing key to a registered actor, or revoke one.",
    subcommands = {KeyCommand.Add.class, KeyCommand.Revoke.class})
final class KeyCommand {
  private KeyCommand() {}

  /** The options both subcommands take. */
  static final class Change {
    @Option(
        names = "--actor",
        required = true,
        paramLabel = "URI",
        description = "The actor whose key it is.")
    String actor;

    @Option(
        names = "--public-key",
        required = true,
        paramLabel = "HEX",
        description = "The Ed25519 public key, 64 hex digits (RFC 8032).")
    String publicKey;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE.key",
        description =
            "The key file that signs the change: the actor's own (a key it holds) or the root's.")
    Path keyFile;

    @Option(
        names = "--json",
        description =
            "Print one JSON object: {\"change\", \"actor\", \"publicKey\", \"index\" (entry),"
                + " \"hash\", \"signer\"}.")
    boolean json;
  }

  /** {@code ledger key add}. */
  @Command(
      name = "add",
      description = {
        "Add a public key to a registered actor, signed by the actor itself or the root. Entries the"
            + " key signs are valid from the next entry on.",
        "Exit 0; 1 when the ledger's rules refuse it (unregistered actor, key already registered,"
            + " another signer); 2 for bad input."
      })
  static final class Add implements Callable<Integer> {
    @Mixin Change change;
    @Mixin DataDirectory data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws CliException, LedgerException {
      RegistryEvent event =
          new RegistryEvent.KeyAdded(
              RegistryChange.actor(change.actor),
              RegistryChange.publicKey(change.publicKey),
              OffsetDateTime.now(ZoneOffset.UTC));
      return RegistryChange.append(
          data, KeyFile.read(change.keyFile), event, change.json, spec.commandLine().getOut());
    }
  }

  /** {@code ledger key revoke}. */
  @Command(
      name = "revoke",
      description = {
        "Revoke an actor's key, signed by the actor itself or the root: entries it signed before stay"
            + " valid; from this entry on it signs nothing (a lost or stolen key).",
        "Exit 0; 1 when the ledger's rules refuse it (not the actor's key, already revoked, another"
            + " signer); 2 for bad input."
      })
  static final class Revoke implements Callable<Integer> {
    @Mixin Change change;
    @Mixin DataDirectory data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws CliException, LedgerException {
      RegistryEvent event =
          new RegistryEvent.KeyRevoked(
              RegistryChange.actor(change.actor),
              RegistryChange.publicKey(change.publicKey),
              OffsetDateTime.now(ZoneOffset.UTC));
      return RegistryChange.append(
          data, KeyFile.read(change.keyFile), event, change.json, spec.commandLine().getOut());
    }
  }
}
