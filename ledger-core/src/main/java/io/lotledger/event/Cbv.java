package io.lotledger.event;

/**
 * GS1 CBV 2.0 vocabulary terms in any of the forms EPCIS 2.0 allows: the bare word of the JSON-LD
 * form ({@code shipping}), the EPCIS 1.x URN ({@code urn:epcglobal:cbv:bizstep:shipping}) and the
 * web URI ({@code https://ref.gs1.org/cbv/BizStep-shipping}) all name one term.
 */
public final class Cbv {
  private Cbv() {}

  /** The bare CBV business step of {@code context} (e.g. {@code shipping}), or null when absent. */
  public static String bizStep(EventContext context) {
    return term(context.bizStep(), "bizstep", "BizStep");
  }

  /** The bare CBV source/destination type of {@code party} (e.g. {@code owning_party}). */
  public static String partyType(Party party) {
    return term(party.type(), "sdt", "SDT");
  }

  /**
   * {@code value} without its CBV prefix: {@code urn:epcglobal:cbv:<urnVocabulary>:} or
   * {@code https://ref.gs1.org/cbv/<webVocabulary>-}; any other value is returned as it is.
   */
  public static String term(String value, String urnVocabulary, String webVocabulary) {
    if (value == null) {
      return null;
    }
    String urn = "urn:epcglobal:cbv:" + urnVocabulary + ":";
    if (value.startsWith(urn)) {
      return value.substring(urn.length());
    }
    String web = "https://ref.gs1.org/cbv/" + webVocabulary + "-";
    if (value.startsWith(web)) {
      return value.substring(web.length());
    }
    return value;
  }
}
