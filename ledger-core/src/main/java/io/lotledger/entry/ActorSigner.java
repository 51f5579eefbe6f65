package io.lotledger.entry;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.Signer;
import io.lotledger.event.ActorId;

/** An actor together with one of its signing keys: who appends. */
public record ActorSigner(ActorId actor, Signer signer) {
  public ActorSigner {
    if (actor == null || signer == null) {
      throw new IllegalArgumentException("an actor signer needs an actor and a signer");
    }
  }

  public Ed25519PublicKey publicKey() {
    return signer.publicKey();
  }

  @Override
  public String toString() {
    return "ActorSigner[" + actor + ", " + signer.publicKey().toHex() + "]";
  }
}
