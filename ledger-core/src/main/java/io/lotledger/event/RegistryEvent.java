package io.lotledger.event;

import io.lotledger.crypto.Ed25519PublicKey;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Ledger-native events that manage who may sign: an actor is registered with a first key, keys are
 * added and revoked. A signature is judged against the keys valid at the entry's position. Registry
 * events touch no lots.
 */
public sealed interface RegistryEvent extends Event {

  /** The actor the event concerns. */
  ActorId actor();

  /** The Ed25519 key (RFC 8032) registered, added or revoked. */
  Ed25519PublicKey key();

  @Override
  default EventContext context() {
    return EventContext.EMPTY;
  }

  @Override
  default List<LotId> lots() {
    return List.of();
  }

  /**
   * Registers {@code actor} (display {@code name}) with its first key.
   *
   * @param actor the actor registered
   * @param name its display name, or null
   * @param key its first Ed25519 public key (RFC 8032)
   * @param time when the registration happened
   */
  record ActorRegistered(ActorId actor, String name, Ed25519PublicKey key, OffsetDateTime time)
      implements RegistryEvent {
    /**
     * @throws IllegalArgumentException if {@code actor}, {@code key} or {@code time} is null, or
     *     {@code name} is over 256 characters or not printable
     */
    public ActorRegistered {
      if (actor == null || key == null) {
        throw new IllegalArgumentException("actor registration needs an actor and a key");
      }
      Uris.text("actor name", name, 256);
      Event.requireTime(time);
    }
  }

  /**
   * Adds a further key to a registered actor (rotation keeps the actor's identity).
   *
   * @param actor the registered actor
   * @param key the Ed25519 public key (RFC 8032) added
   * @param time when the key was added
   */
  record KeyAdded(ActorId actor, Ed25519PublicKey key, OffsetDateTime time)
      implements RegistryEvent {
    /**
     * @throws IllegalArgumentException if {@code actor}, {@code key} or {@code time} is null
     */
    public KeyAdded {
      if (actor == null || key == null) {
        throw new IllegalArgumentException("key addition needs an actor and a key");
      }
      Event.requireTime(time);
    }
  }

  /**
   * Revokes an actor's key from this entry's index on; entries signed earlier stay valid.
   *
   * @param actor the registered actor
   * @param key the Ed25519 public key (RFC 8032) revoked
   * @param time when the key was revoked
   */
  record KeyRevoked(ActorId actor, Ed25519PublicKey key, OffsetDateTime time)
      implements RegistryEvent {
    /**
     * @throws IllegalArgumentException if {@code actor}, {@code key} or {@code time} is null
     */
    public KeyRevoked {
      if (actor == null || key == null) {
        throw new IllegalArgumentException("key revocation needs an actor and a key");
      }
      Event.requireTime(time);
    }
  }
}
