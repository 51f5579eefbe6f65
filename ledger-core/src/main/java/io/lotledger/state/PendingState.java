package io.lotledger.state;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.log.NodeHash;
import io.lotledger.rules.LotState;
import io.lotledger.spi.StoreException;
import java.util.HashMap;
import java.util.Map;

/**
 * A ledger's state as it will be once some changes are applied: the changes reported here shadow
 * the state below, and a pending state may lie on another (a batch's layer on its commit group's).
 * Holds only what {@link Transition} reads, in domain types; what it only writes (entries' bytes,
 * lot histories, the lot graph) it does not keep. Not thread-safe.
 */
public final class PendingState implements LedgerState, StateChanges {
  private final LedgerState below;
  private String origin;
  private ActorId root;
  private final Map<Ed25519PublicKey, RegisteredKey> keys = new HashMap<>();
  private final Map<ActorId, RegisteredActor> actors = new HashMap<>();
  private final Map<LotId, EntryHash> heads = new HashMap<>();

  /**
   * Lot states in their stored form: a batch of a whole document may change many, and decoded
   * states take several times the memory.
   */
  private final Map<LotId, byte[]> lots = new HashMap<>();

  private final Map<String, Long> eventIds = new HashMap<>();
  private final Map<EntryHash, Long> hashes = new HashMap<>();

  /** Tree nodes by level, then index: the right edge the next leaves combine with. */
  private final Map<Long, NodeHash>[] tree = newTree();

  /** Pending changes over {@code below}. */
  public PendingState(LedgerState below) {
    this.below = below;
  }

  /** Changes over an empty ledger: a state built from nothing but the changes reported to it. */
  public static PendingState fromEmpty() {
    return new PendingState(EMPTY);
  }

  /** A ledger without entries. */
  private static final LedgerState EMPTY =
      new LedgerState() {
        @Override
        public String origin() {
          return null;
        }

        @Override
        public ActorId root() {
          return null;
        }

        @Override
        public RegisteredKey key(Ed25519PublicKey key) {
          return null;
        }

        @Override
        public RegisteredActor actor(ActorId actor) {
          return null;
        }

        @Override
        public EntryHash head(LotId lot) {
          return null;
        }

        @Override
        public long eventIndex(String eventId) {
          return -1;
        }

        @Override
        public long indexOf(EntryHash hash) {
          return -1;
        }

        @Override
        public NodeHash treeNode(int level, long index) {
          return null;
        }

        @Override
        public LotState lot(LotId lot) {
          return null;
        }
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<Long, NodeHash>[] newTree() {
    return new Map[64];
  }

  // ------------------------------------------------------------------ reads: pending first, then
  // below

  @Override
  public String origin() throws StoreException {
    return origin != null ? origin : below.origin();
  }

  @Override
  public ActorId root() throws StoreException {
    return root != null ? root : below.root();
  }

  @Override
  public RegisteredKey key(Ed25519PublicKey key) throws StoreException {
    RegisteredKey k = keys.get(key);
    return k != null ? k : below.key(key);
  }

  @Override
  public RegisteredActor actor(ActorId actor) throws StoreException {
    RegisteredActor a = actors.get(actor);
    return a != null ? a : below.actor(actor);
  }

  @Override
  public EntryHash head(LotId lot) throws StoreException {
    EntryHash h = heads.get(lot);
    return h != null ? h : below.head(lot);
  }

  @Override
  public long eventIndex(String eventId) throws StoreException {
    Long i = eventIds.get(eventId);
    return i != null ? i : below.eventIndex(eventId);
  }

  @Override
  public long indexOf(EntryHash hash) throws StoreException {
    Long i = hashes.get(hash);
    return i != null ? i : below.indexOf(hash);
  }

  @Override
  public NodeHash treeNode(int level, long index) throws StoreException {
    Map<Long, NodeHash> l = tree[level];
    NodeHash n = l == null ? null : l.get(index);
    return n != null ? n : below.treeNode(level, index);
  }

  @Override
  public LotState lot(LotId lot) throws StoreException {
    byte[] s = lots.get(lot);
    return s != null ? StoreLayout.lotState(s) : below.lot(lot);
  }

  // ------------------------------------------------------------------ changes

  @Override
  public void entry(long index, SignedEntry entry) {
    hashes.put(entry.hash(), index);
  }

  @Override
  public void treeNode(int level, long index, NodeHash node) {
    Map<Long, NodeHash> l = tree[level];
    if (l == null) {
      l = tree[level] = new HashMap<>();
    }
    l.put(index, node);
  }

  @Override
  public void linked(LotId lot, long index, EntryHash hash, boolean first) {
    heads.put(lot, hash);
  }

  @Override
  public void eventId(String eventId, long index) {
    eventIds.put(eventId, index);
  }

  @Override
  public void edge(LotId child, LotId parent) {
    // the rules do not read the lot graph
  }

  @Override
  public void genesis(String origin, ActorId root) {
    this.origin = origin;
    this.root = root;
  }

  @Override
  public void actor(ActorId actor, long index, String name) {
    actors.put(actor, new RegisteredActor(index, name == null ? "" : name));
  }

  @Override
  public void key(Ed25519PublicKey key, RegisteredKey registration) {
    keys.put(key, registration);
  }

  @Override
  public void lot(LotId lot, LotState state) {
    lots.put(lot, StoreLayout.lotStateValue(state));
  }
}
