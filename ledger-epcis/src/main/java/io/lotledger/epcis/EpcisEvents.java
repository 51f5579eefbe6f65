package io.lotledger.epcis;

import io.lotledger.event.AggregationEvent;
import io.lotledger.event.AssociationEvent;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;

/** Small facts about model events that the EPCIS mapping needs in both directions. */
public final class EpcisEvents {
  /**
   * The unit of an EPCIS quantity given without {@code uom}: a count of instances (EPCIS 2.0
   * QuantityElement), UN/CEFACT Rec 20 C62 ("one"). Export writes C62 quantities without {@code
   * uom}, unless the imported event stated it ({@link Residual#statedCount()}).
   */
  static final String COUNT = "C62";

  private EpcisEvents() {}

  /** {@code event} with {@code context} in place of its own. */
  static Event withContext(Event event, EventContext context) {
    if (event instanceof ObjectEvent e) {
      return new ObjectEvent(e.action(), e.quantities(), e.ilmd(), e.time(), context);
    } else if (event instanceof TransformationEvent e) {
      return new TransformationEvent(
          e.inputs(),
          e.outputs(),
          e.transformationId(),
          e.ilmd(),
          e.stepEmissions(),
          e.time(),
          context);
    } else if (event instanceof AggregationEvent e) {
      return new AggregationEvent(e.action(), e.parent(), e.children(), e.time(), context);
    } else if (event instanceof AssociationEvent e) {
      return new AssociationEvent(e.action(), e.parent(), e.children(), e.time(), context);
    } else if (event instanceof TransactionEvent e) {
      return new TransactionEvent(e.action(), e.quantities(), e.time(), context);
    }
    throw new IllegalArgumentException(
        "registry events have no EPCIS form: "
            + ((RegistryEvent) event).getClass().getSimpleName());
  }

  /** The EPCIS 2.0 {@code type} of {@code event}, or null for ledger-native registry events. */
  public static String type(Event event) {
    if (event instanceof ObjectEvent) {
      return "ObjectEvent";
    } else if (event instanceof TransformationEvent) {
      return "TransformationEvent";
    } else if (event instanceof AggregationEvent) {
      return "AggregationEvent";
    } else if (event instanceof AssociationEvent) {
      return "AssociationEvent";
    } else if (event instanceof TransactionEvent) {
      return "TransactionEvent";
    }
    return null;
  }
}
