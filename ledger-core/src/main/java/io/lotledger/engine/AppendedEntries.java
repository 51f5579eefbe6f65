package io.lotledger.engine;

import io.lotledger.entry.Entry;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The entries one batch appended ({@code Ledger#appendAll}) at indexes {@code first} onwards, held
 * as their stored bytes only ({@link EncodedEntries}) and decoded on access.
 *
 * <p>Immutable and thread-safe; each {@link #get} decodes anew, so repeated reads return equal
 * entries, not the same objects.
 */
public final class AppendedEntries extends AbstractList<Entry> implements RandomAccess {
  private final long first;
  private final EncodedEntries entries;

  /**
   * @param encoded the entries' bytes, owned by this list from now on
   */
  public AppendedEntries(long first, byte[][] encoded) {
    this.first = first;
    this.entries = new EncodedEntries(encoded);
  }

  @Override
  public Entry get(int i) {
    return new Entry(first + i, entries.get(i));
  }

  @Override
  public int size() {
    return entries.size();
  }
}
