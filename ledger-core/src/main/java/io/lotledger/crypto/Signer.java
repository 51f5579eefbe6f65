package io.lotledger.crypto;

/**
 * Produces signatures with one private key. The primitive is one method, as in Tink's {@code
 * PublicKeySign}.
 *
 * <p>Implementations are thread-safe. An implementation may be slow or remote (an HSM or KMS
 * adapter): a ledger calls it on the appending thread, or on a pool thread when an append must be
 * re-linked, never on the one thread that orders every caller's appends. A ledger refuses any entry
 * or checkpoint whose signature does not verify under {@link #publicKey()} (it trusts only its own
 * {@link Ed25519Signer} for entries, to keep that path fast).
 */
public interface Signer {
  /** Signs {@code message} and returns a new signature array. */
  byte[] sign(byte[] message);

  /** The public half, which verifiers look up. */
  Ed25519PublicKey publicKey();
}
