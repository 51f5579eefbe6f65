package io.lotledger.crypto;

/**
 * Produces signatures with one private key. The primitive is one method, as in Tink's
 * {@code PublicKeySign}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Signer {
  /** Signs {@code message} and returns a new signature array. */
  byte[] sign(byte[] message);

  /** The public half, which verifiers look up. */
  Ed25519PublicKey publicKey();
}
