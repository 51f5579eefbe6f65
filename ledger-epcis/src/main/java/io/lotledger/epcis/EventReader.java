package io.lotledger.epcis;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.Quantity;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps one EPCIS 2.0 JSON-LD event (EPCIS 2.0 §7.4, JSON binding §9) onto the ledger's event model.
 * Every field the model represents is taken out of a copy of the event; what is left is the event's
 * {@link Residual}, kept verbatim. Lots, locations and parties given as EPC URNs or GS1 Digital
 * Link URIs are normalised to one form, the canonical GS1 Digital Link of the CBV 2.0 hash
 * algorithm ({@link HashIdentifiers#canonicalize}); other URIs are kept as written.
 *
 * <p>The mapping (docs/epcis-mapping.md has the whole table): EPC lists and quantity lists become
 * lots (a quantity without {@code uom} is a count, UN/CEFACT C62); readPoint and bizLocation ids,
 * sources, destinations and business transactions map one to one; a sensor element list maps to
 * readings when each element is one report of type, value and unit, timed and attributed by its
 * metadata; ILMD {@code cbvmda:countryOfOrigin} and {@code cbvmda:bestBeforeDate} and lotledger's
 * {@code ll:} claims map to lot master data; text-valued extension fields become model extensions.
 */
final class EventReader {
  private final int index;
  private final EpcisContext context;
  private final ObjectNode rest;
  private final Set<String> classLevel = new LinkedHashSet<>();
  private final Set<String> statedCount = new LinkedHashSet<>();
  private String field = "(event)";

  private EventReader(int index, ObjectNode event, EpcisContext context) {
    this.index = index;
    this.context = context;
    this.rest = event.deepCopy();
  }

  /**
   * The model event for {@code event} (the {@code index}-th of its document), carrying {@code
   * hashId} as its eventID and what the model cannot say as its residual.
   */
  static Event read(
      int index, ObjectNode event, EpcisContext context, JsonNode documentContext, String hashId)
      throws EpcisFormatException {
    return new EventReader(index, event, context).read(documentContext, hashId);
  }

  private Event read(JsonNode documentContext, String hashId) throws EpcisFormatException {
    try {
      return map(documentContext, hashId);
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      throw new EpcisFormatException(index, field, e.getMessage(), e);
    }
  }

  private Event map(JsonNode documentContext, String hashId) throws EpcisFormatException {
    String type = take("type").asText();
    OffsetDateTime time = time();
    JsonNode eventId = rest.remove("eventID");
    if (eventId != null && !eventId.asText().equals(hashId)) {
      rest.set(
          "eventID", eventId); // a declared eventID other than the hash ID is given back on export
    }
    Action action = rest.has("action") ? action(take("action").asText()) : null;
    EventContext ctx = context(hashId);
    Event event =
        switch (type) {
          case "ObjectEvent" ->
              new ObjectEvent(action, lots("epcList", "quantityList"), ilmd(), time, ctx);
          case "TransformationEvent" -> {
            List<LotQuantity> inputs = lots("inputEPCList", "inputQuantityList");
            List<LotQuantity> outputs = lots("outputEPCList", "outputQuantityList");
            String transformationId =
                rest.has("transformationID") ? take("transformationID").asText() : null;
            JsonNode stepEmissions = takeOwn("stepEmissions");
            BigDecimal emissions = stepEmissions == null ? null : decimal(stepEmissions);
            LotMasterData ilmd = ilmd();
            field = "(event)";
            yield new TransformationEvent(
                inputs, outputs, transformationId, ilmd, emissions, time, ctx);
          }
          case "AggregationEvent" ->
              new AggregationEvent(
                  action, parent(), lots("childEPCs", "childQuantityList"), time, ctx);
          case "AssociationEvent" ->
              new AssociationEvent(
                  action, parent(), lots("childEPCs", "childQuantityList"), time, ctx);
          case "TransactionEvent" -> {
            if (rest.has("parentID")) {
              rest.put(
                  "parentID",
                  normalise("parentID", rest.get("parentID").asText())); // kept, normalised
            }
            yield new TransactionEvent(action, lots("epcList", "quantityList"), time, ctx);
          }
          default ->
              throw new EpcisFormatException(index, "type", "not an EPCIS 2.0 event type: " + type);
        };
    field = "(event)";
    if (documentContext != null
        && !documentContext.isEmpty()
        && !rest.has("@context")
        && (!rest.isEmpty() || usesPrefix(event, documentContext))) {
      rest.set(
          "@context",
          documentContext); // the prefixes the kept fields (or model terms) are written with
    }
    Extension residual = new Residual(rest, classLevel, statedCount).toExtension(index);
    if (residual == null) {
      return event;
    }
    List<Extension> extensions = new ArrayList<>(event.context().extensions());
    extensions.add(residual);
    return EpcisEvents.withContext(event, event.context().withExtensions(extensions));
  }

  // ---------------------------------------------------------------- when, where, why

  private OffsetDateTime time() throws EpcisFormatException {
    OffsetDateTime at = OffsetDateTime.parse(take("eventTime").asText());
    ZoneOffset offset = ZoneOffset.of(take("eventTimeZoneOffset").asText());
    return at.withOffsetSameInstant(offset);
  }

  private Action action(String a) throws EpcisFormatException {
    return switch (a) {
      case "ADD" -> Action.ADD;
      case "OBSERVE" -> Action.OBSERVE;
      case "DELETE" -> Action.DELETE;
      default ->
          throw new EpcisFormatException(
              index, "action", "must be ADD, OBSERVE or DELETE, not " + a);
    };
  }

  private EventContext context(String hashId) throws EpcisFormatException {
    EventContext c = EventContext.EMPTY.withEventId(hashId);
    if (rest.has("bizStep"))
      c = c.withBizStep(Vocabulary.CbvField.BIZ_STEP.read(take("bizStep").asText(), context));
    if (rest.has("disposition")) {
      c =
          c.withDisposition(
              Vocabulary.CbvField.DISPOSITION.read(take("disposition").asText(), context));
    }
    c = c.withReadPoint(location("readPoint")).withBizLocation(location("bizLocation"));
    c =
        c.withSources(parties("sourceList", "source"))
            .withDestinations(parties("destinationList", "destination"));
    if (rest.has("bizTransactionList")) {
      field = "bizTransactionList";
      List<BizTransaction> txs = new ArrayList<>();
      for (JsonNode t : rest.remove("bizTransactionList")) {
        String type =
            t.has("type")
                ? Vocabulary.CbvField.TRANSACTION_TYPE.read(t.get("type").asText(), context)
                : null;
        txs.add(new BizTransaction(type, t.get("bizTransaction").asText()));
      }
      c = c.withBizTransactions(txs);
    }
    List<SensorReading> readings = readings();
    if (readings != null) {
      c = c.withSensorReadings(readings);
    }
    JsonNode shipment = takeOwn("shipment");
    if (shipment != null) {
      c = c.withShipment(shipment.asText());
    }
    return c.withExtensions(extensions(rest, "(event)"));
  }

  private String location(String name) throws EpcisFormatException {
    JsonNode loc = rest.get(name);
    if (loc == null || !loc.isObject() || !loc.has("id")) {
      return null;
    }
    field = name + ".id";
    String id = normalise(field, ((ObjectNode) loc).remove("id").asText());
    if (loc.isEmpty()) {
      rest.remove(name);
    }
    return id;
  }

  private List<Party> parties(String list, String key) throws EpcisFormatException {
    List<Party> parties = new ArrayList<>();
    if (rest.has(list)) {
      field = list;
      for (JsonNode p : rest.remove(list)) {
        parties.add(
            new Party(
                Vocabulary.CbvField.PARTY_TYPE.read(p.get("type").asText(), context),
                normalise(list, p.get(key).asText())));
      }
    }
    return parties;
  }

  /**
   * The sensor readings (EPCIS 2.0 SensorElement, SensorReport): one per report with a numeric
   * {@code value}, plus one for its {@code maxValue} when it states one (what an upper limit is
   * judged against), each with the report's type and uom and the report's (else the element's) time
   * and device. When every element is one plain report (type, value, uom; metadata only time and
   * deviceID) the model says it all and the list is mapped away; otherwise the list stays verbatim
   * in the residual, which export writes back, and the readings are what policies see of it. Null
   * when the event has no list.
   */
  private List<SensorReading> readings() throws EpcisFormatException {
    JsonNode list = rest.get("sensorElementList");
    if (list == null) {
      return null;
    }
    field = "sensorElementList";
    List<SensorReading> readings = new ArrayList<>();
    boolean plain = true;
    for (JsonNode element : list) {
      JsonNode meta = element.path("sensorMetadata");
      JsonNode reports = element.path("sensorReport");
      plain &=
          only(element, Set.of("sensorMetadata", "sensorReport"))
              && only(meta, Set.of("time", "deviceID"))
              && reports.size() == 1
              && only(reports.get(0), Set.of("type", "value", "uom"))
              && reports.get(0).path("value").isNumber();
      for (JsonNode r : reports) {
        if (!r.path("type").isTextual() || !r.path("uom").isTextual()) {
          plain = false;
          continue;
        }
        JsonNode time = r.has("time") ? r.get("time") : meta.get("time");
        JsonNode device = r.has("deviceID") ? r.get("deviceID") : meta.get("deviceID");
        for (String value : List.of("value", "maxValue")) {
          if (r.path(value).isNumber()) {
            readings.add(
                new SensorReading(
                    Vocabulary.CbvField.SENSOR_TYPE.read(r.get("type").asText(), context),
                    r.get(value).decimalValue(),
                    r.get("uom").asText(),
                    time == null ? null : OffsetDateTime.parse(time.asText()),
                    device == null ? null : device.asText()));
          } else if (r.has(value)) {
            plain = false;
          }
        }
      }
    }
    if (plain) {
      rest.remove("sensorElementList");
    }
    return readings;
  }

  private static boolean only(JsonNode node, Set<String> names) {
    if (node.isMissingNode()) {
      return true;
    }
    if (!node.isObject()) {
      return false;
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      if (!names.contains(it.next())) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- what

  private LotId parent() throws EpcisFormatException {
    if (!rest.has("parentID")) {
      throw new EpcisFormatException(
          index, "parentID", "lotledger records aggregations and associations with their parent");
    }
    field = "parentID";
    return new LotId(normalise(field, take("parentID").asText()));
  }

  private List<LotQuantity> lots(String epcKey, String quantityKey) throws EpcisFormatException {
    List<LotQuantity> lots = new ArrayList<>();
    if (rest.has(epcKey)) {
      field = epcKey;
      for (JsonNode epc : rest.remove(epcKey)) {
        lots.add(LotQuantity.of(new LotId(normalise(epcKey, epc.asText()))));
      }
    }
    if (rest.has(quantityKey)) {
      JsonNode list = rest.remove(quantityKey);
      for (int i = 0; i < list.size(); i++) {
        field = quantityKey + "[" + i + "]";
        JsonNode q = list.get(i);
        LotId lot = new LotId(normalise(field, q.get("epcClass").asText()));
        if (!q.has("quantity")) {
          classLevel.add(Residual.listed(quantityKey, lot));
          lots.add(LotQuantity.of(lot));
          continue;
        }
        String unit = q.has("uom") ? q.get("uom").asText() : EpcisEvents.COUNT;
        if (q.has("uom") && unit.equals(EpcisEvents.COUNT)) {
          statedCount.add(Residual.listed(quantityKey, lot));
        }
        lots.add(new LotQuantity(lot, new Quantity(decimal(q.get("quantity")), unit)));
      }
    }
    return lots;
  }

  private LotMasterData ilmd() throws EpcisFormatException {
    JsonNode node = rest.get("ilmd");
    if (node == null || !node.isObject()) {
      return null;
    }
    field = "ilmd";
    ObjectNode ilmd = (ObjectNode) node;
    LotMasterData m = LotMasterData.NONE;
    String country = textOf(ilmd, Vocabulary.CBV_MDA + "countryOfOrigin", true);
    String site = textOf(ilmd, Vocabulary.NAMESPACE + "originSite", false);
    if (country != null || site != null) {
      m = m.withOrigin(country, site);
    }
    String bestBefore = textOf(ilmd, Vocabulary.CBV_MDA + "bestBeforeDate", true);
    if (bestBefore != null) {
      m = m.withBestBefore(LocalDate.parse(bestBefore));
    }
    m = m.withSpecies(textOf(ilmd, Vocabulary.NAMESPACE + "species", false));
    String carbon = textOf(ilmd, Vocabulary.NAMESPACE + "carbonFootprint", false);
    if (carbon != null) {
      m = m.withCarbonFootprint(new BigDecimal(carbon));
    }
    String elements = keyOf(ilmd, Vocabulary.NAMESPACE + "elements");
    if (elements != null) {
      List<ElementShare> shares = new ArrayList<>();
      for (JsonNode e : ilmd.remove(elements)) {
        shares.add(
            new ElementShare(
                e.get("element").asText(),
                decimal(e.get("massFraction")),
                e.has("recycledPreConsumer") ? decimal(e.get("recycledPreConsumer")) : null,
                e.has("recycledPostConsumer") ? decimal(e.get("recycledPostConsumer")) : null));
      }
      m = m.withElements(shares);
    }
    String certifications = keyOf(ilmd, Vocabulary.NAMESPACE + "certifications");
    if (certifications != null) {
      List<Certification> certs = new ArrayList<>();
      for (JsonNode c : ilmd.remove(certifications)) {
        certs.add(
            new Certification(
                c.get("uri").asText(),
                c.has("issuer") ? c.get("issuer").asText() : null,
                c.has("validFrom") ? LocalDate.parse(c.get("validFrom").asText()) : null,
                c.has("validUntil") ? LocalDate.parse(c.get("validUntil").asText()) : null));
      }
      m = m.withCertifications(certs);
    }
    m = m.withExtensions(extensions(ilmd, "ilmd"));
    if (ilmd.isEmpty()) {
      rest.remove("ilmd");
    }
    return m;
  }

  /**
   * Takes out of {@code from} every extension field (a key that expands to an IRI with a namespace
   * and a local name) whose value is text, as a model extension; structured values stay behind.
   */
  private List<Extension> extensions(ObjectNode from, String where) {
    List<Extension> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    from.fieldNames().forEachRemaining(names::add);
    for (String key : names) {
      JsonNode v = from.get(key);
      if (!v.isTextual() || key.startsWith("@") || !key.contains(":")) {
        continue;
      }
      String iri = context.expand(key);
      // The namespace is the prefix's IRI as declared (the CBV 2.0 hash keeps namespace and local
      // name
      // apart); only a key written as a full IRI is split at its last '/', '#' (or ':' in a URN).
      String prefix = key.substring(0, key.indexOf(':'));
      String namespace = context.expand(prefix + ":");
      int cut;
      if (!iri.equals(key) && !namespace.equals(prefix + ":")) {
        cut = namespace.length();
      } else {
        cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        cut = (iri.startsWith("urn:") ? Math.max(cut, iri.lastIndexOf(':')) : cut) + 1;
      }
      if (cut <= 0
          || cut == iri.length()
          || iri.startsWith(Vocabulary.NAMESPACE)
          || !iri.contains("://") && !iri.startsWith("urn:")) {
        continue;
      }
      field = where + "." + key;
      out.add(new Extension(iri.substring(0, cut), iri.substring(cut), v.textValue()));
      from.remove(key);
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Whether a term the model keeps as written (bizStep, disposition, types) uses a prefix {@code
   * custom} declares.
   */
  private static boolean usesPrefix(Event event, JsonNode custom) {
    List<String> terms = new ArrayList<>();
    EventContext c = event.context();
    terms.add(c.bizStep());
    terms.add(c.disposition());
    c.bizTransactions().forEach(t -> terms.add(t.type()));
    c.sources().forEach(p -> terms.add(p.type()));
    c.destinations().forEach(p -> terms.add(p.type()));
    c.sensorReadings().forEach(r -> terms.add(r.type()));
    for (JsonNode definitions : custom) {
      for (var it = definitions.fieldNames(); it.hasNext(); ) {
        String prefix = it.next() + ":";
        if (terms.stream().anyMatch(t -> t != null && t.startsWith(prefix))) {
          return true;
        }
      }
    }
    return false;
  }

  private JsonNode take(String name) throws EpcisFormatException {
    field = name;
    JsonNode v = rest.remove(name);
    if (v == null || v.isNull()) {
      throw new EpcisFormatException(index, name, "missing");
    }
    return v;
  }

  /**
   * The key under which {@code node} holds the field whose IRI is {@code iri}, whatever its prefix.
   */
  private String keyOf(ObjectNode node, String iri) {
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.contains(":") && context.expand(key).equals(iri)) {
        return key;
      }
    }
    return null;
  }

  /**
   * Takes the text of field {@code iri} out of {@code node}; with {@code onlyIfValid}, a value the
   * model would refuse (a country that is not ISO 3166-1 alpha-2, a date that is not ISO 8601)
   * stays behind.
   */
  private String textOf(ObjectNode node, String iri, boolean onlyIfValid) {
    String key = keyOf(node, iri);
    if (key == null || !node.get(key).isTextual()) {
      return null;
    }
    String v = node.get(key).textValue();
    if (onlyIfValid
        && !(iri.endsWith("countryOfOrigin")
            ? v.matches("[A-Z]{2}")
            : v.matches("\\d{4}-\\d{2}-\\d{2}"))) {
      return null; // not a value the model holds (a GDST code, a date-time): kept as an extension
      // field
    }
    field = "ilmd." + key;
    node.remove(key);
    return v;
  }

  /**
   * Takes lotledger's own field {@code ll:name} (whatever its prefix) out of the event, or null.
   */
  private JsonNode takeOwn(String name) {
    String key = keyOf(rest, Vocabulary.NAMESPACE + name);
    if (key == null) {
      return null;
    }
    field = key;
    return rest.remove(key);
  }

  private BigDecimal decimal(JsonNode n) {
    if (n == null || !(n.isNumber() || n.isTextual())) {
      throw new IllegalArgumentException("must be a number");
    }
    return n.isNumber() ? n.decimalValue() : new BigDecimal(n.textValue());
  }

  private String normalise(String where, String uri) throws EpcisFormatException {
    try {
      return HashIdentifiers.canonicalize(uri);
    } catch (IllegalArgumentException e) {
      throw new EpcisFormatException(index, where, e.getMessage(), e);
    }
  }
}
