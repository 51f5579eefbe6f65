package io.lotledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.report.EventDescription;
import io.lotledger.report.LotSummary;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.LotState;
import io.lotledger.verify.LotAncestry;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger trace LOT}: the lot's history (every entry that touches it) and its ancestry (the
 * lots it was made from, through transformations, recursively) as an indented tree.
 *
 * <p>Everything shown is read from verified entries ({@link Ledger#verifyLot}): the history is the
 * lot's own hash-linked chain, the ancestry the inputs of the transformations on each lot's chain,
 * custody and balance are replayed from those entries, and the derived indexes must agree with
 * them. Nothing is printed when they do not: one line names the first broken fact, exit 1.
 */
@Command(
    name = "trace",
    description = {
      "Show a lot's history - index, time, event kind and business step, actor, quantity - and its "
          + "ancestry: the lots it was made from, recursively, as a tree.",
      "Everything shown is verified first: the entries of the lot and of every lot in its ancestry (hashes, "
          + "links, signatures, keys), and the store's history, parents and lot-state records against them. "
          + "Exit 1 with one line naming the first broken fact otherwise. What this cannot prove is that each "
          + "lot's recorded head is its latest entry; 'ledger verify' checks the whole ledger, heads included."
    })
final class TraceCommand implements Callable<Integer> {
  /**
   * Deepest ancestry shown; deeper lots are marked truncated. Real chains are a few levels deep;
   * the bound keeps a hostile or broken ledger from exhausting the stack.
   */
  static final int MAX_DEPTH = 200;

  @Parameters(
      paramLabel = "LOT",
      description =
          "The lot's URI, e.g. https://id.gs1.org/01/{GTIN}/10/{lot} or urn:epc:class:lgtin:...")
  String lotText;

  @Mixin DataDirectory data;

  @Option(
      names = "--json",
      description =
          "Print history and ancestry as one JSON object: {\"lot\", \"history\":[{\"index\", "
              + "\"hash\", \"time\", \"kind\", \"action\", \"bizStep\", \"disposition\", \"actor\", \"imported\", "
              + "\"quantities\":[{\"lot\", \"role\", \"amount\", \"unit\"}]}], \"ancestry\":{\"lot\", \"parents\":[...]}, "
              + "\"lots\":[{\"lot\", \"tracked\", \"unit\", \"produced\", \"received\", \"consumed\", \"shippedOut\", "
              + "\"destroyed\", \"balance\", \"custodians\", \"inTransit\", \"computed\"}] for the lot and each ancestor}. "
              + "Amounts are decimal strings.")
  boolean json;

  @Spec CommandSpec spec;

  /**
   * A lot in the ancestry tree; a lot already shown elsewhere in the tree is a leaf marked {@code
   * repeated}.
   */
  record Node(LotId lot, List<Node> parents, boolean repeated, boolean truncated) {
    Node {
      parents = List.copyOf(parents);
    }
  }

  @Override
  public Integer call() throws CliException, LedgerException {
    LotId lot = LedgerCli.lotArgument(lotText);
    try (Ledger ledger = data.openReading()) {
      if (ledger.head(lot).isEmpty()) {
        throw CliException.usage("no lot " + lot + " in the ledger in " + data.path());
      }
      // Throws (exit 1) unless the lot's and its ancestors' entries verify and the indexes agree
      // with them.
      LotAncestry verified = ledger.verifyLot(lot);
      List<Entry> history = verified.history(lot);
      Node ancestry = ancestry(verified, lot, new HashSet<>(), 0);
      PrintWriter out = spec.commandLine().getOut();
      List<LotSummary> lots = new ArrayList<>();
      // One roll-up per lot, each over the lot's ancestry, from the verified histories.
      ClaimsCalculator claims = new ClaimsCalculator(verified::history);
      lots.add(LotSummary.of(verified, claims, lot));
      if (json) {
        for (LotId ancestor : verified.ancestors()) {
          lots.add(LotSummary.of(verified, claims, ancestor));
        }
        out.println(json(lot, history, ancestry, lots));
      } else {
        text(out, lot, history, ancestry, lots.get(0));
      }
    }
    return LedgerCli.EXIT_OK;
  }

  static Node ancestry(LotAncestry verified, LotId lot, Set<LotId> shown, int depth) {
    if (!shown.add(lot)) {
      return new Node(lot, List.of(), true, false);
    }
    if (depth >= MAX_DEPTH) {
      return new Node(lot, List.of(), false, true);
    }
    List<Node> parents = new ArrayList<>();
    for (LotId parent : verified.parents(lot)) {
      parents.add(ancestry(verified, parent, shown, depth + 1));
    }
    return new Node(lot, parents, false, false);
  }

  // ---------------------------------------------------------------- text

  private static void text(
      PrintWriter out, LotId lot, List<Entry> history, Node ancestry, LotSummary summary) {
    out.println("lot " + lot);
    out.println("balance: " + summary.describe());
    out.println("computed: " + summary.describeComposition());
    out.println(
        "history (" + history.size() + (history.size() == 1 ? " entry" : " entries") + "):");
    for (Entry e : history) {
      Event event = e.event();
      StringBuilder quantities = new StringBuilder();
      for (EventDescription.Role r : EventDescription.roles(event)) {
        if (r.lot().equals(lot)) {
          quantities
              .append(quantities.length() == 0 ? "" : ", ")
              .append(r.role().equals("lot") ? "" : r.role() + " ")
              .append(r.quantity().stated().map(Object::toString).orElse("(no quantity)"));
        }
      }
      out.printf(
          "  #%-4d %s  %-34s %s %s  %s%n",
          e.index(),
          time(event),
          kind(event) + bizStep(event),
          event.context().imported() ? "imported by" : "by",
          e.body().actor(),
          quantities);
    }
    out.println("ancestry:");
    tree(out, ancestry, "  ", "");
  }

  /** ASCII tree, as {@code tree --charset=ascii} draws it, so it survives any terminal encoding. */
  private static void tree(PrintWriter out, Node node, String indent, String branch) {
    String mark =
        node.repeated()
            ? "  (repeated, see above)"
            : node.truncated() ? "  (deeper ancestry not shown)" : "";
    out.println(indent + branch + node.lot() + mark);
    String childIndent =
        indent + (branch.isEmpty() ? "" : branch.startsWith("|") ? "|   " : "    ");
    for (int i = 0; i < node.parents().size(); i++) {
      boolean last = i == node.parents().size() - 1;
      tree(out, node.parents().get(i), childIndent, last ? "`-- " : "|-- ");
    }
  }

  // ---------------------------------------------------------------- JSON

  /**
   * {"lot", "history":[{index, hash, time, kind, action, bizStep, disposition, actor, imported,
   * quantities:[{lot, role, amount, unit}]}], "ancestry":{lot, parents:[...]}, "lots":[the lot and
   * each ancestor, see {@link #summary}]}. Amounts are strings: exact decimals that a JSON number
   * parsed as a double would round.
   */
  private static String json(LotId lot, List<Entry> history, Node ancestry, List<LotSummary> lots) {
    ObjectNode o = JsonOutput.object().put("lot", lot.uri());
    ArrayNode entries = o.putArray("history");
    for (Entry e : history) {
      Event event = e.event();
      ObjectNode entry =
          entries
              .addObject()
              .put("index", e.index())
              .put("hash", e.hash().toHex())
              .put("time", time(event))
              .put("kind", EventDescription.type(event))
              .put("action", EventDescription.action(event))
              .put("bizStep", event.context().bizStep())
              .put("disposition", event.context().disposition())
              .put("actor", e.body().actor().uri())
              .put("imported", event.context().imported());
      ArrayNode quantities = entry.putArray("quantities");
      for (EventDescription.Role r : EventDescription.roles(event)) {
        quantities
            .addObject()
            .put("lot", r.lot().uri())
            .put("role", r.role())
            .put("amount", r.quantity().stated().map(q -> q.amount().toPlainString()).orElse(null))
            .put("unit", r.quantity().stated().map(q -> q.unit()).orElse(null));
      }
    }
    node(o.putObject("ancestry"), ancestry);
    ArrayNode summaries = o.putArray("lots");
    for (LotSummary summary : lots) {
      summary(summaries.addObject(), summary);
    }
    return JsonOutput.text(o);
  }

  private static void node(ObjectNode o, Node n) {
    o.put("lot", n.lot().uri());
    if (n.repeated()) {
      o.put("repeated", true);
    } else if (n.truncated()) {
      o.put("truncated", true);
    } else {
      ArrayNode parents = o.putArray("parents");
      for (Node p : n.parents()) {
        node(parents.addObject(), p);
      }
    }
  }

  /**
   * {"lot", "tracked", "unit", "produced", "received", "consumed", "shippedOut", "destroyed",
   * "balance", "custodians":[{actor, amount}], "inTransit":[{shipment (ni URI), receiver, amount}],
   * "computed": {massKg, carbonFootprint, carbonLowerBound, elements:[{element, massFraction,
   * recycledPreConsumer, recycledPostConsumer}]}}; amounts are decimal strings in the lot's base
   * unit (KGM for mass), null where the records do not allow computing them. An external lot
   * ("tracked": false) has only "lot", "tracked" and "computed".
   */
  private static void summary(ObjectNode o, LotSummary summary) {
    LotState state = summary.state();
    o.put("lot", summary.lot().uri()).put("tracked", state != null);
    if (state != null) {
      Function<BigDecimal, String> amount = v -> state.quantified() ? v.toPlainString() : null;
      o.put("unit", state.unit())
          .put("produced", amount.apply(state.produced()))
          .put("received", amount.apply(state.received()))
          .put("consumed", amount.apply(state.consumed()))
          .put("shippedOut", amount.apply(state.shippedOut()))
          .put("destroyed", amount.apply(state.destroyed()))
          .put("balance", amount.apply(state.balance()));
      ArrayNode custodians = o.putArray("custodians");
      state
          .holdings()
          .forEach(
              (actor, held) ->
                  custodians
                      .addObject()
                      .put("actor", actor.uri())
                      .put("amount", amount.apply(held)));
      ArrayNode inTransit = o.putArray("inTransit");
      state
          .inTransit()
          .forEach(
              (shipment, t) ->
                  inTransit
                      .addObject()
                      .put("shipment", shipment.toNi())
                      .put("receiver", t.receiver().uri())
                      .put("amount", amount.apply(t.amount())));
    }
    Composition composition = summary.composition();
    ObjectNode computed =
        o.putObject("computed")
            .put("massKg", LotSummary.plain(composition.massKg()))
            .put("carbonFootprint", LotSummary.plain(composition.carbonFootprint()))
            .put("carbonLowerBound", composition.carbonLowerBound());
    ArrayNode elements = computed.putArray("elements");
    for (ElementBalance e : composition.elements()) {
      elements
          .addObject()
          .put("element", e.element())
          .put("massFraction", LotSummary.plain(e.massFraction()))
          .put("recycledPreConsumer", LotSummary.plain(e.recycledPreConsumer()))
          .put("recycledPostConsumer", LotSummary.plain(e.recycledPostConsumer()));
    }
  }

  // ---------------------------------------------------------------- describing events

  private static String time(Event event) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time());
  }

  private static String kind(Event event) {
    String action = EventDescription.action(event);
    return EventDescription.type(event) + (action == null ? "" : " " + action);
  }

  private static String bizStep(Event event) {
    return event.context().bizStep() == null ? "" : " " + event.context().bizStep();
  }
}
