package io.lotledger.verify;

import io.lotledger.LedgerException;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.KeyLayout.KeyRecord;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Verifies one lot's provenance in a stored ledger without reading the rest of it: the walk behind
 * {@link ChainVerifier#verifyLot} and {@link ChainVerifier#auditLot}. Not thread-safe, one instance
 * per walk; the store may be read concurrently.
 *
 * <p>The walk starts at the lot's head and follows every hash link of every entry it reaches. The
 * lot's ancestry is then read from those entries, never from the PARENTS index: a lot's parents are
 * the inputs of the transformations on its own chain that output it; the walk continues from each
 * parent's head, so every ancestor's whole chain is verified too. Finally the derived indexes a reader
 * of the ancestry would consult (HISTORY, PARENTS, CHILDREN) are compared with what the entries say,
 * so that a deleted or forged index record is reported here and not only by a full verification.
 */
final class AncestryVerifier {
  /** Where findings go: {@code verify} throws on the first, {@code audit} collects them. */
  @FunctionalInterface
  private interface Sink {
    void report(Finding f) throws VerificationException;
  }

  /** A hash link still to follow: the entry must sit below {@code before} and touch {@code lot} (when not null). */
  private record Ref(EntryHash hash, long before, LotId lot, String from) {}

  private final LedgerStore store;
  private final Sink sink;
  private final ArrayDeque<Ref> work = new ArrayDeque<>();
  /** Every entry reached that decoded and is the one its referrer names, by hash. */
  private final Map<EntryHash, Entry> reached = new HashMap<>();
  /** Lots whose chain was walked back to its first entry; a chain cut at a reported break is not compared. */
  private final Set<LotId> complete = new HashSet<>();
  private String origin;

  private AncestryVerifier(LedgerStore store, Sink sink) {
    this.store = store;
    this.sink = sink;
  }

  /**
   * Verifies {@code lot}'s provenance and returns its ancestry; throws at the first broken fact.
   *
   * @throws VerificationException at the first broken fact
   * @throws LedgerException NOT_FOUND if the ledger has never seen {@code lot}
   */
  static LotAncestry verify(LedgerStore store, LotId lot) throws LedgerException {
    return new AncestryVerifier(store, f -> {
      throw new VerificationException(f);
    }).walk(lot, List.of());
  }

  /**
   * As {@link #verify}, but collects every finding and returns the ancestry as far as the entries that
   * could be read show it.
   *
   * @throws LedgerException NOT_FOUND if the ledger has never seen {@code lot}
   */
  static LotAncestry audit(LedgerStore store, LotId lot) throws LedgerException {
    List<Finding> findings = new ArrayList<>();
    return new AncestryVerifier(store, findings::add).walk(lot, findings);
  }

  private LotAncestry walk(LotId lot, List<Finding> findings) throws LedgerException {
    if (store.get(Table.HEADS, KeyLayout.headKey(lot)) == null) {
      throw new LedgerException(LedgerException.Code.NOT_FOUND, "no lot " + lot + " in this ledger");
    }
    byte[] originBytes = store.get(Table.META, KeyLayout.META_ORIGIN);
    origin = originBytes == null ? null : KeyLayout.utf8(originBytes);

    Map<LotId, List<Entry>> histories = new LinkedHashMap<>();
    Map<LotId, Set<LotId>> parents = new LinkedHashMap<>();
    ArrayDeque<LotId> lots = new ArrayDeque<>(List.of(lot));
    Set<LotId> queued = new HashSet<>(lots);
    while (!lots.isEmpty()) {
      LotId l = lots.poll();
      byte[] head = store.get(Table.HEADS, KeyLayout.headKey(l));
      if (head == null || head.length != EntryHash.LENGTH) {
        sink.report(new Finding(Failure.STORE_MISMATCH, -1, null, l, "the heads record of " + l
            + ", an input of a transformation in the ancestry, is " + (head == null ? "missing" : "malformed"),
            "an entry hash", head == null ? "missing" : head.length + " bytes"));
        histories.put(l, List.of());
        parents.put(l, Set.of());
        continue;
      }
      work.add(new Ref(EntryHash.of(head), Long.MAX_VALUE, l, "head of " + l));
      drain();
      List<Entry> chain = chain(l, EntryHash.of(head));
      Map<LotId, Entry> madeFrom = madeFrom(l, chain);
      histories.put(l, chain);
      parents.put(l, madeFrom.keySet());
      if (complete.contains(l)) {
        compareIndexes(l, chain, madeFrom);
      }
      for (LotId p : madeFrom.keySet()) {
        if (queued.add(p)) {
          lots.add(p);
        }
      }
    }
    reportEntriesOffTheirChains(histories);
    // Custody and balance are replayed only over a closure that verified: otherwise there is nothing to show.
    Map<LotId, LotState> states = findings.isEmpty() ? replayStates(histories.keySet()) : Map.of();
    return new LotAncestry(lot, histories, parents, states, findings);
  }

  /** Follows every queued link, verifying each entry once. */
  private void drain() throws LedgerException {
    while (!work.isEmpty()) {
      step(work.poll());
    }
  }

  /**
   * Checks one link: the entry must be the one named (its hash), sit at a lower index, be canonical,
   * correctly signed by a key valid at its index, and touch the lot its referrer links; then queues
   * its own links and the registry entries that added and revoked its key.
   */
  private void step(Ref ref) throws LedgerException {
    Entry seen = reached.get(ref.hash());
    if (seen != null) {
      // Verified already; this referrer's own conditions (order, lot) still have to hold.
      checkReferrer(ref, seen.index(), seen.signed());
      return;
    }
    byte[] indexBytes = store.get(Table.HASHES, ref.hash().toBytes());
    if (indexBytes == null) {
      report(Failure.LINK_MISMATCH, -1, ref.hash(), ref.lot(),
          ref.from() + " names an entry the ledger does not hold", ref.hash().toHex(), "missing");
      return;
    }
    long index = KeyLayout.u64(indexBytes);
    byte[] bytes = store.get(Table.ENTRIES, KeyLayout.entryKey(index));
    if (bytes == null || !ref.hash().equals(EntryHash.ofEntry(bytes))) {
      report(Failure.STORE_MISMATCH, index, ref.hash(), ref.lot(), "entry " + index + " is not the entry " + ref.from() + " names",
          ref.hash().toHex(), bytes == null ? "missing" : EntryHash.ofEntry(bytes).toHex());
      if (bytes == null) {
        return;
      }
      // Only an audit gets here: it goes on with the entry the store holds, so that a report can show it, flagged.
    }
    SignedEntry entry;
    try {
      entry = EntryCodec.decode(bytes);
    } catch (EntryFormatException e) {
      report(Failure.MALFORMED_ENTRY, index, ref.hash(), null, e.getMessage(), null, null);
      return;
    }
    reached.put(ref.hash(), new Entry(index, entry));
    checkReferrer(ref, index, entry);
    if (origin != null && !origin.equals(entry.body().origin())) {
      report(Failure.WRONG_ORIGIN, index, ref.hash(), null, "entry was signed for another ledger", origin, entry.body().origin());
    }
    if (!entry.signatureValid()) {
      report(Failure.BAD_SIGNATURE, index, ref.hash(), null,
          "signature does not verify under key " + entry.body().key().toHex(), "valid Ed25519 signature", "invalid");
    }
    if (index == 0) {
      if (!(entry.body().event() instanceof RegistryEvent.ActorRegistered reg)
          || !reg.actor().equals(entry.body().actor()) || !reg.key().equals(entry.body().key())) {
        report(Failure.BAD_GENESIS, 0, ref.hash(), null, "entry 0 is not the root's self-signed registration",
            "self-signed ActorRegistered", entry.body().event().getClass().getSimpleName());
      }
    } else {
      checkKey(index, entry);
    }
    for (Link link : entry.body().links()) {
      if (link.prev() != null) {
        work.add(new Ref(link.prev(), index, link.lot(), "entry " + index + "'s link for " + link.lot()));
      }
    }
  }

  private void checkReferrer(Ref ref, long index, SignedEntry entry) throws VerificationException {
    if (index >= ref.before()) {
      report(Failure.LINK_MISMATCH, index, ref.hash(), ref.lot(), ref.from() + " names a later entry",
          "index < " + ref.before(), String.valueOf(index));
    }
    if (ref.lot() != null && !entry.body().linksByLot().containsKey(ref.lot())) {
      report(Failure.LINK_MISMATCH, index, ref.hash(), ref.lot(), ref.from() + " names an entry that does not touch the lot",
          ref.lot().uri(), "absent");
    }
  }

  /** The signing key is registered to the signer and valid at {@code index}, as registry entries (queued) prove. */
  private void checkKey(long index, SignedEntry entry) throws LedgerException {
    byte[] keyValue = store.get(Table.KEYS, entry.body().key().toBytes());
    if (keyValue == null) {
      report(Failure.UNKNOWN_KEY, index, entry.hash(), null, "signing key is not registered", "a registered key", entry.body().key().toHex());
      return;
    }
    KeyRecord key = KeyLayout.keyRecord(keyValue);
    if (!key.actor().equals(entry.body().actor())) {
      report(Failure.KEY_ACTOR_MISMATCH, index, entry.hash(), null, "key is registered to another actor", key.actor().uri(),
          entry.body().actor().uri());
    }
    if (!key.validAt(index)) {
      report(Failure.KEY_REVOKED, index, entry.hash(), null, "key is not valid at this index",
          "added before and not revoked at " + index,
          "added at " + key.addedAt() + (key.revoked() ? ", revoked at " + key.revokedAt() : ""));
    }
    // The key record is derived data: prove it from the registry entries it cites, and verify those too.
    registryRef(key.addedAt(), entry, false, "key registration cited by entry " + index);
    if (key.revoked()) {
      registryRef(key.revokedAt(), entry, true, "key revocation cited by entry " + index);
    }
  }

  private void registryRef(long registryIndex, SignedEntry signed, boolean revocation, String from) throws LedgerException {
    byte[] bytes = store.get(Table.ENTRIES, KeyLayout.entryKey(registryIndex));
    if (bytes == null) {
      report(Failure.STORE_MISMATCH, registryIndex, null, null, from + " is missing", "an entry", "missing");
      return;
    }
    SignedEntry reg;
    try {
      reg = EntryCodec.decode(bytes);
    } catch (EntryFormatException e) {
      report(Failure.MALFORMED_ENTRY, registryIndex, EntryHash.ofEntry(bytes), null, e.getMessage(), null, null);
      return;
    }
    boolean rightKind = revocation
        ? reg.body().event() instanceof RegistryEvent.KeyRevoked
        : reg.body().event() instanceof RegistryEvent.ActorRegistered || reg.body().event() instanceof RegistryEvent.KeyAdded;
    if (!rightKind
        || !(reg.body().event() instanceof RegistryEvent r)
        || !r.key().equals(signed.body().key())
        || !r.actor().equals(signed.body().actor())) {
      report(Failure.STORE_MISMATCH, registryIndex, reg.hash(), null,
          from + " does not concern key " + signed.body().key().toHex(),
          "a registry entry for the key", reg.body().event().getClass().getSimpleName());
      return;
    }
    work.add(new Ref(reg.hash(), Long.MAX_VALUE, null, from));
  }

  /**
   * {@code lot}'s chain, oldest first: from its head back along its own links, through entries the
   * walk reached. Every entry that touches a lot links the lot's previous entry, so this is the lot's
   * whole history. Stops where the walk already reported a broken link; the lot is {@link #complete}
   * when the chain reaches the lot's first entry.
   */
  private List<Entry> chain(LotId lot, EntryHash head) {
    List<Entry> chain = new ArrayList<>();
    EntryHash next = head;
    long before = Long.MAX_VALUE;
    while (next != null) {
      Entry e = reached.get(next);
      if (e == null || e.index() >= before) {
        break;
      }
      Link own = e.body().linksByLot().get(lot);
      if (own == null) {
        break;
      }
      chain.add(e);
      before = e.index();
      next = own.prev();
      if (next == null) {
        complete.add(lot);
      }
    }
    Collections.reverse(chain);
    return chain;
  }

  /** The lots {@code lot} was made from, in lot order, each with the first transformation of its chain that did. */
  private static Map<LotId, Entry> madeFrom(LotId lot, List<Entry> chain) {
    TreeMap<LotId, Entry> parents = new TreeMap<>();
    for (Entry e : chain) {
      if (e.event() instanceof TransformationEvent t && t.outputs().stream().anyMatch(o -> o.lot().equals(lot))) {
        for (LotQuantity in : t.inputs()) {
          if (!in.lot().equals(lot)) { // processed in place: a lot is not its own parent
            parents.putIfAbsent(in.lot(), e);
          }
        }
      }
    }
    return new LinkedHashMap<>(parents);
  }

  /**
   * The indexes a reader of {@code lot} consults must say what its chain says: one HISTORY record per
   * entry of the chain and no other, one PARENTS record per lot it was made from and no other, and the
   * CHILDREN record of each such edge.
   */
  private void compareIndexes(LotId lot, List<Entry> chain, Map<LotId, Entry> madeFrom) throws LedgerException {
    byte[] prefix = KeyLayout.lotPrefix(lot);
    TreeSet<Long> indexed = new TreeSet<>();
    store.scan(Table.HISTORY, prefix, (k, v) -> indexed.add(KeyLayout.historyIndex(k)));
    for (Entry e : chain) {
      if (!indexed.remove(e.index())) {
        report(Failure.STORE_MISMATCH, e.index(), e.hash(), lot,
            "the history record of entry " + e.index() + " is missing from the index", "present", "missing");
      }
    }
    for (long extra : indexed) {
      report(Failure.STORE_MISMATCH, extra, null, lot,
          "a history record names entry " + extra + ", which is not on the lot's chain", "absent", "present");
    }

    Set<LotId> stored = new LinkedHashSet<>();
    try {
      store.scan(Table.PARENTS, prefix, (k, v) -> stored.add(KeyLayout.edgeTarget(k, prefix.length)));
    } catch (IllegalArgumentException e) {
      report(Failure.STORE_MISMATCH, -1, null, lot, "a parents record of the lot is malformed: " + e.getMessage(), null, null);
    }
    for (Map.Entry<LotId, Entry> p : madeFrom.entrySet()) {
      Entry by = p.getValue();
      if (!stored.remove(p.getKey())) {
        report(Failure.STORE_MISMATCH, by.index(), by.hash(), lot, "the parents record naming " + p.getKey()
            + " is missing from the index (entry " + by.index() + " made the lot from it)", p.getKey().uri(), "missing");
      }
      if (store.get(Table.CHILDREN, KeyLayout.edgeKey(p.getKey(), lot)) == null) {
        report(Failure.STORE_MISMATCH, by.index(), by.hash(), lot, "the children record of " + p.getKey()
            + " naming the lot is missing from the index (entry " + by.index() + " made the lot from it)", lot.uri(), "missing");
      }
    }
    for (LotId extra : stored) {
      report(Failure.STORE_MISMATCH, -1, null, lot, "a parents record names " + extra
          + ", which no transformation on the lot's chain made it from", "absent", extra.uri());
    }
  }

  /**
   * Every reached entry that touches a lot of the ancestry must be on that lot's chain: one that is not
   * sits after the entry the lot's heads record names, a head rolled back to hide later entries.
   */
  private void reportEntriesOffTheirChains(Map<LotId, List<Entry>> histories) throws VerificationException {
    Map<LotId, Set<Long>> onChain = new HashMap<>();
    histories.forEach((l, chain) -> onChain.put(l, chain.stream().map(Entry::index).collect(java.util.stream.Collectors.toSet())));
    List<Entry> all = new ArrayList<>(reached.values());
    all.sort(java.util.Comparator.comparingLong(Entry::index));
    for (Entry e : all) {
      for (Link link : e.body().links()) {
        Set<Long> chain = onChain.get(link.lot());
        if (chain != null && complete.contains(link.lot()) && !chain.contains(e.index())) {
          report(Failure.STORE_MISMATCH, e.index(), e.hash(), link.lot(),
              "the entry touches the lot but is not on its chain from the lot's heads record", "on the chain", "off the chain");
        }
      }
    }
  }

  /**
   * Every ancestry lot's custody and balance ({@link LotRules}), replayed from the reached entries in
   * index order, and compared with its LOT_STATE record. The walk followed every link of every reached
   * entry, so each lot an entry touches has its whole earlier chain among them: the replay sees each
   * lot exactly as the append path did. Registered actors (which decide whether a shipment stays in
   * the ledger) are read from ACTORS records as of each entry, each checked against the registration
   * entry it cites.
   */
  private Map<LotId, LotState> replayStates(Set<LotId> lots) throws LedgerException {
    Map<java.nio.ByteBuffer, byte[]> replayed = new HashMap<>();
    long[] at = {0};
    ChainRules.Reader state = (table, key) -> switch (table) {
      case LOT_STATE -> replayed.get(java.nio.ByteBuffer.wrap(key));
      case ACTORS -> actorAt(key, at[0]);
      default -> throw new IllegalStateException("custody rules read " + table.id() + ", which the replay does not hold");
    };
    List<Entry> ordered = new ArrayList<>(reached.values());
    ordered.sort(java.util.Comparator.comparingLong(Entry::index));
    for (Entry e : ordered) {
      if (e.event() instanceof RegistryEvent) {
        continue;
      }
      at[0] = e.index();
      LotRules.Outcome outcome = LotRules.apply(e.signed(), e.index(), state);
      if (outcome.violation() != null) {
        sink.report(outcome.violation());
        continue;
      }
      outcome.states().forEach((l, s) -> replayed.put(java.nio.ByteBuffer.wrap(KeyLayout.lotStateKey(l)), s.toBytes()));
    }
    Map<LotId, LotState> states = new LinkedHashMap<>();
    for (LotId l : lots) {
      byte[] expected = replayed.get(java.nio.ByteBuffer.wrap(KeyLayout.lotStateKey(l)));
      byte[] stored = store.get(Table.LOT_STATE, KeyLayout.lotStateKey(l));
      if (!java.util.Arrays.equals(expected, stored)) {
        report(Failure.STORE_MISMATCH, -1, null, l, "the lot-state record (custody and balance) disagrees with the entries",
            expected == null ? "not tracked" : LotState.parse(expected).toString(),
            stored == null ? "missing" : describeState(stored));
      }
      if (expected != null) {
        states.put(l, LotState.parse(expected));
      }
    }
    return states;
  }

  private static String describeState(byte[] stored) {
    try {
      return LotState.parse(stored).toString();
    } catch (IllegalArgumentException e) {
      return ChainVerifier.printable(stored);
    }
  }

  /** Actor registrations already checked against the entry they cite, by actor key bytes. */
  private final Map<java.nio.ByteBuffer, Long> registeredAt = new HashMap<>();

  /** The ACTORS record of the actor {@code key} as it stood before entry {@code index}; null if not registered then. */
  private byte[] actorAt(byte[] key, long index) throws StoreException {
    byte[] value = store.get(Table.ACTORS, key);
    if (value == null || value.length < 8) {
      return null;
    }
    java.nio.ByteBuffer actor = java.nio.ByteBuffer.wrap(key);
    Long since = registeredAt.get(actor);
    if (since == null) {
      since = KeyLayout.u64(value);
      byte[] bytes = store.get(Table.ENTRIES, KeyLayout.entryKey(since));
      boolean genuine = false;
      try {
        SignedEntry reg = bytes == null ? null : EntryCodec.decode(bytes);
        genuine = reg != null && reg.signatureValid() && reg.body().event() instanceof RegistryEvent.ActorRegistered r
            && r.actor().uri().equals(KeyLayout.utf8(key));
      } catch (EntryFormatException e) {
        genuine = false;
      }
      if (!genuine) {
        throw new StoreException("the actors record of " + KeyLayout.utf8(key) + " cites entry " + since
            + ", which does not register it (run verify)");
      }
      registeredAt.put(actor, since);
    }
    return since < index ? value : null;
  }

  private void report(Failure failure, long index, EntryHash hash, LotId lot, String detail, String expected, String actual)
      throws VerificationException {
    sink.report(new Finding(failure, index, hash, lot, detail, expected, actual));
  }
}
