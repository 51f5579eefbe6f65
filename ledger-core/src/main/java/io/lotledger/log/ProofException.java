package io.lotledger.log;

import io.lotledger.error.LedgerException;

/** A Merkle inclusion or consistency proof does not verify, or is malformed; the message says which step. */
public final class ProofException extends LedgerException {
  private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(Code.VERIFICATION_FAILED, message);
  }
}
