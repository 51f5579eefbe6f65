package io.lotledger.state;

import io.lotledger.event.ActorId;

/**
 * A signing key as the registry leaves it.
 *
 * @param actor the actor the key belongs to
 * @param addedAt the index of the registry entry that added it
 * @param revokedAt the index of the entry that revoked it, or {@link #NOT_REVOKED}
 */
public record RegisteredKey(ActorId actor, long addedAt, long revokedAt) {
  /** {@link #revokedAt()} of a key that is not revoked. */
  public static final long NOT_REVOKED = -1L;

  /** Whether the key has been revoked. */
  public boolean revoked() {
    return revokedAt != NOT_REVOKED;
  }

  /** Whether an entry at {@code index} may be signed with this key. */
  public boolean validAt(long index) {
    return index > addedAt && (revokedAt == NOT_REVOKED || index < revokedAt);
  }

  /** The same key, revoked by the entry at {@code index}. */
  public RegisteredKey revokedBy(long index) {
    return new RegisteredKey(actor, addedAt, index);
  }
}
