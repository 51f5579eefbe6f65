package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.crypto.Signer;
import io.lotledger.error.LedgerException;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.SignedCheckpoint;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger checkpoint}: signs a checkpoint of the ledger as it stands, with the log key in
 * {@code DIR/keys/log.key} (unless the latest one already covers every entry), and prints the
 * latest one.
 */
@Command(
    name = "checkpoint",
    description = {
      "Sign a checkpoint of the ledger if it grew, and print the latest checkpoint.",
      "The checkpoint is signed with the ledger's log key, DIR/keys/log.key, and printed exactly as stored: "
          + "a C2SP signed note whose text is a tlog-checkpoint (origin, tree size, base64 Merkle root), "
          + "then a blank line and the log's signature line. Verify it with the vkey 'ledger trust' prints.",
      "Exit 2 if the directory has no log key."
    })
final class CheckpointCommand implements Callable<Integer> {
  @Mixin DataDirectory data;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: {\"origin\", \"size\", \"root\" (base64), "
              + "\"note\" (the signed note, exactly as printed without --json)}.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    try (Ledger ledger = data.openExisting()) {
      Signer logKey = LogKey.read(data.path());
      SignedCheckpoint checkpoint = ledger.checkpoint(logKey);
      PrintWriter out = spec.commandLine().getOut();
      String note = new String(checkpoint.toBytes(), StandardCharsets.UTF_8);
      if (json) {
        out.println(
            JsonOutput.text(json(JsonOutput.object(), checkpoint.checkpoint()).put("note", note)));
      } else {
        out.print(note);
      }
      out.flush();
    }
    return LedgerCli.EXIT_OK;
  }

  /**
   * Adds the checkpoint's three tlog-checkpoint lines to {@code o} and returns it: {"origin",
   * "size", "root"}, the root in base64 as the note writes it. The JSON of a checkpoint wherever
   * one is printed.
   */
  static ObjectNode json(ObjectNode o, Checkpoint checkpoint) {
    return o.put("origin", checkpoint.origin())
        .put("size", checkpoint.size())
        .put("root", checkpoint.root().toBase64());
  }
}
