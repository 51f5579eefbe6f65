package io.lotledger.bundle;

import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.RegistryEvent;
import io.lotledger.log.InclusionProof;
import io.lotledger.log.NodeHash;
import io.lotledger.log.ProofException;
import io.lotledger.log.TreeHasher;
import io.lotledger.note.Checkpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.StoreException;
import io.lotledger.state.PendingState;
import io.lotledger.state.Transition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies a {@link Bundle} offline, against {@link TrustAnchors} only — no database, no network.
 *
 * <ol>
 *   <li>the checkpoint is signed by the trusted log key and names the trusted origin (C2SP
 *       tlog-checkpoint);
 *   <li>every earlier checkpoint is signed by the log key, smaller, and extended by the checkpoint
 *       (RFC 9162 §2.1.4 consistency proof), so that no part of a bundle goes unchecked;
 *   <li>every entry is canonical and its RFC 9162 inclusion proof, computed from the entry's own
 *       bytes, leads to the checkpoint's root at the entry's index (a valid proof for one entry
 *       attached to another fails);
 *   <li>entry 0 names the trusted origin and registers the trusted root actor with the trusted key;
 *       replaying the registry in index order, every entry is signed by a key its actor held at
 *       that index ({@link Transition});
 *   <li>the lot's {@link Provenance} closure is complete: every followed hash link resolves to an
 *       entry of the bundle at a lower index that touches the linked lot;
 *   <li>with {@link RememberedCheckpoints}, the checkpoint is consistent with the one remembered
 *       for this log.
 * </ol>
 *
 * Throws at the first broken fact. Stateless and thread-safe.
 */
public final class BundleVerifier {
  /**
   * What a successful verification established.
   *
   * @param lot the lot whose provenance the bundle proves
   * @param checkpoint the bundle's checkpoint, its log signature verified
   * @param entries how many entries the bundle holds, each included in the checkpoint's tree
   * @param provenanceEntries how many of them the lot's provenance closure reached
   */
  public record Verified(
      io.lotledger.event.LotId lot, Checkpoint checkpoint, int entries, int provenanceEntries) {}

  private BundleVerifier() {}

