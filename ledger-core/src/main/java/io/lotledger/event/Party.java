package io.lotledger.event;

/**
 * An EPCIS source or destination: a CBV type (owning_party, possessing_party, location) and an id.
 */
public record Party(String type, String id) {
  public Party {
    Uris.text("party type", type, 256);
    if (type == null) {
      throw new IllegalArgumentException("party type must not be null");
    }
    Uris.require("party id", id);
  }
}
