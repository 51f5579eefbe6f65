package io.lotledger.epcis;

import java.util.Optional;

/**
 * One GS1 identification key with its qualifier, independent of how it was spelt: a class-level
 * GTIN with batch/lot (LGTIN), a serialised GTIN (SGTIN), an SSCC, a physical-location GLN with
 * optional extension (SGLN) or a party GLN (PGLN).
 *
 * <p>Lots and locations reach the ledger as GS1 Digital Link URIs (GS1 Digital Link URI Syntax 1.2)
 * or as EPC URNs (GS1 EPC Tag Data Standard 2.x); {@link #parse} reads either, so two spellings of
 * one key compare equal and can be re-emitted in the form the ledger stores:
 *
 * <pre>{@code
 * Gs1Key.parse("https://brand.example/01/09506000134352/10/ABC123").toUrn(7)
 *     // urn:epc:class:lgtin:9506000.013435.ABC123
 * Gs1Key.parse("urn:epc:class:lgtin:9506000.013435.ABC123").toDigitalLink()
 *     // https://id.gs1.org/01/09506000134352/10/ABC123
 * }</pre>
 *
 * <p>{@code key} is the complete GS1 key with its check digit (GTIN-14, SSCC-18 or GLN-13, GS1
 * General Specifications §2 and §3). {@code qualifier} is the decoded lot (AI 10), serial (AI 21)
 * or GLN extension (AI 254), or empty when the kind has none. An EPC URN needs the length of the
 * GS1 Company Prefix, which a Digital Link does not carry; {@link #toUrn(int)} takes it from the
 * caller. Immutable and thread-safe.
 *
 * @param kind which kind of key
 * @param key the complete GS1 key with its check digit
 * @param qualifier the lot, serial or GLN extension, or empty when the kind has none
 */
public record Gs1Key(Kind kind, String key, String qualifier) {

  /** The identifier forms this type covers, each named after its EPC scheme. */
  public enum Kind {
    /** GTIN + batch/lot: Digital Link {@code /01/{gtin}/10/{lot}}, {@code urn:epc:class:lgtin:}. */
    LGTIN("GTIN", 14, "lot (AI 10)"),
    /** GTIN + serial: Digital Link {@code /01/{gtin}/21/{serial}}, {@code urn:epc:id:sgtin:}. */
    SGTIN("GTIN", 14, "serial (AI 21)"),
    /**
     * Serial Shipping Container Code: Digital Link {@code /00/{sscc}}, {@code urn:epc:id:sscc:}.
     */
    SSCC("SSCC", 18, null),
    /**
     * Physical location GLN, optionally extended: Digital Link {@code /414/{gln}[/254/{ext}]},
     * {@code urn:epc:id:sgln:}.
     */
    SGLN("GLN", 13, "GLN extension (AI 254)"),
    /** Party GLN: Digital Link {@code /417/{gln}}, {@code urn:epc:id:pgln:}. */
    PGLN("party GLN", 13, null);

    private final String keyName;
    private final int keyLength;
    private final String qualifierName;

    Kind(String keyName, int keyLength, String qualifierName) {
      this.keyName = keyName;
      this.keyLength = keyLength;
      this.qualifierName = qualifierName;
    }

    /** What GS1 calls the key, for messages: "GTIN", "SSCC", "GLN", "party GLN". */
    public String keyName() {
      return keyName;
    }

    /** Digits in the key including its check digit: 14, 18 or 13. */
    public int keyLength() {
      return keyLength;
    }

    String qualifierName() {
      return qualifierName;
    }
  }

