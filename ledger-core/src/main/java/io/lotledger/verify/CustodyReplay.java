package io.lotledger.verify;

import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.event.RegistryEvent;
import io.lotledger.rules.CustodyRules;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotState;
import io.lotledger.spi.StoreException;
import io.lotledger.state.RegisteredActor;
import io.lotledger.state.StoredLedger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The custody and balance part of a per-lot verification ({@link AncestryVerifier}): the custody
 * rules replayed over the entries the walk reached, compared with the stored lot states. One
 * instance per walk.
 */
final class CustodyReplay {
  private final StoredLedger store;

  CustodyReplay(StoredLedger store) {
    this.store = store;
  }

  /**
   * Every ancestry lot's custody and balance ({@link CustodyRules}), replayed from the reached
   * entries in index order, and compared with its LOT_STATE record. The walk followed every link of
   * every reached entry, so each lot an entry touches has its whole earlier chain among them: the
   * replay sees each lot exactly as the append path did. Registered actors (which decide whether a
   * shipment stays in the ledger) are read from ACTORS records as of each entry, each checked
   * against the registration entry it cites.
   */
  Map<LotId, LotState> states(
      Collection<Entry> reached, Set<LotId> lots, AncestryVerifier.Sink sink)
      throws LedgerException {
    Map<LotId, LotState> replayed = new HashMap<>();
    long[] at = {0};
    CustodyRules.Holdings state =
        new CustodyRules.Holdings() {
          @Override
          public LotState lot(LotId lot) {
            return replayed.get(lot);
          }

          @Override
          public boolean registered(ActorId actor) throws StoreException {
            return registeredBefore(actor, at[0]);
          }
        };
    List<Entry> ordered = new ArrayList<>(reached);
    ordered.sort(java.util.Comparator.comparingLong(Entry::index));
    for (Entry e : ordered) {
      if (e.event() instanceof RegistryEvent) {
        continue;
      }
      at[0] = e.index();
      CustodyRules.Outcome outcome = CustodyRules.apply(e.signed(), e.index(), state);
      if (outcome.violation() != null) {
        sink.report(outcome.violation());
        continue;
      }
      replayed.putAll(outcome.states());
    }
    Map<LotId, LotState> states = new LinkedHashMap<>();
    for (LotId l : lots) {
      LotState expected = replayed.get(l);
      LotState stored = null;
      String corrupt = null;
      try {
        stored = store.lot(l);
      } catch (StoreException e) {
        corrupt = e.getMessage();
      }
      if (corrupt != null || !java.util.Objects.equals(expected, stored)) {
        sink.report(
            new Finding(
                Failure.STORE_MISMATCH,
                -1,
                null,
                l,
                "the lot-state record (custody and balance) disagrees with the entries",
                expected == null ? "not tracked" : expected.toString(),
                corrupt != null ? corrupt : stored == null ? "missing" : stored.toString()));
      }
      if (expected != null) {
        states.put(l, expected);
      }
    }
    return states;
  }

  /** Actor registrations already checked against the entry they cite. */
  private final Map<ActorId, Long> registeredAt = new HashMap<>();

  /**
   * Whether {@code actor} was registered before entry {@code index}, by a registration entry that
   * says so.
   */
  private boolean registeredBefore(ActorId actor, long index) throws StoreException {
    Long since = registeredAt.get(actor);
    if (since == null) {
      RegisteredActor record = store.actor(actor);
      if (record == null) {
        return false;
      }
      since = record.registeredAt();
      byte[] bytes = store.entryBytes(since);
      boolean genuine;
      try {
        SignedEntry reg = bytes == null ? null : EntryCodec.decode(bytes);
        genuine =
            reg != null
                && reg.signatureValid()
                && reg.body().event() instanceof RegistryEvent.ActorRegistered r
                && r.actor().equals(actor);
      } catch (EntryFormatException e) {
        genuine = false;
      }
      if (!genuine) {
        throw new StoreException(
            "the actors record of "
                + actor
                + " cites entry "
                + since
                + ", which does not register it (run verify)");
      }
      registeredAt.put(actor, since);
    }
    return since < index;
  }
}
