package io.lotledger.state;

import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.ActorId;
import io.lotledger.event.Event;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.log.NodeHash;
import io.lotledger.log.TreeHasher;
import io.lotledger.rules.CustodyRules;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.spi.StoreException;
import java.util.Objects;

/**
 * The ledger's state-transition function: the rules an entry must satisfy at its position, judged
 * against the state before it ({@link LedgerState}), and the changes it makes ({@link
 * StateChanges}). The append path, the whole-ledger and per-lot verifiers and the bundle verifier
 * all run exactly this code, so what is accepted on append is what verifies later, wherever it is
 * verified.
 *
 * <p>Rules, checked against the ledger state just before the entry:
 *
 * <ol>
 *   <li>Entry 0 (genesis) is the root actor's registration, signed by the key it registers; it
 *       fixes the ledger's origin and root actor.
 *   <li>Every later entry names the ledger's origin.
 *   <li>The signing key is registered to the signing actor, was added at a lower index and is not
 *       revoked at this index (a revocation takes effect at its own index: entries before it stay
 *       valid).
 *   <li>Each lot link names the lot's current head (none for a new lot): the compare-and-set that
 *       catches stale writers, reordering, dropped and duplicated entries.
 *   <li>Registry changes: only the root actor registers actors; an actor's keys are added and
 *       revoked by the actor itself or by the root; a key is registered once, to one actor.
 *   <li>An event's EPCIS eventID, when it has one, is not carried by any earlier entry.
 *   <li>Custody and mass balance ({@link CustodyRules}): only a lot's custodian changes it; nobody
 *       consumes, ships or destroys more than it holds; units never mix across dimensions.
 * </ol>
 *
 * Signatures are checked separately ({@link SignedEntry#signatureValid()}), so that callers can run
 * them in parallel.
 */
public final class Transition {

  private Transition() {}

  /**
   * Judges {@code entry} at {@code index} against {@code state}, the ledger just before it, and
   * reports to {@code out} every change it makes: returns the first rule it breaks, or null when it
   * satisfies all. An entry that breaks a rule still takes its index (a verifier goes on past it),
   * but its registry change, its event ID and its custody or quantity moves never take effect, so
   * later entries are judged without them.
   */
  public static Finding apply(SignedEntry entry, long index, LedgerState state, StateChanges out)
      throws StoreException {
    return run(entry, index, state, out, true);
  }

  /**
   * As {@link #apply}, but reports the changes only when {@code entry} breaks no rule: the append
   * path, where a rejected entry changes nothing.
   */
  public static Finding accept(SignedEntry entry, long index, LedgerState state, StateChanges out)
      throws StoreException {
    return run(entry, index, state, out, false);
  }

  private static Finding run(
      SignedEntry entry, long index, LedgerState state, StateChanges out, boolean deriveBroken)
      throws StoreException {
    Finding f = checkChain(entry, index, state);
    CustodyRules.Outcome lots = null;
    if (f == null && !(entry.body().event() instanceof RegistryEvent)) {
      lots = CustodyRules.apply(entry, index, state);
      f = lots.violation();
    }
    if (f == null || deriveBroken) {
      derive(entry, index, state, out, f == null, lots);
    }
    return f;
  }

  /**
   * Returns the first rule {@code entry} breaks at {@code index}, or null when it satisfies all.
   */
  public static Finding check(SignedEntry entry, long index, LedgerState state)
      throws StoreException {
    Finding f = checkChain(entry, index, state);
    if (f == null && !(entry.body().event() instanceof RegistryEvent)) {
      f = CustodyRules.apply(entry, index, state).violation();
    }
    return f;
  }

