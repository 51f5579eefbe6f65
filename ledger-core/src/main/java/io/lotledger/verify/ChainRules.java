package io.lotledger.verify;

import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.ActorId;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.log.NodeHash;
import io.lotledger.log.TreeHasher;
import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.KeyLayout.KeyRecord;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import java.util.Objects;

/**
 * The chain-integrity rules an entry must satisfy at its position, and the records it adds to the
 * store. The append path and every verifier run exactly this code, so what is accepted on append is
 * what verifies later.
 *
 * <p>Rules, checked against the ledger state just before the entry:
 *
 * <ol>
 *   <li>Entry 0 (genesis) is the root actor's registration, signed by the key it registers; it fixes
 *       the ledger's origin and root actor.
 *   <li>Every later entry names the ledger's origin.
 *   <li>The signing key is registered to the signing actor, was added at a lower index and is not
 *       revoked at this index (a revocation takes effect at its own index: entries before it stay valid).
 *   <li>Each lot link names the lot's current head (none for a new lot): the compare-and-set that
 *       catches stale writers, reordering, dropped and duplicated entries.
 *   <li>Registry changes: only the root actor registers actors; an actor's keys are added and revoked
 *       by the actor itself or by the root; a key is registered once, to one actor.
 *   <li>An event's EPCIS eventID, when it has one, is not carried by any earlier entry.
 *   <li>Custody and mass balance ({@link LotRules}): only a lot's custodian changes it; nobody
 *       consumes, ships or destroys more than it holds; units never mix across dimensions.
 * </ol>
 *
 * Signatures are checked separately ({@link SignedEntry#signatureValid()}), so that callers can run
 * them in parallel.
 */
public final class ChainRules {

  /** Reads the derived tables as they stand just before the entry being judged. */
  @FunctionalInterface
  public interface Reader {
    byte[] get(Table table, byte[] key) throws StoreException;
  }

  private ChainRules() {}

  /** Returns the first rule {@code entry} breaks at {@code index}, or null when it satisfies all. */
  public static Finding check(SignedEntry entry, long index, Reader state) throws StoreException {
    Finding f = checkChain(entry, index, state);
    if (f == null && !(entry.body().event() instanceof RegistryEvent)) {
      f = LotRules.apply(entry, index, state).violation();
    }
    return f;
  }

  /**
   * The chain rules without custody and mass balance ({@link LotRules}): for verifiers that hold only
   * part of a ledger (a bundle) and so cannot know every lot's holdings.
   */
  public static Finding checkChain(SignedEntry entry, long index, Reader state) throws StoreException {
    EntryBody body = entry.body();
    EntryHash hash = entry.hash();
    Event event = body.event();
    byte[] originBytes = state.get(Table.META, KeyLayout.META_ORIGIN);

    if (index == 0) {
      if (!(event instanceof RegistryEvent.ActorRegistered reg)
          || !reg.actor().equals(body.actor())
          || !reg.key().equals(body.key())) {
        return new Finding(Failure.BAD_GENESIS, index, hash, null,
            "entry 0 must register the root actor with the key that signs it", "self-signed ActorRegistered",
            event.getClass().getSimpleName() + " by " + body.actor());
      }
      return null;
    }
    if (originBytes == null) {
      return new Finding(Failure.BAD_GENESIS, index, hash, null, "the ledger has no genesis entry", "origin", "none");
    }
    String origin = KeyLayout.utf8(originBytes);
    if (!origin.equals(body.origin())) {
      return new Finding(Failure.WRONG_ORIGIN, index, hash, null, "entry was signed for another ledger", origin, body.origin());
    }

    byte[] keyValue = state.get(Table.KEYS, body.key().toBytes());
    if (keyValue == null) {
      return new Finding(Failure.UNKNOWN_KEY, index, hash, null, "signing key is not registered", "a registered key", body.key().toHex());
    }
    KeyRecord key = KeyLayout.keyRecord(keyValue);
    if (!key.actor().equals(body.actor())) {
      return new Finding(Failure.KEY_ACTOR_MISMATCH, index, hash, null,
          "key " + body.key().toHex() + " is registered to another actor", key.actor().uri(), body.actor().uri());
    }
    if (key.revoked() && index >= key.revokedAt()) {
      return new Finding(Failure.KEY_REVOKED, index, hash, null,
          "key " + body.key().toHex() + " of " + body.actor() + " was revoked at entry " + key.revokedAt(),
          "signed before entry " + key.revokedAt(), "signed at entry " + index);
    }

    for (Link link : body.links()) {
      byte[] head = state.get(Table.HEADS, KeyLayout.headKey(link.lot()));
      EntryHash current = head == null ? null : EntryHash.of(head);
      if (!Objects.equals(current, link.prev())) {
        return new Finding(Failure.LINK_MISMATCH, index, hash, link.lot(),
            "link does not name the lot's head", describe(current), describe(link.prev()));
      }
    }

    if (event instanceof RegistryEvent reg) {
      return checkRegistry(reg, body.actor(), index, hash, state);
    }
    String eventId = event.context().eventId();
    if (eventId != null) {
      byte[] earlier = state.get(Table.EVENT_IDS, KeyLayout.eventIdKey(eventId));
      if (earlier != null) {
        return new Finding(Failure.DUPLICATE_EVENT_ID, index, hash, null,
            "event ID " + eventId + " is already carried by entry " + KeyLayout.u64(earlier), "a new event ID", eventId);
      }
    }
    return null;
  }

