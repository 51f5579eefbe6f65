package io.lotledger.bundle;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.SignedCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Writes the {@link Bundle} that proves one lot's provenance as of a stored checkpoint. */
public final class BundleExporter {
  private BundleExporter() {}

  /**
   * The bundle for {@code lot} as of {@code checkpoint} (one of the ledger's stored checkpoints):
   * the lot's {@link Provenance} from its newest entry below the checkpoint's size, every registry
   * entry below it, inclusion proofs, and consistency proofs from every earlier stored checkpoint.
   *
   * @throws LedgerException NOT_FOUND if the lot has no entry covered by the checkpoint
   */
  public static Bundle export(Ledger ledger, LotId lot, SignedCheckpoint checkpoint)
      throws LedgerException {
    Checkpoint cp = checkpoint.checkpoint();
    long size = cp.size();
    if (!ledger.root(size).equals(cp.root())) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "the checkpoint at size " + size + " is not this ledger's");
    }
    Entry newest = null;
    for (Entry e : ledger.history(lot)) {
      if (e.index() < size) {
        newest = e;
      }
    }
    if (newest == null) {
      throw new LedgerException(
          LedgerException.Code.NOT_FOUND,
          "lot " + lot + " has no entry in the checkpoint of size " + size);
    }
    TreeMap<Long, SignedEntry> entries = new TreeMap<>();
    for (Entry e : Provenance.in(ledger, lot, newest.hash())) {
      entries.put(e.index(), e.signed());
    }
    for (Entry r : ledger.registry()) {
      if (r.index() < size) {
        entries.put(r.index(), r.signed());
      }
    }
    List<Bundle.Item> items = new ArrayList<>(entries.size());
    for (var e : entries.entrySet()) {
      items.add(
          new Bundle.Item(
              e.getKey(), e.getValue().encoded(), ledger.inclusionProof(e.getKey(), size).path()));
    }
    List<Bundle.Earlier> earlier = new ArrayList<>();
    for (SignedCheckpoint c : ledger.checkpoints()) {
      long s = c.checkpoint().size();
      if (s > 0 && s < size) {
        earlier.add(new Bundle.Earlier(c, ledger.consistencyProof(s, size).path()));
      }
    }
    return new Bundle(ledger.origin(), lot, checkpoint, items, earlier);
  }
}
