package io.lotledger.event;

/**
 * An organisation or device that signs events, named by a URI (e.g. a GS1 PGLN or a URN).
 *
 * @param uri the actor's absolute URI, at most 512 characters
 */
public record ActorId(String uri) implements Comparable<ActorId> {
  /**
   * @throws IllegalArgumentException if {@code uri} is null, not an absolute URI, or over 512
   *     characters
   */
  public ActorId {
    Uris.require("actor id", uri);
  }

  /**
   * The actor named by {@code uri}; the same as the constructor.
   *
   * @throws IllegalArgumentException if {@code uri} is null, not an absolute URI, or over 512
   *     characters
   */
  public static ActorId parse(String uri) {
    return new ActorId(uri);
  }

  @Override
  public int compareTo(ActorId o) {
    return uri.compareTo(o.uri);
  }

  @Override
  public String toString() {
    return uri;
  }
}