  private static Finding checkRegistry(RegistryEvent reg, ActorId signer, long index, EntryHash hash, Reader state)
      throws StoreException {
    ActorId root = new ActorId(KeyLayout.utf8(state.get(Table.META, KeyLayout.META_ROOT)));
    boolean byRoot = signer.equals(root);
    boolean bySelf = signer.equals(reg.actor());
    boolean actorKnown = state.get(Table.ACTORS, KeyLayout.actorKey(reg.actor())) != null;
    byte[] keyValue = state.get(Table.KEYS, reg.key().toBytes());
    if (reg instanceof RegistryEvent.ActorRegistered) {
      if (!byRoot) {
        return unauthorized(index, hash, "only the root actor registers actors", root, signer);
      }
      if (actorKnown) {
        return unauthorized(index, hash, "actor " + reg.actor() + " is already registered", "a new actor", reg.actor());
      }
      if (keyValue != null) {
        return unauthorized(index, hash, "key " + reg.key().toHex() + " is already registered", "a new key", reg.key().toHex());
      }
    } else if (reg instanceof RegistryEvent.KeyAdded) {
      if (!byRoot && !bySelf) {
        return unauthorized(index, hash, "only the actor or the root adds its keys", reg.actor(), signer);
      }
      if (!actorKnown) {
        return unauthorized(index, hash, "actor " + reg.actor() + " is not registered", "a registered actor", reg.actor());
      }
      if (keyValue != null) {
        return unauthorized(index, hash, "key " + reg.key().toHex() + " is already registered", "a new key", reg.key().toHex());
      }
    } else if (reg instanceof RegistryEvent.KeyRevoked) {
      if (!byRoot && !bySelf) {
        return unauthorized(index, hash, "only the actor or the root revokes its keys", reg.actor(), signer);
      }
      if (keyValue == null || !KeyLayout.keyRecord(keyValue).actor().equals(reg.actor())) {
        return unauthorized(index, hash, "key " + reg.key().toHex() + " is not a key of " + reg.actor(), reg.actor(), "another or no actor");
      }
      if (KeyLayout.keyRecord(keyValue).revoked()) {
        return unauthorized(index, hash, "key " + reg.key().toHex() + " is already revoked", "an active key", "revoked");
      }
    }
    return null;
  }

  private static Finding unauthorized(long index, EntryHash hash, String detail, Object expected, Object actual) {
    return new Finding(Failure.UNAUTHORIZED, index, hash, null, detail, String.valueOf(expected), String.valueOf(actual));
  }

  /**
   * Adds to {@code out} every record that {@code entry}, accepted at {@code index}, puts in the store.
   * {@code state} must be the state just before the entry (the same one {@link #check} saw).
   */
  public static void derive(SignedEntry entry, long index, Reader state, WriteBatch out) throws StoreException {
    derive(entry, index, state, out, true);
  }

  /**
   * As {@link #derive(SignedEntry, long, Reader, WriteBatch)}; without the registry and lot-state
   * records when {@code effective} is false, as for an entry that broke a rule: its registry change and
   * its custody or quantity moves never took effect, so later entries are judged without them.
   */
  public static void derive(SignedEntry entry, long index, Reader state, WriteBatch out, boolean effective)
      throws StoreException {
    LotRules.Outcome lots = effective && !(entry.body().event() instanceof RegistryEvent)
        ? LotRules.apply(entry, index, state) : null;
    derive(entry, index, state, out, effective, lots);
  }

  /**
   * Judges and derives in one pass: returns the first rule {@code entry} breaks (null when none) and
   * adds to {@code out} what the entry puts in the store, without the registry and lot-state effects
   * when it broke a rule. The same result as {@link #check} followed by {@link #derive(SignedEntry,
   * long, Reader, WriteBatch, boolean)}, with the custody and balance judgement made once.
   */
  public static Finding apply(SignedEntry entry, long index, Reader state, WriteBatch out) throws StoreException {
    Finding f = checkChain(entry, index, state);
    LotRules.Outcome lots = null;
    if (f == null && !(entry.body().event() instanceof RegistryEvent)) {
      lots = LotRules.apply(entry, index, state);
      f = lots.violation();
    }
    derive(entry, index, state, out, f == null, lots);
    return f;
  }

