package io.lotledger.examples.battery;

import io.lotledger.examples.Company;
import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.entry.Entry;
import io.lotledger.event.Action;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The handful of EPCIS 2.0 events every company of the battery chain records, appended to one
 * ledger and signed by the company that records them. Business steps and dispositions are CBV 2.0
 * bare words (the EPCIS 2.0 JSON-LD form).
 *
 * <p>A receiver must name the shipping entry whose goods it takes (the ledger's custody rule, {@code
 * io.lotledger.rules.CustodyRules}): in practice it matches the delivery to the seller's despatch advice.
 * So does this recorder: {@link #ship} remembers each shipping entry under its despatch advice, and
 * {@link #receive} looks it up and references it ({@link EventContext#withShipment}, the entry hash as
 * an RFC 6920 {@code ni:} URI).
 *
 * <p>Not thread-safe: one recorder records one chain, in order.
 */
final class Recorder {
  private final Ledger ledger;
  /** Shipping entries by the seller's despatch advice id (urn:epcglobal:cbv:bt:{GLN}:{number}). */
  private final Map<String, Entry> shipments = new HashMap<>();

  Recorder(Ledger ledger) {
    this.ledger = ledger;
  }

  Ledger ledger() {
    return ledger;
  }

  /** ObjectEvent ADD, bizStep commissioning: a lot enters the ledger with its master data (EPCIS ILMD). */
  void commission(Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time) throws LedgerException {
    add(by, "commissioning", lot, ilmd, time);
  }

  /** ObjectEvent ADD, bizStep collecting: discarded goods gathered for recycling enter the ledger with their master data. */
  void collect(Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time) throws LedgerException {
    add(by, "collecting", lot, ilmd, time);
  }

  private void add(Company by, String bizStep, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time) throws LedgerException {
    ledger.append(ObjectEvent.add(List.of(lot), ilmd, time,
        EventContext.of(bizStep, "active").withReadPoint(by.site()).withBizLocation(by.site())), by.signer());
  }

  /**
   * TransformationEvent: the inputs' consumed quantities become the output lot, which becomes a child
   * of every input. The output's master data declares its composition and carbon footprint (kg CO2e
   * per kg); {@code stepEmissions} is what this step itself emitted, in kg CO2e.
   */
  void transform(Company by, String bizStep, List<LotQuantity> inputs, LotQuantity output, LotMasterData ilmd,
      String stepEmissions, OffsetDateTime time) throws LedgerException {
    ledger.append(new TransformationEvent(inputs, List.of(output), null, ilmd, new BigDecimal(stepEmissions), time,
        EventContext.of(bizStep, "active").withReadPoint(by.site()).withBizLocation(by.site())), by.signer());
  }

  /** ObjectEvent OBSERVE, bizStep inspecting / disposition conformant: a quality check that changes no custody. */
  void inspect(Company by, List<LotQuantity> lots, OffsetDateTime time) throws LedgerException {
    ledger.append(ObjectEvent.observe(lots, time,
        EventContext.of("inspecting", "conformant").withReadPoint(by.site()).withBizLocation(by.site())), by.signer());
  }

  /**
   * TransactionEvent ADD, bizStep shipping / disposition in_transit, from one company of the ledger to
   * another: the lots are tied to the buyer's purchase order (CBV type po) and the seller's despatch
   * advice (desadv); the goods leave the seller's custody and are in transit to the buyer until it
   * receives them. A logger in the container reports the temperature at departure.
   */
  Entry ship(Company from, Company to, List<LotQuantity> lots, String po, String desadv, String celsius, OffsetDateTime time)
      throws LedgerException {
    BizTransaction advice = from.document("desadv", desadv);
    Entry shipped = shipOut(from, new Party("owning_party", to.party()), new Party("location", to.site()), lots,
        to.document("po", po), advice, celsius, time);
    shipments.put(advice.id(), shipped);
    return shipped;
  }

  /**
   * The same shipping event to a party outside the ledger (a destination that is no registered actor):
   * the goods leave the ledger.
   */
  Entry shipOut(Company from, Party buyer, Party buyerSite, List<LotQuantity> lots, BizTransaction po, BizTransaction desadv,
      String celsius, OffsetDateTime time) throws LedgerException {
    return ledger.append(new TransactionEvent(Action.ADD, lots, time,
        EventContext.of("shipping", "in_transit")
            .withReadPoint(from.site())
            .withSources(List.of(new Party("owning_party", from.party()), new Party("location", from.site())))
            .withDestinations(List.of(buyer, buyerSite))
            .withBizTransactions(List.of(po, desadv))
            .withSensorReadings(List.of(from.temperature(celsius, time)))), from.signer());
  }

  /**
   * ObjectEvent OBSERVE, bizStep receiving / disposition in_progress, signed by the receiver: takes
   * delivery of what {@code from} shipped under despatch advice {@code desadv}, referencing that
   * shipping entry.
   */
  void receive(Company at, Company from, List<LotQuantity> lots, String desadv, String celsius, OffsetDateTime time)
      throws LedgerException {
    BizTransaction advice = from.document("desadv", desadv);
    Entry shipment = shipments.get(advice.id());
    if (shipment == null) {
      throw new IllegalStateException(at.name() + " receives under despatch advice " + advice.id() + ", which was never shipped");
    }
    ledger.append(ObjectEvent.observe(lots, time,
        receiving(at, new Party("owning_party", from.party()), advice, celsius, time).withShipment(shipment.hash().toNi())),
        at.signer());
  }

  private static EventContext receiving(Company at, Party supplier, BizTransaction desadv, String celsius, OffsetDateTime time) {
    return EventContext.of("receiving", "in_progress")
        .withReadPoint(at.site())
        .withBizLocation(at.site())
        .withSources(List.of(supplier))
        .withDestinations(List.of(new Party("owning_party", at.party())))
        .withBizTransactions(List.of(desadv))
        .withSensorReadings(List.of(at.temperature(celsius, time)));
  }
}
