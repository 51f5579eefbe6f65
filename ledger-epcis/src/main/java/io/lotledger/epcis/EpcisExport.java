package io.lotledger.epcis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.Ledger;
import io.lotledger.bundle.Provenance;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.event.RegistryEvent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Exports ledger entries as one EPCIS 2.0 JSON-LD document (EPCIS 2.0 §9) that validates against
 * the official schema: a lot's provenance ({@link #lot}: every entry of the lot and of every lot it
 * was made from) or the whole ledger ({@link #all}). Registry entries (actors, keys) are
 * ledger-native and have no EPCIS form; they are left out.
 *
 * <p>Each event carries its eventID: the CBV 2.0 hash ID it was imported under, else the hash ID of
 * the event as exported. lotledger's own facts travel as {@code ll:} extensions: claims and step
 * emissions on the events ({@link EventWriter}), and the entry behind each event at document level
 * under {@code ll:provenance} (index, entry hash, signer, lot links and the signed entry's exact
 * bytes, which a reader can check offline), so that event hash IDs stay those of the events alone.
 */
public final class EpcisExport {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private EpcisExport() {}

  /**
   * {@code lot}'s provenance as an EPCIS document: the lot's entries and, through each
   * transformation that made it, its inputs' entries up to their consumption, in ledger order. The
   * same entries a proof bundle of the lot holds ({@link Provenance}); what happened to an input
   * after it was consumed (its other uses, shipments to others) is not part of it.
   *
   * @throws LedgerException NOT_FOUND when the ledger has no entry of {@code lot}
   */
  public static ObjectNode lot(Ledger ledger, LotId lot, OffsetDateTime creationDate)
      throws LedgerException {
    EntryHash head =
        ledger
            .head(lot)
            .orElseThrow(
                () ->
                    new LedgerException(
                        LedgerException.Code.NOT_FOUND,
                        "lot " + lot + " is not in ledger " + ledger.origin()));
    return document(Provenance.in(ledger, lot, head), creationDate);
  }

  /** Every non-registry entry of {@code ledger} as an EPCIS document. */
  public static ObjectNode all(Ledger ledger, OffsetDateTime creationDate) throws LedgerException {
    List<Entry> entries = new ArrayList<>();
    for (long i = 0; i < ledger.size(); i++) {
      ledger.entry(i).ifPresent(entries::add);
    }
    return document(entries, creationDate);
  }

  /**
   * {@code entries} (registry entries skipped) as an EPCIS 2.0 document created at {@code
   * creationDate}.
   */
  public static ObjectNode document(List<Entry> entries, OffsetDateTime creationDate)
      throws EpcisFormatException {
    EventWriter writer = new EventWriter();
    List<ObjectNode> events = new ArrayList<>();
    List<Entry> exported = new ArrayList<>();
    for (Entry e : entries) {
      if (e.event() instanceof RegistryEvent) {
        continue;
      }
      events.add(writer.write(e.event(), e.event().context().eventId()));
      exported.add(e);
    }
    ArrayNode context = JSON.arrayNode().add(EpcisContext.STANDARD_URL);
    ObjectNode prefixes = context.addObject();
    writer.declaredPrefixes().forEach(prefixes::put);

    ObjectNode doc = JSON.objectNode();
    doc.set("@context", context);
    doc.put("type", "EPCISDocument");
    doc.put("schemaVersion", "2.0");
    doc.put("creationDate", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(creationDate));
    ArrayNode list = doc.putObject("epcisBody").putArray("eventList");
    ArrayNode provenance = JSON.arrayNode();
    for (int i = 0; i < events.size(); i++) {
      ObjectNode event = events.get(i);
      if (!event.has("eventID")) {
        event.put("eventID", EventHashId.fromEvent(event, context).id());
      }
      list.add(event);
      provenance.add(provenance(exported.get(i), event.get("eventID").asText()));
    }
    doc.set(Vocabulary.term("provenance"), provenance);
    return doc;
  }

  private static ObjectNode provenance(Entry e, String eventId) {
    ObjectNode p = JSON.objectNode();
    p.put("eventID", eventId);
    p.put("index", e.index());
    p.put("entryHash", e.hash().toNi());
    p.put("actor", e.signed().body().actor().uri());
    ArrayNode links = p.putArray("links");
    for (Link l : e.signed().body().links()) {
      ObjectNode link = links.addObject().put("lot", l.lot().uri());
      if (l.prev() != null) {
        link.put("previous", l.prev().toNi());
      }
    }
    p.put("entry", Base64.getEncoder().encodeToString(e.signed().encoded()));
    return p;
  }

  /** {@code document} as UTF-8 JSON text, indented for people. */
  public static byte[] toBytes(JsonNode document) {
    try {
      return EpcisJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
