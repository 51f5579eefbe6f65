package io.lotledger.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the appends out being re-signed, or parked behind them, hold: their lots and EPCIS event IDs
 * (counted, as several may hold one), and whether a registry change is among them. An append that
 * touches anything held, or comes while a registry change is held, must wait, so that a lot's
 * entries commit in submission order. Committer thread only.
 */
final class Holds {
  private final Map<Object, Integer> held = new HashMap<>();
  private int barriers;

  /** Holds {@code scope} (and, for a registry change, every later append) once more. */
  void hold(Set<Object> scope, boolean barrier) {
    scope.forEach(k -> held.merge(k, 1, Integer::sum));
    if (barrier) {
      barriers++;
    }
  }

  /** Lets go of one {@link #hold} of {@code scope}. */
  void release(Set<Object> scope, boolean barrier) {
    scope.forEach(k -> held.computeIfPresent(k, (key, n) -> n == 1 ? null : n - 1));
    if (barrier) {
      barriers--;
    }
  }

  /**
   * Whether an append touching {@code scope} must wait: a registry change is held, or part of its
   * scope is.
   */
  boolean blocks(Set<Object> scope) {
    if (barriers > 0) {
      return true;
    }
    for (Object k : scope) {
      if (held.containsKey(k)) {
        return true;
      }
    }
    return false;
  }
}
