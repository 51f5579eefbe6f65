package io.lotledger.event;

/** An EPCIS business transaction: a CBV type (po, desadv, inv, bol ...) and the document's id. */
public record BizTransaction(String type, String id) {
  public BizTransaction {
    if (type == null) {
      throw new IllegalArgumentException("business transaction type must not be null");
    }
    Uris.text("business transaction type", type, 256);
    Uris.require("business transaction id", id);
  }
}
