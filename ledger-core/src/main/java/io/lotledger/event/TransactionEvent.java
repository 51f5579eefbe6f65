package io.lotledger.event;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * EPCIS TransactionEvent: lots tied to (ADD) or released from (DELETE) business transactions —
 * purchase orders, despatch advices, invoices, warehouse warrants — typically when custody or
 * ownership changes hands. The transactions themselves are in the {@link EventContext}.
 *
 * @param action ADD ties the lots to the transactions, DELETE releases them, OBSERVE confirms
 * @param quantities the lots, with quantities where stated; at least one
 * @param time when the event happened
 * @param context where and why, naming at least one business transaction; null becomes {@link
 *     EventContext#EMPTY}
 */
public record TransactionEvent(
    Action action, List<LotQuantity> quantities, OffsetDateTime time, EventContext context)
    implements Event {

  /**
   * Copies {@code quantities}; a null context becomes {@link EventContext#EMPTY}.
   *
   * @throws IllegalArgumentException if {@code action} or {@code time} is null, {@code quantities}
   *     is empty, names a lot twice or more lots than an event may, or the context names no
   *     business transaction
   */
  public TransactionEvent {
    if (action == null) {
      throw new IllegalArgumentException("action must not be null");
    }
    quantities = Event.lotList("transaction event", quantities);
    if (quantities.isEmpty()) {
      throw new IllegalArgumentException("transaction event must name at least one lot");
    }
    Event.requireTime(time);
    context = context == null ? EventContext.EMPTY : context;
    if (context.bizTransactions().isEmpty()) {
      throw new IllegalArgumentException(
          "transaction event must name at least one business transaction");
    }
  }

  @Override
  public List<LotId> lots() {
    return quantities.stream().map(LotQuantity::lot).toList();
  }
}
