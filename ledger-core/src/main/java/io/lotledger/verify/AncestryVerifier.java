package io.lotledger.verify;

import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotState;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.StoreException;
import io.lotledger.state.RegisteredKey;
import io.lotledger.state.StoredLedger;
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
 * parent's head, so every ancestor's whole chain is verified too. Finally the derived indexes a
 * reader of the ancestry would consult (HISTORY, PARENTS, CHILDREN) are compared with what the
 * entries say, so that a deleted or forged index record is reported here and not only by a full
 * verification.
 */
final class AncestryVerifier {
  /** Where findings go: {@code verify} throws on the first, {@code audit} collects them. */
  @FunctionalInterface
  interface Sink {
    void report(Finding f) throws VerificationException;
  }

  /**
   * A hash link still to follow: the entry must sit below {@code before} and touch {@code lot}
   * (when not null).
   */
  private record Ref(EntryHash hash, long before, LotId lot, String from) {}

  private final StoredLedger store;
  private final Sink sink;
  private final ArrayDeque<Ref> work = new ArrayDeque<>();

  /** Every entry reached that decoded and is the one its referrer names, by hash. */
  private final Map<EntryHash, Entry> reached = new HashMap<>();

  /**
   * Lots whose chain was walked back to its first entry; a chain cut at a reported break is not
   * compared.
   */
  private final Set<LotId> complete = new HashSet<>();

  private String origin;

  private AncestryVerifier(StoredLedger store, Sink sink) {
    this.store = store;
    this.sink = sink;
  }

  /**
   * Verifies {@code lot}'s provenance and returns its ancestry; throws at the first broken fact.
   *
   * @throws VerificationException at the first broken fact
   * @throws LedgerException NOT_FOUND if the ledger has never seen {@code lot}
   */
  static LotAncestry verify(StoredLedger store, LotId lot) throws LedgerException {
    return new AncestryVerifier(
            store,
            f -> {
              throw new VerificationException(f);
            })
        .walk(lot, List.of());
  }

  /**
   * As {@link #verify}, but collects every finding and returns the ancestry as far as the entries
   * that could be read show it.
   *
   * @throws LedgerException NOT_FOUND if the ledger has never seen {@code lot}
   */
  static LotAncestry audit(StoredLedger store, LotId lot) throws LedgerException {
    List<Finding> findings = new ArrayList<>();
    return new AncestryVerifier(store, findings::add).walk(lot, findings);
  }

