package io.lotledger.note;

import io.lotledger.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Signs note texts as the named Ed25519 key {@link #key()} (C2SP signed-note §Ed25519 signatures):
 * the signature covers the exact UTF-8 bytes of the text, final newline included.
 *
 * <p>Thread-safe if the wrapped {@link Signer} is (every lotledger signer is). {@link #toString()}
 * shows only the public key.
 */
public final class NoteSigner {
  private final NoteKey key;
  private final Signer signer;

  private NoteSigner(NoteKey key, Signer signer) {
    this.key = key;
    this.signer = signer;
  }

  /**
   * A note signer named {@code keyName} using {@code signer}'s Ed25519 key.
   *
   * @throws IllegalArgumentException if {@code keyName} is not a valid key name
   */
  public static NoteSigner of(String keyName, Signer signer) {
    Objects.requireNonNull(signer, "signer");
    return new NoteSigner(NoteKey.of(keyName, signer.publicKey()), signer);
  }

  /** The verifier key matching this signer, to hand to verifiers (e.g. as a vkey). */
  public NoteKey key() {
    return key;
  }

  /**
   * Signs {@code text}, which must be a valid note text (see {@link SignedNote}).
   *
   * @throws IllegalArgumentException if {@code text} is not a valid note text
   */
  public NoteSignature sign(String text) {
    SignedNote.checkText(text);
    byte[] signature = signer.sign(text.getBytes(StandardCharsets.UTF_8));
    return NoteSignature.wrap(key.name(), key.keyId(), signature);
  }

  @Override
  public String toString() {
    return "NoteSigner[" + key + "]";
  }
}