  /**
   * The chain rules without custody and mass balance ({@link CustodyRules}): for verifiers that
   * hold only part of a ledger (a bundle) and so cannot know every lot's holdings.
   */
  public static Finding checkChain(SignedEntry entry, long index, LedgerState state)
      throws StoreException {
    EntryBody body = entry.body();
    EntryHash hash = entry.hash();
    Event event = body.event();

    if (index == 0) {
      if (!(event instanceof RegistryEvent.ActorRegistered reg)
          || !reg.actor().equals(body.actor())
          || !reg.key().equals(body.key())) {
        return new Finding(
            Failure.BAD_GENESIS,
            index,
            hash,
            null,
            "entry 0 must register the root actor with the key that signs it",
            "self-signed ActorRegistered",
            event.getClass().getSimpleName() + " by " + body.actor());
      }
      return null;
    }
    String origin = state.origin();
    if (origin == null) {
      return new Finding(
          Failure.BAD_GENESIS,
          index,
          hash,
          null,
          "the ledger has no genesis entry",
          "origin",
          "none");
    }
    if (!origin.equals(body.origin())) {
      return new Finding(
          Failure.WRONG_ORIGIN,
          index,
          hash,
          null,
          "entry was signed for another ledger",
          origin,
          body.origin());
    }

    RegisteredKey key = state.key(body.key());
    if (key == null) {
      return new Finding(
          Failure.UNKNOWN_KEY,
          index,
          hash,
          null,
          "signing key is not registered",
          "a registered key",
          body.key().toHex());
    }
    if (!key.actor().equals(body.actor())) {
      return new Finding(
          Failure.KEY_ACTOR_MISMATCH,
          index,
          hash,
          null,
          "key " + body.key().toHex() + " is registered to another actor",
          key.actor().uri(),
          body.actor().uri());
    }
    if (key.revoked() && index >= key.revokedAt()) {
      return new Finding(
          Failure.KEY_REVOKED,
          index,
          hash,
          null,
          "key "
              + body.key().toHex()
              + " of "
              + body.actor()
              + " was revoked at entry "
              + key.revokedAt(),
          "signed before entry " + key.revokedAt(),
          "signed at entry " + index);
    }

    for (Link link : body.links()) {
      EntryHash current = state.head(link.lot());
      if (!Objects.equals(current, link.prev())) {
        return new Finding(
            Failure.LINK_MISMATCH,
            index,
            hash,
            link.lot(),
            "link does not name the lot's head",
            describe(current),
            describe(link.prev()));
      }
    }

    if (event instanceof RegistryEvent reg) {
      return checkRegistry(reg, body.actor(), index, hash, state);
    }
    String eventId = event.context().eventId();
    if (eventId != null) {
      long earlier = state.eventIndex(eventId);
      if (earlier >= 0) {
        return new Finding(
            Failure.DUPLICATE_EVENT_ID,
            index,
            hash,
            null,
            "event ID " + eventId + " is already carried by entry " + earlier,
            "a new event ID",
            eventId);
      }
    }
    return null;
  }

  private static Finding checkRegistry(
      RegistryEvent reg, ActorId signer, long index, EntryHash hash, LedgerState state)
      throws StoreException {
    ActorId root = state.root();
    boolean byRoot = signer.equals(root);
    boolean bySelf = signer.equals(reg.actor());
    boolean actorKnown = state.actor(reg.actor()) != null;
    RegisteredKey key = state.key(reg.key());
    if (reg instanceof RegistryEvent.ActorRegistered) {
      if (!byRoot) {
        return unauthorized(index, hash, "only the root actor registers actors", root, signer);
      }
      if (actorKnown) {
        return unauthorized(
            index,
            hash,
            "actor " + reg.actor() + " is already registered",
            "a new actor",
            reg.actor());
      }
    } else if (reg instanceof RegistryEvent.KeyAdded) {
      if (!byRoot && !bySelf) {
        return unauthorized(
            index, hash, "only the actor or the root adds its keys", reg.actor(), signer);
      }
      if (!actorKnown) {
        return unauthorized(
            index,
            hash,
            "actor " + reg.actor() + " is not registered",
            "a registered actor",
            reg.actor());
      }
    } else if (reg instanceof RegistryEvent.KeyRevoked) {
      if (!byRoot && !bySelf) {
        return unauthorized(
            index, hash, "only the actor or the root revokes its keys", reg.actor(), signer);
      }
      if (key == null || !key.actor().equals(reg.actor())) {
        return unauthorized(
            index,
            hash,
            "key " + reg.key().toHex() + " is not a key of " + reg.actor(),
            reg.actor(),
            "another or no actor");
      }
      if (key.revoked()) {
        return unauthorized(
            index,
            hash,
            "key " + reg.key().toHex() + " is already revoked",
            "an active key",
            "revoked");
      }
      return null;
    }
    // A registration or an addition: the key it registers must be new.
    if (key != null) {
      return unauthorized(
          index,
          hash,
          "key " + reg.key().toHex() + " is already registered",
          "a new key",
          reg.key().toHex());
    }
    return null;
  }

