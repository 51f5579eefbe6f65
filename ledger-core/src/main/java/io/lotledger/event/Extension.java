package io.lotledger.event;

/** A namespaced extension field (EPCIS user extensions): {@code namespace} is an absolute URI. */
public record Extension(String namespace, String name, String value) {
  public Extension {
    Uris.require("extension namespace", namespace);
    if (name == null || value == null) {
      throw new IllegalArgumentException("extension name and value must not be null");
    }
    Uris.text("extension name", name, 256);
    if (value.length() > 4096) {
      throw new IllegalArgumentException("extension value must be at most 4096 characters, not " + value.length());
    }
  }
}
