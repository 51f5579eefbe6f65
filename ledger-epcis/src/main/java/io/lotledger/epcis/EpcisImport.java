package io.lotledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.rules.AppendRejectedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Imports EPCIS 2.0 JSON-LD (EPCIS 2.0 §9): an {@code EPCISDocument} with {@code
 * epcisBody.eventList}, or a single event of any of the five types. The input is bounded (bytes,
 * nesting, {@link #MAX_EVENTS} events), validated against the official EPCIS 2.0 JSON schema
 * ({@link EpcisSchema}), its JSON-LD context resolved offline ({@link EpcisContext}), and each
 * event mapped onto the ledger's model ({@link EventReader}) carrying its CBV 2.0 event hash ID
 * ({@link EventHashId}) as eventID.
 *
 * <p>{@link #into} stores a document whole or not at all ({@link Ledger#appendAll}); events already
 * in the ledger (same hash ID) are skipped, so importing the same document twice adds nothing. Each
 * stored event is marked {@link io.lotledger.event.EventContext#imported() imported}: the importing
 * actor signs that this is the record it received, not that it shipped, consumed or made anything,
 * so an import moves no custody and no balance, and the lots it names stay external (their history
 * lives elsewhere). What the records say is weighed by {@code check}: quantities drawn from lots
 * the ledger never saw made are unbacked, and draws beyond what a lot was recorded to hold are
 * overdrawn.
 *
 * <p><b>Memory.</b> From bytes, an {@code EPCISDocument}'s events are read one at a time ({@link
 * DocumentReader}) and only their model form is kept, so a document at the limits (16 MiB, 100,000
 * events) imports with a 256 MB heap; see PERFORMANCE.md, "EPCIS import memory". {@link
 * #read(byte[])} returns every event with its pre-hash string, and the tree forms hold the whole
 * tree: for inspection.
 */
public final class EpcisImport {
  /** Most events one document may carry. */
  public static final int MAX_EVENTS = 100_000;

  /**
   * One event of a document: its position, its CBV 2.0 hash ID and its model form.
   *
   * @param index the event's zero-based position in the document's event list
   * @param hashId its CBV 2.0 event hash ID
   * @param event the event as lotledger models it
   */
  public record ImportedEvent(int index, EventHashId hashId, Event event) {}

  /**
   * What an import did: the entries it added, and the events it skipped as already in the ledger.
   *
   * @param added the entries appended, in document order
   * @param skipped the events not appended because their event hash ID is already in the ledger or
   *     earlier in the document
   */
  public record Result(List<Entry> added, List<ImportedEvent> skipped) {
    /** Wraps {@code added} unmodifiable (without copying it) and copies {@code skipped}. */
    public Result {
      // Not copied: Ledger.appendAll's list is immutable and decodes each entry on access, so a
      // copy
      // would hold every entry of a large document decoded at once.
      added = Collections.unmodifiableList(added);
      skipped = List.copyOf(skipped);
    }
  }

  private EpcisImport() {}

  /** Reads, bounds, validates and maps {@code json}, without touching any ledger. */
  public static List<ImportedEvent> read(byte[] json) throws EpcisFormatException {
    List<ImportedEvent> out = new ArrayList<>();
    try {
      read(json, out::add);
    } catch (EpcisFormatException e) {
      throw e;
    } catch (LedgerException e) {
      throw new IllegalStateException(
          "reading alone failed other than on the input: " + e.getMessage(), e);
    }
    return List.copyOf(out);
  }

  /** Receives the events of a document as they are read, in document order. */
  @FunctionalInterface
  private interface EventSink {
    void accept(ImportedEvent event) throws LedgerException;
  }

  /**
   * Reads {@code json} as {@link #read(byte[])} does, handing each event to {@code sink} as soon as
   * it is mapped, and holding only one event's tree at a time: an {@code EPCISDocument} is walked
   * twice with a streaming parser ({@link DocumentReader}), first to bound it and validate each
   * event against the schema, then, the document's {@code @context} known, to map them. So no event
   * reaches {@code sink} unless the whole document conforms; an event the mapping refuses stops the
   * read there.
   */
  private static void read(byte[] json, EventSink sink) throws LedgerException {
    if (json.length > EpcisJson.MAX_DOCUMENT_BYTES) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          "(document)",
          "document is "
              + json.length
              + " bytes, over the limit of "
              + EpcisJson.MAX_DOCUMENT_BYTES);
    }
    EpcisSchema.Violations violations = new EpcisSchema.Violations(EpcisSchema.EVENT_LIST);
    int[] count = {0};
    ObjectNode shell =
        DocumentReader.walk(
            json,
            (index, event) -> {
              count[0]++;
              if (index < MAX_EVENTS) { // past the limit only counted, for the message
                violations.event(index, event);
              }
            });
    if (shell == null
        || !shell.path("type").asText("").equals("EPCISDocument")
        || !shell.path("epcisBody").isObject()) {
      // Not a document with an event list (a single event, or not EPCIS at all): small, or refused.
      for (ImportedEvent e : read(shell != null ? shell : EpcisJson.read(json))) {
        sink.accept(e);
      }
      return;
    }
    if (count[0] > MAX_EVENTS) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          "epcisBody.eventList",
          count[0] + " events, over the limit of " + MAX_EVENTS);
    }
    violations.document(shell);
    violations.require();
    JsonNode documentContext = shell.get("@context");
    EpcisContext context = EpcisContext.of(documentContext);
    Map<String, String> prefixes = EventHashId.prefixes(documentContext);
    DocumentReader.walk(
        json,
        (index, event) -> {
          EventHashId id = EventHashId.fromEvent(index, event, prefixes);
          sink.accept(
              new ImportedEvent(
                  index, id, map(index, (ObjectNode) event, context, documentContext, false, id)));
        });
  }

  /** As {@link #read(byte[])} for a parsed document. */
  public static List<ImportedEvent> read(JsonNode document) throws EpcisFormatException {
    if (!document.isObject()) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT, "(document)", "must be a JSON object");
    }
    String type = document.path("type").asText("");
    boolean single = type.endsWith("Event");
    if (!single && !type.equals("EPCISDocument")) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          "type",
          "must be EPCISDocument or an EPCIS event type, not '" + type + "'");
    }
    JsonNode events =
        single
            ? JsonNodeFactory.instance.arrayNode().add(document)
            : document.path("epcisBody").path("eventList");
    if (events.size() > MAX_EVENTS) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          "epcisBody.eventList",
          events.size() + " events, over the limit of " + MAX_EVENTS);
    }
    EpcisSchema.require(document);
    JsonNode documentContext = single ? null : document.get("@context");
    EpcisContext context = EpcisContext.of(documentContext);
    List<EventHashId> ids = EventHashId.fromDocument(document);
    List<ImportedEvent> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      out.add(
          new ImportedEvent(
              i,
              ids.get(i),
              map(i, (ObjectNode) events.get(i), context, documentContext, single, ids.get(i))));
    }
    return List.copyOf(out);
  }

  /** The model form of event {@code index}, with the document's context and the event's own. */
  private static Event map(
      int index,
      ObjectNode event,
      EpcisContext context,
      JsonNode documentContext,
      boolean single,
      EventHashId id)
      throws EpcisFormatException {
    EpcisContext eventContext = context;
    JsonNode custom = context.custom();
    if (event.has("@context") && documentContext != null) {
      ArrayNode both = JsonNodeFactory.instance.arrayNode();
      addAll(both, documentContext);
      addAll(both, event.get("@context"));
      eventContext = EpcisContext.of(both);
    } else if (single) {
      custom = null; // a single event keeps its own @context among its fields
    }
    return EventReader.read(index, event, eventContext, custom, id.id());
  }

  private static void addAll(ArrayNode into, JsonNode context) {
    if (context.isArray()) {
      context.forEach(into::add);
    } else {
      into.add(context);
    }
  }

  /**
   * Imports {@code json} into {@code ledger}, every new event marked imported and signed by {@code
   * signer}: all of them or, when one breaks a ledger rule (an unregistered signer, an eventID the
   * ledger holds for another event), none ({@link AppendRejectedException#position()} is then the
   * event's index in the document).
   */
  public static Result into(Ledger ledger, ActorSigner signer, byte[] json) throws LedgerException {
    return store(ledger, signer, json, true);
  }

  /**
   * Captures {@code json} into {@code ledger} as {@code signer}'s own events: native entries, not
   * marked imported, so the ledger's custody and mass-balance rules judge each (a commissioning
   * makes the signer a lot's custodian; a shipment, consumption or destruction needs what it holds)
   * — as an EPCIS 2.0 capture interface records a company's own events. All of them or, when one
   * breaks a rule, none ({@link AppendRejectedException#position()} is then the event's index).
   * Events the ledger already holds (by CBV 2.0 hash ID) are skipped.
   */
  public static Result capture(Ledger ledger, ActorSigner signer, byte[] json)
      throws LedgerException {
    return store(ledger, signer, json, false);
  }

  private static Result store(Ledger ledger, ActorSigner signer, byte[] json, boolean asRecords)
      throws LedgerException {
    // Events are kept only in the form they are appended in (no trees, no pre-hash strings), so
    // that
    // the heap an import needs is that of its entries: a document at the limits within -Xmx256m.
    List<Event> fresh = new ArrayList<>();
    int[][] positions = {new int[1024]};
    List<ImportedEvent> skipped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    read(
        json,
        e -> {
          if (!seen.add(e.hashId().id()) || ledger.entryByEventId(e.hashId().id()).isPresent()) {
            skipped.add(e);
            return;
          }
          if (fresh.size() == positions[0].length) {
            positions[0] = Arrays.copyOf(positions[0], positions[0].length * 2);
          }
          positions[0][fresh.size()] = e.index();
          fresh.add(asRecords ? imported(e) : e.event());
        });
    seen.clear();
    return append(ledger, signer, fresh, skipped, i -> positions[0][i]);
  }

  /** As {@link #into(Ledger, ActorSigner, byte[])} for events already read. */
  public static Result into(Ledger ledger, ActorSigner signer, List<ImportedEvent> events)
      throws LedgerException {
    List<ImportedEvent> fresh = new ArrayList<>();
    List<ImportedEvent> skipped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ImportedEvent e : events) {
      if (!seen.add(e.hashId().id()) || ledger.entryByEventId(e.hashId().id()).isPresent()) {
        skipped.add(e);
      } else {
        fresh.add(e);
      }
    }
    return append(
        ledger,
        signer,
        fresh.stream().map(EpcisImport::imported).toList(),
        skipped,
        i -> fresh.get(i).index());
  }

  private static Event imported(ImportedEvent e) {
    return EpcisEvents.withContext(e.event(), e.event().context().asImported());
  }

  /**
   * Appends {@code fresh} whole or not at all; a rejection names the event's index in the document.
   */
  private static Result append(
      Ledger ledger,
      ActorSigner signer,
      List<Event> fresh,
      List<ImportedEvent> skipped,
      IntUnaryOperator documentIndex)
      throws LedgerException {
    try {
      return new Result(ledger.appendAll(fresh, signer), skipped);
    } catch (AppendRejectedException e) {
      int position = e.position() < 0 ? -1 : documentIndex.applyAsInt(e.position());
      throw new AppendRejectedException(e.finding(), position);
    }
  }
}
