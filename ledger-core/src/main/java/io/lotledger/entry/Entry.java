package io.lotledger.entry;

import io.lotledger.event.Event;

/**
 * A {@link SignedEntry} at its 0-based {@code index} in one ledger.
 *
 * @param index the entry's 0-based index in the ledger (its Merkle leaf index)
 * @param signed the entry as signed and stored
 */
public record Entry(long index, SignedEntry signed) {
  /**
   * @throws IllegalArgumentException if {@code index} is negative or {@code signed} is null
   */
  public Entry {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    if (signed == null) {
      throw new IllegalArgumentException("signed entry must not be null");
    }
  }

  /** The SHA-256 of the entry's exact bytes. */
  public EntryHash hash() {
    return signed.hash();
  }

  /** The signed body: origin, actor, key, links and event. */
  public EntryBody body() {
    return signed.body();
  }

  /** The event the entry records. */
  public Event event() {
    return signed.body().event();
  }
}
