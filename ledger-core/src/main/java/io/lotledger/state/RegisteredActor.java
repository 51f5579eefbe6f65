package io.lotledger.state;

/**
 * An actor as the registry leaves it.
 *
 * @param registeredAt the index of the entry that registered it
 * @param name its display name as registered (may be empty)
 */
public record RegisteredActor(long registeredAt, String name) {}