  /**
   * Verifies {@code bundle} against {@code trust}, in the order listed above.
   *
   * @param bundle the parsed bundle
   * @param trust what the verifier trusts about the bundle's ledger
   * @param remembered the checkpoints seen before, checked and updated with the bundle's; null to
   *     skip that step
   * @return what was established: the lot, the verified checkpoint and the entry counts
   * @throws VerificationException at the first broken fact, naming the kind of {@link Failure} and
   *     the entry at fault; of kind {@link Failure#ROLLBACK ROLLBACK} or {@link Failure#SPLIT_VIEW
   *     SPLIT_VIEW} when the checkpoint does not extend the remembered one
   * @throws LedgerException if the remembered checkpoint is invalid or cannot be read or written
   */
  public static Verified verify(Bundle bundle, TrustAnchors trust, RememberedCheckpoints remembered)
      throws LedgerException {
    if (!bundle.origin().equals(trust.origin())) {
      throw fail(
          Failure.WRONG_ORIGIN,
          -1,
          null,
          "the bundle is for another ledger",
          trust.origin(),
          bundle.origin());
    }
    Checkpoint cp;
    try {
      cp = bundle.checkpoint().verify(trust.logKey());
    } catch (LedgerException e) {
      throw fail(
          Failure.BAD_CHECKPOINT,
          -1,
          null,
          e.getMessage(),
          "signed by " + trust.logKey().toVkey(),
          "not");
    }
    checkEarlier(bundle, trust, cp);

    Map<EntryHash, SignedEntry> byHash = new HashMap<>();
    Map<EntryHash, Long> indexOf = new HashMap<>();
    TreeMap<Long, SignedEntry> byIndex = new TreeMap<>();
    for (Bundle.Item item : bundle.items()) {
      long index = item.index();
      SignedEntry entry;
      try {
        entry = EntryCodec.decode(item.rawEntry());
      } catch (EntryFormatException e) {
        throw fail(
            Failure.MALFORMED_ENTRY,
            index,
            EntryHash.ofEntry(item.rawEntry()),
            e.getMessage(),
            null,
            null);
      }
      if (Long.compareUnsigned(index, cp.size()) >= 0) {
        throw fail(
            Failure.BAD_INCLUSION_PROOF,
            index,
            entry.hash(),
            "the entry is beyond the checkpoint",
            "index < " + cp.size(),
            String.valueOf(index));
      }
      InclusionProof proof = item.inclusion(cp.size());
      try {
        proof.verify(TreeHasher.leaf(entry.hash().toBytes()), cp.root());
      } catch (ProofException e) {
        throw fail(
            Failure.BAD_INCLUSION_PROOF,
            index,
            entry.hash(),
            e.getMessage(),
            cp.root().toHex(),
            e.calculated().map(NodeHash::toHex).orElse("another root"));
      }
      byHash.put(entry.hash(), entry);
      indexOf.put(entry.hash(), index);
      byIndex.put(index, entry);
    }

    SignedEntry genesis = byIndex.get(0L);
    if (genesis == null) {
      throw fail(
          Failure.INCOMPLETE_BUNDLE,
          0,
          null,
          "the bundle lacks entry 0, which registers the root actor",
          "entry 0",
          "missing");
    }
    if (!genesis.body().origin().equals(trust.origin())) {
      // Every later entry is held to entry 0's origin by the registry replay.
      throw fail(
          Failure.WRONG_ORIGIN,
          0,
          genesis.hash(),
          "entry 0 was signed for another ledger",
          trust.origin(),
          genesis.body().origin());
    }
    if (!(genesis.body().event() instanceof RegistryEvent.ActorRegistered reg)
        || !reg.actor().equals(trust.root())
        || !reg.key().equals(trust.rootKey())) {
      throw fail(
          Failure.UNTRUSTED_ROOT,
          0,
          genesis.hash(),
          "entry 0 does not register the trusted root actor and key",
          trust.root() + " " + trust.rootKey().toHex(),
          genesis.body().actor() + " " + genesis.body().key().toHex());
    }

    replayRegistry(byIndex);
    int provenanceEntries = checkProvenance(bundle, byHash, indexOf, byIndex);

    if (remembered != null) {
      remembered.observe(trust, bundle.checkpoint(), bundle.earlier());
    }
    return new Verified(bundle.lot(), cp, bundle.items().size(), provenanceEntries);
  }

  /**
   * The earlier checkpoints serve verifiers that remember checkpoints, but are checked for every
   * verifier: an unchecked part of a bundle could be altered by anyone on the way without the
   * bundle failing, and would mislead a verifier that remembers checkpoints reading it later.
   */
  private static void checkEarlier(Bundle bundle, TrustAnchors trust, Checkpoint cp)
      throws VerificationException {
    List<Bundle.Earlier> earlier = bundle.earlier();
    for (int i = 0; i < earlier.size(); i++) {
      Bundle.Earlier e = earlier.get(i);
      String where = "earlier checkpoint #" + i;
      Checkpoint old;
      try {
        old = e.checkpoint().verify(trust.logKey());
      } catch (LedgerException ex) {
        throw fail(
            Failure.BAD_CHECKPOINT,
            -1,
            null,
            where + ": " + ex.getMessage(),
            "signed by " + trust.logKey().toVkey(),
            "not");
      }
      if (old.size() == 0 || Long.compareUnsigned(old.size(), cp.size()) >= 0) {
        throw fail(
            Failure.BAD_CHECKPOINT,
            -1,
            null,
            where + " is not smaller than the bundle's checkpoint",
            "size 1.." + Long.toUnsignedString(cp.size() - 1),
            Long.toUnsignedString(old.size()));
      }
      try {
        e.proofTo(cp.size()).verify(old.root(), cp.root());
      } catch (ProofException ex) {
        throw fail(
            Failure.SPLIT_VIEW,
            -1,
            null,
            where
                + " (size "
                + Long.toUnsignedString(old.size())
                + ") is not extended by the bundle's checkpoint: "
                + ex.getMessage(),
            "a valid consistency proof",
            "none");
      }
    }
  }