  private static Finding unauthorized(
      long index, EntryHash hash, String detail, Object expected, Object actual) {
    return new Finding(
        Failure.UNAUTHORIZED,
        index,
        hash,
        null,
        detail,
        String.valueOf(expected),
        String.valueOf(actual));
  }

  private static void derive(
      SignedEntry entry,
      long index,
      LedgerState state,
      StateChanges out,
      boolean effective,
      CustodyRules.Outcome lots)
      throws StoreException {
    EntryBody body = entry.body();
    Event event = body.event();
    EntryHash hash = entry.hash();
    out.entry(index, entry);
    deriveTree(hash, index, state, out);
    for (Link link : body.links()) {
      out.linked(link.lot(), index, hash, state.head(link.lot()) == null);
    }
    if (effective && event.context().eventId() != null) {
      out.eventId(event.context().eventId(), index);
    }
    if (event instanceof TransformationEvent t) {
      for (var in : t.inputs()) {
        for (var o : t.outputs()) {
          if (!in.lot().equals(o.lot())) { // processed in place: a lot is not its own parent
            out.edge(o.lot(), in.lot());
          }
        }
      }
    }
    if (effective) {
      deriveRegistry(entry, index, state, out);
      if (lots != null && lots.violation() == null) {
        lots.states().forEach(out::lot);
      }
    }
  }

  /**
   * The registry changes (origin and root at genesis, actors, keys) that {@code entry} makes: all a
   * verifier needs to judge later signatures. Used alone by verifiers that hold only some entries.
   */
  public static void deriveRegistry(
      SignedEntry entry, long index, LedgerState state, StateChanges out) throws StoreException {
    EntryBody body = entry.body();
    Event event = body.event();
    if (event instanceof RegistryEvent.ActorRegistered reg) {
      if (index == 0) {
        out.genesis(body.origin(), reg.actor());
      }
      out.actor(reg.actor(), index, reg.name());
      out.key(reg.key(), new RegisteredKey(reg.actor(), index, RegisteredKey.NOT_REVOKED));
    } else if (event instanceof RegistryEvent.KeyAdded add) {
      out.key(add.key(), new RegisteredKey(add.actor(), index, RegisteredKey.NOT_REVOKED));
    } else if (event instanceof RegistryEvent.KeyRevoked rev) {
      RegisteredKey old = state.key(rev.key());
      if (old == null) {
        throw new StoreException(
            "entry " + index + " revokes key " + rev.key().toHex() + ", which is not registered");
      }
      out.key(rev.key(), new RegisteredKey(rev.actor(), old.addedAt(), index));
    }
  }

  /**
   * The Merkle tree nodes that leaf {@code index} completes: the leaf itself (RFC 9162 leaf hash of
   * the entry hash) and each perfect subtree whose last leaf it is, combining with the left
   * siblings completed before. Amortised two nodes per entry; roots and proofs are then O(log n)
   * reads.
   */
  private static void deriveTree(EntryHash hash, long index, LedgerState state, StateChanges out)
      throws StoreException {
    NodeHash node = TreeHasher.leaf(hash.toBytes());
    out.treeNode(0, index, node);
    long i = index;
    int level = 0;
    while ((i & 1) == 1) {
      NodeHash left = state.treeNode(level, i - 1);
      if (left == null) {
        throw new StoreException(
            "Merkle tree node (level "
                + level
                + ", index "
                + (i - 1)
                + ") is missing or malformed");
      }
      node = TreeHasher.node(left, node);
      level++;
      i >>>= 1;
      out.treeNode(level, i, node);
    }
  }

  private static String describe(EntryHash h) {
    return h == null ? "none (first event of the lot)" : h.toHex();
  }
}
