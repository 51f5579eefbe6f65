package io.lotledger.event;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * EPCIS AggregationEvent: ADD packs child lots into a parent (a pallet, a container, a battery
 * pack's housing), DELETE unpacks them, OBSERVE confirms the grouping.
 */
public record AggregationEvent(
    Action action, LotId parent, List<LotQuantity> children, OffsetDateTime time, EventContext context)
    implements Event {

  public AggregationEvent {
    if (action == null || parent == null) {
      throw new IllegalArgumentException("aggregation needs an action and a parent");
    }
    children = Event.lotList("aggregation children", children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("aggregation needs at least one child");
    }
    for (LotQuantity c : children) {
      if (c.lot().equals(parent)) {
        throw new IllegalArgumentException("lot " + parent + " cannot contain itself");
      }
    }
    Event.requireTime(time);
    context = context == null ? EventContext.EMPTY : context;
  }

  @Override
  public List<LotId> lots() {
    List<LotId> all = new ArrayList<>(children.size() + 1);
    all.add(parent);
    children.forEach(q -> all.add(q.lot()));
    return all;
  }
}
