package io.lotledger.entry;

/**
 * An entry as signed and stored, not yet placed in a ledger: its exact bytes, their hash, the body
 * they decode to and the signature. Obtained from {@link EntryCodec#decode(byte[])} (outside bytes)
 * or {@link EntryCodec#sign} (new entries). Immutable; byte arrays copy out.
 */
public final class SignedEntry {
  private final byte[] encoded;
  private final EntryHash hash;
  private final byte[] bodyBytes;
  private final byte[] signature;
  private final EntryBody body;

  SignedEntry(byte[] encoded, EntryHash hash, byte[] bodyBytes, byte[] signature, EntryBody body) {
    this.encoded = encoded;
    this.hash = hash;
    this.bodyBytes = bodyBytes;
    this.signature = signature;
    this.body = body;
  }

  /** The SHA-256 of the entry's exact bytes: its identity. */
  public EntryHash hash() {
    return hash;
  }

  /** The body the bytes decode to. */
  public EntryBody body() {
    return body;
  }

  /** A copy of the exact stored bytes. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Length in bytes of the entry's exact encoding. */
  public int encodedLength() {
    return encoded.length;
  }

  /**
   * Whether the signature verifies under the body's key (see {@code Ed25519PublicKey} for the
   * rule).
   */
  public boolean signatureValid() {
    return body.key().verify(signature, EntryCodec.signingInput(bodyBytes));
  }

  /** A copy of the 64-byte signature. */
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public String toString() {
    return "SignedEntry["
        + hash.shortHex()
        + " "
        + body.event().getClass().getSimpleName()
        + " by "
        + body.actor()
        + "]";
  }
}
