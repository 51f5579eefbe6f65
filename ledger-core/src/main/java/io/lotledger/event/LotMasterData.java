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

  public static final LotMasterData NONE =
      new LotMasterData(null, null, null, null, null, null, null, null);

  private static final java.util.regex.Pattern COUNTRY =
      java.util.regex.Pattern.compile("[A-Z]{2}");

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

  public boolean isEmpty() {
    return equals(NONE);
  }

  public LotMasterData withOrigin(String country, String site) {
    return new LotMasterData(
        country, site, species, bestBefore, elements, carbonFootprint, certifications, extensions);
  }

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

  public LotMasterData withCarbonFootprint(BigDecimal c) {
    return new LotMasterData(
        originCountry, originSite, species, bestBefore, elements, c, certifications, extensions);
  }

  public LotMasterData withCertifications(List<Certification> c) {
    return new LotMasterData(
        originCountry, originSite, species, bestBefore, elements, carbonFootprint, c, extensions);
  }

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
