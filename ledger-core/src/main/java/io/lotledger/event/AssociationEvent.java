package io.lotledger.event;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * EPCIS 2.0 AssociationEvent (EPCIS 2.0 §7.4.6): ADD associates child objects with a parent asset
 * (a sensor or tracker fitted to a container, a battery module to a vehicle), DELETE dissolves the
 * association, OBSERVE confirms it. Unlike an {@link AggregationEvent} nothing is packed inside
 * anything: the parent is a physical object in its own right, so the event moves no custody and no
 * quantity.
 *
 * @param action ADD associates, DELETE dissolves, OBSERVE confirms
 * @param parent the asset the children are associated with (a sensor, a tracker, a vehicle)
 * @param children the lots associated, with quantities where stated; empty only for a DELETE
 * @param time when the event happened
 * @param context where and why; null becomes {@link EventContext#EMPTY}
 */
public record AssociationEvent(
    Action action,
    LotId parent,
    List<LotQuantity> children,
    OffsetDateTime time,
    EventContext context)
    implements Event {

  /**
   * Copies {@code children}; a null context becomes {@link EventContext#EMPTY}.
   *
   * @throws IllegalArgumentException if {@code action}, {@code parent} or {@code time} is null,
   *     {@code children} is empty (allowed only for DELETE), names a lot twice, names more lots
   *     than an event may, or names the parent itself
   */
  public AssociationEvent {
    if (action == null || parent == null) {
      throw new IllegalArgumentException("association needs an action and a parent");
    }
    children = AggregationEvent.children("association", action, parent, children);
    Event.requireTime(time);
    context = context == null ? EventContext.EMPTY : context;
  }

  @Override
  public List<LotId> lots() {
    return AggregationEvent.parentAndChildren(parent, children);
  }
}
