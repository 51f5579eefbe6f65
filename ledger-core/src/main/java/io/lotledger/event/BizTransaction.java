package io.lotledger.event;

/**
 * An EPCIS business transaction: a CBV type (po, desadv, inv, bol ...), null when the transaction
 * is untyped (EPCIS 2.0 makes the type optional), and the document's id.
 *
 * @param type the CBV business transaction type, or null when untyped
 * @param id the document's id, an absolute URI
 */
public record BizTransaction(String type, String id) {
  /**
   * @throws IllegalArgumentException if {@code type} is over 256 characters or not printable, or
   *     {@code id} is null, not an absolute URI, or over 512 characters
   */
  public BizTransaction {
    Uris.text("business transaction type", type, 256);
    Uris.require("business transaction id", id);
  }
}
