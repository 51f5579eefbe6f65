package io.lotledger.entry;

import io.lotledger.event.LotId;
import java.util.Optional;

/**
 * One strand of the lot chain: the hash of {@code lot}'s previous entry, or none when this entry is
 * the lot's first. Appending with links is a compare-and-set on every touched lot's head.
 *
 * @param lot the lot
 * @param prev the hash of the lot's previous entry, or null when this entry is the lot's first
 */
public record Link(LotId lot, EntryHash prev) implements Comparable<Link> {
  /**
   * @throws IllegalArgumentException if {@code lot} is null
   */
  public Link {
    if (lot == null) {
      throw new IllegalArgumentException("link lot must not be null");
    }
  }

  /** The link to {@code lot} for an entry that is the lot's first: no previous entry. */
  public static Link first(LotId lot) {
    return new Link(lot, null);
  }

  /** The hash of the lot's previous entry, or empty when this entry is the lot's first. */
  public Optional<EntryHash> previous() {
    return Optional.ofNullable(prev);
  }

  @Override
  public int compareTo(Link o) {
    return lot.compareTo(o.lot);
  }
}
