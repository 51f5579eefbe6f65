package io.lotledger.entry;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.Signer;
import io.lotledger.event.ActorId;

/**
 * An actor together with one of its signing keys: who appends.
 *
 * @param actor the actor that appends
 * @param signer one of the actor's Ed25519 signing keys
 */
public record ActorSigner(ActorId actor, Signer signer) {
  /**
   * @throws IllegalArgumentException if {@code actor} or {@code signer} is null
   */
  public ActorSigner {
    if (actor == null || signer == null) {
      throw new IllegalArgumentException("an actor signer needs an actor and a signer");
    }
  }

  /** The Ed25519 public key of the signer: the key the actor must hold at the entry's index. */
  public Ed25519PublicKey publicKey() {
    return signer.publicKey();
  }

  @Override
  public String toString() {
    return "ActorSigner[" + actor + ", " + signer.publicKey().toHex() + "]";
  }
}
