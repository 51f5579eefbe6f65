package io.lotledger.event;

import java.net.URI;
import java.net.URISyntaxException;

/** The one rule for identifiers that are URIs (lots, actors, locations, parties). */
final class Uris {
  /** Longest identifier accepted; GS1 Digital Link URIs and EPC URNs are far shorter. */
  static final int MAX_LENGTH = 512;

  private Uris() {}

  /**
   * URIs already found valid. Lot, actor and location ids recur in many entries, and java.net.URI
   * parsing is a tenth of decoding an entry; the cache is bounded and only ever holds valid ids.
   */
  private static final java.util.Map<String, Boolean> VALID =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 65_536;

  /** Returns {@code value} if it is an absolute URI of at most {@link #MAX_LENGTH} characters. */
  static String require(String what, String value) {
    if (value != null && VALID.containsKey(value)) {
      return value;
    }
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be at most " + MAX_LENGTH + " characters, not " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            what + " must not contain spaces or control characters: " + value);
      }
    }
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException(
            what + " must be an absolute URI with a scheme: " + value);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          what + " is not a URI: " + value + " (" + e.getReason() + ")");
    }
    if (VALID.size() >= CACHE_LIMIT) {
      VALID.clear();
    }
    VALID.put(value, Boolean.TRUE);
    return value;
  }

  /**
   * Returns {@code value} if it is null or a printable string of at most {@code max} characters.
   */
  static String text(String what, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must be absent rather than empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(
          what + " must be at most " + max + " characters, not " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain control characters");
      }
    }
    return value;
  }
}
