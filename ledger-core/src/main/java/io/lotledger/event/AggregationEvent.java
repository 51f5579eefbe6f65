package io.lotledger.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * EPCIS AggregationEvent: ADD packs child lots into a parent (a pallet, a container, a battery
 * pack's housing), DELETE unpacks them, OBSERVE confirms the grouping.
 *
 * @param action ADD packs, DELETE unpacks, OBSERVE confirms
 * @param parent the lot packed into (a pallet, a container)
 * @param children the lots packed or unpacked, with quantities where stated; empty only for a
 *     DELETE that unpacks every child
 * @param time when the event happened
 * @param context where and why; null becomes {@link EventContext#EMPTY}
 */
public record AggregationEvent(
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
   *     {@code children} is empty (allowed only for DELETE, which then unpacks every child), names
   *     a lot twice, names more lots than an event may, or names the parent itself
   */
  public AggregationEvent {
    if (action == null || parent == null) {
      throw new IllegalArgumentException("aggregation needs an action and a parent");
    }
    children = children("aggregation", action, parent, children);
    Event.requireTime(time);
    context = context == null ? EventContext.EMPTY : context;
  }

  @Override
  public List<LotId> lots() {
    return parentAndChildren(parent, children);
  }

  /**
   * The children of a parent-and-children event ({@code what}): none twice, not the parent, and at
   * least one unless the action is DELETE, which without children dissolves the parent's whole
   * content (EPCIS 2.0 §7.4.3).
   */
  static List<LotQuantity> children(
      String what, Action action, LotId parent, List<LotQuantity> children) {
    List<LotQuantity> copy = Event.lotList(what + " children", children);
    if (copy.isEmpty() && action != Action.DELETE) {
      throw new IllegalArgumentException(what + " " + action + " needs at least one child");
    }
    for (LotQuantity c : copy) {
      if (c.lot().equals(parent)) {
        throw new IllegalArgumentException("lot " + parent + " cannot be its own child");
      }
    }
    return copy;
  }

  static List<LotId> parentAndChildren(LotId parent, List<LotQuantity> children) {
    List<LotId> all = new ArrayList<>(children.size() + 1);
    all.add(parent);
    children.forEach(q -> all.add(q.lot()));
    return all;
  }
}
