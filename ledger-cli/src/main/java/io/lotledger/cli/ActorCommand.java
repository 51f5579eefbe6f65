package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.RegistryEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger actor add|list}: the ledger's registered actors, for companies without Java. */
@Command(
    name = "actor",
    description =
        "Register an actor (a company or site that signs events), or list the registered ones.",
    subcommands = {ActorCommand.Add.class, ActorCommand.ListActors.class})
final class ActorCommand {
  private ActorCommand() {}

  /** {@code ledger actor add}. */
  @Command(
      name = "add",
      description = {
        "Register an actor with its first public key, signed by the ledger's root actor (only the"
            + " root registers actors). The actor keeps its secret key: it sends its URI and public key"
            + " ('ledger keygen' prints both).",
        "Exit 0; 1 when the ledger's rules refuse it (not the root, actor or key already registered);"
            + " 2 for bad input."
      })
  static final class Add implements Callable<Integer> {
    @Option(
        names = "--actor",
        required = true,
        paramLabel = "URI",
        description = "The actor's URI.")
    String actor;

    @Option(
        names = "--public-key",
        required = true,
        paramLabel = "HEX",
        description = "The actor's Ed25519 public key, 64 hex digits (RFC 8032).")
    String publicKey;

    @Option(names = "--name", paramLabel = "NAME", description = "The actor's display name.")
    String name;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "ROOT.key",
        description = "The root actor's key file: it signs the registration.")
    Path keyFile;

    @Option(
        names = "--json",
        description =
            "Print one JSON object: {\"change\", \"actor\", \"publicKey\", \"index\" (entry),"
                + " \"hash\", \"signer\"}.")
    boolean json;

    @Mixin DataDirectory data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws CliException, LedgerException {
      RegistryEvent event =
          new RegistryEvent.ActorRegistered(
              RegistryChange.actor(actor),
              name,
              RegistryChange.publicKey(publicKey),
              OffsetDateTime.now(ZoneOffset.UTC));
      return RegistryChange.append(
          data, KeyFile.read(keyFile), event, json, spec.commandLine().getOut());
    }
  }

  /** {@code ledger actor list}. */
  @Command(
      name = "list",
      description =
          "List the registered actors, each with its name and keys, read from the registry entries.")
  static final class ListActors implements Callable<Integer> {
    @Option(
        names = "--json",
        description =
            "Print one JSON object: {\"actors\":[{\"actor\", \"name\", \"registeredAt\" (entry),"
                + " \"keys\":[{\"publicKey\", \"addedAt\", \"revokedAt\" (entry, or null)}]}]}.")
    boolean json;

    @Mixin DataDirectory data;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws CliException, LedgerException {
      try (Ledger ledger = data.openReading()) {
        Map<String, ObjectNode> actors = new LinkedHashMap<>();
        Map<String, ObjectNode> keys = new LinkedHashMap<>();
        for (Entry e : ledger.registry()) {
          if (e.event() instanceof RegistryEvent.ActorRegistered r) {
            ObjectNode a =
                JsonOutput.object()
                    .put("actor", r.actor().uri())
                    .put("name", r.name() == null ? "" : r.name())
                    .put("registeredAt", e.index());
            a.putArray("keys");
            actors.put(r.actor().uri(), a);
          }
          if (e.event() instanceof RegistryEvent.ActorRegistered
              || e.event() instanceof RegistryEvent.KeyAdded) {
            RegistryEvent r = (RegistryEvent) e.event();
            ObjectNode k =
                ((ArrayNode) actors.get(r.actor().uri()).get("keys"))
                    .addObject()
                    .put("publicKey", r.key().toHex())
                    .put("addedAt", e.index())
                    .putNull("revokedAt");
            keys.put(r.key().toHex(), k);
          } else if (e.event() instanceof RegistryEvent.KeyRevoked r) {
            keys.get(r.key().toHex()).put("revokedAt", e.index());
          }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          ObjectNode o = JsonOutput.object();
          ArrayNode list = o.putArray("actors");
          actors.values().forEach(list::add);
          out.println(JsonOutput.text(o));
          return LedgerCli.EXIT_OK;
        }
        for (ObjectNode a : actors.values()) {
          out.println(
              a.get("actor").asText()
                  + (a.get("name").asText().isEmpty() ? "" : "  " + a.get("name").asText())
                  + "  (entry "
                  + a.get("registeredAt").asLong()
                  + ")");
          for (var k : a.get("keys")) {
            out.println(
                "  key "
                    + k.get("publicKey").asText()
                    + " added at "
                    + k.get("addedAt").asLong()
                    + (k.get("revokedAt").isNull()
                        ? ""
                        : ", revoked at " + k.get("revokedAt").asLong()));
          }
        }
        return LedgerCli.EXIT_OK;
      }
    }
  }
}
