package io.lotledger.examples.metals;

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
 * The EPCIS 2.0 events the companies of the copper chain record, appended to one ledger and signed by
 * the company that records them. Business steps, dispositions and source/destination types are CBV
 * 2.0 bare words (the EPCIS 2.0 JSON-LD form).
 *
 * <p>Custody follows the goods, not the title (the CBV 2.0 source/destination types {@code possessing_party}
 * and {@code owning_party}): a shipping event moves a lot into transit to the destination's possessing party, or
 * its owning party when none is named, and the receiver's receiving event must reference that shipping
 * entry ({@code io.lotledger.rules.CustodyRules}). {@link #ship} remembers each shipping entry under the
 * shipper's despatch advice and {@link #receive} looks it up, as a goods-in clerk matches a delivery to
 * its despatch advice. A transaction with any other business step ({@link #transact}: a warrant issued,
 * a sale) changes no custody.
 *
 * <p>Not thread-safe: one recorder records one chain, in order.
 */
final class Recorder {
  private final Ledger ledger;
  /** Shipping entries by the shipper's despatch advice id (urn:epcglobal:cbv:bt:{GLN}:{number}). */
  private final Map<String, Entry> shipments = new HashMap<>();

  Recorder(Ledger ledger) {
    this.ledger = ledger;
  }

  /** ObjectEvent ADD, bizStep commissioning: a lot enters the ledger with its master data (EPCIS ILMD). */
  void commission(Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time) throws LedgerException {
    ledger.append(ObjectEvent.add(List.of(lot), ilmd, time, at(by, "commissioning", "active")), by.signer());
  }

  /**
   * ObjectEvent ADD of a lot the signer already holds, without a quantity, bizStep inspecting /
   * disposition conformant: after sampling and assaying goods received from outside the ledger, the
   * holder attaches their master data. It adds no material; because nothing on this ledger produced
   * the lot, the claims roll-up takes these master data as the lot's declared origin data.
   */
  void declareMasterData(Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time) throws LedgerException {
    if (lot.quantity() != null) {
      throw new IllegalArgumentException("a re-declaration adds no material, so it states no quantity, not " + lot);
    }
    ledger.append(ObjectEvent.add(List.of(lot), ilmd, time, at(by, "inspecting", "conformant")), by.signer());
  }

  /**
   * TransformationEvent: the inputs' consumed quantities become the outputs, which become children of
   * every input. The outputs' master data declares their assay, recycled shares and carbon footprint
   * (kg CO2e per kg); {@code stepEmissions} is what this step itself emitted, in kg CO2e.
   */
  void transform(Company by, String bizStep, List<LotQuantity> inputs, List<LotQuantity> outputs, LotMasterData ilmd,
      String stepEmissions, OffsetDateTime time) throws LedgerException {
    ledger.append(new TransformationEvent(inputs, outputs, null, ilmd, new BigDecimal(stepEmissions), time,
        at(by, bizStep, "active")), by.signer());
  }

  /**
   * TransactionEvent ADD, bizStep shipping / disposition in_transit: the lots leave {@code from}'s
   * custody under the business documents {@code documents}, one of which must be {@code from}'s
   * despatch advice (CBV type desadv). Returns the shipping entry.
   */
  Entry ship(Company from, List<LotQuantity> lots, List<Party> sources, List<Party> destinations,
      List<BizTransaction> documents, OffsetDateTime time) throws LedgerException {
    BizTransaction advice = documents.stream().filter(d -> d.type().equals("desadv")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("a shipment needs the shipper's despatch advice, not only " + documents));
    Entry shipped = ledger.append(new TransactionEvent(Action.ADD, lots, time,
        EventContext.of("shipping", "in_transit")
            .withReadPoint(from.site())
            .withSources(sources)
            .withDestinations(destinations)
            .withBizTransactions(documents)), from.signer());
    shipments.put(advice.id(), shipped);
    return shipped;
  }

  /**
   * ObjectEvent OBSERVE, bizStep receiving / disposition in_progress, signed by the receiver: takes
   * delivery of what was shipped under despatch advice {@code desadv}, referencing that shipping entry
   * by its hash (RFC 6920 {@code ni:} URI, {@link EventContext#withShipment}).
   */
  void receive(Company at, Party shipper, List<LotQuantity> lots, BizTransaction desadv, OffsetDateTime time)
      throws LedgerException {
    Entry shipment = shipments.get(desadv.id());
    if (shipment == null) {
      throw new IllegalStateException(at.name() + " receives under despatch advice " + desadv.id() + ", which was never shipped");
    }
    ledger.append(ObjectEvent.observe(lots, time, receiving(at, shipper, desadv).withShipment(shipment.hash().toNi())),
        at.signer());
  }

  /**
   * The same receiving event without a shipment reference: goods from a supplier that does not record
   * on this ledger enter it here (the quantity is required: it opens the receiver's holding).
   */
  void receiveFromOutside(Company at, Party supplier, List<LotQuantity> lots, BizTransaction desadv, OffsetDateTime time)
      throws LedgerException {
    ledger.append(ObjectEvent.observe(lots, time, receiving(at, supplier, desadv)), at.signer());
  }

  /**
   * TransactionEvent ({@code action} ADD ties the lots to {@code documents}, DELETE releases them, as
   * the EPCIS 2.0 TransactionEvent defines) with a business step other than shipping or receiving: title, warrants and
   * invoices change hands while custody stays where it is.
   */
  void transact(Company by, Action action, List<LotQuantity> lots, String bizStep, String disposition, List<Party> sources,
      List<Party> destinations, List<BizTransaction> documents, OffsetDateTime time) throws LedgerException {
    ledger.append(new TransactionEvent(action, lots, time,
        at(by, bizStep, disposition).withSources(sources).withDestinations(destinations).withBizTransactions(documents)),
        by.signer());
  }

  private static EventContext at(Company by, String bizStep, String disposition) {
    return EventContext.of(bizStep, disposition).withReadPoint(by.site()).withBizLocation(by.site());
  }

  private static EventContext receiving(Company at, Party shipper, BizTransaction desadv) {
    return at(at, "receiving", "in_progress")
        .withSources(List.of(shipper))
        .withDestinations(List.of(at.as("possessing_party"), at.location()))
        .withBizTransactions(List.of(desadv));
  }
}
