package io.lotledger.rules;

import io.lotledger.error.LedgerException;

/**
 * Verification stopped at the first broken fact, carried as a {@link Finding}. Subclasses carry
 * typed evidence for one kind of failure ({@code verify.RollbackException}).
 */
public class VerificationException extends LedgerException {
  private static final long serialVersionUID = 1L;
  private final transient Finding finding;

  /**
   * A verification failure, code {@link Code#VERIFICATION_FAILED VERIFICATION_FAILED}, whose
   * message is {@code finding}'s one line.
   */
  public VerificationException(Finding finding) {
    super(Code.VERIFICATION_FAILED, finding.toString());
    this.finding = finding;
  }

  /**
   * The broken fact, with evidence (entry index, lot, expected and actual). Not serialized: null in
   * a deserialized exception.
   */
  public Finding finding() {
    return finding;
  }
}
