package io.lotledger.entry;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.event.ActorId;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an actor signs: the ledger it is for ({@code origin}), who signs and with which key, one
 * {@link Link} per lot the event touches (sorted by lot), and the event.
 *
 * @param origin the ledger the entry is for: 1 to 256 characters
 * @param actor the actor that signs
 * @param key the Ed25519 public key (RFC 8032) the entry is signed with; the actor must hold it at
 *     the entry's index
 * @param links one link per lot of the event, sorted by lot
 * @param event the event the entry records
 */
public record EntryBody(
    String origin, ActorId actor, Ed25519PublicKey key, List<Link> links, Event event) {

  /**
   * Checks the body and copies {@code links}.
   *
   * @throws IllegalArgumentException if {@code origin} is empty or over 256 characters, {@code
   *     actor}, {@code key} or {@code event} is null, or {@code links} does not name exactly the
   *     event's lots in sorted order
   */
  public EntryBody {
    if (origin == null || origin.isEmpty() || origin.length() > 256) {
      throw new IllegalArgumentException("origin must be 1 to 256 characters");
    }
    if (actor == null || key == null || event == null) {
      throw new IllegalArgumentException("entry body needs an actor, a key and an event");
    }
    links = List.copyOf(links);
    List<LotId> expected = new ArrayList<>(new TreeSet<>(event.lots()));
    List<LotId> actual = links.stream().map(Link::lot).toList();
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(
          "links must name exactly the event's lots in sorted order: expected "
              + expected
              + ", got "
              + actual);
    }
  }

  /**
   * A body linking each of the event's lots to the head {@code heads} gives (absent = first event).
   */
  public static EntryBody of(
      String origin,
      ActorId actor,
      Ed25519PublicKey key,
      Event event,
      Function<LotId, EntryHash> heads) {
    List<Link> links = new ArrayList<>();
    for (LotId lot : new TreeSet<>(event.lots())) {
      links.add(new Link(lot, heads.apply(lot)));
    }
    return new EntryBody(origin, actor, key, links, event);
  }

  /** The links keyed by lot. */
  public Map<LotId, Link> linksByLot() {
    return links.stream().collect(Collectors.toMap(Link::lot, Function.identity()));
  }
}
