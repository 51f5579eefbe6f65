package io.lotledger.event;

import java.net.URI;
import java.net.URISyntaxException;

/** The one rule for identifiers that are URIs (lots, actors, locations, parties). */
final class Uris {
  /** Longest identifier accepted; GS1 Digital Link URIs and EPC URNs are far shorter. */
  static final int MAX_LENGTH = 512;

  private Uris() {}

  /** Returns {@code value} if it is an absolute URI of at most {@link #MAX_LENGTH} characters. */
  static String require(String what, String value) {
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
        throw new IllegalArgumentException(what + " must not contain spaces or control characters: " + value);
      }
    }
    try {
      URI uri = new URI(value);
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException(what + " must be an absolute URI with a scheme: " + value);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " is not a URI: " + value + " (" + e.getReason() + ")");
    }
    return value;
  }

  /** Returns {@code value} if it is null or a printable string of at most {@code max} characters. */
  static String text(String what, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must be absent rather than empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(what + " must be at most " + max + " characters, not " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain control characters");
      }
    }
    return value;
  }
}
