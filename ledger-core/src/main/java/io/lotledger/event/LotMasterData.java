package io.lotledger.event;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lot master data (EPCIS ILMD) declared when lots are created: origin, species, best-before date,
 * composition per element, carbon footprint (kg CO2e per kg), certifications, extensions. Any field
 * may be absent (null or empty list).
 *
 * @param originCountry the country of origin, ISO 3166-1 alpha-2 (such as {@code CD}), or null
 * @param originSite the site of origin (a mine, a farm), or null
 * @param species the species (of fish, of wood), or null
 * @param bestBefore the best-before date, or null
 * @param elements the composition, one share per element
 * @param carbonFootprint kg CO2e per kg of the lot, or null
 * @param certifications the certificates the lot or its producer holds
 * @param extensions further namespaced fields, such as a piece's GS1 {@code netWeight}
 */
public record LotMasterData(
    String originCountry,
    String originSite,
    String species,
    LocalDate bestBefore,
    List<ElementShare> elements,
    BigDecimal carbonFootprint,
    List<Certification> certifications,
    List<Extension> extensions) {

  /** Master data that declares nothing. */
  public static final LotMasterData NONE =
      new LotMasterData(null, null, null, null, null, null, null, null);

  private static final java.util.regex.Pattern COUNTRY =
      java.util.regex.Pattern.compile("[A-Z]{2}");

  /**
   * Copies the lists (null lists become empty) and puts the carbon footprint in canonical form.
   *
   * @throws IllegalArgumentException if {@code originCountry} is not an ISO 3166-1 alpha-2 code,
   *     {@code originSite} or {@code species} is too long or not printable, an element is declared
   *     twice, {@code carbonFootprint} is negative, or a GS1 {@code netWeight} extension is not an
   *     amount in a mass unit
   */
  public LotMasterData {
    if (originCountry != null && !COUNTRY.matcher(originCountry).matches()) {
      throw new IllegalArgumentException(
          "origin country must be ISO 3166-1 alpha-2 like CD, not " + originCountry);
    }
    Uris.text("origin site", originSite, 512);
    Uris.text("species", species, 256);
    elements = elements == null ? List.of() : List.copyOf(elements);
    certifications = certifications == null ? List.of() : List.copyOf(certifications);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
    Units.netKilogramsPerPiece(
        extensions); // a declared piece mass must be an amount in a mass unit
    Set<String> seen = new HashSet<>();
    for (ElementShare e : elements) {
      if (!seen.add(e.element())) {
        throw new IllegalArgumentException("element " + e.element() + " declared twice");
      }
    }
    if (carbonFootprint != null) {
      carbonFootprint = Decimals.canonical("carbon footprint", carbonFootprint);
      if (carbonFootprint.signum() < 0) {
        throw new IllegalArgumentException("carbon footprint must not be negative");
      }
    }
  }

  /** True when this declares nothing (equals {@link #NONE}). */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * This master data with origin country {@code country} (ISO 3166-1 alpha-2) and site {@code
   * site}; either may be null.
   */
  public LotMasterData withOrigin(String country, String site) {
    return new LotMasterData(
        country, site, species, bestBefore, elements, carbonFootprint, certifications, extensions);
  }

  /** This master data with species {@code s} (null for none). */
  public LotMasterData withSpecies(String s) {
    return new LotMasterData(
        originCountry,
        originSite,
        s,
        bestBefore,
        elements,
        carbonFootprint,
        certifications,
        extensions);
  }

  /** This master data with best-before date {@code d} (null for none). */
  public LotMasterData withBestBefore(LocalDate d) {
    return new LotMasterData(
        originCountry,
        originSite,
        species,
        d,
        elements,
        carbonFootprint,
        certifications,
        extensions);
  }

  /** This master data with element shares {@code e} (copied; null for none). */
  public LotMasterData withElements(List<ElementShare> e) {
    return new LotMasterData(
        originCountry,
        originSite,
        species,
        bestBefore,
        e,
        carbonFootprint,
        certifications,
        extensions);
  }

  /** This master data with carbon footprint {@code c} (null for none). */
  public LotMasterData withCarbonFootprint(BigDecimal c) {
    return new LotMasterData(
        originCountry, originSite, species, bestBefore, elements, c, certifications, extensions);
  }

  /** This master data with certifications {@code c} (copied; null for none). */
  public LotMasterData withCertifications(List<Certification> c) {
    return new LotMasterData(
        originCountry, originSite, species, bestBefore, elements, carbonFootprint, c, extensions);
  }

  /** This master data with extensions {@code x} (copied; null for none). */
  public LotMasterData withExtensions(List<Extension> x) {
    return new LotMasterData(
        originCountry,
        originSite,
        species,
        bestBefore,
        elements,
        carbonFootprint,
        certifications,
        x);
  }
}
