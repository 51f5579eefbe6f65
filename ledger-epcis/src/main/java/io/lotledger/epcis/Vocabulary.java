package io.lotledger.epcis;

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
  /** CBV 2.0 master-data attributes (CBV 2.0 §8), bound to {@code cbvmda} by the EPCIS 2.0 context. */
  public static final String CBV_MDA = "urn:epcglobal:cbv:mda:";
  /**
   * The event extension (namespace {@link #NAMESPACE}, this name) holding, as canonical JSON, what an
   * imported EPCIS event says that the ledger's event model does not: see {@code Residual}.
   */
  public static final String RESIDUAL = "epcisResidual";

  private Vocabulary() {}

  /** {@code ll:name}. */
  static String term(String name) {
    return PREFIX + ":" + name;
  }
}
