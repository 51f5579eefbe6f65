package io.lotledger.entry;

import io.lotledger.event.Event;

/** A {@link SignedEntry} at its 0-based {@code index} in one ledger. */
public record Entry(long index, SignedEntry signed) {
  public Entry {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    if (signed == null) {
      throw new IllegalArgumentException("signed entry must not be null");
    }
  }

  public EntryHash hash() {
    return signed.hash();
  }

  public EntryBody body() {
    return signed.body();
  }

  public Event event() {
    return signed.body().event();
  }
}
