package io.lotledger.benchmarks;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.EntryHash;
import io.lotledger.event.ActorId;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.examples.Company;
import io.lotledger.examples.synthetic.SyntheticChain;
import io.lotledger.examples.synthetic.SyntheticEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The events and fixed keys the benchmarks sign, append and verify one at a time: entries of the
 * synthetic supply chain ({@link SyntheticEvents}, the shapes {@code ledger bench} and the fixture
 * ledgers are made of) with fixed values, so that entry sizes match what a real ledger stores.
 * Deterministic.
 */
final class Workload {
  static final String ORIGIN = SyntheticChain.ORIGIN;
  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(2));

  /** Master data of a commissioned ore lot: origin, cobalt assay, one certification. */
  static final LotMasterData ORE_MASTER_DATA =
      LotMasterData.NONE
          .withOrigin("CD", SyntheticChain.MINE.site())
          .withElements(
              List.of(
                  ElementShare.of("Co", "0.12", null, null),
                  ElementShare.of("Cu", "0.031", null, null)))
          .withCertifications(
              List.of(
                  new Certification(
                      "https://cert.example/rmi/cobalt/4711",
                      "RMI",
                      LocalDate.of(2026, 1, 1),
                      LocalDate.of(2027, 1, 1))));

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

  /**
   * The fixed 300-byte message the raw Ed25519 baselines sign and verify (about an entry's size).
   */
  static byte[] rawMessage() {
    byte[] message = new byte[300];
    byte[] pattern = "lotledger benchmark message ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < message.length; i++) {
      message[i] = pattern[i % pattern.length];
    }
    return message;
  }

  /**
   * The mine's commissioning (ObjectEvent ADD) of 1000 kg ore lot number {@code n}, with master
   * data.
   */
  static ObjectEvent commission(long n) {
    return SyntheticEvents.commission(
        SyntheticChain.MINE,
        LotQuantity.of("urn:epc:class:lgtin:6150009.000100.ORE-" + n, "1000", "KGM"),
        ORE_MASTER_DATA,
        T0.plusSeconds(n % 1_000_000));
  }

  /**
   * The mine's shipping (TransactionEvent ADD) of {@code lots} to {@code buyer} (an actor of the
   * ledger, which must then receive them, or any other party, to which they leave the ledger),
   * under despatch advice and order number {@code document}.
   */
  static TransactionEvent ship(
      List<LotQuantity> lots, Company buyer, long document, OffsetDateTime time) {
    return SyntheticEvents.ship(SyntheticChain.MINE, buyer, lots, document, time);
  }

  /**
   * The refinery's receipt (ObjectEvent OBSERVE) of what the mine's shipping entry {@code shipment}
   * carried: it names that entry (RFC 6920 ni URI), as the rules require.
   */
  static ObjectEvent receive(
      List<LotQuantity> lots, EntryHash shipment, long document, OffsetDateTime time) {
    return SyntheticEvents.receive(
        SyntheticChain.MINE, SyntheticChain.REFINERY, lots, shipment, document, document, time);
  }

  /**
   * A refining step (TransformationEvent): two ore lots in, one cobalt sulphate lot out, with ILMD,
   * bizStep, read point and a sensor reading: the typical mid-chain entry a verifier checks.
   */
  static TransformationEvent smelt() {
    LotMasterData sulphate =
        LotMasterData.NONE
            .withOrigin("FI", SyntheticChain.REFINERY.site())
            .withElements(List.of(ElementShare.of("Co", "0.205", "0.1", "0.05")))
            .withCarbonFootprint(new BigDecimal("12.75"));
    return SyntheticEvents.transform(
        SyntheticChain.REFINERY,
        "transforming",
        List.of(
            LotQuantity.of("urn:epc:class:lgtin:6150009.000100.ORE-A", "1000", "KGM"),
            LotQuantity.of("urn:epc:class:lgtin:6150009.000100.ORE-B", "2.5", "TNE")),
        LotQuantity.of("urn:epc:class:lgtin:6400009.000200.CoSO4-1", "1480", "KGM"),
        "urn:uuid:6a1f3e0c-0d2b-4f7a-9c51-1e1d2a7b9f00",
        sulphate,
        new BigDecimal("840.5"),
        "612.5",
        T0.plusDays(3));
  }
}