  private LotAncestry walk(LotId lot, List<Finding> findings) throws LedgerException {
    if (headOf(lot) == null) {
      throw new LedgerException(
          LedgerException.Code.NOT_FOUND, "no lot " + lot + " in this ledger");
    }
    origin = store.origin();

    Map<LotId, List<Entry>> histories = new LinkedHashMap<>();
    Map<LotId, Set<LotId>> parents = new LinkedHashMap<>();
    ArrayDeque<LotId> lots = new ArrayDeque<>(List.of(lot));
    Set<LotId> queued = new HashSet<>(lots);
    while (!lots.isEmpty()) {
      LotId l = lots.poll();
      EntryHash head = headOf(l);
      if (head == null || head == MALFORMED) {
        sink.report(
            new Finding(
                Failure.STORE_MISMATCH,
                -1,
                null,
                l,
                "the heads record of "
                    + l
                    + ", an input of a transformation in the ancestry, is "
                    + (head == null ? "missing" : "malformed"),
                "an entry hash",
                head == null ? "missing" : "malformed"));
        histories.put(l, List.of());
        parents.put(l, Set.of());
        continue;
      }
      work.add(new Ref(head, Long.MAX_VALUE, l, "head of " + l));
      drain();
      List<Entry> chain = chain(l, head);
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
    // Custody and balance are replayed only over a closure that verified: otherwise there is
    // nothing to show.
    Map<LotId, LotState> states =
        findings.isEmpty()
            ? new CustodyReplay(store).states(reached.values(), histories.keySet(), sink)
            : Map.of();
    return new LotAncestry(lot, histories, parents, states, findings);
  }

  /** Stands for a heads record that is not an entry hash. */
  private static final EntryHash MALFORMED = EntryHash.of(new byte[EntryHash.LENGTH]);

  /**
   * {@code lot}'s head; null when it has none, {@link #MALFORMED} when its record is not a hash.
   */
  private EntryHash headOf(LotId lot) throws StoreException {
    try {
      return store.head(lot);
    } catch (StoreException e) {
      return MALFORMED;
    }
  }

  /** Follows every queued link, verifying each entry once. */
  private void drain() throws LedgerException {
    while (!work.isEmpty()) {
      step(work.poll());
    }
  }

  /**
   * Checks one link: the entry must be the one named (its hash), sit at a lower index, be
   * canonical, correctly signed by a key valid at its index, and touch the lot its referrer links;
   * then queues its own links and the registry entries that added and revoked its key.
   */
  private void step(Ref ref) throws LedgerException {
    Entry seen = reached.get(ref.hash());
    if (seen != null) {
      // Verified already; this referrer's own conditions (order, lot) still have to hold.
      checkReferrer(ref, seen.index(), seen.signed());
      return;
    }
    long index = store.indexOf(ref.hash());
    if (index < 0) {
      report(
          Failure.LINK_MISMATCH,
          -1,
          ref.hash(),
          ref.lot(),
          ref.from() + " names an entry the ledger does not hold",
          ref.hash().toHex(),
          "missing");
      return;
    }
    byte[] bytes = store.entryBytes(index);
    if (bytes == null || !ref.hash().equals(EntryHash.ofEntry(bytes))) {
      report(
          Failure.STORE_MISMATCH,
          index,
          ref.hash(),
          ref.lot(),
          "entry " + index + " is not the entry " + ref.from() + " names",
          ref.hash().toHex(),
          bytes == null ? "missing" : EntryHash.ofEntry(bytes).toHex());
      if (bytes == null) {
        return;
      }
      // Only an audit gets here: it goes on with the entry the store holds, so that a report can
      // show it, flagged.
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
      report(
          Failure.WRONG_ORIGIN,
          index,
          ref.hash(),
          null,
          "entry was signed for another ledger",
          origin,
          entry.body().origin());
    }
    if (!entry.signatureValid()) {
      report(
          Failure.BAD_SIGNATURE,
          index,
          ref.hash(),
          null,
          "signature does not verify under key " + entry.body().key().toHex(),
          "valid Ed25519 signature",
          "invalid");
    }
    if (index == 0) {
      if (!(entry.body().event() instanceof RegistryEvent.ActorRegistered reg)
          || !reg.actor().equals(entry.body().actor())
          || !reg.key().equals(entry.body().key())) {
        report(
            Failure.BAD_GENESIS,
            0,
            ref.hash(),
            null,
            "entry 0 is not the root's self-signed registration",
            "self-signed ActorRegistered",
            entry.body().event().getClass().getSimpleName());
      }
    } else {
      checkKey(index, entry);
    }
    for (Link link : entry.body().links()) {
      if (link.prev() != null) {
        work.add(
            new Ref(
                link.prev(), index, link.lot(), "entry " + index + "'s link for " + link.lot()));
      }
    }
  }

  private void checkReferrer(Ref ref, long index, SignedEntry entry) throws VerificationException {
    if (index >= ref.before()) {
      report(
          Failure.LINK_MISMATCH,
          index,
          ref.hash(),
          ref.lot(),
          ref.from() + " names a later entry",
          "index < " + ref.before(),
          String.valueOf(index));
    }
    if (ref.lot() != null && !entry.body().linksByLot().containsKey(ref.lot())) {
      report(
          Failure.LINK_MISMATCH,
          index,
          ref.hash(),
          ref.lot(),
          ref.from() + " names an entry that does not touch the lot",
          ref.lot().uri(),
          "absent");
    }
  }

  /**
   * The signing key is registered to the signer and valid at {@code index}, as registry entries
   * (queued) prove.
   */
  private void checkKey(long index, SignedEntry entry) throws LedgerException {
    RegisteredKey key = store.key(entry.body().key());
    if (key == null) {
      report(
          Failure.UNKNOWN_KEY,
          index,
          entry.hash(),
          null,
          "signing key is not registered",
          "a registered key",
          entry.body().key().toHex());
      return;
    }
    if (!key.actor().equals(entry.body().actor())) {
      report(
          Failure.KEY_ACTOR_MISMATCH,
          index,
          entry.hash(),
          null,
          "key is registered to another actor",
          key.actor().uri(),
          entry.body().actor().uri());
    }
    if (!key.validAt(index)) {
      report(
          Failure.KEY_REVOKED,
          index,
          entry.hash(),
          null,
          "key is not valid at this index",
          "added before and not revoked at " + index,
          "added at " + key.addedAt() + (key.revoked() ? ", revoked at " + key.revokedAt() : ""));
    }
    // The key record is derived data: prove it from the registry entries it cites, and verify those
    // too.
    registryRef(key.addedAt(), entry, false, "key registration cited by entry " + index);
    if (key.revoked()) {
      registryRef(key.revokedAt(), entry, true, "key revocation cited by entry " + index);
    }
  }

  private void registryRef(long registryIndex, SignedEntry signed, boolean revocation, String from)
      throws LedgerException {
    byte[] bytes = store.entryBytes(registryIndex);
    if (bytes == null) {
      report(
          Failure.STORE_MISMATCH,
          registryIndex,
          null,
          null,
          from + " is missing",
          "an entry",
          "missing");
      return;
    }
    SignedEntry reg;
    try {
      reg = EntryCodec.decode(bytes);
    } catch (EntryFormatException e) {
      report(
          Failure.MALFORMED_ENTRY,
          registryIndex,
          EntryHash.ofEntry(bytes),
          null,
          e.getMessage(),
          null,
          null);
      return;
    }
    boolean rightKind =
        revocation
            ? reg.body().event() instanceof RegistryEvent.KeyRevoked
            : reg.body().event() instanceof RegistryEvent.ActorRegistered
                || reg.body().event() instanceof RegistryEvent.KeyAdded;
    if (!rightKind
        || !(reg.body().event() instanceof RegistryEvent r)
        || !r.key().equals(signed.body().key())
        || !r.actor().equals(signed.body().actor())) {
      report(
          Failure.STORE_MISMATCH,
          registryIndex,
          reg.hash(),
          null,
          from + " does not concern key " + signed.body().key().toHex(),
          "a registry entry for the key",
          reg.body().event().getClass().getSimpleName());
      return;
    }
    work.add(new Ref(reg.hash(), Long.MAX_VALUE, null, from));
  }

  /**
   * {@code lot}'s chain, oldest first: from its head back along its own links, through entries the
   * walk reached. Every entry that touches a lot links the lot's previous entry, so this is the
   * lot's whole history. Stops where the walk already reported a broken link; the lot is {@link
   * #complete} when the chain reaches the lot's first entry.
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

  /**
   * The lots {@code lot} was made from, in lot order, each with the first transformation of its
   * chain that did.
   */
  private static Map<LotId, Entry> madeFrom(LotId lot, List<Entry> chain) {
    TreeMap<LotId, Entry> parents = new TreeMap<>();
    for (Entry e : chain) {
      if (e.event() instanceof TransformationEvent t
          && t.outputs().stream().anyMatch(o -> o.lot().equals(lot))) {
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
   * The indexes a reader of {@code lot} consults must say what its chain says: one HISTORY record
   * per entry of the chain and no other, one PARENTS record per lot it was made from and no other,
   * and the CHILDREN record of each such edge.
   */
  private void compareIndexes(LotId lot, List<Entry> chain, Map<LotId, Entry> madeFrom)
      throws LedgerException {
    TreeSet<Long> indexed = new TreeSet<>(store.history(lot));
    for (Entry e : chain) {
      if (!indexed.remove(e.index())) {
        report(
            Failure.STORE_MISMATCH,
            e.index(),
            e.hash(),
            lot,
            "the history record of entry " + e.index() + " is missing from the index",
            "present",
            "missing");
      }
    }
    for (long extra : indexed) {
      report(
          Failure.STORE_MISMATCH,
          extra,
          null,
          lot,
          "a history record names entry " + extra + ", which is not on the lot's chain",
          "absent",
          "present");
    }

    Set<LotId> stored = new LinkedHashSet<>();
    try {
      stored.addAll(store.parents(lot));
    } catch (StoreException e) {
      report(
          Failure.STORE_MISMATCH,
          -1,
          null,
          lot,
          "a parents record of the lot is malformed: " + e.getMessage(),
          null,
          null);
    }
    for (Map.Entry<LotId, Entry> p : madeFrom.entrySet()) {
      Entry by = p.getValue();
      if (!stored.remove(p.getKey())) {
        report(
            Failure.STORE_MISMATCH,
            by.index(),
            by.hash(),
            lot,
            "the parents record naming "
                + p.getKey()
                + " is missing from the index (entry "
                + by.index()
                + " made the lot from it)",
            p.getKey().uri(),
            "missing");
      }
      if (!store.hasChild(p.getKey(), lot)) {
        report(
            Failure.STORE_MISMATCH,
            by.index(),
            by.hash(),
            lot,
            "the children record of "
                + p.getKey()
                + " naming the lot is missing from the index (entry "
                + by.index()
                + " made the lot from it)",
            lot.uri(),
            "missing");
      }
    }
    for (LotId extra : stored) {
      report(
          Failure.STORE_MISMATCH,
          -1,
          null,
          lot,
          "a parents record names "
              + extra
              + ", which no transformation on the lot's chain made it from",
          "absent",
          extra.uri());
    }
  }

  /**
   * Every reached entry that touches a lot of the ancestry must be on that lot's chain: one that is
   * not sits after the entry the lot's heads record names, a head rolled back to hide later
   * entries.
   */
  private void reportEntriesOffTheirChains(Map<LotId, List<Entry>> histories)
      throws VerificationException {
    Map<LotId, Set<Long>> onChain = new HashMap<>();
    histories.forEach(
        (l, chain) ->
            onChain.put(
                l, chain.stream().map(Entry::index).collect(java.util.stream.Collectors.toSet())));
    List<Entry> all = new ArrayList<>(reached.values());
    all.sort(java.util.Comparator.comparingLong(Entry::index));
    for (Entry e : all) {
      for (Link link : e.body().links()) {
        Set<Long> chain = onChain.get(link.lot());
        if (chain != null && complete.contains(link.lot()) && !chain.contains(e.index())) {
          report(
              Failure.STORE_MISMATCH,
              e.index(),
              e.hash(),
              link.lot(),
              "the entry touches the lot but is not on its chain from the lot's heads record",
              "on the chain",
              "off the chain");
        }
      }
    }
  }

  private void report(
      Failure failure,
      long index,
      EntryHash hash,
      LotId lot,
      String detail,
      String expected,
      String actual)
      throws VerificationException {
    sink.report(new Finding(failure, index, hash, lot, detail, expected, actual));
  }
}
