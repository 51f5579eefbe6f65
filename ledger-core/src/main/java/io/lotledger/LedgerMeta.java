package io.lotledger;

import io.lotledger.event.ActorId;
import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a store's META records say of the ledger it holds: its origin, root actor and size, read and
 * checked when the ledger is opened (format version, well-formed values, a size that matches the
 * stored entries; {@code verify} checks the rest), and what a new ledger needs: a valid origin and a
 * store without one.
 */
record LedgerMeta(String origin, ActorId root, long size) {

  /**
   * The META records of {@code store}; empty when it holds no ledger (no genesis entry).
   *
   * @throws LedgerException if the format is another version, a record is malformed, or the recorded
   *     size does not match the stored entries
   */
  static Optional<LedgerMeta> read(LedgerStore store) throws LedgerException {
    byte[] format = store.get(Table.META, KeyLayout.META_FORMAT);
    byte[] originBytes = store.get(Table.META, KeyLayout.META_ORIGIN);
    byte[] rootBytes = store.get(Table.META, KeyLayout.META_ROOT);
    byte[] sizeBytes = store.get(Table.META, KeyLayout.META_SIZE);
    if (format == null || originBytes == null || rootBytes == null || sizeBytes == null) {
      return Optional.empty();
    }
    if (!Arrays.equals(format, KeyLayout.FORMAT_VERSION)) {
      throw new LedgerException(LedgerException.Code.INVALID_INPUT,
          "unsupported ledger format " + KeyLayout.utf8(format) + "; this version reads format "
          + KeyLayout.utf8(KeyLayout.FORMAT_VERSION));
    }
    LedgerMeta meta;
    try {
      meta = new LedgerMeta(KeyLayout.utf8(originBytes), new ActorId(KeyLayout.utf8(rootBytes)), KeyLayout.u64(sizeBytes));
    } catch (IllegalArgumentException e) {
      throw new StoreException("the store's meta records are corrupt: " + e.getMessage(), e);
    }
    // A cheap guard against a store whose recorded size disagrees with its log; verify() checks the rest.
    long size = meta.size();
    if (size < 1 || store.get(Table.ENTRIES, KeyLayout.entryKey(size - 1)) == null
        || store.get(Table.ENTRIES, KeyLayout.entryKey(size)) != null) {
      throw new LedgerException(LedgerException.Code.STORAGE,
          "the store is inconsistent: its recorded size " + size + " does not match its entries");
    }
    return Optional.of(meta);
  }

  /** Refuses an origin that cannot name a ledger (and its log key, C2SP signed-note key names). */
  static void requireOrigin(String origin) throws LedgerException {
    if (origin == null || origin.isEmpty() || origin.length() > 256 || !origin.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '+')) {
      throw new LedgerException(LedgerException.Code.INVALID_INPUT,
          "origin must be 1-256 printable ASCII characters without spaces or '+' (it names the log key), not '" + origin + "'");
    }
  }

  /** Refuses a store that holds a ledger, or any entry of one. */
  static void requireNoLedger(LedgerStore store) throws LedgerException {
    boolean[] nonEmpty = {false};
    store.scan(Table.ENTRIES, KeyLayout.EMPTY, (k, v) -> !(nonEmpty[0] = true));
    if (nonEmpty[0] || store.get(Table.META, KeyLayout.META_ORIGIN) != null) {
      throw new LedgerException(LedgerException.Code.ILLEGAL_STATE, "a ledger already exists in this store");
    }
  }
}
