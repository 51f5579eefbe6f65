package io.lotledger.entry;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.crypto.Signer;
import io.lotledger.entry.proto.Envelope;
import io.lotledger.entry.proto.LotQuantity.Builder;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.AssociationEvent;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.Decimals;
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
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical codec between entries and bytes (wire format {@code lotledger/v1/entry.proto}).
 *
 * <p>One event has exactly one byte string: {@link #decode} accepts bytes only when they equal the
 * deterministic protobuf re-encoding of what they parse to (no unknown fields, no explicit
 * defaults, minimal varints, fields in number order) and every model rule holds (sorted unique
 * links, canonical decimals and dates). Hashes and signatures are always computed over the received
 * bytes, never over a re-encoding; the re-encoding exists only to reject non-canonical input.
 *
 * <p>Stateless and thread-safe.
 */
public final class EntryCodec {
  /** Domain-separation prefix of every entry signature: signed message = prefix || body bytes. */
  public static final byte[] ENTRY_SIGNATURE_PREFIX =
      "lotledger/entry/v1\0".getBytes(StandardCharsets.US_ASCII);

  /** Largest entry accepted, checked before parsing. */
  public static final int MAX_ENTRY_BYTES = 1 << 20;

  private EntryCodec() {}

  /** Encodes {@code body}, signs it with {@code signer} and returns the resulting entry. */
  public static SignedEntry sign(EntryBody body, Signer signer) {
    if (!signer.publicKey().equals(body.key())) {
      throw new IllegalArgumentException(
          "body names key "
              + body.key().toHex()
              + " but the signer holds "
              + signer.publicKey().toHex());
    }
    byte[] bodyBytes = serialize(toProto(body));
    byte[] signature = signer.sign(signingInput(bodyBytes));
    byte[] encoded =
        serialize(
            Envelope.newBuilder()
                .setBody(ByteString.copyFrom(bodyBytes))
                .setSignature(ByteString.copyFrom(signature))
                .build());
    return new SignedEntry(encoded, EntryHash.ofEntry(encoded), bodyBytes, signature, body);
  }

  /** Combines externally produced body bytes and signature into an entry (decoded and checked). */
  public static SignedEntry assemble(byte[] bodyBytes, byte[] signature)
      throws EntryFormatException {
    byte[] encoded =
        serialize(
            Envelope.newBuilder()
                .setBody(ByteString.copyFrom(bodyBytes))
                .setSignature(ByteString.copyFrom(signature))
                .build());
    return decode(encoded);
  }

  /** The canonical bytes of {@code body}: what a signer signs (after the prefix). */
  public static byte[] encodeBody(EntryBody body) {
    return serialize(toProto(body));
  }

  /** {@link #ENTRY_SIGNATURE_PREFIX} || {@code bodyBytes}. */
  public static byte[] signingInput(byte[] bodyBytes) {
    byte[] input =
        Arrays.copyOf(ENTRY_SIGNATURE_PREFIX, ENTRY_SIGNATURE_PREFIX.length + bodyBytes.length);
    System.arraycopy(bodyBytes, 0, input, ENTRY_SIGNATURE_PREFIX.length, bodyBytes.length);
    return input;
  }

  /**
   * Decodes an entry's exact bytes, enforcing canonical form and every model rule. Does not verify
   * the signature (see {@link SignedEntry#signatureValid()}).
   *
   * @throws EntryFormatException naming the field that is malformed or non-canonical
   */
  public static SignedEntry decode(byte[] encoded) throws EntryFormatException {
    if (encoded.length > MAX_ENTRY_BYTES) {
      throw new EntryFormatException(
          "entry is " + encoded.length + " bytes, over the limit of " + MAX_ENTRY_BYTES);
    }
    Envelope envelope = parseCanonical("entry envelope", ENVELOPE, encoded);
    byte[] bodyBytes = envelope.getBody().toByteArray();
    byte[] signature = envelope.getSignature().toByteArray();
    if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
      throw new EntryFormatException(
          "signature must be "
              + Ed25519PublicKey.SIGNATURE_LENGTH
              + " bytes, not "
              + signature.length);
    }
    io.lotledger.entry.proto.EntryBody proto = parseCanonical("entry body", BODY, bodyBytes);
    EntryBody body = fromProto(proto);
    return new SignedEntry(encoded, EntryHash.ofEntry(encoded), bodyBytes, signature, body);
  }

  // Unknown fields are dropped while parsing, so that any the input carried make the deterministic
  // re-encoding differ from the input: one byte comparison then rejects unknown fields, duplicated
  // or
  // reordered fields, explicit defaults and non-minimal varints alike.
  private static final Parser<Envelope> ENVELOPE =
      DiscardUnknownFieldsParser.wrap(Envelope.parser());
  private static final Parser<io.lotledger.entry.proto.EntryBody> BODY =
      DiscardUnknownFieldsParser.wrap(io.lotledger.entry.proto.EntryBody.parser());

  private static <T extends Message> T parseCanonical(String what, Parser<T> parser, byte[] bytes)
      throws EntryFormatException {
    T message;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setRecursionLimit(16);
      message = parser.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new EntryFormatException(what + " is not valid protobuf: " + e.getMessage(), e);
    }
    if (message.getSerializedSize() != bytes.length || !Arrays.equals(serialize(message), bytes)) {
      throw new EntryFormatException(
          what
              + " is not in canonical encoding (its deterministic re-encoding differs:"
              + " unknown, repeated or reordered fields, explicit defaults or non-minimal varints)");
    }
    return message;
  }

  private static byte[] serialize(MessageLite message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.useDeterministicSerialization();
    try {
      message.writeTo(cos);
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("serializing into an exact-size array cannot fail", e);
    }
    return out;
  }

  // ---------------------------------------------------------------- model -> proto

  private static io.lotledger.entry.proto.EntryBody toProto(EntryBody body) {
    var b =
        io.lotledger.entry.proto.EntryBody.newBuilder()
            .setOrigin(body.origin())
            .setActor(body.actor().uri())
            .setKey(ByteString.copyFrom(body.key().toBytes()))
            .setEvent(toProto(body.event()));
    for (Link link : body.links()) {
      var l = io.lotledger.entry.proto.Link.newBuilder().setLot(link.lot().uri());
      if (link.prev() != null) {
        l.setPrev(ByteString.copyFrom(link.prev().toBytes()));
      }
      b.addLinks(l);
    }
    return b.build();
  }

  private static io.lotledger.entry.proto.Event toProto(Event event) {
    var b = io.lotledger.entry.proto.Event.newBuilder().setTime(toProto(event.time()));
    EventContext c = event.context();
    if (c.bizStep() != null) b.setBizStep(c.bizStep());
    if (c.disposition() != null) b.setDisposition(c.disposition());
    if (c.readPoint() != null) b.setReadPoint(c.readPoint());
    if (c.bizLocation() != null) b.setBizLocation(c.bizLocation());
    for (Party p : c.sources())
      b.addSources(io.lotledger.entry.proto.Party.newBuilder().setType(p.type()).setId(p.id()));
    for (Party p : c.destinations())
      b.addDestinations(
          io.lotledger.entry.proto.Party.newBuilder().setType(p.type()).setId(p.id()));
    for (BizTransaction t : c.bizTransactions()) {
      var bt = io.lotledger.entry.proto.BizTransaction.newBuilder().setId(t.id());
      if (t.type() != null) bt.setType(t.type());
      b.addBizTransactions(bt);
    }
    for (SensorReading r : c.sensorReadings()) {
      var s =
          io.lotledger.entry.proto.SensorReading.newBuilder()
              .setType(r.type())
              .setValue(Decimals.format(r.value()))
              .setUnit(r.unit());
      if (r.time() != null) s.setTime(toProto(r.time()));
      if (r.device() != null) s.setDevice(r.device());
      b.addSensorReadings(s);
    }
    c.extensions().forEach(x -> b.addExtensions(toProto(x)));
    if (c.shipment() != null) b.setShipment(c.shipment());
    if (c.eventId() != null) b.setEventId(c.eventId());
    if (c.imported()) b.setImported(true);

    if (event instanceof ObjectEvent e) {
      var o = io.lotledger.entry.proto.ObjectEvent.newBuilder().setAction(toProto(e.action()));
      e.quantities().forEach(q -> o.addLots(toProto(q)));
      if (!e.ilmd().isEmpty()) o.setIlmd(toProto(e.ilmd()));
      b.setObject(o);
    } else if (event instanceof TransformationEvent e) {
      var t = io.lotledger.entry.proto.TransformationEvent.newBuilder();
      e.inputs().forEach(q -> t.addInputs(toProto(q)));
      e.outputs().forEach(q -> t.addOutputs(toProto(q)));
      if (e.transformationId() != null) t.setTransformationId(e.transformationId());
      if (!e.ilmd().isEmpty()) t.setIlmd(toProto(e.ilmd()));
      if (e.stepEmissions() != null) t.setStepEmissions(Decimals.format(e.stepEmissions()));
      b.setTransformation(t);
    } else if (event instanceof AggregationEvent e) {
      var a =
          io.lotledger.entry.proto.AggregationEvent.newBuilder()
              .setAction(toProto(e.action()))
              .setParent(e.parent().uri());
      e.children().forEach(q -> a.addChildren(toProto(q)));
      b.setAggregation(a);
    } else if (event instanceof AssociationEvent e) {
      var a =
          io.lotledger.entry.proto.AssociationEvent.newBuilder()
              .setAction(toProto(e.action()))
              .setParent(e.parent().uri());
      e.children().forEach(q -> a.addChildren(toProto(q)));
      b.setAssociation(a);
    } else if (event instanceof TransactionEvent e) {
      var t = io.lotledger.entry.proto.TransactionEvent.newBuilder().setAction(toProto(e.action()));
      e.quantities().forEach(q -> t.addLots(toProto(q)));
      b.setTransaction(t);
    } else if (event instanceof RegistryEvent e) {
      var r = io.lotledger.entry.proto.RegistryEvent.newBuilder();
      ByteString key = ByteString.copyFrom(e.key().toBytes());
      if (e instanceof RegistryEvent.ActorRegistered a) {
        var ar =
            io.lotledger.entry.proto.ActorRegistered.newBuilder()
                .setActor(a.actor().uri())
                .setKey(key);
        if (a.name() != null) ar.setName(a.name());
        r.setActorRegistered(ar);
      } else if (e instanceof RegistryEvent.KeyAdded k) {
        r.setKeyAdded(
            io.lotledger.entry.proto.KeyAdded.newBuilder().setActor(k.actor().uri()).setKey(key));
      } else if (e instanceof RegistryEvent.KeyRevoked k) {
        r.setKeyRevoked(
            io.lotledger.entry.proto.KeyRevoked.newBuilder().setActor(k.actor().uri()).setKey(key));
      }
      b.setRegistry(r);
    }
    return b.build();
  }

  private static io.lotledger.entry.proto.EventTime toProto(OffsetDateTime t) {
    Instant i = t.toInstant();
    var b =
        io.lotledger.entry.proto.EventTime.newBuilder()
            .setEpochSecond(i.getEpochSecond())
            .setNano(i.getNano());
    b.setOffsetSeconds(t.getOffset().getTotalSeconds());
    return b.build();
  }

  private static io.lotledger.entry.proto.Action toProto(Action a) {
    return switch (a) {
      case ADD -> io.lotledger.entry.proto.Action.ADD;
      case OBSERVE -> io.lotledger.entry.proto.Action.OBSERVE;
      case DELETE -> io.lotledger.entry.proto.Action.DELETE;
    };
  }

  private static io.lotledger.entry.proto.LotQuantity toProto(LotQuantity q) {
    Builder b = io.lotledger.entry.proto.LotQuantity.newBuilder().setLot(q.lot().uri());
    if (q.quantity() != null) {
      b.setQuantity(
          io.lotledger.entry.proto.Quantity.newBuilder()
              .setAmount(Decimals.format(q.quantity().amount()))
              .setUnit(q.quantity().unit()));
    }
    return b.build();
  }

  private static io.lotledger.entry.proto.Extension toProto(Extension x) {
    return io.lotledger.entry.proto.Extension.newBuilder()
        .setNamespace(x.namespace())
        .setName(x.name())
        .setValue(x.value())
        .build();
  }

  private static io.lotledger.entry.proto.LotMasterData toProto(LotMasterData m) {
    var b = io.lotledger.entry.proto.LotMasterData.newBuilder();
    if (m.originCountry() != null) b.setOriginCountry(m.originCountry());
    if (m.originSite() != null) b.setOriginSite(m.originSite());
    if (m.species() != null) b.setSpecies(m.species());
    if (m.bestBefore() != null) b.setBestBefore(m.bestBefore().toString());
    for (ElementShare e : m.elements()) {
      var s =
          io.lotledger.entry.proto.ElementShare.newBuilder()
              .setElement(e.element())
              .setMassFraction(Decimals.format(e.massFraction()));
      if (e.recycledPreConsumer() != null)
        s.setRecycledPreConsumer(Decimals.format(e.recycledPreConsumer()));
      if (e.recycledPostConsumer() != null)
        s.setRecycledPostConsumer(Decimals.format(e.recycledPostConsumer()));
      b.addElements(s);
    }
    if (m.carbonFootprint() != null) b.setCarbonFootprint(Decimals.format(m.carbonFootprint()));
    for (Certification c : m.certifications()) {
      var s = io.lotledger.entry.proto.Certification.newBuilder().setUri(c.uri());
      if (c.issuer() != null) s.setIssuer(c.issuer());
      if (c.validFrom() != null) s.setValidFrom(c.validFrom().toString());
      if (c.validUntil() != null) s.setValidUntil(c.validUntil().toString());
      b.addCertifications(s);
    }
    m.extensions().forEach(x -> b.addExtensions(toProto(x)));
    return b.build();
  }

  // ---------------------------------------------------------------- proto -> model

  /** Tracks which field is being read so that an error names it. */
  private static final class Field {
    String path = "body";
  }

  private static EntryBody fromProto(io.lotledger.entry.proto.EntryBody p)
      throws EntryFormatException {
    Field f = new Field();
    try {
      f.path = "body.key";
      Ed25519PublicKey key;
      try {
        key = Ed25519PublicKey.parse(p.getKey().toByteArray());
      } catch (InvalidKeyException e) {
        throw new IllegalArgumentException(e.getMessage());
      }
      f.path = "body.actor";
      ActorId actor = new ActorId(p.getActor());
      f.path = "body.event";
      Event event = fromProto(p.getEvent(), f);
      List<Link> links = new ArrayList<>(p.getLinksCount());
      for (int i = 0; i < p.getLinksCount(); i++) {
        f.path = "body.links[" + i + "]";
        var l = p.getLinks(i);
        EntryHash prev = l.getPrev().isEmpty() ? null : EntryHash.of(l.getPrev().toByteArray());
        links.add(new Link(new LotId(l.getLot()), prev));
      }
      f.path = "body";
      return new EntryBody(p.getOrigin(), actor, key, links, event);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new EntryFormatException(f.path + ": " + e.getMessage(), e);
    }
  }

  private static Event fromProto(io.lotledger.entry.proto.Event p, Field f) {
    if (!p.hasTime()) {
      throw new IllegalArgumentException("event time is missing");
    }
    OffsetDateTime time = fromProto(p.getTime());
    List<Party> sources = new ArrayList<>();
    p.getSourcesList().forEach(x -> sources.add(new Party(x.getType(), x.getId())));
    List<Party> destinations = new ArrayList<>();
    p.getDestinationsList().forEach(x -> destinations.add(new Party(x.getType(), x.getId())));
    List<BizTransaction> txs = new ArrayList<>();
    p.getBizTransactionsList()
        .forEach(x -> txs.add(new BizTransaction(opt(x.getType()), x.getId())));
    List<SensorReading> readings = new ArrayList<>();
    for (var r : p.getSensorReadingsList()) {
      readings.add(
          new SensorReading(
              r.getType(),
              decimal("sensor reading value", r.getValue()),
              r.getUnit(),
              r.hasTime() ? fromProto(r.getTime()) : null,
              opt(r.getDevice())));
    }
    EventContext context =
        new EventContext(
            opt(p.getBizStep()),
            opt(p.getDisposition()),
            opt(p.getReadPoint()),
            opt(p.getBizLocation()),
            sources,
            destinations,
            txs,
            readings,
            extensions(p.getExtensionsList()),
            opt(p.getShipment()),
            opt(p.getEventId()),
            p.getImported());

    switch (p.getKindCase()) {
      case OBJECT -> {
        f.path = "body.event.object";
        var o = p.getObject();
        return new ObjectEvent(
            fromProto(o.getAction()),
            lots(o.getLotsList()),
            o.hasIlmd() ? fromProto(o.getIlmd()) : null,
            time,
            context);
      }
      case TRANSFORMATION -> {
        f.path = "body.event.transformation";
        var t = p.getTransformation();
        return new TransformationEvent(
            lots(t.getInputsList()),
            lots(t.getOutputsList()),
            opt(t.getTransformationId()),
            t.hasIlmd() ? fromProto(t.getIlmd()) : null,
            t.getStepEmissions().isEmpty() ? null : decimal("step emissions", t.getStepEmissions()),
            time,
            context);
      }
      case AGGREGATION -> {
        f.path = "body.event.aggregation";
        var a = p.getAggregation();
        return new AggregationEvent(
            fromProto(a.getAction()),
            new LotId(a.getParent()),
            lots(a.getChildrenList()),
            time,
            context);
      }
      case ASSOCIATION -> {
        f.path = "body.event.association";
        var a = p.getAssociation();
        return new AssociationEvent(
            fromProto(a.getAction()),
            new LotId(a.getParent()),
            lots(a.getChildrenList()),
            time,
            context);
      }
      case TRANSACTION -> {
        f.path = "body.event.transaction";
        var t = p.getTransaction();
        return new TransactionEvent(fromProto(t.getAction()), lots(t.getLotsList()), time, context);
      }
      case REGISTRY -> {
        f.path = "body.event.registry";
        if (!context.equals(EventContext.EMPTY)) {
          throw new IllegalArgumentException("registry events carry no business context");
        }
        var r = p.getRegistry();
        return switch (r.getChangeCase()) {
          case ACTOR_REGISTERED -> {
            var a = r.getActorRegistered();
            yield new RegistryEvent.ActorRegistered(
                new ActorId(a.getActor()), opt(a.getName()), key(a.getKey()), time);
          }
          case KEY_ADDED ->
              new RegistryEvent.KeyAdded(
                  new ActorId(r.getKeyAdded().getActor()), key(r.getKeyAdded().getKey()), time);
          case KEY_REVOKED ->
              new RegistryEvent.KeyRevoked(
                  new ActorId(r.getKeyRevoked().getActor()), key(r.getKeyRevoked().getKey()), time);
          case CHANGE_NOT_SET -> throw new IllegalArgumentException("registry event has no change");
        };
      }
      default -> throw new IllegalArgumentException("event has no kind");
    }
  }

  private static Ed25519PublicKey key(ByteString bytes) {
    try {
      return Ed25519PublicKey.parse(bytes.toByteArray());
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static OffsetDateTime fromProto(io.lotledger.entry.proto.EventTime t) {
    if (t.getNano() < 0 || t.getNano() > 999_999_999) {
      throw new IllegalArgumentException("time nano out of range: " + t.getNano());
    }
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(t.getOffsetSeconds());
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(t.getEpochSecond(), t.getNano()), offset);
  }

  private static Action fromProto(io.lotledger.entry.proto.Action a) {
    return switch (a) {
      case ADD -> Action.ADD;
      case OBSERVE -> Action.OBSERVE;
      case DELETE -> Action.DELETE;
      default ->
          throw new IllegalArgumentException("action must be ADD, OBSERVE or DELETE, not " + a);
    };
  }

  private static List<LotQuantity> lots(List<io.lotledger.entry.proto.LotQuantity> list) {
    if (list.size() > Event.MAX_LOTS) {
      throw new IllegalArgumentException(
          "names " + list.size() + " lots, more than " + Event.MAX_LOTS);
    }
    List<LotQuantity> out = new ArrayList<>(list.size());
    for (var q : list) {
      Quantity quantity = null;
      if (q.hasQuantity()) {
        quantity =
            new Quantity(
                decimal("quantity of " + q.getLot(), q.getQuantity().getAmount()),
                q.getQuantity().getUnit());
      }
      out.add(new LotQuantity(new LotId(q.getLot()), quantity));
    }
    return out;
  }

  private static List<Extension> extensions(List<io.lotledger.entry.proto.Extension> list) {
    List<Extension> out = new ArrayList<>(list.size());
    list.forEach(x -> out.add(new Extension(x.getNamespace(), x.getName(), x.getValue())));
    return out;
  }

  private static LotMasterData fromProto(io.lotledger.entry.proto.LotMasterData m) {
    List<ElementShare> elements = new ArrayList<>();
    for (var e : m.getElementsList()) {
      elements.add(
          new ElementShare(
              e.getElement(),
              decimal(e.getElement() + " mass fraction", e.getMassFraction()),
              e.getRecycledPreConsumer().isEmpty()
                  ? null
                  : decimal("pre-consumer share", e.getRecycledPreConsumer()),
              e.getRecycledPostConsumer().isEmpty()
                  ? null
                  : decimal("post-consumer share", e.getRecycledPostConsumer())));
    }
    List<Certification> certs = new ArrayList<>();
    for (var c : m.getCertificationsList()) {
      certs.add(
          new Certification(
              c.getUri(), opt(c.getIssuer()), date(c.getValidFrom()), date(c.getValidUntil())));
    }
    LotMasterData data =
        new LotMasterData(
            opt(m.getOriginCountry()),
            opt(m.getOriginSite()),
            opt(m.getSpecies()),
            date(m.getBestBefore()),
            elements,
            m.getCarbonFootprint().isEmpty()
                ? null
                : decimal("carbon footprint", m.getCarbonFootprint()),
            certs,
            extensions(m.getExtensionsList()));
    if (data.isEmpty()) {
      throw new IllegalArgumentException("lot master data is present but empty");
    }
    return data;
  }

  private static BigDecimal decimal(String what, String text) {
    return Decimals.parseCanonical(what, text);
  }

  private static LocalDate date(String text) {
    if (text.isEmpty()) {
      return null;
    }
    LocalDate d = LocalDate.parse(text);
    if (!d.toString().equals(text)) {
      throw new IllegalArgumentException("date '" + text + "' is not canonical ISO-8601");
    }
    return d;
  }

  private static String opt(String s) {
    return s.isEmpty() ? null : s;
  }
}
