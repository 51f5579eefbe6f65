package io.lotledger.cli;

import io.lotledger.ActorSigner;
import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger init}: a new, empty ledger whose root actor (the trust anchor) is a key file's actor. */
@Command(name = "init",
    description = {
        "Create an empty ledger in DIR whose root actor - the one that registers every other actor - "
            + "is the actor of KEYFILE (see 'ledger keygen').",
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
    try (Ledger ledger = Ledger.create(data.path(), name, root, rootName)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("created ledger " + ledger.origin() + " in " + data.path());
      out.println("root actor: " + ledger.rootActor());
      out.println("root key: " + root.publicKey().toHex());
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
    }
  }
}
