package io.lotledger.testing;

import io.lotledger.Ledger;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.ElementShare;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A small, deterministic multi-actor chain for tests: a root registers a mine and a refinery; the
 * mine commissions two ore lots and ships both to the refinery, which receives them (referencing
 * the shipment) and smelts them into cobalt sulphate. Keys come from fixed seeds so entries are
 * reproducible.
 */
public final class TestChain {
  public static final String ORIGIN = "test.lotledger.io/ledger";
  public static final LotId ORE_A = new LotId("urn:epc:class:lgtin:4012345.012345.ORE-A");
  public static final LotId ORE_B = new LotId("urn:epc:class:lgtin:4012345.012345.ORE-B");
  public static final LotId SULPHATE = new LotId("urn:epc:class:lgtin:4098765.054321.CoSO4-1");

  /** The EPCIS eventID that ORE_B's commissioning (entry 4) carries. */
  public static final String ORE_B_EVENT_ID = "urn:uuid:6e1f7c3a-2b4d-4c8e-9f10-5a6b7c8d9e0f";

  public static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(2));

  public final ActorSigner root = signer("urn:lotledger:actor:root", 1);
  public final ActorSigner mine = signer("urn:lotledger:actor:mine", 2);
  public final ActorSigner refinery = signer("urn:lotledger:actor:refinery", 3);

  /** A signer whose key is derived from a fixed seed byte. */
  public static ActorSigner signer(String actor, int seed) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) seed);
    try {
      return new ActorSigner(new ActorId(actor), Ed25519Signer.fromSeed(s));
    } catch (InvalidKeyException e) {
      throw new AssertionError(e);
    }
  }

  /** A new in-memory ledger holding only the genesis entry. */
  public Ledger emptyLedger() throws LedgerException {
    return Ledger.inMemory().create(ORIGIN, root, "Test root");
  }

  /** Registers the mine and the refinery (entries 1, 2). */
  public void registerActors(Ledger ledger) throws LedgerException {
    ledger.append(
        new RegistryEvent.ActorRegistered(mine.actor(), "Test mine", mine.publicKey(), T0), root);
    ledger.append(
        new RegistryEvent.ActorRegistered(
            refinery.actor(), "Test refinery", refinery.publicKey(), T0),
        root);
  }

  /** Appends the whole chain (entries 1..7) to a ledger that holds only its genesis. */
  public void populate(Ledger ledger) throws LedgerException {
    registerActors(ledger);
    LotMasterData ore =
        LotMasterData.NONE
            .withOrigin("CD", "urn:epc:id:sgln:4012345.00001.0")
            .withElements(List.of(ElementShare.of("Co", "0.12", null, null)));
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(ORE_A.uri(), "1000", "KGM")),
            ore,
            T0.plusHours(1),
            EventContext.of("commissioning", "active")),
        mine);
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(ORE_B.uri(), "2.5", "TNE")),
            ore,
            T0.plusHours(2),
            EventContext.of("commissioning", "active").withEventId(ORE_B_EVENT_ID)),
        mine);
    var shipment =
        ledger.append(
            new TransactionEvent(
                Action.ADD,
                List.of(
                    LotQuantity.of(ORE_A.uri(), "1000", "KGM"),
                    LotQuantity.of(ORE_B.uri(), "2.5", "TNE")),
                T0.plusDays(1),
                EventContext.of("shipping", "in_transit")
                    .withBizTransactions(
                        List.of(
                            new BizTransaction(
                                "desadv", "urn:epcglobal:cbv:bt:4012345000009:DA-1")))
                    .withDestinations(List.of(new Party("owning_party", refinery.actor().uri())))
                    .withSensorReadings(
                        List.of(SensorReading.of("gs1:Temperature", "21.5", "CEL")))),
            mine);
    ledger.append(
        ObjectEvent.observe(
            List.of(
                LotQuantity.of(ORE_A.uri(), "1000", "KGM"),
                LotQuantity.of(ORE_B.uri(), "2500", "KGM")),
            T0.plusDays(2),
            EventContext.of("receiving", "in_progress").withShipment(shipment.hash().toNi())),
        refinery);
    ledger.append(
        TransformationEvent.of(
            List.of(
                LotQuantity.of(ORE_A.uri(), "1000", "KGM"),
                LotQuantity.of(ORE_B.uri(), "2.5", "TNE")),
            List.of(LotQuantity.of(SULPHATE.uri(), "600", "KGM")),
            LotMasterData.NONE.withElements(List.of(ElementShare.of("Co", "0.2", null, null))),
            T0.plusDays(5),
            EventContext.of("commissioning", "active")),
        refinery);
  }

  /** A populated in-memory ledger of 8 entries. */
  public Ledger populatedLedger() throws LedgerException {
    Ledger ledger = emptyLedger();
    populate(ledger);
    return ledger;
  }
}
