package io.lotledger.epcis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * lotledger's own EPCIS vocabulary: the namespace of the fields the ledger adds to EPCIS 2.0 events
 * (claims, step emissions, shipment references) and documents (entry provenance), as EPCIS 2.0 §8.2
 * user extensions. Its JSON-LD context is published with the project ({@code
 * docs/epcis/lotledger-context.jsonld}); exported documents also declare the prefix inline, so that
 * nobody needs to fetch anything to read them.
 */
public final class Vocabulary {
  /** Namespace IRI of lotledger's EPCIS extension fields. */
  public static final String NAMESPACE = "https://ns.lotledger.io/epcis/";

  /** The prefix exported documents bind to {@link #NAMESPACE}. */
  public static final String PREFIX = "ll";

  /**
   * CBV 2.0 master-data attributes (CBV 2.0 §8), bound to {@code cbvmda} by the EPCIS 2.0 context.
   */
  public static final String CBV_MDA = "urn:epcglobal:cbv:mda:";

  /**
   * The event extension (namespace {@link #NAMESPACE}, this name) holding, as canonical JSON, what
   * an imported EPCIS event says that the ledger's event model does not: see {@code Residual}.
   */
  public static final String RESIDUAL = "epcisResidual";

  private Vocabulary() {}

  /**
   * A field whose bare values must be CBV 2.0 words, or GS1 Web Vocabulary measurement types for
   * sensor reports (the EPCIS 2.0 schema lists them; anything else must be a URI). The model takes
   * any bare word, so one outside the CBV is written as an {@code ll:} term named after CBV's own
   * pattern ({@code ll:BizStep-transforming}, as CBV has {@code cbv:BizStep-shipping}) and read
   * back as the bare word, which keeps exports schema-valid and import(export(x)) equal to x.
   */
  enum CbvField {
    BIZ_STEP("bizStep", "BizStep-"),
    DISPOSITION("disposition", "Disp-"),
    PARTY_TYPE("source-dest-type", "SDT-"),
    TRANSACTION_TYPE("bizTransaction-type", "BTT-"),
    SENSOR_TYPE("measurementType", "MT-");

    private final String definition;
    private final String termPrefix;
    private Set<String> words; // read from the bundled schema on first use

    CbvField(String definition, String termPrefix) {
      this.definition = definition;
      this.termPrefix = termPrefix;
    }

    /**
     * {@code value} as an EPCIS field value: as it is when it is a CBV word or an absolute URI,
     * else an {@code ll:} term with the word percent-encoded (RFC 3986), so that any text the model
     * holds gives a valid URI.
     */
    String write(String value) {
      if (words().contains(value) || isAbsoluteUri(value)) {
        return value;
      }
      return term(
          termPrefix + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /**
     * The model's value for EPCIS field value {@code value}: the word of an {@code ll:} term that
     * {@link #write} makes, else {@code value} as it is.
     *
     * @throws IllegalArgumentException when such a term holds a malformed percent-encoding
     */
    String read(String value, EpcisContext context) {
      String expanded = context.expand(value);
      String own = NAMESPACE + termPrefix;
      if (expanded.startsWith(own) && expanded.length() > own.length()) {
        String word =
            URLDecoder.decode(
                expanded.substring(own.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        return words().contains(word) || isAbsoluteUri(word) ? value : word;
      }
      return value;
    }

    private static boolean isAbsoluteUri(String value) {
      try {
        return new URI(value).isAbsolute();
      } catch (URISyntaxException e) {
        return false;
      }
    }

    private synchronized Set<String> words() {
      if (words == null) {
        words = EpcisSchema.terms(definition);
      }
      return words;
    }
  }

  /** {@code ll:name}. */
  static String term(String name) {
    return PREFIX + ":" + name;
  }
}
