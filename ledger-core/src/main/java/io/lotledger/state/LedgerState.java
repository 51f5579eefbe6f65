package io.lotledger.state;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.EntryHash;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.log.NodeHash;
import io.lotledger.rules.CustodyRules;
import io.lotledger.rules.LotState;
import io.lotledger.spi.StoreException;

/**
 * A ledger's state as the entries so far leave it, in domain terms: what {@link Transition} reads
 * to judge the next entry. Implementations read a store ({@link StoredLedger}), a commit group's
 * pending writes over a store, a verifier's replay, or the part of a ledger a bundle carries
 * ({@link PartialState}); none of their callers knows how the state is kept.
 */
public interface LedgerState extends CustodyRules.Holdings {

  /** The ledger's origin, fixed by its genesis entry; null before entry 0. */
  String origin() throws StoreException;

  /** The root actor registered by the genesis entry; null before entry 0. */
  ActorId root() throws StoreException;

  /** How {@code key} is registered, or null when it is not. */
  RegisteredKey key(Ed25519PublicKey key) throws StoreException;

  /** The entry that registered {@code actor}, or null when it is not registered. */
  RegisteredActor actor(ActorId actor) throws StoreException;

  /** The hash of the last entry linked to {@code lot}, or null when no entry has named it. */
  EntryHash head(LotId lot) throws StoreException;

  /** The index of the entry whose event carries EPCIS {@code eventId}, or -1 when none does. */
  long eventIndex(String eventId) throws StoreException;

  /** The index of the entry with {@code hash}, or -1 when the ledger holds no such entry. */
  long indexOf(EntryHash hash) throws StoreException;

  /**
   * The RFC 9162 hash of the perfect subtree at {@code level} and {@code index} (leaves
   * [index·2^level, (index+1)·2^level)), or null when it is not complete.
   */
  NodeHash treeNode(int level, long index) throws StoreException;

  @Override
  LotState lot(LotId lot) throws StoreException;

  @Override
  default boolean registered(ActorId actor) throws StoreException {
    return actor(actor) != null;
  }
}
