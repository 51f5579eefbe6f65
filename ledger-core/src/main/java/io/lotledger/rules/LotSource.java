package io.lotledger.rules;

import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import java.util.List;

/**
 * Where the rules read a lot's entries from: a ledger ({@code ledger::history}), a verified bundle,
 * or a test fixture. The rules ask for nothing else: ancestry, origins and quantities are all read
 * from the events in these histories.
 *
 * <p>Implementations must return every entry that touches {@code lot}, oldest (lowest index) first,
 * and an empty list for a lot they never saw. The rules call it once per lot and do not retain the
 * source after a check returns.
 */
@FunctionalInterface
public interface LotSource {
  /** Every entry that touches {@code lot}, oldest first; empty when the source never saw it. */
  List<Entry> history(LotId lot) throws LedgerException;

  /**
   * {@code source} reading each lot's history once: for callers that run several checks or roll-ups
   * over one ancestry (each call walks it afresh). Not thread-safe; keep it for one piece of work.
   */
  static LotSource reading(LotSource source) {
    java.util.Map<LotId, List<Entry>> read = new java.util.HashMap<>();
    return lot -> {
      List<Entry> h = read.get(lot);
      if (h == null) {
        h = source.history(lot);
        read.put(lot, h);
      }
      return h;
    };
  }
}