  private static void derive(SignedEntry entry, long index, Reader state, WriteBatch out, boolean effective,
      LotRules.Outcome lots) throws StoreException {
    EntryBody body = entry.body();
    Event event = body.event();
    out.put(Table.ENTRIES, KeyLayout.entryKey(index), entry.encoded());
    out.put(Table.HASHES, KeyLayout.hashKey(entry.hash()), KeyLayout.u64(index));
    out.put(Table.META, KeyLayout.META_SIZE, KeyLayout.u64(index + 1));
    deriveTree(entry.hash(), index, state, out);
    byte[] hash = entry.hash().toBytes();
    for (Link link : body.links()) {
      LotId lot = link.lot();
      if (state.get(Table.HEADS, KeyLayout.headKey(lot)) == null) {
        out.put(Table.LOTS, KeyLayout.lotsKey(index, lot), KeyLayout.EMPTY);
      }
      out.put(Table.HEADS, KeyLayout.headKey(lot), hash);
      out.put(Table.HISTORY, KeyLayout.historyKey(lot, index), KeyLayout.EMPTY);
    }
    if (effective && event.context().eventId() != null) {
      out.put(Table.EVENT_IDS, KeyLayout.eventIdKey(event.context().eventId()), KeyLayout.u64(index));
    }
    if (event instanceof TransformationEvent t) {
      for (var in : t.inputs()) {
        for (var o : t.outputs()) {
          if (in.lot().equals(o.lot())) {
            continue; // processed in place: a lot is not its own parent
          }
          out.put(Table.PARENTS, KeyLayout.edgeKey(o.lot(), in.lot()), KeyLayout.EMPTY);
          out.put(Table.CHILDREN, KeyLayout.edgeKey(in.lot(), o.lot()), KeyLayout.EMPTY);
        }
      }
    }
    if (effective) {
      deriveRegistry(entry, index, state, out);
      if (lots != null && lots.violation() == null) {
        for (var s : lots.states().entrySet()) {
          out.put(Table.LOT_STATE, KeyLayout.lotStateKey(s.getKey()), s.getValue().toBytes());
        }
      }
    }
  }

  /**
   * The registry records (META origin and root at genesis, ACTORS, KEYS) that {@code entry} adds: all
   * a verifier needs to judge later signatures. Used alone by verifiers that hold only some entries.
   */
  public static void deriveRegistry(SignedEntry entry, long index, Reader state, WriteBatch out) throws StoreException {
    EntryBody body = entry.body();
    Event event = body.event();
    if (event instanceof RegistryEvent.ActorRegistered reg) {
      if (index == 0) {
        out.put(Table.META, KeyLayout.META_FORMAT, KeyLayout.FORMAT_VERSION);
        out.put(Table.META, KeyLayout.META_ORIGIN, KeyLayout.utf8(body.origin()));
        out.put(Table.META, KeyLayout.META_ROOT, KeyLayout.actorKey(reg.actor()));
      }
      out.put(Table.ACTORS, KeyLayout.actorKey(reg.actor()), KeyLayout.actorValue(index, reg.name()));
      out.put(Table.KEYS, reg.key().toBytes(), KeyLayout.keyValue(index, KeyLayout.NOT_REVOKED, reg.actor()));
    } else if (event instanceof RegistryEvent.KeyAdded add) {
      out.put(Table.KEYS, add.key().toBytes(), KeyLayout.keyValue(index, KeyLayout.NOT_REVOKED, add.actor()));
    } else if (event instanceof RegistryEvent.KeyRevoked rev) {
      byte[] record = state.get(Table.KEYS, rev.key().toBytes());
      if (record == null) {
        throw new StoreException("entry " + index + " revokes key " + rev.key().toHex() + ", which is not registered");
      }
      KeyRecord old = KeyLayout.keyRecord(record);
      out.put(Table.KEYS, rev.key().toBytes(), KeyLayout.keyValue(old.addedAt(), index, rev.actor()));
    }
  }

  /**
   * The Merkle tree nodes that leaf {@code index} completes: the leaf itself (RFC 9162 leaf hash of the
   * entry hash) and each perfect subtree whose last leaf it is, combining with the left siblings stored
   * before. Amortised two nodes per entry; roots and proofs are then O(log n) reads.
   */
  private static void deriveTree(EntryHash hash, long index, Reader state, WriteBatch out) throws StoreException {
    NodeHash node = TreeHasher.leaf(hash.toBytes());
    out.put(Table.TREE, KeyLayout.treeKey(0, index), node.toBytes());
    long i = index;
    int level = 0;
    while ((i & 1) == 1) {
      byte[] left = state.get(Table.TREE, KeyLayout.treeKey(level, i - 1));
      if (left == null || left.length != NodeHash.LENGTH) {
        throw new StoreException("Merkle tree node (level " + level + ", index " + (i - 1) + ") is missing or malformed");
      }
      node = TreeHasher.node(NodeHash.of(left), node);
      level++;
      i >>>= 1;
      out.put(Table.TREE, KeyLayout.treeKey(level, i), node.toBytes());
    }
  }

  private static String describe(EntryHash h) {
    return h == null ? "none (first event of the lot)" : h.toHex();
  }
}
