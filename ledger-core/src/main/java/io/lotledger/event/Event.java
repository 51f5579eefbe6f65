package io.lotledger.event;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A domain fact about lots, shaped like a GS1 EPCIS 2.0 event (EPCIS 2.0 §7.4): what happened
 * ({@link ObjectEvent}, {@link TransformationEvent}, {@link AggregationEvent}, {@code
 * AssociationEvent}, {@link TransactionEvent}), when (with the recorder's time-zone offset), where
 * and why ({@code EventContext}); plus the ledger-native {@link RegistryEvent}s that manage actors
 * and keys.
 *
 * <p>Events are immutable values; the canonical encoding of an event is defined by {@code
 * EntryCodec}.
 */
public sealed interface Event
    permits ObjectEvent,
        TransformationEvent,
        AggregationEvent,
        AssociationEvent,
        TransactionEvent,
        RegistryEvent {

  /** Most lots one event may name (inputs + outputs, or parent + children). */
  int MAX_LOTS = 1024;

  /** When the event happened, with the time-zone offset where it was recorded. */
  OffsetDateTime time();

  /**
   * Where and why the event happened (business step, disposition, parties, ...); never null, {@link
   * EventContext#EMPTY} when nothing is stated.
   */
  EventContext context();

  /** Every lot this event touches, without duplicates, in the order the event names them. */
  List<LotId> lots();

  /**
   * Checks an event's time, for the event records' constructors.
   *
   * @throws IllegalArgumentException if {@code time} is null
   */
  static void requireTime(OffsetDateTime time) {
    if (time == null) {
      throw new IllegalArgumentException("event time must not be null");
    }
  }

  /** Copies {@code lots} and checks that no lot appears twice and the list is within bounds. */
  static List<LotQuantity> lotList(String what, List<LotQuantity> lots) {
    List<LotQuantity> copy = lots == null ? List.of() : List.copyOf(lots);
    if (copy.size() > MAX_LOTS) {
      throw new IllegalArgumentException(
          what + " names " + copy.size() + " lots, more than " + MAX_LOTS);
    }
    if (copy.stream().map(LotQuantity::lot).distinct().count() != copy.size()) {
      throw new IllegalArgumentException(what + " names a lot twice: " + copy);
    }
    return copy;
  }
}
