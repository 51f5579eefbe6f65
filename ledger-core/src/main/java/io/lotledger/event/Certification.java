package io.lotledger.event;

import java.time.LocalDate;

/** A certificate held by a lot or its producer: its URI, issuer, and validity (inclusive dates). */
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
