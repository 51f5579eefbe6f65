package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.error.LedgerException;
import io.lotledger.examples.Scenario;
import io.lotledger.examples.catalog.Scenarios;
import io.lotledger.note.Checkpoint;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger demo NAME}: records one of the runnable examples ({@link Scenarios}) in a new
 * ledger, verifies it, writes the demo's fixed log key ({@link #demoLogKey()}) and signs a
 * checkpoint.
 */
@Command(name = "demo", description = "Record a sample supply chain in a new ledger.")
final class DemoCommand implements Callable<Integer> {
  /** The text whose SHA-256 is the demo log key's Ed25519 seed. */
  static final String DEMO_LOG_KEY_SEED = "lotledger demo log key";

  @Override
  public Integer call() throws CliException {
    throw CliException.usage(
        "missing demo name: "
            + String.join(", ", Scenarios.names())
            + " (see 'ledger demo --help')");
  }

  /**
   * Adds one subcommand per example to {@code demo} (the {@code ledger demo} command line), named
   * and described by its {@link Scenario}: adding an example to {@link Scenarios} adds its demo.
   */
  static void addScenarios(CommandLine demo) {
    for (String name : Scenarios.names()) {
      CommandLine run = new CommandLine(new Run(name));
      run.getCommandSpec()
          .usageMessage()
          .description(Scenarios.create(name, false).description().toArray(String[]::new));
      demo.addSubcommand(name, run);
    }
  }

  /** What every {@code ledger demo NAME} does. */
  @Command
  static final class Run implements Callable<Integer> {
    private final String name;

    @Mixin DataDirectory data;

    @Option(
        names = "--force",
        description = "Delete DIR and everything in it first, if it is not empty.")
    boolean force;

    @Option(
        names = "--with-fraud",
        description = "Record the chain with its planted fraud, to see it caught.")
    boolean withFraud;

    @Option(
        names = "--json",
        description =
            "Print what was recorded as one JSON object: {\"demo\", \"withFraud\", "
                + "\"data\", \"origin\", \"entries\", \"lots\":[URI, ...], \"actors\":[URI, ...], \"finalLot\", "
                + "\"highlights\":[text, ...], \"verifiedEntries\", \"checkpoint\":{\"origin\", \"size\", \"root\" (base64)}}.")
    boolean json;

    @Spec CommandSpec spec;

    Run(String name) {
      this.name = name;
    }

    @Override
    public Integer call() throws CliException, LedgerException {
      if (Files.exists(data.path()) && !Files.isDirectory(data.path())) {
        throw CliException.usage(data.path() + " exists and is not a directory");
      }
      if (!data.isAbsentOrEmpty()) {
        if (!force) {
          throw CliException.usage(
              data.path()
                  + (Ledger.exists(data.path()) ? " already holds a ledger" : " is not empty")
                  + "; pass --force to replace it");
        }
        data.deleteForReplacement();
      }
      PrintWriter out = spec.commandLine().getOut();
      Scenario scenario = Scenarios.create(name, withFraud);
      try (Ledger ledger =
          Ledger.in(data.path())
              .options(scenario.options())
              .create(scenario.origin(), scenario.root(), scenario.rootName())) {
        Scenario.Outcome outcome = scenario.record(ledger);
        ledger.verify();
        Ed25519Signer logKey = demoLogKey();
        LogKey.write(data.path(), ledger.origin(), logKey);
        Checkpoint checkpoint = ledger.checkpoint(logKey).checkpoint();
        if (json) {
          out.println(JsonOutput.text(json(ledger, outcome, checkpoint)));
          return LedgerCli.EXIT_OK;
        }
        out.println(
            "recorded the "
                + name
                + " demo"
                + (withFraud ? " with its planted fraud" : "")
                + " in "
                + data.path()
                + " (ledger "
                + ledger.origin()
                + ")");
        out.println("entries: " + outcome.entries());
        out.println("lots: " + outcome.lots().size());
        out.println("actors: " + outcome.actors().size());
        out.println("final lot: " + outcome.finalLot());
        outcome.highlights().forEach(out::println);
        out.println("verified: " + ledger.size() + " entries");
        out.println(
            "checkpoint: size " + checkpoint.size() + " root " + checkpoint.root().toBase64());
        out.println("next: ledger trace " + outcome.finalLot() + dataArgument());
        if (scenario.policyFile() != null) {
          out.println(
              "next: ledger check "
                  + outcome.finalLot()
                  + " --policy "
                  + scenario.policyFile()
                  + dataArgument());
        }
      }
      return LedgerCli.EXIT_OK;
    }

    private ObjectNode json(Ledger ledger, Scenario.Outcome outcome, Checkpoint checkpoint) {
      ObjectNode o =
          JsonOutput.object()
              .put("demo", name)
              .put("withFraud", withFraud)
              .put("data", data.path().toString())
              .put("origin", ledger.origin())
              .put("entries", outcome.entries());
      ArrayNode lots = o.putArray("lots");
      outcome.lots().forEach(lot -> lots.add(lot.uri()));
      ArrayNode actors = o.putArray("actors");
      outcome.actors().forEach(actor -> actors.add(actor.uri()));
      o.put("finalLot", outcome.finalLot().uri());
      ArrayNode highlights = o.putArray("highlights");
      outcome.highlights().forEach(highlights::add);
      o.put("verifiedEntries", ledger.size());
      CheckpointCommand.json(o.putObject("checkpoint"), checkpoint);
      return o;
    }

    private String dataArgument() {
      return data.path().toString().equals(DataDirectory.DEFAULT) ? "" : " --data " + data.path();
    }
  }

  /**
   * The demo's log key, from the fixed seed SHA-256("lotledger demo log key") (UTF-8): like the
   * demo's actor keys it is reproducible, so two demo ledgers sign identical checkpoints, and
   * therefore worthless as a secret.
   */
  static Ed25519Signer demoLogKey() {
    try {
      return Ed25519Signer.fromSeed(
          MessageDigest.getInstance("SHA-256")
              .digest(DEMO_LOG_KEY_SEED.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("SHA-256 and 32-byte Ed25519 seeds are always available", e);
    }
  }
}
