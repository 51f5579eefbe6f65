package io.lotledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.ActorSigner;
import io.lotledger.AppendRejectedException;
import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.entry.Entry;
import io.lotledger.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports EPCIS 2.0 JSON-LD (EPCIS 2.0 §9): an {@code EPCISDocument} with {@code epcisBody.eventList}, or
 * a single event of any of the five types. The input is bounded (bytes, nesting, {@link #MAX_EVENTS}
 * events), validated against the official EPCIS 2.0 JSON schema ({@link EpcisSchema}), its JSON-LD
 * context resolved offline ({@link EpcisContext}), and each event mapped onto the ledger's model
 * ({@link EventReader}) carrying its CBV 2.0 event hash ID ({@link EventHashId}) as eventID.
 *
 * <p>{@link #into} stores a document whole or not at all ({@link Ledger#appendAll}); events already in
 * the ledger (same hash ID) are skipped, so importing the same document twice adds nothing. Each stored
 * event is marked {@link io.lotledger.event.EventContext#imported() imported}: the importing actor signs
 * that this is the record it received, not that it shipped, consumed or made anything, so an import moves
 * no custody and no balance, and the lots it names stay external (their history lives elsewhere). What
 * the records say is weighed by {@code check}: quantities drawn from lots the ledger never saw made are
 * unbacked, and draws beyond what a lot was recorded to hold are overdrawn.
 */
public final class EpcisImport {
  /** Most events one document may carry. */
  public static final int MAX_EVENTS = 100_000;

  /** One event of a document: its position, its CBV 2.0 hash ID and its model form. */
  public record ImportedEvent(int index, EventHashId hashId, Event event) {}

  /** What an import did: the entries it added, and the events it skipped as already in the ledger. */
  public record Result(List<Entry> added, List<ImportedEvent> skipped) {
    public Result {
      added = List.copyOf(added);
      skipped = List.copyOf(skipped);
    }
  }

  private EpcisImport() {}

  /** Reads, bounds, validates and maps {@code json}, without touching any ledger. */
  public static List<ImportedEvent> read(byte[] json) throws EpcisFormatException {
    return read(EpcisJson.read(json));
  }

  /** As {@link #read(byte[])} for a parsed document. */
  public static List<ImportedEvent> read(JsonNode document) throws EpcisFormatException {
    if (!document.isObject()) {
      throw new EpcisFormatException(EpcisFormatException.NO_EVENT, "(document)", "must be a JSON object");
    }
    String type = document.path("type").asText("");
    boolean single = type.endsWith("Event");
    if (!single && !type.equals("EPCISDocument")) {
      throw new EpcisFormatException(EpcisFormatException.NO_EVENT, "type",
          "must be EPCISDocument or an EPCIS event type, not '" + type + "'");
    }
    JsonNode events = single ? JsonNodeFactory.instance.arrayNode().add(document) : document.path("epcisBody").path("eventList");
    if (events.size() > MAX_EVENTS) {
      throw new EpcisFormatException(EpcisFormatException.NO_EVENT, "epcisBody.eventList",
          events.size() + " events, over the limit of " + MAX_EVENTS);
    }
    EpcisSchema.require(document);
    JsonNode documentContext = single ? null : document.get("@context");
    EpcisContext context = EpcisContext.of(documentContext);
    List<EventHashId> ids = EventHashId.fromDocument(document);
    List<ImportedEvent> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      ObjectNode event = (ObjectNode) events.get(i);
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
      out.add(new ImportedEvent(i, ids.get(i), EventReader.read(i, event, eventContext, custom, ids.get(i).id())));
    }
    return List.copyOf(out);
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
   * ledger holds for another event), none ({@link AppendRejectedException#position()} is then the event's
   * index in the document).
   */
  public static Result into(Ledger ledger, ActorSigner signer, byte[] json) throws LedgerException {
    return into(ledger, signer, read(json));
  }

  /** As {@link #into(Ledger, ActorSigner, byte[])} for events already read. */
  public static Result into(Ledger ledger, ActorSigner signer, List<ImportedEvent> events) throws LedgerException {
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
    try {
      List<Entry> added = ledger.appendAll(
          fresh.stream().map(e -> EpcisEvents.withContext(e.event(), e.event().context().asImported())).toList(), signer);
      return new Result(added, skipped);
    } catch (AppendRejectedException e) {
      int position = e.position() < 0 ? -1 : fresh.get(e.position()).index();
      throw new AppendRejectedException(e.finding(), position);
    }
  }
}
