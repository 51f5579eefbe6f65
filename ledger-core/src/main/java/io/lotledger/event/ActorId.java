package io.lotledger.event;

/** An organisation or device that signs events, named by a URI (e.g. a GS1 PGLN or a URN). */
public record ActorId(String uri) implements Comparable<ActorId> {
  public ActorId {
    Uris.require("actor id", uri);
  }

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
