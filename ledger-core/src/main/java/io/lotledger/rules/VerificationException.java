package io.lotledger.rules;

import io.lotledger.error.LedgerException;

/**
 * Verification stopped at the first broken fact, carried as a {@link Finding}. Subclasses carry
 * typed evidence for one kind of failure ({@link RollbackException}).
 */
public class VerificationException extends LedgerException {
  private static final long serialVersionUID = 1L;
  private final transient Finding finding;

  public VerificationException(Finding finding) {
    super(Code.VERIFICATION_FAILED, finding.toString());
    this.finding = finding;
  }

  public Finding finding() {
    return finding;
  }
}
