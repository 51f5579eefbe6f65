package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
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
 * {@code ledger init}: a new, empty ledger whose root actor (the trust anchor) is a key file's
 * actor, with a fresh random log key (see {@link LogKey}).
 */
@Command(
    name = "init",
    description = {
      "Create an empty ledger in DIR whose root actor - the one that registers every other actor - "
          + "is the actor of KEYFILE (see 'ledger keygen').",
      "Also creates the ledger's log key, which signs its checkpoints, in DIR/keys/log.key (mode 600).",
      "The ledger's names: --origin is its log origin, the first line of each checkpoint (C2SP "
          + "tlog-checkpoint) and the name its log key carries, signed into every entry; the root actor's URI "
          + "comes from KEYFILE (see 'ledger keygen --actor'), its display name from --root-name.",
      "Refuses an existing ledger or a non-empty directory."
    })
final class InitCommand implements Callable<Integer> {
  /** Longest origin an entry accepts. */
  private static final int MAX_NAME = 256;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEYFILE",
      description = "The root actor's key file.")
  Path key;

  @Option(
      names = "--origin",
      defaultValue = "lotledger",
      paramLabel = "ORIGIN",
      description =
          "The ledger's log origin: the first line of its C2SP checkpoints, signed into every entry; "
              + "e.g. example.com/ledger (default: ${DEFAULT-VALUE}). Not the root actor's name (--root-name).")
  String origin;

  /**
   * The old name of --origin, deprecated: hidden, and still accepted so that scripts keep running.
   */
  @Option(names = "--name", hidden = true, paramLabel = "ORIGIN")
  String deprecatedName;

  @Option(
      names = "--root-name",
      defaultValue = "root",
      paramLabel = "TEXT",
      description =
          "The root actor's display name, registered in the first entry (default: ${DEFAULT-VALUE}); "
              + "its URI is KEYFILE's actor.")
  String rootName;

  @Option(
      names = "--json",
      description =
          "Print what was created as one JSON object: {\"origin\", \"data\" (DIR), "
              + "\"rootActor\" (URI), \"rootName\", \"rootKey\" (64 hex digits), \"logKey\" (C2SP vkey), \"logKeyFile\"}.")
  boolean json;

  @Mixin DataDirectory data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    String origin = origin();
    requireOrigin(origin);
    if (rootName.isEmpty()
        || rootName.length() > MAX_NAME
        || rootName.chars().anyMatch(Character::isISOControl)) {
      throw CliException.usage(
          "--root-name must be 1 to " + MAX_NAME + " characters without control characters");
    }
    data.requireAbsentOrEmpty();
    ActorSigner root = KeyFile.read(key);
    // The log key first: if the ledger cannot be created, the key is removed again and the
    // directory
    // is as empty as it was; the other order could leave a ledger that cannot sign checkpoints.
    Ed25519Signer logKey = Ed25519Signer.generate(new SecureRandom());
    try {
      Files.createDirectories(data.path());
    } catch (IOException e) {
      throw CliException.usage("cannot create " + data.path() + ": " + LedgerCli.describe(e));
    }
    LogKey.write(data.path(), origin, logKey);
    Ledger created;
    try {
      created = Ledger.create(data.path(), origin, root, rootName);
    } catch (LedgerException | RuntimeException e) {
      LogKey.deleteQuietly(data.path());
      throw e;
    }
    try (Ledger ledger = created) {
      PrintWriter out = spec.commandLine().getOut();
      String vkey = NoteKey.of(ledger.origin(), logKey.publicKey()).toVkey();
      if (json) {
        out.println(
            JsonOutput.text(
                JsonOutput.object()
                    .put("origin", ledger.origin())
                    .put("data", data.path().toString())
                    .put("rootActor", ledger.rootActor().uri())
                    .put("rootName", rootName)
                    .put("rootKey", root.publicKey().toHex())
                    .put("logKey", vkey)
                    .put("logKeyFile", LogKey.file(data.path()).toString())));
      } else {
        out.println("created ledger " + ledger.origin() + " in " + data.path());
        out.println("root actor: " + ledger.rootActor());
        out.println("root key: " + root.publicKey().toHex());
        out.println("log key: " + vkey + " (in " + LogKey.file(data.path()) + ")");
      }
    }
    if (deprecatedName != null) {
      // Only once it worked: a failure stays one line on stderr.
      spec.commandLine()
          .getErr()
          .println("ledger: warning: --name is deprecated, use --origin (the ledger's log origin)");
    }
    return LedgerCli.EXIT_OK;
  }

  /** --origin, or the deprecated --name in its place, refusing both at once. */
  private String origin() throws CliException {
    if (deprecatedName == null) {
      return origin;
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--origin")) {
      throw CliException.usage("--name is the old name of --origin: give one of them");
    }
    return deprecatedName;
  }

  /**
   * An origin names the ledger in every entry and, later, in its checkpoints (C2SP tlog-checkpoint:
   * the first line of the note, so no spaces or line breaks).
   */
  private static void requireOrigin(String origin) throws CliException {
    if (origin.isEmpty() || origin.length() > MAX_NAME) {
      throw CliException.usage(
          "--origin must be 1 to " + MAX_NAME + " characters, not " + origin.length());
    }
    for (int i = 0; i < origin.length(); i++) {
      char c = origin.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw CliException.usage("--origin must not contain spaces or control characters");
      }
      if (c == '+') {
        throw CliException.usage(
            "--origin must not contain '+': the origin also names the log key (C2SP signed-note)");
      }
    }
  }
}
