package io.lotledger.event;

import java.time.LocalDate;

/**
 * A certificate held by a lot or its producer: its URI, issuer, and validity (inclusive dates).
 *
 * @param uri the certificate's URI
 * @param issuer who issued it, or null
 * @param validFrom the first day it is valid, or null when open
 * @param validUntil the last day it is valid, or null when open
 */
public record Certification(String uri, String issuer, LocalDate validFrom, LocalDate validUntil) {
  /**
   * @throws IllegalArgumentException if {@code uri} is not an absolute URI of at most 512
   *     characters, {@code issuer} is over 256 characters or not printable, or {@code validUntil}
   *     is before {@code validFrom}
   */
  public Certification {
    Uris.require("certification uri", uri);
    Uris.text("certification issuer", issuer, 256);
    if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
      throw new IllegalArgumentException("certification " + uri + " ends before it starts");
    }
  }
}
