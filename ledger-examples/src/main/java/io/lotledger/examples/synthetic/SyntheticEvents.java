package io.lotledger.examples.synthetic;

import io.lotledger.entry.EntryHash;
import io.lotledger.event.Action;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.examples.Company;
import io.lotledger.examples.Recorder;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The shapes of the events of a {@link SyntheticChain}: one factory per kind, each the size and
 * structure of what a real materials ledger stores (EPCIS 2.0 events, CBV 2.0 bare words). The
 * chain's producers fill them with drawn values; the benchmarks that sign, append or verify one
 * typical entry fill them with fixed ones.
 *
 * <p>Stateless; the factories only build events, they append nothing.
 */
public final class SyntheticEvents {
  private SyntheticEvents() {}

  /**
   * ObjectEvent ADD, bizStep commissioning, at {@code by}'s site: an origin lot with its master
   * data.
   */
  public static ObjectEvent commission(
      Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time) {
    return ObjectEvent.add(
        List.of(lot), ilmd, time, Recorder.context(by, "commissioning", "active"));
  }

  /**
   * TransactionEvent ADD, bizStep shipping / disposition in_transit, read at {@code sender}'s site:
   * the lots leave the sender for the owning party {@code buyer} (in transit to it if it is an
   * actor of the ledger, out of the ledger otherwise) under the sender's despatch advice
   * DESADV-{@code document} and the buyer's order PO-{@code document}.
   */
  public static TransactionEvent ship(
      Company sender, Company buyer, List<LotQuantity> lots, long document, OffsetDateTime time) {
    return new TransactionEvent(
        Action.ADD,
        lots,
        time,
        EventContext.of("shipping", "in_transit")
            .withReadPoint(sender.site())
            .withSources(List.of(sender.as("owning_party")))
            .withDestinations(List.of(buyer.as("owning_party")))
            .withBizTransactions(
                List.of(
                    sender.document("desadv", "DESADV-" + document),
                    buyer.document("po", "PO-" + document))));
  }

  /**
   * ObjectEvent OBSERVE, bizStep receiving / disposition in_progress, at {@code buyer}'s site:
   * takes delivery of what the shipping entry {@code shipment} carried under despatch advice
   * DESADV-{@code document}, naming that entry (RFC 6920 ni URI) as the custody rule requires, with
   * the buyer's receiving advice RECADV-{@code receivingAdvice}.
   */
  public static ObjectEvent receive(
      Company sender,
      Company buyer,
      List<LotQuantity> lots,
      EntryHash shipment,
      long document,
      long receivingAdvice,
      OffsetDateTime time) {
    return ObjectEvent.observe(
        lots,
        time,
        Recorder.context(buyer, "receiving", "in_progress")
            .withBizTransactions(
                List.of(
                    sender.document("desadv", "DESADV-" + document),
                    buyer.document("recadv", "RECADV-" + receivingAdvice)))
            .withShipment(shipment.toNi()));
  }

  /**
   * TransformationEvent, bizStep {@code bizStep}, read at {@code by}'s site with the furnace
   * temperature {@code celsius}: the inputs' quantities become the output, whose master data is
   * {@code ilmd}; {@code stepEmissions} is what the step emitted (kg CO2e).
   */
  public static TransformationEvent transform(
      Company by,
      String bizStep,
      List<LotQuantity> inputs,
      LotQuantity output,
      String eventId,
      LotMasterData ilmd,
      BigDecimal stepEmissions,
      String celsius,
      OffsetDateTime time) {
    return new TransformationEvent(
        inputs,
        List.of(output),
        eventId,
        ilmd,
        stepEmissions,
        time,
        EventContext.of(bizStep, "active")
            .withReadPoint(by.site())
            .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", celsius, "CEL"))));
  }

  /**
   * ObjectEvent OBSERVE without quantities, read at {@code readPoint} with {@code readings}: an
   * inspection (bizStep inspecting, conformant), a transport report (transporting, in_transit) or a
   * storage check; it changes no custody.
   */
  public static ObjectEvent observe(
      List<LotQuantity> lots,
      String bizStep,
      String disposition,
      String readPoint,
      List<SensorReading> readings,
      OffsetDateTime time) {
    return ObjectEvent.observe(
        lots,
        time,
        EventContext.of(bizStep, disposition)
            .withReadPoint(readPoint)
            .withSensorReadings(readings));
  }
}
