package io.lotledger.cli;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.event.ActorId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger keygen}: a new Ed25519 key in a new, owner-only key file (see {@link KeyFile}). */
@Command(
    name = "keygen",
    description = {
      "Generate an Ed25519 signing key for an actor and write it to a new key file with mode 600.",
      "Never overwrites a file. Keep the file secret: whoever holds it can sign as the actor."
    })
final class KeygenCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The key file to create.")
  Path file;

  @Option(
      names = "--actor",
      paramLabel = "URI",
      description =
          "The actor the key belongs to (default: urn:lotledger:actor:<first 16 hex digits of the public key>).")
  String actor;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: {\"file\", \"actor\" (URI), \"publicKey\" "
              + "(64 hex digits)}; never the secret.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, KeyFileException {
    ActorId given = null;
    if (actor != null) {
      try {
        given = ActorId.parse(actor);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("invalid --actor: " + e.getMessage());
      }
    }
    Ed25519Signer signer = Ed25519Signer.generate(new SecureRandom());
    ActorId owner = given != null ? given : KeyFile.defaultActor(signer);
    KeyFile.write(file, owner, signer);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          JsonOutput.text(
              JsonOutput.object()
                  .put("file", file.toString())
                  .put("actor", owner.uri())
                  .put("publicKey", signer.publicKey().toHex())));
    } else {
      out.println("wrote " + file + " (mode 600)");
      out.println("actor: " + owner.uri());
      out.println("public: " + signer.publicKey().toHex());
    }
    return LedgerCli.EXIT_OK;
  }
}
