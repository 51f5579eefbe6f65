package io.lotledger.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.lotledger.entry.proto.Envelope;
import io.lotledger.event.Action;
import io.lotledger.event.AggregationEvent;
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
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.testing.TestChain;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EntryCodecTest {
  private static final ActorSigner MINE = TestChain.signer("urn:lotledger:actor:mine", 2);
  private static final OffsetDateTime T =
      OffsetDateTime.of(2026, 5, 4, 13, 7, 9, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30));
  private static final EntryHash PREV = EntryHash.ofEntry(new byte[] {1, 2, 3});

  static Stream<Event> everyEventKind() {
    LotMasterData ilmd =
        LotMasterData.NONE
            .withOrigin("NO", "urn:epc:id:sgln:7071234.00001.0")
            .withSpecies("Salmo salar")
            .withBestBefore(LocalDate.of(2026, 6, 1))
            .withElements(
                List.of(
                    ElementShare.of("Co", "0.205", "0.1", "0.05"),
                    ElementShare.of("Ni", "0.3", null, null)))
            .withCarbonFootprint(new BigDecimal("12.75"))
            .withCertifications(
                List.of(
                    new Certification(
                        "https://cert.example/rmi/123",
                        "RMI",
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2027, 1, 1))))
            .withExtensions(List.of(new Extension("https://ns.example/x", "grade", "A")));
    EventContext ctx =
        EventContext.of("shipping", "in_transit")
            .withReadPoint("urn:epc:id:sgln:7071234.00001.0")
            .withBizLocation("urn:epc:id:sgln:7071234.00002.0")
            .withSources(List.of(new Party("owning_party", "urn:epc:id:pgln:7071234.00000")))
            .withDestinations(List.of(new Party("owning_party", "urn:epc:id:pgln:4012345.00000")))
            .withBizTransactions(
                List.of(new BizTransaction("po", "urn:epcglobal:cbv:bt:4012345000009:PO-77")))
            .withSensorReadings(
                List.of(
                    new SensorReading(
                        "gs1:Temperature",
                        new BigDecimal("-18.5"),
                        "CEL",
                        T,
                        "urn:epc:id:giai:4012345.T1")))
            .withExtensions(
                List.of(new Extension("https://ns.example/x", "note", "fragile \u00e9")));
    List<LotQuantity> lots =
        List.of(
            LotQuantity.of("urn:epc:class:lgtin:4012345.012345.A", "12.5", "KGM"),
            new LotQuantity(new LotId("https://id.gs1.org/01/04012345123456/10/B7"), null));
    return Stream.of(
        ObjectEvent.add(lots, ilmd, T, ctx),
        ObjectEvent.observe(lots, T, ctx),
        ObjectEvent.delete(lots, T, EventContext.EMPTY),
        new TransformationEvent(
            lots,
            List.of(LotQuantity.of("urn:epc:class:lgtin:4012345.012345.C", "3", "TNE")),
            "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            ilmd,
            new BigDecimal("40.2"),
            T,
            ctx),
        new AggregationEvent(
            Action.ADD, new LotId("urn:epc:id:sscc:4012345.0000000001"), lots, T, ctx),
        new TransactionEvent(Action.ADD, lots, T, ctx),
        ObjectEvent.observe(
            lots, T, ctx.withEventId("ni:///sha-256;5a3b1c9d?ver=CBV2.0").asImported()),
        new RegistryEvent.ActorRegistered(MINE.actor(), "Mine", MINE.publicKey(), T),
        new RegistryEvent.KeyAdded(MINE.actor(), MINE.publicKey(), T),
        new RegistryEvent.KeyRevoked(MINE.actor(), MINE.publicKey(), T));
  }

  @ParameterizedTest
  @MethodSource("everyEventKind")
  void decode_roundTripsEveryEventKindExactly(Event event) throws Exception {
    EntryBody body =
        EntryBody.of(
            "o",
            MINE.actor(),
            MINE.publicKey(),
            event,
            lot -> lot.uri().endsWith("A") ? PREV : null);
    SignedEntry signed = EntryCodec.sign(body, MINE.signer());

    SignedEntry decoded = EntryCodec.decode(signed.encoded());

    assertThat(decoded.body()).isEqualTo(body);
    assertThat(decoded.hash()).isEqualTo(signed.hash());
    assertThat(decoded.signatureValid()).isTrue();
    assertThat(EntryCodec.encodeBody(decoded.body())).isEqualTo(EntryCodec.encodeBody(body));
  }

  @Test
  void sign_isDeterministicSoOneEventHasOneByteString() {
    Event e = everyEventKind().findFirst().orElseThrow();
    EntryBody body = EntryBody.of("o", MINE.actor(), MINE.publicKey(), e, lot -> null);
    assertThat(EntryCodec.sign(body, MINE.signer()).encoded())
        .isEqualTo(EntryCodec.sign(body, MINE.signer()).encoded());
  }

  @Test
  void signatureValid_isFalseWhenSignatureCoversOtherBytes() throws Exception {
    Event e = everyEventKind().findFirst().orElseThrow();
    SignedEntry a =
        EntryCodec.sign(
            EntryBody.of("o", MINE.actor(), MINE.publicKey(), e, lot -> null), MINE.signer());
    SignedEntry b =
        EntryCodec.sign(
            EntryBody.of("other", MINE.actor(), MINE.publicKey(), e, lot -> null), MINE.signer());
    Envelope env = Envelope.parseFrom(a.encoded());
    byte[] swapped =
        Envelope.newBuilder()
            .setBody(env.getBody())
            .setSignature(ByteString.copyFrom(b.signature()))
            .build()
            .toByteArray();

    assertThat(EntryCodec.decode(swapped).signatureValid()).isFalse();
  }

  // ------------------------------------------------------------------ canonical form

  private static io.lotledger.entry.proto.EntryBody validBodyProto() throws Exception {
    Event e =
        ObjectEvent.add(
            List.of(LotQuantity.of("urn:x:lot", "1.5", "KGM")),
            null,
            T,
            EventContext.of("commissioning", null));
    byte[] bytes =
        EntryCodec.encodeBody(EntryBody.of("o", MINE.actor(), MINE.publicKey(), e, lot -> null));
    return io.lotledger.entry.proto.EntryBody.parseFrom(bytes);
  }

  /** Signs arbitrary body bytes properly, so that only the format can be at fault. */
  private static byte[] signedEnvelope(byte[] body) {
    byte[] sig = MINE.signer().sign(EntryCodec.signingInput(body));
    return Envelope.newBuilder()
        .setBody(ByteString.copyFrom(body))
        .setSignature(ByteString.copyFrom(sig))
        .build()
        .toByteArray();
  }

  @Test
  void decode_acceptsTheValidBaseline() throws Exception {
    assertThat(EntryCodec.decode(signedEnvelope(validBodyProto().toByteArray())).signatureValid())
        .isTrue();
  }

  @Test
  void decode_rejectsUnknownFieldEvenAtTheEnd() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(validBodyProto().toByteArray());
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeUInt64(99, 1);
    cos.flush();

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(out.toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("entry body is not in canonical encoding");
  }

  @Test
  void decode_rejectsUnknownFieldNestedInTheEvent() throws Exception {
    var body = validBodyProto();
    var event =
        body.getEvent().toBuilder()
            .setUnknownFields(
                com.google.protobuf.UnknownFieldSet.newBuilder()
                    .addField(
                        77,
                        com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(5).build())
                    .build())
            .build();
    byte[] bytes = body.toBuilder().setEvent(event).build().toByteArray();

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(bytes)))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("entry body is not in canonical encoding");
  }

  @Test
  void decode_rejectsFieldsOutOfNumberOrder() throws Exception {
    var body = validBodyProto();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeString(2, body.getActor()); // actor before origin: same message, different bytes
    cos.writeString(1, body.getOrigin());
    cos.writeBytes(3, body.getKey());
    for (var l : body.getLinksList()) {
      cos.writeMessage(4, l);
    }
    cos.writeMessage(5, body.getEvent());
    cos.flush();

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(out.toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("not in canonical encoding");
  }

  @Test
  void decode_rejectsARepeatedSingularField() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.writeString(1, "o");
    cos.flush();
    out.write(
        validBodyProto().toByteArray()); // origin appears twice; the last one wins when parsing

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(out.toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("not in canonical encoding");
  }

  @Test
  void decode_rejectsNonCanonicalDecimal() throws Exception {
    var body = validBodyProto();
    var lots = body.getEvent().getObject().getLots(0).toBuilder();
    lots.getQuantityBuilder().setAmount("1.50");
    var event =
        body.getEvent().toBuilder()
            .setObject(body.getEvent().getObject().toBuilder().setLots(0, lots))
            .build();
    byte[] bytes = body.toBuilder().setEvent(event).build().toByteArray();

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(bytes)))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("body.event.object")
        .hasMessageContaining("'1.50' is not canonical; expected '1.5'");
  }

  @Test
  void decode_rejectsExponentDecimal() throws Exception {
    var body = validBodyProto();
    var lots = body.getEvent().getObject().getLots(0).toBuilder();
    lots.getQuantityBuilder().setAmount("15E-1");
    var event =
        body.getEvent().toBuilder()
            .setObject(body.getEvent().getObject().toBuilder().setLots(0, lots))
            .build();

    assertThatThrownBy(
            () ->
                EntryCodec.decode(
                    signedEnvelope(body.toBuilder().setEvent(event).build().toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("not canonical");
  }

  @Test
  void decode_rejectsLinksThatDoNotMatchTheEventsLots() throws Exception {
    var body =
        validBodyProto().toBuilder()
            .setLinks(0, io.lotledger.entry.proto.Link.newBuilder().setLot("urn:x:other"))
            .build();

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(body.toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("links must name exactly the event's lots");
  }

  @Test
  void decode_rejectsALinkHashOfWrongLength() throws Exception {
    var body =
        validBodyProto().toBuilder()
            .setLinks(
                0,
                io.lotledger.entry.proto.Link.newBuilder()
                    .setLot("urn:x:lot")
                    .setPrev(ByteString.copyFrom(new byte[31])))
            .build();

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(body.toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("body.links[0]")
        .hasMessageContaining("32 bytes, not 31");
  }

  @Test
  void decode_rejectsSignatureOfWrongLength() throws Exception {
    byte[] env =
        Envelope.newBuilder()
            .setBody(validBodyProto().toByteString())
            .setSignature(ByteString.copyFrom(new byte[63]))
            .build()
            .toByteArray();

    assertThatThrownBy(() -> EntryCodec.decode(env))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("signature must be 64 bytes, not 63");
  }

  @Test
  void decode_rejectsSmallOrderKeyInBody() throws Exception {
    byte[] identity = new byte[32];
    identity[0] = 1; // the neutral element (0, 1): order 1
    var body = validBodyProto().toBuilder().setKey(ByteString.copyFrom(identity)).build();

    assertThatThrownBy(() -> EntryCodec.decode(signedEnvelope(body.toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("body.key")
        .hasMessageContaining("full prime order");
  }

  @Test
  void decode_rejectsOversizedInputBeforeParsing() {
    byte[] huge = new byte[EntryCodec.MAX_ENTRY_BYTES + 1];

    assertThatThrownBy(() -> EntryCodec.decode(huge))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("over the limit of " + EntryCodec.MAX_ENTRY_BYTES);
  }

  @Test
  void decode_rejectsGarbageWithATypedError() {
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("entry envelope is not valid protobuf");
  }

  @Test
  void decode_rejectsEventWithoutKind() throws Exception {
    var body = validBodyProto();
    var event = body.getEvent().toBuilder().clearObject().build();

    assertThatThrownBy(
            () ->
                EntryCodec.decode(
                    signedEnvelope(body.toBuilder().setEvent(event).build().toByteArray())))
        .isInstanceOf(EntryFormatException.class);
  }

  @Test
  void decode_rejectsNonCanonicalDate() throws Exception {
    var body = validBodyProto();
    var obj =
        body.getEvent().getObject().toBuilder()
            .setIlmd(io.lotledger.entry.proto.LotMasterData.newBuilder().setBestBefore("2026-6-1"))
            .build();

    assertThatThrownBy(
            () ->
                EntryCodec.decode(
                    signedEnvelope(
                        body.toBuilder()
                            .setEvent(body.getEvent().toBuilder().setObject(obj))
                            .build()
                            .toByteArray())))
        .isInstanceOf(EntryFormatException.class)
        .hasMessageContaining("body.event.object");
  }
}
