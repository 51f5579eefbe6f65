package io.lotledger.engine;

import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.SignedEntry;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Signed entries held as their encoded bytes only, decoded on access. A batch ({@code
 * Ledger#appendAll}) can be a whole EPCIS document of 100,000 events: signed up front, its entries
 * in decoded form (body, event, signature beside the encoding) would take about twice the memory of
 * the bytes.
 *
 * <p>Each {@link #get} decodes anew, so repeated reads return equal entries, not the same objects.
 * Thread-safe for reading; {@link #take} is for the one thread that consumes the batch.
 */
public final class EncodedEntries extends AbstractList<SignedEntry> implements RandomAccess {
  private final byte[][] encoded;

  /**
   * @param encoded the entries' bytes, made by this ledger and owned by this list from now on
   */
  public EncodedEntries(byte[][] encoded) {
    this.encoded = encoded;
  }

  @Override
  public SignedEntry get(int i) {
    try {
      return EntryCodec.decode(encoded[i]);
    } catch (EntryFormatException e) {
      throw new IllegalStateException(
          "entry " + i + " of a batch, encoded by this ledger, does not decode: " + e.getMessage(),
          e);
    }
  }

  /**
   * Decodes entry {@code i} and lets go of its bytes: for the committer, which reads each entry of
   * a batch once, while the batch's write already holds a copy of the bytes. A later read of {@code
   * i} fails.
   */
  public SignedEntry take(int i) {
    SignedEntry entry = get(i);
    encoded[i] = null;
    return entry;
  }

  @Override
  public int size() {
    return encoded.length;
  }
}
