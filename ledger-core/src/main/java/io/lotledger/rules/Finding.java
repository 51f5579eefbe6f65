package io.lotledger.rules;

import io.lotledger.entry.EntryHash;
import io.lotledger.event.LotId;

/**
 * One broken fact, with its evidence: which entry (index and hash, when known), which lot (when one
 * is concerned), what is wrong, and the expected and actual values.
 *
 * @param index the entry's index, or -1 when the finding concerns the store as a whole
 * @param hash the entry's hash, or null
 * @param lot the lot concerned, or null
 * @param failure the kind of broken fact
 * @param detail what is wrong, in words
 * @param expected the value the rule expected, or null
 * @param actual the value found, or null
 */
public record Finding(
    Failure failure,
    long index,
    EntryHash hash,
    LotId lot,
    String detail,
    String expected,
    String actual) {

  /**
   * @throws IllegalArgumentException if {@code failure} or {@code detail} is null
   */
  public Finding {
    if (failure == null || detail == null) {
      throw new IllegalArgumentException("a finding needs a failure and a detail");
    }
  }

  /**
   * One line: {@code entry 12 (3fa2c1d09e4b) lot urn:x: lot link mismatch: ...; expected A, actual
   * B}.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (index >= 0) {
      b.append("entry ").append(index);
      if (hash != null) {
        b.append(" (").append(hash.shortHex()).append(')');
      }
      b.append(' ');
    }
    if (lot != null) {
      b.append("lot ").append(lot).append(' ');
    }
    b.append(failure.description()).append(": ").append(detail);
    if (expected != null || actual != null) {
      b.append("; expected ").append(expected).append(", actual ").append(actual);
    }
    return b.toString();
  }
}
