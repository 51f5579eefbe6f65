package io.lotledger.rules;

/** What kind of fact is broken. Each {@link Finding} names one. */
public enum Failure {
  /** The entry's bytes do not decode, or are not in canonical form. */
  MALFORMED_ENTRY("malformed entry"),
  /** The entry was signed for another ledger (origin). */
  WRONG_ORIGIN("wrong origin"),
  /** Entry 0 is not the root actor's self-signed registration. */
  BAD_GENESIS("bad genesis"),
  /** The signing key is not registered. */
  UNKNOWN_KEY("unknown key"),
  /** The signing key is registered to another actor than the one the entry names. */
  KEY_ACTOR_MISMATCH("key belongs to another actor"),
  /** The signing key was revoked before this entry's position. */
  KEY_REVOKED("revoked key"),
  /** The signature does not verify over the entry's exact body bytes. */
  BAD_SIGNATURE("bad signature"),
  /** A lot link does not name the lot's current head (stale head, reorder, drop or fork). */
  LINK_MISMATCH("lot link mismatch"),
  /** The signer may not make this registry change. */
  UNAUTHORIZED("unauthorized"),
  /** The signer is not a custodian of a lot the event changes, or receives a shipment addressed to another. */
  CUSTODY("custody violation"),
  /** More of a lot is consumed, shipped, destroyed or received than its holder holds or was shipped (double spend). */
  MASS_BALANCE("mass balance violation"),
  /** A quantity's unit cannot be combined with the lot's (mass with counts), or a quantity is missing where one is needed. */
  UNIT_MISMATCH("unit mismatch"),
  /** A receiving event names no shipment in transit for the lot, or omits one that is. */
  BAD_RECEIPT("bad receipt"),
  /** The same entry bytes are already in the ledger. */
  DUPLICATE_ENTRY("duplicate entry"),
  /** The event's EPCIS eventID (for imported events, its CBV 2.0 hash ID) is already in the ledger. */
  DUPLICATE_EVENT_ID("duplicate event ID"),
  /** Entry indexes are not 0, 1, 2 ... without gaps. */
  INDEX_GAP("index gap"),
  /** A derived record in the store (hash index, head, history, lots, edges, keys, meta) disagrees with the entries. */
  STORE_MISMATCH("store mismatch"),
  /** A checkpoint's signature does not verify under the trusted log key, or it names another log. */
  BAD_CHECKPOINT("bad checkpoint"),
  /** An entry's Merkle inclusion proof does not lead to the checkpoint's root. */
  BAD_INCLUSION_PROOF("bad inclusion proof"),
  /** A bundle lacks an entry that the lot's provenance needs (a linked previous entry, the genesis). */
  INCOMPLETE_BUNDLE("incomplete bundle"),
  /** The ledger's root actor or key is not the one the verifier trusts. */
  UNTRUSTED_ROOT("untrusted root"),
  /** A checkpoint is older than one already accepted for the same log: the log was rolled back. */
  ROLLBACK("rollback"),
  /** Two checkpoints of one log cannot both be true (same size, different roots; or no valid consistency proof). */
  SPLIT_VIEW("split view");

  private final String description;

  Failure(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
