package io.lotledger;

import io.lotledger.verify.Finding;

/** An append broke a rule and was refused; the ledger and its store are exactly as they were. */
public final class AppendRejectedException extends LedgerException {
  private static final long serialVersionUID = 1L;
  private final transient Finding finding;

  public AppendRejectedException(Finding finding) {
    super(Code.REJECTED, "append rejected: " + finding);
    this.finding = finding;
  }

  /** The rule broken, with evidence (the index the entry would have taken). */
  public Finding finding() {
    return finding;
  }
}
