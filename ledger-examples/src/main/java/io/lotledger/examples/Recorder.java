package io.lotledger.examples;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.EventContext;
import io.lotledger.event.Extension;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The EPCIS 2.0 events the companies of an example chain record, appended to one ledger and signed
 * by the company that records them. Business steps, dispositions and source/destination types are
 * CBV 2.0 bare words (the EPCIS 2.0 JSON-LD form); an event a company performs at its own site
 * names that site as read point and business location.
 *
 * <p>A receiver must name the shipping entry whose goods it takes (the ledger's custody rule,
 * {@code io.lotledger.rules.CustodyRules}); in practice it matches the delivery to the shipper's
 * despatch advice. So does this recorder: {@link #ship} remembers each shipping entry under the
 * shipper's despatch advice (CBV type desadv), and a receipt under that advice looks it up and
 * references it ({@link EventContext#withShipment}, the entry hash as an RFC 6920 {@code ni:} URI).
 *
 * <p>Not thread-safe: one recorder records one chain, in order.
 */
public final class Recorder {
  /** The EPCIS event type a chain records its shipments with; both move custody the same way. */
  public enum Shipping {
    /**
     * TransactionEvent ADD: the lots are tied to the business documents of the sale, read at the
     * shipper's dock (read point only: the goods are leaving the business location).
     */
    TRANSACTION_EVENT,
    /** ObjectEvent OBSERVE at the shipper's site, as the GDST 1.x shipping event records it. */
    OBJECT_EVENT
  }

  private final Ledger ledger;
  private final Shipping shipping;

  /** Shipping entries by the shipper's despatch advice id (urn:epcglobal:cbv:bt:{GLN}:{number}). */
  private final Map<String, Entry> shipments = new HashMap<>();

  /** A recorder appending to {@code ledger} that records shipments as {@code shipping} events. */
  public Recorder(Ledger ledger, Shipping shipping) {
    this.ledger = ledger;
    this.shipping = shipping;
  }

  /** The ledger this recorder appends to. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * The context of an event {@code by} performs at its own site: read point and business location.
   */
  public static EventContext context(Company by, String bizStep, String disposition) {
    return EventContext.of(bizStep, disposition)
        .withReadPoint(by.site())
        .withBizLocation(by.site());
  }

  /**
   * ObjectEvent ADD, bizStep commissioning: a lot enters the ledger with its master data (EPCIS
   * ILMD).
   */
  public void commission(Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time)
      throws LedgerException {
    commission(by, List.of(lot), ilmd, time);
  }

  /**
   * ObjectEvent ADD, bizStep commissioning: lots enter the ledger with the master data they share.
   */
  public void commission(
      Company by, List<LotQuantity> lots, LotMasterData ilmd, OffsetDateTime time)
      throws LedgerException {
    ledger.append(
        ObjectEvent.add(lots, ilmd, time, context(by, "commissioning", "active")), by.signer());
  }

  /**
   * ObjectEvent ADD, bizStep collecting: discarded goods gathered for recycling enter the ledger
   * with their master data.
   */
  public void collect(Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time)
      throws LedgerException {
    ledger.append(
        ObjectEvent.add(List.of(lot), ilmd, time, context(by, "collecting", "active")),
        by.signer());
  }

  /**
   * ObjectEvent ADD of a lot the signer already holds, without a quantity, bizStep inspecting /
   * disposition conformant: after sampling and assaying the goods, the holder attaches their master
   * data (an assay, recycled shares). It adds no material; for a lot nothing on this ledger
   * produced, the claims roll-up takes these master data as the lot's declared origin data.
   */
  public void declareMasterData(
      Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time) throws LedgerException {
    if (lot.quantity() != null) {
      throw new IllegalArgumentException(
          "a re-declaration adds no material, so it states no quantity, not " + lot);
    }
    ledger.append(
        ObjectEvent.add(List.of(lot), ilmd, time, context(by, "inspecting", "conformant")),
        by.signer());
  }

  /**
   * TransformationEvent: the inputs' consumed quantities become the outputs, which become children
   * of every input. The outputs' master data declares what they are made of and their carbon
   * footprint (kg CO2e per kg); {@code stepEmissions} is what this step itself emitted, in kg CO2e.
   */
  public void transform(
      Company by,
      String bizStep,
      List<LotQuantity> inputs,
      List<LotQuantity> outputs,
      LotMasterData ilmd,
      String stepEmissions,
      OffsetDateTime time)
      throws LedgerException {
    ledger.append(
        new TransformationEvent(
            inputs,
            outputs,
            null,
            ilmd,
            new BigDecimal(stepEmissions),
            time,
            context(by, bizStep, "active")),
        by.signer());
  }

  /**
   * ObjectEvent OBSERVE, bizStep inspecting / disposition conformant: a quality check that changes
   * no custody.
   */
  public void inspect(Company by, List<LotQuantity> lots, OffsetDateTime time)
      throws LedgerException {
    observe(by, lots, "inspecting", "conformant", List.of(), time);
  }

  /**
   * ObjectEvent OBSERVE at {@code by}'s site that changes no custody: grading, repairing, a lice
   * count.
   */
  public void observe(
      Company by,
      List<LotQuantity> lots,
      String bizStep,
      String disposition,
      List<Extension> extensions,
      OffsetDateTime time)
      throws LedgerException {
    ledger.append(
        ObjectEvent.observe(
            lots, time, context(by, bizStep, disposition).withExtensions(extensions)),
        by.signer());
  }

  /**
   * Shipping, disposition in_transit, from one company of the ledger to another: the lots are tied
   * to the buyer's purchase order {@code po} (CBV type po) and the seller's despatch advice {@code
   * desadv}; they leave the seller's custody and are in transit to the buyer until it receives
   * them.
   */
  public Entry ship(
      Company from,
      Company to,
      List<LotQuantity> lots,
      String po,
      String desadv,
      List<SensorReading> readings,
      OffsetDateTime time)
      throws LedgerException {
    return ship(
        from,
        to.party(),
        to.site(),
        lots,
        List.of(to.document("po", po), from.document("desadv", desadv)),
        readings,
        time);
  }

  /**
   * Shipping from {@code from}'s owning party and site to the owning party {@code toParty} at site
   * {@code toSite}: in transit to it if it is an actor of the ledger, out of the ledger otherwise.
   */
  public Entry ship(
      Company from,
      String toParty,
      String toSite,
      List<LotQuantity> lots,
      List<BizTransaction> documents,
      List<SensorReading> readings,
      OffsetDateTime time)
      throws LedgerException {
    return ship(
        from,
        lots,
        List.of(from.as("owning_party"), from.location()),
        List.of(new Party("owning_party", toParty), new Party("location", toSite)),
        documents,
        readings,
        time);
  }

  /**
   * Shipping, bizStep shipping / disposition in_transit, as this recorder's {@link Shipping} event:
   * the lots leave {@code from}'s custody for the destinations (custody follows the possessing
   * party, else the owning party) under the business documents {@code documents}. Returns the
   * shipping entry, remembered under the despatch advice among {@code documents}, if any.
   */
  public Entry ship(
      Company from,
      List<LotQuantity> lots,
      List<Party> sources,
      List<Party> destinations,
      List<BizTransaction> documents,
      List<SensorReading> readings,
      OffsetDateTime time)
      throws LedgerException {
    EventContext context =
        switch (shipping) {
          case TRANSACTION_EVENT ->
              EventContext.of("shipping", "in_transit").withReadPoint(from.site());
          case OBJECT_EVENT -> context(from, "shipping", "in_transit");
        };
    context =
        context
            .withSources(sources)
            .withDestinations(destinations)
            .withBizTransactions(documents)
            .withSensorReadings(readings);
    Entry shipped =
        ledger.append(
            shipping == Shipping.TRANSACTION_EVENT
                ? new TransactionEvent(Action.ADD, lots, time, context)
                : ObjectEvent.observe(lots, time, context),
            from.signer());
    documents.stream()
        .filter(d -> d.type().equals("desadv"))
        .forEach(advice -> shipments.put(advice.id(), shipped));
    return shipped;
  }

  /** The shipping entry recorded under despatch advice {@code desadv}. */
  public Entry shipment(BizTransaction desadv) {
    Entry shipment = shipments.get(desadv.id());
    if (shipment == null) {
      throw new IllegalStateException(
          "no shipment under despatch advice " + desadv.id() + " was recorded");
    }
    return shipment;
  }

  /**
   * Receiving, signed by {@code at}: takes delivery of what {@code from} shipped to it under its
   * despatch advice {@code desadv}, referencing that shipping entry.
   */
  public void receive(
      Company at,
      Company from,
      List<LotQuantity> lots,
      String desadv,
      List<SensorReading> readings,
      OffsetDateTime time)
      throws LedgerException {
    BizTransaction advice = from.document("desadv", desadv);
    receive(at, from, shipment(advice), lots, List.of(advice), readings, time);
  }

  /** Receiving, signed by {@code at}, of what {@code from} shipped to it in {@code shipment}. */
  public void receive(
      Company at,
      Company from,
      Entry shipment,
      List<LotQuantity> lots,
      List<BizTransaction> documents,
      List<SensorReading> readings,
      OffsetDateTime time)
      throws LedgerException {
    receive(
        at,
        shipment,
        lots,
        List.of(from.as("owning_party")),
        List.of(at.as("owning_party")),
        documents,
        readings,
        time);
  }

  /**
   * ObjectEvent OBSERVE, bizStep receiving / disposition in_progress, signed by the receiver {@code
   * at}: takes delivery of what was shipped in {@code shipment}, referencing that entry by its
   * hash. A null {@code shipment} records goods from a supplier that does not record on this
   * ledger, which enter it here (the quantity is required: it opens the receiver's holding).
   */
  public void receive(
      Company at,
      Entry shipment,
      List<LotQuantity> lots,
      List<Party> sources,
      List<Party> destinations,
      List<BizTransaction> documents,
      List<SensorReading> readings,
      OffsetDateTime time)
      throws LedgerException {
    EventContext context =
        context(at, "receiving", "in_progress")
            .withSources(sources)
            .withDestinations(destinations)
            .withBizTransactions(documents)
            .withSensorReadings(readings);
    ledger.append(
        ObjectEvent.observe(
            lots, time, shipment == null ? context : context.withShipment(shipment.hash().toNi())),
        at.signer());
  }

  /**
   * TransactionEvent ({@code action} ADD ties the lots to {@code documents}, DELETE releases them,
   * as the EPCIS 2.0 TransactionEvent defines) with a business step other than shipping or
   * receiving: title, warrants and invoices change hands while custody stays where it is.
   */
  public void transact(
      Company by,
      Action action,
      List<LotQuantity> lots,
      String bizStep,
      String disposition,
      List<Party> sources,
      List<Party> destinations,
      List<BizTransaction> documents,
      OffsetDateTime time)
      throws LedgerException {
    ledger.append(
        new TransactionEvent(
            action,
            lots,
            time,
            context(by, bizStep, disposition)
                .withSources(sources)
                .withDestinations(destinations)
                .withBizTransactions(documents)),
        by.signer());
  }
}
