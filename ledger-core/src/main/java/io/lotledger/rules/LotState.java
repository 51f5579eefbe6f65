package io.lotledger.rules;

import io.lotledger.entry.EntryHash;
import io.lotledger.event.ActorId;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A lot's custody and mass balance as its entries leave it: who holds how much, what is in transit
 * to whom, and the running totals. Derived by {@link CustodyRules}, stored per lot and recomputed
 * by every verifier.
 *
 * <p>Amounts are exact decimals in {@link #unit()}, the base unit of the lot's dimension (KGM for
 * mass, LTR for volume, H87 for counts, or the lot's own code when it has no conversion). A lot
 * commissioned without a quantity has a null unit: only custody is tracked for it, and every amount
 * is zero. The balance identity {@code produced + received = consumed + shippedOut + destroyed +
 * held + inTransit} holds for every state the rules produce.
 *
 * @param holdings every current custodian and the amount it holds (present with zero only for lots
 *     without a quantity)
 * @param inTransit goods shipped to another actor of this ledger and not yet received, by the hash
 *     of the shipping entry
 * @param unit the base unit all amounts are in, or null for a lot without a quantity
 * @param produced the amount commissioned or produced by transformations
 * @param received the amount received from outside the ledger (a receipt without a shipment
 *     reference)
 * @param consumed the amount consumed as a transformation input
 * @param shippedOut the amount shipped to parties outside this ledger
 * @param destroyed the amount destroyed (DELETE)
 */
public record LotState(
    String unit,
    BigDecimal produced,
    BigDecimal received,
    BigDecimal consumed,
    BigDecimal shippedOut,
    BigDecimal destroyed,
    SortedMap<ActorId, BigDecimal> holdings,
    SortedMap<EntryHash, Transit> inTransit) {

  /**
   * Goods on their way from one actor to another under one shipping entry.
   *
   * @param receiver the actor the goods are shipped to
   * @param amount the amount shipped, in the lot's unit
   */
  public record Transit(ActorId receiver, BigDecimal amount) {}

  /** Copies the maps into unmodifiable sorted maps. */
  public LotState {
    holdings = Collections.unmodifiableSortedMap(new TreeMap<>(holdings));
    inTransit = Collections.unmodifiableSortedMap(new TreeMap<>(inTransit));
  }

  /** A lot seen for the first time, in {@code unit} (null: no quantity), held by nobody yet. */
  static LotState open(String unit) {
    return new LotState(
        unit,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        new TreeMap<>(),
        new TreeMap<>());
  }

  /**
   * Whether the lot's events state quantities: false when {@code unit} is null, so the amounts are
   * all zero.
   */
  public boolean quantified() {
    return unit != null;
  }

  /** Whether {@code actor} is one of the lot's custodians. */
  public boolean holds(ActorId actor) {
    return holdings.containsKey(actor);
  }

  /** What {@code actor} holds (zero when it holds none). */
  public BigDecimal held(ActorId actor) {
    return holdings.getOrDefault(actor, BigDecimal.ZERO);
  }

  /** Everything still in the ledger: held plus in transit. */
  public BigDecimal balance() {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal v : holdings.values()) {
      sum = sum.add(v);
    }
    for (Transit t : inTransit.values()) {
      sum = sum.add(t.amount());
    }
    return normal(sum);
  }

  // ------------------------------------------------------------------ transitions (used by
  // LotRules)

  LotState produce(ActorId holder, BigDecimal amount) {
    return hold(holder, amount)
        .with(normal(produced.add(amount)), received, consumed, shippedOut, destroyed);
  }

  LotState receiveFromOutside(ActorId holder, BigDecimal amount) {
    return hold(holder, amount)
        .with(produced, normal(received.add(amount)), consumed, shippedOut, destroyed);
  }

  LotState consume(ActorId holder, BigDecimal amount) {
    return release(holder, amount)
        .with(produced, received, normal(consumed.add(amount)), shippedOut, destroyed);
  }

  LotState destroy(ActorId holder, BigDecimal amount) {
    return release(holder, amount)
        .with(produced, received, consumed, shippedOut, normal(destroyed.add(amount)));
  }

  LotState shipOut(ActorId holder, BigDecimal amount) {
    return release(holder, amount)
        .with(produced, received, consumed, normal(shippedOut.add(amount)), destroyed);
  }

  LotState ship(ActorId holder, BigDecimal amount, EntryHash shipment, ActorId receiver) {
    LotState s = release(holder, amount);
    TreeMap<EntryHash, Transit> t = new TreeMap<>(s.inTransit);
    t.put(shipment, new Transit(receiver, amount));
    return new LotState(unit, produced, received, consumed, shippedOut, destroyed, s.holdings, t);
  }

  LotState receive(EntryHash shipment, ActorId receiver, BigDecimal amount) {
    TreeMap<EntryHash, Transit> t = new TreeMap<>(inTransit);
    Transit was = t.remove(shipment);
    BigDecimal left = normal(was.amount().subtract(amount));
    if (left.signum() > 0) {
      t.put(shipment, new Transit(was.receiver(), left));
    }
    LotState s = hold(receiver, amount);
    return new LotState(unit, produced, received, consumed, shippedOut, destroyed, s.holdings, t);
  }

  /**
   * {@code holder} gains {@code amount}, and custody; of a lot with a quantity, only by holding
   * some.
   */
  private LotState hold(ActorId holder, BigDecimal amount) {
    TreeMap<ActorId, BigDecimal> h = new TreeMap<>(holdings);
    h.merge(holder, amount, (a, b) -> normal(a.add(b)));
    if (unit != null && h.get(holder).signum() == 0) {
      h.remove(holder);
    }
    return new LotState(unit, produced, received, consumed, shippedOut, destroyed, h, inTransit);
  }

  /**
   * {@code holder} gives up {@code amount}; it stops being a custodian when nothing is left (or the
   * lot has no quantity).
   */
  private LotState release(ActorId holder, BigDecimal amount) {
    TreeMap<ActorId, BigDecimal> h = new TreeMap<>(holdings);
    BigDecimal left = normal(held(holder).subtract(amount));
    if (left.signum() > 0) {
      h.put(holder, left);
    } else {
      h.remove(holder);
    }
    return new LotState(unit, produced, received, consumed, shippedOut, destroyed, h, inTransit);
  }

  private LotState with(BigDecimal p, BigDecimal r, BigDecimal c, BigDecimal s, BigDecimal d) {
    return new LotState(unit, p, r, c, s, d, holdings, inTransit);
  }

  /** One representation per value: no trailing zeros, zero as 0. */
  public static BigDecimal normal(BigDecimal v) {
    return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
  }

  /** Human-readable summary, e.g. {@code 12.5 KGM held by [A=10, B=2.5], 3 KGM in transit}. */
  @Override
  public String toString() {
    String u = unit == null ? "(no quantity)" : unit;
    Map<String, String> held = new TreeMap<>();
    holdings.forEach((a, v) -> held.put(a.uri(), v.toPlainString()));
    return balance().toPlainString()
        + " "
        + u
        + " held by "
        + held
        + ", "
        + inTransit.size()
        + " shipment(s) in transit";
  }
}