  /**
   * Validates the components; use {@link #parse} or the named factories for outside input, which
   * report the same problems as a checked {@link Gs1FormatException}.
   *
   * @throws IllegalArgumentException naming the bad component and value
   */
  public Gs1Key {
    if (kind == null || key == null || qualifier == null) {
      throw new IllegalArgumentException(
          "kind, key and qualifier must not be null (use \"\" for no qualifier): "
              + kind
              + ", "
              + key
              + ", "
              + qualifier);
    }
    try {
      validate(kind, key, qualifier);
    } catch (Gs1FormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Reads a key in any supported spelling: a GS1 Digital Link URI on any host ({@code http} or
   * {@code https}) or an EPC URN ({@code urn:epc:class:lgtin:}, {@code urn:epc:id:sgtin:}, {@code
   * sscc:}, {@code sgln:}, {@code pgln:}).
   *
   * @throws Gs1FormatException naming what is wrong and where
   */
  public static Gs1Key parse(String identifier) throws Gs1FormatException {
    if (identifier == null) {
      throw new Gs1FormatException("identifier", "identifier is null", null);
    }
    if (identifier.regionMatches(true, 0, "urn:", 0, 4)) {
      return EpcUrn.parse(identifier);
    }
    return DigitalLink.parse(identifier);
  }

  /** A class-level GTIN with batch/lot: {@code gtin} has 14 digits, {@code lot} is decoded text. */
  public static Gs1Key lgtin(String gtin, String lot) throws Gs1FormatException {
    return checked(Kind.LGTIN, gtin, lot);
  }

  /** A serialised GTIN: {@code gtin} has 14 digits, {@code serial} is decoded text. */
  public static Gs1Key sgtin(String gtin, String serial) throws Gs1FormatException {
    return checked(Kind.SGTIN, gtin, serial);
  }

  /** An SSCC of 18 digits. */
  public static Gs1Key sscc(String sscc) throws Gs1FormatException {
    return checked(Kind.SSCC, sscc, "");
  }

  /**
   * A physical-location GLN with an extension, or {@code ""} for none. EPC TDS 2.x writes "no
   * extension" as the extension {@code 0} in {@code urn:epc:id:sgln:}, so {@code "0"} is read as
   * none here, and both spellings give one key.
   */
  public static Gs1Key sgln(String gln, String extension) throws Gs1FormatException {
    return checked(Kind.SGLN, gln, "0".equals(extension) ? "" : extension);
  }

  /** A party GLN of 13 digits. */
  public static Gs1Key pgln(String gln) throws Gs1FormatException {
    return checked(Kind.PGLN, gln, "");
  }

  private static Gs1Key checked(Kind kind, String key, String qualifier) throws Gs1FormatException {
    if (key == null || qualifier == null) {
      throw new Gs1FormatException(
          kind.keyName(),
          kind
              + " needs a "
              + kind.keyName()
              + (kind.qualifierName() == null ? "" : " and a " + kind.qualifierName())
              + ", got "
              + key
              + " and "
              + qualifier,
          null);
    }
    validate(kind, key, qualifier);
    return new Gs1Key(kind, key, qualifier);
  }

  private static void validate(Kind kind, String key, String qualifier) throws Gs1FormatException {
    Gs1Syntax.requireKey(kind.keyName(), key, kind.keyLength());
    switch (kind) {
      case LGTIN, SGTIN -> Gs1Syntax.requireAlphanumeric(kind.qualifierName(), qualifier);
      case SGLN -> {
        if ("0".equals(qualifier)) {
          throw new Gs1FormatException(
              kind.qualifierName(),
              kind.qualifierName() + " '0' means no extension (EPC TDS 2.x SGLN); use \"\"",
              null);
        }
        if (!qualifier.isEmpty()) {
          Gs1Syntax.requireAlphanumeric(kind.qualifierName(), qualifier);
        }
      }
      case SSCC, PGLN -> {
        if (!qualifier.isEmpty()) {
          throw new Gs1FormatException(
              kind.keyName(), kind + " takes no qualifier, got '" + qualifier + "'", null);
        }
      }
    }
  }

  /** The batch/lot of an LGTIN. */
  public Optional<String> lot() {
    return kind == Kind.LGTIN ? Optional.of(qualifier) : Optional.empty();
  }

  /** The serial number of an SGTIN. */
  public Optional<String> serial() {
    return kind == Kind.SGTIN ? Optional.of(qualifier) : Optional.empty();
  }

  /** The GLN extension of an SGLN, empty when it has none. */
  public Optional<String> extension() {
    return kind == Kind.SGLN && !qualifier.isEmpty() ? Optional.of(qualifier) : Optional.empty();
  }

  /**
   * This key as an EPC URN (GS1 EPC Tag Data Standard 2.x), e.g. {@code
   * urn:epc:class:lgtin:9506000.013435.ABC123}.
   *
   * @param companyPrefixLength digits of the GS1 Company Prefix inside the key, 6 to 12; the key
   *     alone does not tell, so the caller (who knows the issuing company) must
   * @throws Gs1FormatException if the length is out of range
   */
  public String toUrn(int companyPrefixLength) throws Gs1FormatException {
    return EpcUrn.format(this, companyPrefixLength);
  }

  /** This key as a GS1 Digital Link URI on the canonical host: {@code https://id.gs1.org/...}. */
  public String toDigitalLink() {
    return DigitalLink.format(this, DigitalLink.CANONICAL_STEM);
  }

  /**
   * This key as a GS1 Digital Link URI under a brand's own stem, e.g. {@code https://brand.example}
   * or {@code https://brand.example/dl}.
   *
   * @throws Gs1FormatException if the stem is not an {@code http}/{@code https} URI without query
   *     or fragment
   */
  public String toDigitalLink(String stem) throws Gs1FormatException {
    return DigitalLink.format(this, DigitalLink.requireStem(stem));
  }

  /** The canonical Digital Link, which needs no company prefix length. */
  @Override
  public String toString() {
    return toDigitalLink();
  }
}
