package io.lotledger;

import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The entries one batch appended ({@link Ledger#appendAll}), held as their stored bytes only and decoded
 * on access. A batch can be a whole EPCIS document of 100,000 events; its entries in decoded form (body,
 * event, signature and body bytes beside the encoding) take about twice the memory of the bytes, which
 * the batch's write holds anyway.
 *
 * <p>Immutable and thread-safe; each {@link #get} decodes anew, so repeated reads return equal entries,
 * not the same objects.
 */
final class AppendedEntries extends AbstractList<Entry> implements RandomAccess {
  private final long first;
  private final byte[][] encoded;

  /** @param encoded the entries' bytes, owned by this list from now on */
  AppendedEntries(long first, byte[][] encoded) {
    this.first = first;
    this.encoded = encoded;
  }

  @Override
  public Entry get(int i) {
    try {
      return new Entry(first + i, EntryCodec.decode(encoded[i]));
    } catch (EntryFormatException e) {
      throw new IllegalStateException("entry " + (first + i) + ", made by this ledger, does not decode: " + e.getMessage(), e);
    }
  }

  @Override
  public int size() {
    return encoded.length;
  }
}
