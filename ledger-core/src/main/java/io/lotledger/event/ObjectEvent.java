package io.lotledger.event;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * EPCIS ObjectEvent over lots: ADD commissions new lots (with their master data), OBSERVE reports
 * on them (receiving, inspection, storage), DELETE destroys or decommissions them.
 *
 * @param action ADD commissions, OBSERVE reports, DELETE destroys
 * @param quantities the lots, with quantities where stated; at least one
 * @param ilmd lot master data of the lots commissioned (ADD only); null becomes {@link
 *     LotMasterData#NONE}
 * @param time when the event happened
 * @param context where and why; null becomes {@link EventContext#EMPTY}
 */
public record ObjectEvent(
    Action action,
    List<LotQuantity> quantities,
    LotMasterData ilmd,
    OffsetDateTime time,
    EventContext context)
    implements Event {

  /**
   * Copies {@code quantities}; a null {@code ilmd} becomes {@link LotMasterData#NONE}, a null
   * context {@link EventContext#EMPTY}.
   *
   * @throws IllegalArgumentException if {@code action} or {@code time} is null, {@code quantities}
   *     is empty, names a lot twice or more lots than an event may, or master data is given on an
   *     event other than ADD
   */
  public ObjectEvent {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null");
    }
    quantities = Event.lotList("object event", quantities);
    if (quantities.isEmpty()) {
      throw new IllegalArgumentException("object event must name at least one lot");
    }
    ilmd = ilmd == null ? LotMasterData.NONE : ilmd;
    if (action != Action.ADD && !ilmd.isEmpty()) {
      throw new IllegalArgumentException(
          "lot master data belongs only on ADD events, not " + action);
    }
    Event.requireTime(time);
    context = context == null ? EventContext.EMPTY : context;
  }

  /**
   * Commissions lots (EPCIS action ADD, CBV bizStep commissioning unless the context says
   * otherwise).
   */
  public static ObjectEvent add(
      List<LotQuantity> lots, LotMasterData ilmd, OffsetDateTime time, EventContext context) {
    return new ObjectEvent(Action.ADD, lots, ilmd, time, context);
  }

  /**
   * An OBSERVE event: {@code lots} seen at {@code time}, unchanged.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static ObjectEvent observe(
      List<LotQuantity> lots, OffsetDateTime time, EventContext context) {
    return new ObjectEvent(Action.OBSERVE, lots, null, time, context);
  }

  /**
   * A DELETE event: {@code lots} destroyed or decommissioned (scrapped, eaten, lost) at {@code
   * time}.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public static ObjectEvent delete(
      List<LotQuantity> lots, OffsetDateTime time, EventContext context) {
    return new ObjectEvent(Action.DELETE, lots, null, time, context);
  }

  @Override
  public List<LotId> lots() {
    return quantities.stream().map(LotQuantity::lot).toList();
  }
}