  /** Judges each entry's signature and key at its index, replaying registry changes in order. */
  private static void replayRegistry(TreeMap<Long, SignedEntry> byIndex) throws LedgerException {
    // The registry as the bundle's entries build it: the same state transition as the ledger's own.
    PendingState registry = PendingState.fromEmpty();
    for (var e : byIndex.entrySet()) {
      long index = e.getKey();
      SignedEntry entry = e.getValue();
      if (!entry.signatureValid()) {
        throw fail(
            Failure.BAD_SIGNATURE,
            index,
            entry.hash(),
            "signature does not verify under key " + entry.body().key().toHex(),
            "valid Ed25519 signature",
            "invalid");
      }
      // Links are judged by the provenance walk; here every link is taken as naming the lot's head.
      PendingState state = new PendingState(registry);
      for (Link l : entry.body().links()) {
        if (l.prev() != null) {
          state.linked(l.lot(), index, l.prev(), false);
        }
      }
      Finding f;
      try {
        f = Transition.checkChain(entry, index, state);
        if (f == null) {
          Transition.deriveRegistry(entry, index, state, registry);
        }
      } catch (StoreException ex) {
        throw new IllegalStateException("in-memory registry state cannot fail", ex);
      }
      if (f != null) {
        throw new VerificationException(f);
      }
    }
  }

  /** Checks the lot's provenance closure and returns how many entries it holds. */
  private static int checkProvenance(
      Bundle bundle,
      Map<EntryHash, SignedEntry> byHash,
      Map<EntryHash, Long> indexOf,
      TreeMap<Long, SignedEntry> byIndex)
      throws LedgerException {
    EntryHash head = newestOf(bundle, byIndex);
    Provenance.Closure closure = Provenance.walk(bundle.lot(), head, byHash::get);
    if (closure.missing() != null) {
      Provenance.Missing m = closure.missing();
      long referrer = m.referrer() == null ? -1 : indexOf.get(m.referrer());
      throw new VerificationException(
          new Finding(
              Failure.INCOMPLETE_BUNDLE,
              referrer,
              m.referrer(),
              m.lot(),
              "the bundle lacks the previous entry this entry links for the lot",
              m.hash().toHex(),
              "missing"));
    }
    for (var e : closure.entries().entrySet()) {
      long index = indexOf.get(e.getKey());
      for (Link link : e.getValue().body().links()) {
        SignedEntry prev = link.prev() == null ? null : closure.entries().get(link.prev());
        if (prev == null) {
          continue; // not part of this lot's provenance
        }
        long prevIndex = indexOf.get(link.prev());
        if (prevIndex >= index || !prev.body().linksByLot().containsKey(link.lot())) {
          throw new VerificationException(
              new Finding(
                  Failure.LINK_MISMATCH,
                  index,
                  e.getKey(),
                  link.lot(),
                  "the linked entry is not an earlier entry of the lot",
                  "an entry before " + index + " touching the lot",
                  "entry " + prevIndex));
        }
      }
    }
    return closure.entries().size();
  }

  private static EntryHash newestOf(Bundle bundle, TreeMap<Long, SignedEntry> byIndex)
      throws VerificationException {
    for (SignedEntry e : byIndex.descendingMap().values()) {
      if (e.body().linksByLot().containsKey(bundle.lot())) {
        return e.hash();
      }
    }
    throw new VerificationException(
        new Finding(
            Failure.INCOMPLETE_BUNDLE,
            -1,
            null,
            bundle.lot(),
            "the bundle holds no entry of its lot",
            "an entry of the lot",
            "none"));
  }

  private static VerificationException fail(
      Failure f, long index, EntryHash hash, String detail, String expected, String actual) {
    return new VerificationException(new Finding(f, index, hash, null, detail, expected, actual));
  }
}
