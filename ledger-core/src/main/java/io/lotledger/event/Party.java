package io.lotledger.event;

/**
 * An EPCIS source or destination: a CBV type (owning_party, possessing_party, location) and an id.
 *
 * @param type the CBV source/destination type, such as {@code owning_party}
 * @param id the party or location, an absolute URI (typically a PGLN or SGLN)
 */
public record Party(String type, String id) {
  /**
   * @throws IllegalArgumentException if {@code type} is null, over 256 characters or not printable,
   *     or {@code id} is not an absolute URI of at most 512 characters
   */
  public Party {
    Uris.text("party type", type, 256);
    if (type == null) {
      throw new IllegalArgumentException("party type must not be null");
    }
    Uris.require("party id", id);
  }
}
