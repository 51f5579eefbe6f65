package io.lotledger.report;

import io.lotledger.epcis.EpcisEvents;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.AssociationEvent;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * An event in the words the provenance report and {@code ledger trace} show it in: its EPCIS 2.0
 * type, its action, and every lot it names with that lot's role. Reads the event only; stateless
 * and safe from any thread.
 */
public final class EventDescription {
  /**
   * What an event did to one lot: its role in the event ({@code lot} for an object or transaction
   * event, {@code input} or {@code output} of a transformation, {@code parent}, {@code child} or
   * {@code associated} of an aggregation or association) and the quantity the event states for it.
   *
   * @param lot the lot
   * @param role its role in the event: {@code lot}, {@code input}, {@code output}, {@code parent},
   *     {@code child} or {@code associated}
   * @param quantity the lot with the quantity the event states for it
   */
  public record Role(LotId lot, String role, LotQuantity quantity) {}

  private EventDescription() {}

  /**
   * The EPCIS 2.0 event type, in the words of the standard's {@code type} field; else the class's
   * simple name.
   */
  public static String type(Event event) {
    String type = EpcisEvents.type(event);
    return type != null ? type : event.getClass().getSimpleName();
  }

  /**
   * The event's EPCIS action ({@code ADD}, {@code OBSERVE}, {@code DELETE}), or null for an event
   * without one.
   */
  public static String action(Event event) {
    if (event instanceof ObjectEvent o) {
      return o.action().name();
    } else if (event instanceof AggregationEvent a) {
      return a.action().name();
    } else if (event instanceof AssociationEvent a) {
      return a.action().name();
    } else if (event instanceof TransactionEvent t) {
      return t.action().name();
    }
    return null; // transformations have no action in EPCIS 2.0
  }

  /** Every lot the event names, with its role, in the event's order. */
  public static List<Role> roles(Event event) {
    List<Role> roles = new ArrayList<>();
    if (event instanceof ObjectEvent o) {
      o.quantities().forEach(q -> roles.add(new Role(q.lot(), "lot", q)));
    } else if (event instanceof TransactionEvent t) {
      t.quantities().forEach(q -> roles.add(new Role(q.lot(), "lot", q)));
    } else if (event instanceof TransformationEvent t) {
      t.inputs().forEach(q -> roles.add(new Role(q.lot(), "input", q)));
      t.outputs().forEach(q -> roles.add(new Role(q.lot(), "output", q)));
    } else if (event instanceof AggregationEvent a) {
      roles.add(new Role(a.parent(), "parent", LotQuantity.of(a.parent())));
      a.children().forEach(q -> roles.add(new Role(q.lot(), "child", q)));
    } else if (event instanceof AssociationEvent a) {
      roles.add(new Role(a.parent(), "parent", LotQuantity.of(a.parent())));
      a.children().forEach(q -> roles.add(new Role(q.lot(), "associated", q)));
    } else if (event instanceof RegistryEvent) {
      // registry events touch no lots
    }
    return roles;
  }
}
