package io.lotledger.rules;

import io.lotledger.event.LotId;
import java.util.List;

/**
 * What {@link LotCheck} found for one lot: its rolled-up composition, every finding in {@link
 * CheckFinding#ORDER}, and the notes on gaps in the records (undeclared values counted as 0,
 * quantities in non-mass units left out) that did not by themselves break a rule.
 *
 * @param lotStates how many lot states the ancestry walk visited (the checked lot's included)
 * @param lot the lot checked
 * @param composition its rolled-up composition
 * @param findings every finding, in {@link CheckFinding#ORDER}; empty when the check passed
 * @param notes the gaps in the records that broke no rule by themselves
 */
public record CheckReport(
    LotId lot,
    Composition composition,
    List<CheckFinding> findings,
    List<String> notes,
    int lotStates) {
  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException if {@code lot} or {@code composition} is null
   */
  public CheckReport {
    if (lot == null || composition == null) {
      throw new IllegalArgumentException("a check report needs a lot and a composition");
    }
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  /** Whether the check found nothing. */
  public boolean passed() {
    return findings.isEmpty();
  }
}
