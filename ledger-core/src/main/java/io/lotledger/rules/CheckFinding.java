package io.lotledger.rules;

import io.lotledger.event.LotId;
import java.util.Comparator;
import java.util.List;

/**
 * One thing a lot's check found wrong ({@link Failure.Category#CLAIM} or {@link
 * Failure.Category#POLICY}), with its evidence: which lot, how the checked lot was made from it
 * ({@code path}), the element concerned, and the declared against the computed or required value.
 * Findings are facts about the records, not about the material: a finding says the ledger does not
 * back a claim or a policy, never that the material itself is non-compliant.
 *
 * @param lot the offending lot (the last lot of {@code path})
 * @param path the checked lot first, then each lot it was made from, down to {@code lot}
 * @param element the chemical symbol concerned, or null
 * @param declared what the records declare (a claim, a country, the certificates held, a reading),
 *     or null
 * @param computed what the ledger computes from the records (a share, a footprint), "unknown" when
 *     the records do not allow computing it, or null when the rule computes nothing
 * @param expected what a policy requires ("at least 0.16", "at most 25 CEL"), or null for claims,
 *     whose expectation is the computed value
 * @param kind the failure, of category {@link Failure.Category#CLAIM CLAIM} or {@link
 *     Failure.Category#POLICY POLICY}
 * @param detail what is wrong, in words
 */
public record CheckFinding(
    Failure kind,
    LotId lot,
    List<LotId> path,
    String element,
    String detail,
    String declared,
    String computed,
    String expected) {

  /**
   * Kind, then shorter paths first, then lot, element and detail: the order every check returns.
   */
  public static final Comparator<CheckFinding> ORDER =
      Comparator.comparing(CheckFinding::kind)
          .thenComparingInt(f -> f.path().size())
          .thenComparing(f -> f.path().toString())
          .thenComparing(f -> f.element() == null ? "" : f.element())
          .thenComparing(CheckFinding::detail);

  /**
   * Copies {@code path}.
   *
   * @throws IllegalArgumentException if {@code kind}, {@code lot} or {@code detail} is null, or
   *     {@code kind} is an integrity failure (which a {@link Finding} reports)
   */
  public CheckFinding {
    if (kind == null || lot == null || detail == null) {
      throw new IllegalArgumentException("a finding needs a kind, a lot and a detail");
    }
    if (kind.category() == Failure.Category.INTEGRITY) {
      throw new IllegalArgumentException(
          kind + " is an integrity failure, which a Finding reports, not a check");
    }
    path = List.copyOf(path);
    if (path.isEmpty() || !path.get(path.size() - 1).equals(lot)) {
      throw new IllegalArgumentException(
          "a finding's path must end at its lot " + lot + ": " + path);
    }
  }

  /** The checked lot: the first of {@link #path()}. */
  public LotId checkedLot() {
    return path.get(0);
  }

  /**
   * One line: {@code KIND lot L element E declared D computed C expected X path A <- B <- L:
   * detail}, where {@code A <- B} reads "A was made from B". Absent parts are left out.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(kind.name()).append(" lot ").append(lot);
    if (element != null) {
      b.append(" element ").append(element);
    }
    if (declared != null) {
      b.append(" declared ").append(declared);
    }
    if (computed != null) {
      b.append(" computed ").append(computed);
    }
    if (expected != null) {
      b.append(" expected ").append(expected);
    }
    b.append(" path ");
    for (int i = 0; i < path.size(); i++) {
      b.append(i == 0 ? "" : " <- ").append(path.get(i));
    }
    return b.append(": ").append(detail).toString();
  }
}
