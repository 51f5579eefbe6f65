package io.lotledger.verify;

import io.lotledger.entry.Entry;
import io.lotledger.event.LotId;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lot and every lot it was made from, as the entries themselves show it: each lot's whole history
 * (its chain, walked back from its head along its own hash links) and its parents (the inputs of
 * the transformations in that chain that output it). Nothing here is read from the store's derived
 * indexes (history, parents), so a damaged index cannot hide an ancestor or an entry before a lot's
 * head; {@link ChainVerifier#verifyLot} returns it only when every entry verified and the indexes
 * agree, and {@link ChainVerifier#auditLot} returns it with what it found otherwise.
 *
 * <p>What it cannot prove is that each lot's head is its latest entry: a head record rolled back
 * (with the history records after it deleted) hides the entries after it, unless another lot in the
 * ancestry reaches them. Only a whole-ledger {@code verify}, which re-derives every head, rules
 * that out.
 *
 * <p>{@code ancestry::history} is a {@code rules.LotSource} over exactly these lots. Immutable.
 *
 * @param lot the lot asked about
 * @param histories per lot (the lot first, then its ancestors nearest first), its entries oldest
 *     first
 * @param parents per lot, the lots it was directly made from, in lot order
 * @param states custody and balance of each tracked lot, replayed from the entries (by the ledger's
 *     own rules); empty when the provenance does not verify, as a replay over it would show nothing
 *     reliable
 * @param findings what did not verify, in the order found; empty when the provenance verifies
 */
public record LotAncestry(
    LotId lot,
    Map<LotId, List<Entry>> histories,
    Map<LotId, Set<LotId>> parents,
    Map<LotId, LotState> states,
    List<Finding> findings) {

  /**
   * Copies the maps and lists into unmodifiable ones, keeping the order of {@code histories}.
   *
   * @throws IllegalArgumentException if {@code histories} lacks {@code lot}, or {@code histories}
   *     and {@code parents} do not name the same lots
   */
  public LotAncestry {
    if (lot == null || !histories.containsKey(lot)) {
      throw new IllegalArgumentException(
          "an ancestry needs its lot's history, not only " + histories.keySet());
    }
    if (!histories.keySet().equals(parents.keySet())) {
      throw new IllegalArgumentException(
          "every lot needs a history and parents: "
              + histories.keySet()
              + " vs "
              + parents.keySet());
    }
    Map<LotId, List<Entry>> h = new LinkedHashMap<>();
    histories.forEach((k, v) -> h.put(k, List.copyOf(v)));
    histories = Collections.unmodifiableMap(h);
    Map<LotId, Set<LotId>> p = new LinkedHashMap<>();
    parents.forEach((k, v) -> p.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    parents = Collections.unmodifiableMap(p);
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    findings = List.copyOf(findings);
  }

  /** Whether every entry verified and the store's indexes agree with the entries. */
  public boolean verified() {
    return findings.isEmpty();
  }

  /** The lot, then every lot it was made from, nearest first. */
  public List<LotId> lots() {
    return List.copyOf(histories.keySet());
  }

  /** Every lot the lot was made from, transitively, nearest first. */
  public List<LotId> ancestors() {
    List<LotId> all = new ArrayList<>(histories.keySet());
    return List.copyOf(all.subList(1, all.size()));
  }

  /**
   * Every entry that touches {@code lot} (one of {@link #lots()}), oldest first.
   *
   * @throws IllegalArgumentException for a lot outside this ancestry: its entries were not walked
   */
  public List<Entry> history(LotId lot) {
    return require(histories.get(lot), lot);
  }

  /** The lots {@code lot} (one of {@link #lots()}) was directly made from. */
  public Set<LotId> parents(LotId lot) {
    return require(parents.get(lot), lot);
  }

  /**
   * {@code lot}'s custody and balance as its entries make it, empty for a lot never created on this
   * ledger (external).
   *
   * @throws IllegalStateException when the provenance did not verify: no state was replayed
   * @throws IllegalArgumentException for a lot outside this ancestry
   */
  public java.util.Optional<LotState> state(LotId lot) {
    require(histories.get(lot), lot);
    if (!verified()) {
      throw new IllegalStateException(
          "the provenance of " + this.lot + " does not verify: no custody was replayed");
    }
    return java.util.Optional.ofNullable(states.get(lot));
  }

  private <T> T require(T value, LotId other) {
    if (value == null) {
      throw new IllegalArgumentException("lot " + other + " is not in the ancestry of " + lot);
    }
    return value;
  }
}
