package io.lotledger.event;

/**
 * A namespaced extension field (EPCIS user extensions): {@code namespace} is an absolute URI; the
 * value is text of at most {@link #MAX_VALUE_LENGTH} characters (structured EPCIS extensions are
 * carried as JSON text by the EPCIS module).
 *
 * @param namespace the extension's namespace, an absolute URI
 * @param name the field name within the namespace, 1 to 256 printable characters
 * @param value the value as text, at most {@link #MAX_VALUE_LENGTH} characters
 */
public record Extension(String namespace, String name, String value) {
  /** Longest value accepted; an entry as a whole is bounded by the entry codec. */
  public static final int MAX_VALUE_LENGTH = 65_536;

  /**
   * @throws IllegalArgumentException if {@code namespace} is not an absolute URI of at most 512
   *     characters, {@code name} or {@code value} is null, {@code name} is over 256 characters or
   *     not printable, or {@code value} is over {@link #MAX_VALUE_LENGTH} characters
   */
  public Extension {
    Uris.require("extension namespace", namespace);
    if (name == null || value == null) {
      throw new IllegalArgumentException("extension name and value must not be null");
    }
    Uris.text("extension name", name, 256);
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new IllegalArgumentException(
          "extension value must be at most "
              + MAX_VALUE_LENGTH
              + " characters, not "
              + value.length());
    }
  }
}
