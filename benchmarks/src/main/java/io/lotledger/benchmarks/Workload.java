package io.lotledger.benchmarks;

import io.lotledger.entry.ActorSigner;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.entry.EntryHash;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The realistic events and fixed keys the benchmarks sign, append and verify: a cobalt supply chain
 * like the one in the tests, so that entry sizes match what a real ledger stores. Deterministic.
 */
final class Workload {
  static final String ORIGIN = "bench.lotledger.io/ledger";
  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(2));

  /** Master data of a commissioned ore lot: origin, cobalt assay, one certification. */
  static final LotMasterData ORE_MASTER_DATA =
      LotMasterData.NONE
          .withOrigin("CD", "urn:epc:id:sgln:4012345.00001.0")
          .withElements(List.of(ElementShare.of("Co", "0.12", null, null), ElementShare.of("Cu", "0.031", null, null)))
          .withCertifications(
              List.of(new Certification("https://cert.example/rmi/cobalt/4711", "RMI", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1))));

  private Workload() {}

  /** A signer whose key comes from a seed filled with {@code seedByte}. */
  static ActorSigner signer(String actor, int seedByte) {
    byte[] seed = new byte[Ed25519Signer.SEED_LENGTH];
    Arrays.fill(seed, (byte) seedByte);
    try {
      return new ActorSigner(new ActorId(actor), Ed25519Signer.fromSeed(seed));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("a 32-byte seed is always a valid key", e);
    }
  }

  /** The fixed 300-byte message the raw Ed25519 baselines sign and verify (about an entry's size). */
  static byte[] rawMessage() {
    byte[] message = new byte[300];
    byte[] pattern = "lotledger benchmark message ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < message.length; i++) {
      message[i] = pattern[i % pattern.length];
    }
    return message;
  }

  /** Commissioning (ObjectEvent ADD) of ore lot number {@code n}: one lot, quantity, ILMD, context. */
  static ObjectEvent commission(long n) {
    return ObjectEvent.add(
        List.of(LotQuantity.of("urn:epc:class:lgtin:4012345.012345.ORE-" + n, "1000", "KGM")),
        ORE_MASTER_DATA,
        T0.plusSeconds(n % 1_000_000),
        EventContext.of("commissioning", "active").withReadPoint("urn:epc:id:sgln:4012345.00001.0"));
  }

  /**
   * Shipping (TransactionEvent ADD, CBV bizStep shipping) of {@code lots} by their holder to {@code
   * buyer} (the destination owning party: an actor of the ledger, which must then receive them, or
   * any other party, to which they leave the ledger), under a despatch advice and the buyer's order.
   */
  static TransactionEvent ship(List<LotQuantity> lots, ActorId buyer, long document, OffsetDateTime time) {
    return new TransactionEvent(Action.ADD, lots, time,
        EventContext.of("shipping", "in_transit")
            .withReadPoint("urn:epc:id:sgln:4012345.00001.0")
            .withDestinations(List.of(new Party("owning_party", buyer.uri())))
            .withBizTransactions(List.of(
                new BizTransaction("desadv", "urn:epcglobal:cbv:bt:4012345000009:DA-" + document),
                new BizTransaction("po", "urn:epcglobal:cbv:bt:4098765000002:PO-" + document))));
  }

  /**
   * The buyer's receipt (ObjectEvent OBSERVE, CBV bizStep receiving) of what the shipping entry
   * {@code shipment} carried: it names that entry (RFC 6920 ni URI), as the rules require.
   */
  static ObjectEvent receive(List<LotQuantity> lots, EntryHash shipment, long document, OffsetDateTime time) {
    return ObjectEvent.observe(lots, time,
        EventContext.of("receiving", "in_progress")
            .withReadPoint("urn:epc:id:sgln:4098765.00001.0")
            .withBizTransactions(List.of(new BizTransaction("desadv", "urn:epcglobal:cbv:bt:4012345000009:DA-" + document)))
            .withShipment(shipment.toNi()));
  }

  /**
   * A smelting step (TransformationEvent): two ore lots in, one cobalt sulphate lot out, with ILMD,
   * bizStep, read point and a sensor reading: the typical mid-chain entry a verifier checks.
   */
  static TransformationEvent smelt() {
    LotMasterData sulphate =
        LotMasterData.NONE
            .withOrigin("FI", "urn:epc:id:sgln:4098765.00001.0")
            .withElements(List.of(ElementShare.of("Co", "0.205", "0.1", "0.05")))
            .withCarbonFootprint(new BigDecimal("12.75"));
    return new TransformationEvent(
        List.of(
            LotQuantity.of("urn:epc:class:lgtin:4012345.012345.ORE-A", "1000", "KGM"),
            LotQuantity.of("urn:epc:class:lgtin:4012345.012345.ORE-B", "2.5", "TNE")),
        List.of(LotQuantity.of("urn:epc:class:lgtin:4098765.054321.CoSO4-1", "1480", "KGM")),
        "urn:uuid:6a1f3e0c-0d2b-4f7a-9c51-1e1d2a7b9f00",
        sulphate,
        new BigDecimal("840.5"),
        T0.plusDays(3),
        EventContext.of("transforming", "active")
            .withReadPoint("urn:epc:id:sgln:4098765.00001.0")
            .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", "612.5", "CEL"))));
  }
}
