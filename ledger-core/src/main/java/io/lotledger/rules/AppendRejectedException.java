package io.lotledger.rules;

import io.lotledger.error.LedgerException;

/** An append broke a rule and was refused; the ledger and its store are exactly as they were. */
public final class AppendRejectedException extends LedgerException {
  private static final long serialVersionUID = 1L;
  private final transient Finding finding;

  /** The position in the batch of the event that broke the rule, or -1 for a single append. */
  private final int position;

  /**
   * A rejection of a single append ({@link #position()} -1); the message is "append rejected: " and
   * the finding.
   */
  public AppendRejectedException(Finding finding) {
    this(finding, -1);
  }

  /** A rejection of the event at {@code position} (0-based) of an all-or-nothing batch. */
  public AppendRejectedException(Finding finding, int position) {
    super(
        Code.REJECTED,
        (position < 0 ? "append rejected: " : "batch rejected at event " + position + ": ")
            + finding);
    this.finding = finding;
    this.position = position;
  }

  /**
   * For {@code Ledger.appendAll}: the position in the batch of the event that broke the rule
   * (nothing of the batch was stored); -1 for a single append.
   */
  public int position() {
    return position;
  }

  /** The rule broken, with evidence (the index the entry would have taken). */
  public Finding finding() {
    return finding;
  }
}
