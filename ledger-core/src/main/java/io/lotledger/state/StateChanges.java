package io.lotledger.state;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.log.NodeHash;
import io.lotledger.rules.LotState;

/**
 * What an accepted entry changes in a ledger's state, in domain terms: {@link Transition} reports
 * each change here and the receiver keeps it in its own form (store records in a write batch, a
 * verifier's replay, a bundle's partial state).
 */
public interface StateChanges {

  /**
   * {@code entry} is the ledger's entry {@code index}; the ledger's size becomes {@code index + 1}.
   */
  void entry(long index, SignedEntry entry);

  /** The perfect subtree at {@code level} and {@code index} is complete with hash {@code node}. */
  void treeNode(int level, long index, NodeHash node);

  /**
   * Entry {@code index} with {@code hash} is linked to {@code lot} and becomes its head; {@code
   * first} when it is the first entry to name the lot.
   */
  void linked(LotId lot, long index, EntryHash hash, boolean first);

  /** Entry {@code index}'s event carries EPCIS {@code eventId}. */
  void eventId(String eventId, long index);

  /** A transformation made {@code child} from {@code parent}. */
  void edge(LotId child, LotId parent);

  /** The genesis entry fixed the ledger's {@code origin} and {@code root} actor. */
  void genesis(String origin, ActorId root);

  /** {@code actor} is registered by entry {@code index} under {@code name} (may be null). */
  void actor(ActorId actor, long index, String name);

  /** {@code key} is registered as {@code registration} (added, or revoked). */
  void key(Ed25519PublicKey key, RegisteredKey registration);

  /** {@code lot}'s custody and balance are now {@code state}. */
  void lot(LotId lot, LotState state);

  /** Reports every change to this receiver, then to {@code next}. */
  default StateChanges andThen(StateChanges next) {
    StateChanges first = this;
    return new StateChanges() {
      @Override
      public void entry(long index, SignedEntry entry) {
        first.entry(index, entry);
        next.entry(index, entry);
      }

      @Override
      public void treeNode(int level, long index, NodeHash node) {
        first.treeNode(level, index, node);
        next.treeNode(level, index, node);
      }

      @Override
      public void linked(LotId lot, long index, EntryHash hash, boolean isFirst) {
        first.linked(lot, index, hash, isFirst);
        next.linked(lot, index, hash, isFirst);
      }

      @Override
      public void eventId(String eventId, long index) {
        first.eventId(eventId, index);
        next.eventId(eventId, index);
      }

      @Override
      public void edge(LotId child, LotId parent) {
        first.edge(child, parent);
        next.edge(child, parent);
      }

      @Override
      public void genesis(String origin, ActorId root) {
        first.genesis(origin, root);
        next.genesis(origin, root);
      }

      @Override
      public void actor(ActorId actor, long index, String name) {
        first.actor(actor, index, name);
        next.actor(actor, index, name);
      }

      @Override
      public void key(Ed25519PublicKey key, RegisteredKey registration) {
        first.key(key, registration);
        next.key(key, registration);
      }

      @Override
      public void lot(LotId lot, LotState state) {
        first.lot(lot, state);
        next.lot(lot, state);
      }
    };
  }
}
