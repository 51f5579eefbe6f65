package io.lotledger.cli;

import io.lotledger.entry.ActorSigner;
import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.note.NoteKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger init}: a new, empty ledger whose root actor (the trust anchor) is a key file's actor,
 * with a fresh random log key (see {@link LogKey}).
 */
@Command(name = "init",
    description = {
        "Create an empty ledger in DIR whose root actor - the one that registers every other actor - "
            + "is the actor of KEYFILE (see 'ledger keygen').",
        "Also creates the ledger's log key, which signs its checkpoints, in DIR/keys/log.key (mode 600).",
        "Refuses an existing ledger or a non-empty directory."
    })
final class InitCommand implements Callable<Integer> {
  /** Longest origin an entry accepts. */
  private static final int MAX_NAME = 256;

  @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "The root actor's key file.")
  Path key;

  @Option(names = "--name", defaultValue = "lotledger", paramLabel = "NAME",
      description = "The ledger's origin name, signed into every entry; e.g. example.com/ledger (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--root-name", defaultValue = "root", paramLabel = "TEXT",
      description = "The root actor's display name, registered in the first entry (default: ${DEFAULT-VALUE}).")
  String rootName;

  @Mixin DataDirectory data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    requireOrigin(name);
    if (rootName.isEmpty() || rootName.length() > MAX_NAME || rootName.chars().anyMatch(Character::isISOControl)) {
      throw CliException.usage("--root-name must be 1 to " + MAX_NAME + " characters without control characters");
    }
    data.requireAbsentOrEmpty();
    ActorSigner root = KeyFile.read(key);
    // The log key first: if the ledger cannot be created, the key is removed again and the directory
    // is as empty as it was; the other order could leave a ledger that cannot sign checkpoints.
    Ed25519Signer logKey = Ed25519Signer.generate(new SecureRandom());
    try {
      Files.createDirectories(data.path());
    } catch (IOException e) {
      throw CliException.usage("cannot create " + data.path() + ": " + LedgerCli.describe(e));
    }
    LogKey.write(data.path(), name, logKey);
    Ledger created;
    try {
      created = Ledger.create(data.path(), name, root, rootName);
    } catch (LedgerException | RuntimeException e) {
      LogKey.deleteQuietly(data.path());
      throw e;
    }
    try (Ledger ledger = created) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("created ledger " + ledger.origin() + " in " + data.path());
      out.println("root actor: " + ledger.rootActor());
      out.println("root key: " + root.publicKey().toHex());
      out.println("log key: " + NoteKey.of(ledger.origin(), logKey.publicKey()).toVkey() + " (in " + LogKey.file(data.path()) + ")");
    }
    return LedgerCli.EXIT_OK;
  }

  /**
   * An origin names the ledger in every entry and, later, in its checkpoints (C2SP tlog-checkpoint:
   * the first line of the note, so no spaces or line breaks).
   */
  private static void requireOrigin(String origin) throws CliException {
    if (origin.isEmpty() || origin.length() > MAX_NAME) {
      throw CliException.usage("--name must be 1 to " + MAX_NAME + " characters, not " + origin.length());
    }
    for (int i = 0; i < origin.length(); i++) {
      char c = origin.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw CliException.usage("--name must not contain spaces or control characters");
      }
      if (c == '+') {
        throw CliException.usage("--name must not contain '+': the origin also names the log key (C2SP signed-note)");
      }
    }
  }
}
