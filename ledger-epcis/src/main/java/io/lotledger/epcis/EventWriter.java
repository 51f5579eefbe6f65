package io.lotledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.event.Action;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.AssociationEvent;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.Extension;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes model events as EPCIS 2.0 JSON-LD events (EPCIS 2.0 §9), the inverse of {@link
 * EventReader}: the model's fields in their EPCIS places, lotledger's claims as {@code ll:}
 * extension fields, then the event's {@link Residual} merged back, so an imported event comes out
 * as it came in (identifiers in their normalised form).
 *
 * <p>Extension fields need a prefix bound to their namespace: the one the event's own context
 * binds, else a standard EPCIS 2.0 one, else one this writer makes up ({@code llx1}, {@code llx2}
 * ...) and reports through {@link #declaredPrefixes()} for the document's context. One writer
 * serves one document.
 */
final class EventWriter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Prefixes the EPCIS 2.0 context binds that extension fields commonly use; their IRIs come from
   * the context.
   */
  private static final List<String> STANDARD_PREFIXES =
      List.of("gs1", "cbvmda", "cbv", "epcis", "dcterms", "xsd");

  private final EpcisContext standard;
  private final Map<String, String> declared = new LinkedHashMap<>(); // namespace -> prefix

  EventWriter() throws EpcisFormatException {
    this.standard = EpcisContext.of(JSON.textNode(EpcisContext.STANDARD_URL));
    declared.put(Vocabulary.NAMESPACE, Vocabulary.PREFIX);
  }

  /**
   * Prefix → namespace bindings the document's own context must declare (lotledger's, and made-up
   * ones).
   */
  Map<String, String> declaredPrefixes() {
    Map<String, String> out = new LinkedHashMap<>();
    declared.forEach((ns, prefix) -> out.put(prefix, ns));
    return out;
  }

  /**
   * The EPCIS form of {@code event}; {@code eventId} is written unless the event keeps a declared
   * one.
   */
  ObjectNode write(Event event, String eventId) throws EpcisFormatException {
    Residual residual = Residual.of(event);
    Map<String, String> own =
        new LinkedHashMap<>(); // namespace -> prefix, from the event's own context
    JsonNode ownContext = residual.fields().get("@context");
    if (ownContext != null) {
      EpcisContext.of(ownContext).prefixes().forEach((prefix, ns) -> own.putIfAbsent(ns, prefix));
    }
    ObjectNode out = JSON.objectNode();
    if (ownContext != null) {
      out.set("@context", ownContext);
    }
    out.put("type", EpcisEvents.type(event));
    if (eventId != null) {
      out.put("eventID", eventId);
    }
    out.put("eventTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time()));
    out.put("eventTimeZoneOffset", offset(event.time()));
    if (event instanceof ObjectEvent e) {
      action(out, e.action());
      lots(out, "epcList", "quantityList", e.quantities(), residual, true);
    } else if (event instanceof TransformationEvent e) {
      lots(out, "inputEPCList", "inputQuantityList", e.inputs(), residual, false);
      lots(out, "outputEPCList", "outputQuantityList", e.outputs(), residual, false);
      if (e.transformationId() != null) out.put("transformationID", e.transformationId());
      if (e.stepEmissions() != null) out.put(Vocabulary.term("stepEmissions"), e.stepEmissions());
    } else if (event instanceof AggregationEvent e) {
      action(out, e.action());
      out.put("parentID", e.parent().uri());
      lots(out, "childEPCs", "childQuantityList", e.children(), residual, false);
    } else if (event instanceof AssociationEvent e) {
      action(out, e.action());
      out.put("parentID", e.parent().uri());
      lots(out, "childEPCs", "childQuantityList", e.children(), residual, false);
    } else if (event instanceof TransactionEvent e) {
      action(out, e.action());
      lots(out, "epcList", "quantityList", e.quantities(), residual, true);
    }
    context(out, event.context(), own, residual);
    LotMasterData ilmd =
        event instanceof ObjectEvent o
            ? o.ilmd()
            : event instanceof TransformationEvent t ? t.ilmd() : LotMasterData.NONE;
    if (!ilmd.isEmpty()) {
      out.set("ilmd", ilmd(ilmd, own));
    }
    Residual.merge(out, residual.fields());
    return out;
  }

  private static String offset(OffsetDateTime t) {
    ZoneOffset o = t.getOffset();
    return o.equals(ZoneOffset.UTC) ? "+00:00" : o.getId();
  }

  private static void action(ObjectNode out, Action action) {
    out.put("action", action.name());
  }

  private static void lots(
      ObjectNode out,
      String epcKey,
      String quantityKey,
      List<LotQuantity> lots,
      Residual residual,
      boolean epcListRequired) {
    ArrayNode epcs = JSON.arrayNode();
    ArrayNode quantities = JSON.arrayNode();
    for (LotQuantity q : lots) {
      if (q.quantity() != null) {
        ObjectNode element =
            quantities
                .addObject()
                .put("epcClass", q.lot().uri())
                .put("quantity", q.quantity().amount());
        if (!q.quantity().unit().equals(EpcisEvents.COUNT)
            || residual.statedCount().contains(Residual.listed(quantityKey, q.lot()))) {
          element.put("uom", q.quantity().unit());
        }
      } else if (residual.classLevel().contains(Residual.listed(quantityKey, q.lot()))) {
        quantities.addObject().put("epcClass", q.lot().uri());
      } else {
        epcs.add(q.lot().uri());
      }
    }
    if (!epcs.isEmpty() || epcListRequired && quantities.isEmpty()) {
      out.set(epcKey, epcs);
    }
    if (!quantities.isEmpty()) {
      out.set(quantityKey, quantities);
    }
  }

  private void context(ObjectNode out, EventContext c, Map<String, String> own, Residual residual) {
    if (c.bizStep() != null) out.put("bizStep", Vocabulary.CbvField.BIZ_STEP.write(c.bizStep()));
    if (c.disposition() != null)
      out.put("disposition", Vocabulary.CbvField.DISPOSITION.write(c.disposition()));
    if (c.readPoint() != null) out.putObject("readPoint").put("id", c.readPoint());
    if (c.bizLocation() != null) out.putObject("bizLocation").put("id", c.bizLocation());
    if (!c.bizTransactions().isEmpty()) {
      ArrayNode txs = out.putArray("bizTransactionList");
      for (BizTransaction t : c.bizTransactions()) {
        ObjectNode tx = txs.addObject();
        if (t.type() != null) tx.put("type", Vocabulary.CbvField.TRANSACTION_TYPE.write(t.type()));
        tx.put("bizTransaction", t.id());
      }
    }
    parties(out, "sourceList", "source", c.sources());
    parties(out, "destinationList", "destination", c.destinations());
    if (!c.sensorReadings().isEmpty()
        && !residual
            .fields()
            .has("sensorElementList")) { // else the residual has the list as written
      ArrayNode elements = out.putArray("sensorElementList");
      for (SensorReading r : c.sensorReadings()) {
        ObjectNode element = elements.addObject();
        if (r.time() != null || r.device() != null) {
          ObjectNode meta = element.putObject("sensorMetadata");
          if (r.time() != null)
            meta.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.time()));
          if (r.device() != null) meta.put("deviceID", r.device());
        }
        element
            .putArray("sensorReport")
            .addObject()
            .put("type", Vocabulary.CbvField.SENSOR_TYPE.write(r.type()))
            .put("value", r.value())
            .put("uom", r.unit());
      }
    }
    if (c.shipment() != null) out.put(Vocabulary.term("shipment"), c.shipment());
    extensions(out, c.extensions(), own);
  }

  private static void parties(ObjectNode out, String list, String key, List<Party> parties) {
    if (!parties.isEmpty()) {
      ArrayNode array = out.putArray(list);
      parties.forEach(
          p ->
              array
                  .addObject()
                  .put("type", Vocabulary.CbvField.PARTY_TYPE.write(p.type()))
                  .put(key, p.id()));
    }
  }

  private ObjectNode ilmd(LotMasterData m, Map<String, String> own) {
    ObjectNode out = JSON.objectNode();
    String mda = prefixFor(Vocabulary.CBV_MDA, own) + ":";
    if (m.originCountry() != null) out.put(mda + "countryOfOrigin", m.originCountry());
    if (m.originSite() != null) out.put(Vocabulary.term("originSite"), m.originSite());
    if (m.bestBefore() != null) out.put(mda + "bestBeforeDate", m.bestBefore().toString());
    if (m.species() != null) out.put(Vocabulary.term("species"), m.species());
    if (m.carbonFootprint() != null)
      out.put(Vocabulary.term("carbonFootprint"), m.carbonFootprint().toPlainString());
    if (!m.elements().isEmpty()) {
      ArrayNode elements = out.putArray(Vocabulary.term("elements"));
      for (ElementShare e : m.elements()) {
        ObjectNode share =
            elements.addObject().put("element", e.element()).put("massFraction", e.massFraction());
        if (e.recycledPreConsumer() != null)
          share.put("recycledPreConsumer", e.recycledPreConsumer());
        if (e.recycledPostConsumer() != null)
          share.put("recycledPostConsumer", e.recycledPostConsumer());
      }
    }
    if (!m.certifications().isEmpty()) {
      ArrayNode certs = out.putArray(Vocabulary.term("certifications"));
      for (Certification c : m.certifications()) {
        ObjectNode cert = certs.addObject().put("uri", c.uri());
        if (c.issuer() != null) cert.put("issuer", c.issuer());
        if (c.validFrom() != null) cert.put("validFrom", c.validFrom().toString());
        if (c.validUntil() != null) cert.put("validUntil", c.validUntil().toString());
      }
    }
    extensions(out, m.extensions(), own);
    return out;
  }

  private void extensions(ObjectNode out, List<Extension> extensions, Map<String, String> own) {
    for (Extension x : extensions) {
      if (!Residual.isResidual(x)) {
        out.put(prefixFor(x.namespace(), own) + ":" + x.name(), x.value());
      }
    }
  }

  private String prefixFor(String namespace, Map<String, String> own) {
    String prefix = own.get(namespace);
    if (prefix != null) {
      return prefix;
    }
    for (String p : STANDARD_PREFIXES) {
      if (!own.containsValue(p) && standard.expand(p + ":").equals(namespace)) {
        return p;
      }
    }
    return declared.computeIfAbsent(namespace, ns -> "llx" + declared.size());
  }
}
