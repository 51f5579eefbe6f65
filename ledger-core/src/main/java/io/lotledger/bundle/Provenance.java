package io.lotledger.bundle;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.TransformationEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one rule for which entries make up a lot's provenance, shared by the exporter and the bundle
 * verifier so that what is exported is exactly what is checked.
 *
 * <p>Start from the lot's newest entry. From an entry reached along lot L's chain, follow L's link
 * to L's previous entry; and if the entry is a transformation with L among its outputs, follow each
 * input's link too (the input's head when it was consumed), continuing along the input's chain.
 * Links for other lots an entry happens to touch are not followed: they are not this lot's
 * provenance. What happened to an input lot after it was consumed (its other uses, its shipments to
 * others) is not part of it either.
 */
public final class Provenance {
  /** Finds an entry by hash; returns null when it is unavailable. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * Returns the signed entry whose hash is {@code hash}, or null when it is unavailable.
     *
     * @throws LedgerException if the source fails (a store error, say); an absent entry is null,
     *     not an exception
     */
    SignedEntry resolve(EntryHash hash) throws LedgerException;
  }

  /**
   * A link the walk needs but the resolver could not supply.
   *
   * @param hash the hash of the entry that could not be resolved
   * @param lot the lot whose link named it
   * @param referrer the hash of the entry whose link named it, or null when it is the walk's head
   */
  public record Missing(EntryHash hash, LotId lot, EntryHash referrer) {}

  /**
   * The entries reached (by hash, in walk order) and the first missing link, if any.
   *
   * @param entries every entry reached, by hash, in walk order
   * @param missing the first link the resolver could not supply, or null when the closure is
   *     complete
   */
  public record Closure(Map<EntryHash, SignedEntry> entries, Missing missing) {}

  private Provenance() {}

  /**
   * The entries of {@code lot}'s provenance in {@code ledger}, walked back from {@code head} (one
   * of the lot's entries), in ledger order: what a bundle proves and what an EPCIS export of the
   * lot holds.
   *
   * @throws LedgerException STORAGE when the ledger lacks an entry a link names (run verify)
   */
  public static List<Entry> in(Ledger ledger, LotId lot, EntryHash head) throws LedgerException {
    Map<EntryHash, Entry> found = new HashMap<>();
    Closure closure =
        walk(
            lot,
            head,
            hash -> {
              Entry e = ledger.entry(hash).orElse(null);
              if (e == null) {
                return null;
              }
              found.put(hash, e);
              return e.signed();
            });
    if (closure.missing() != null) {
      throw new LedgerException(
          LedgerException.Code.STORAGE,
          "the ledger lacks entry "
              + closure.missing().hash()
              + " of lot "
              + closure.missing().lot()
              + " (run verify)");
    }
    TreeMap<Long, Entry> ordered = new TreeMap<>();
    closure
        .entries()
        .keySet()
        .forEach(hash -> ordered.put(found.get(hash).index(), found.get(hash)));
    return new ArrayList<>(ordered.values());
  }

  /** Walks back from {@code head}, the newest entry of {@code lot}. */
  public static Closure walk(LotId lot, EntryHash head, Resolver resolver) throws LedgerException {
    Map<EntryHash, SignedEntry> reached = new LinkedHashMap<>();
    record Step(EntryHash hash, LotId lot, EntryHash referrer) {}
    ArrayDeque<Step> work = new ArrayDeque<>();
    work.add(new Step(head, lot, null));
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!work.isEmpty()) {
      Step step = work.poll();
      if (!seen.add(step.hash().toHex() + " " + step.lot().uri())) {
        continue;
      }
      SignedEntry entry = reached.get(step.hash());
      if (entry == null) {
        entry = resolver.resolve(step.hash());
        if (entry == null) {
          return new Closure(reached, new Missing(step.hash(), step.lot(), step.referrer()));
        }
        reached.put(step.hash(), entry);
      }
      Map<LotId, Link> links = entry.body().linksByLot();
      Link own = links.get(step.lot());
      if (own != null && own.prev() != null) {
        work.add(new Step(own.prev(), step.lot(), step.hash()));
      }
      if (entry.body().event() instanceof TransformationEvent t
          && t.outputs().stream().anyMatch(o -> o.lot().equals(step.lot()))) {
        for (LotQuantity input : t.inputs()) {
          Link in = links.get(input.lot());
          if (in != null && in.prev() != null) {
            work.add(new Step(in.prev(), input.lot(), step.hash()));
          }
        }
      }
    }
    return new Closure(reached, null);
  }
}
