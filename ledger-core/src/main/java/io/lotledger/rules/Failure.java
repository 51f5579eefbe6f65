package io.lotledger.rules;

/**
 * Everything a verifier or a check can find, in one vocabulary. {@link Category#INTEGRITY} failures
 * are broken facts of a ledger or bundle (a {@link Finding}: a bad signature, a broken link,
 * custody or mass balance violated, a derived record that disagrees); {@link Category#CLAIM} and
 * {@link Category#POLICY} ones are what a lot's check finds (a {@link CheckFinding}): a declared
 * claim the records do not back, or a policy rule they break. A check finding is about the records,
 * never about the material itself.
 */
public enum Failure {
  /** The entry's bytes do not decode, or are not in canonical form. */
  MALFORMED_ENTRY(Category.INTEGRITY, "malformed entry"),
  /** The entry was signed for another ledger (origin). */
  WRONG_ORIGIN(Category.INTEGRITY, "wrong origin"),
  /** Entry 0 is not the root actor's self-signed registration. */
  BAD_GENESIS(Category.INTEGRITY, "bad genesis"),
  /** The signing key is not registered. */
  UNKNOWN_KEY(Category.INTEGRITY, "unknown key"),
  /** The signing key is registered to another actor than the one the entry names. */
  KEY_ACTOR_MISMATCH(Category.INTEGRITY, "key belongs to another actor"),
  /** The signing key was revoked before this entry's position. */
  KEY_REVOKED(Category.INTEGRITY, "revoked key"),
  /** The signature does not verify over the entry's exact body bytes. */
  BAD_SIGNATURE(Category.INTEGRITY, "bad signature"),
  /** A lot link does not name the lot's current head (stale head, reorder, drop or fork). */
  LINK_MISMATCH(Category.INTEGRITY, "lot link mismatch"),
  /** The signer may not make this registry change. */
  UNAUTHORIZED(Category.INTEGRITY, "unauthorized"),
  /**
   * The signer is not a custodian of a lot the event changes, or receives a shipment addressed to
   * another.
   */
  CUSTODY(Category.INTEGRITY, "custody violation"),
  /**
   * More of a lot is consumed, shipped, destroyed or received than its holder holds or was shipped
   * (double spend).
   */
  MASS_BALANCE(Category.INTEGRITY, "mass balance violation"),
  /**
   * A quantity's unit cannot be combined with the lot's (mass with counts), or a quantity is
   * missing where one is needed.
   */
  UNIT_MISMATCH(Category.INTEGRITY, "unit mismatch"),
  /** A receiving event names no shipment in transit for the lot, or omits one that is. */
  BAD_RECEIPT(Category.INTEGRITY, "bad receipt"),
  /** The same entry bytes are already in the ledger. */
  DUPLICATE_ENTRY(Category.INTEGRITY, "duplicate entry"),
  /**
   * The event's EPCIS eventID (for imported events, its CBV 2.0 hash ID) is already in the ledger.
   */
  DUPLICATE_EVENT_ID(Category.INTEGRITY, "duplicate event ID"),
  /** Entry indexes are not 0, 1, 2 ... without gaps. */
  INDEX_GAP(Category.INTEGRITY, "index gap"),
  /**
   * A derived record in the store (hash index, head, history, lots, edges, keys, meta) disagrees
   * with the entries.
   */
  STORE_MISMATCH(Category.INTEGRITY, "store mismatch"),
  /**
   * A checkpoint's signature does not verify under the trusted log key, or it names another log.
   */
  BAD_CHECKPOINT(Category.INTEGRITY, "bad checkpoint"),
  /** An entry's Merkle inclusion proof does not lead to the checkpoint's root. */
  BAD_INCLUSION_PROOF(Category.INTEGRITY, "bad inclusion proof"),
  /**
   * A bundle lacks an entry that the lot's provenance needs (a linked previous entry, the genesis).
   */
  INCOMPLETE_BUNDLE(Category.INTEGRITY, "incomplete bundle"),
  /** The ledger's root actor or key is not the one the verifier trusts. */
  UNTRUSTED_ROOT(Category.INTEGRITY, "untrusted root"),
  /** A checkpoint is older than one already accepted for the same log: the log was rolled back. */
  ROLLBACK(Category.INTEGRITY, "rollback"),
  /**
   * Two checkpoints of one log cannot both be true (same size, different roots; or no valid
   * consistency proof).
   */
  SPLIT_VIEW(Category.INTEGRITY, "split view"),
  /** A declared pre-consumer recycled share is above the one the records compute. */
  RECYCLED_PRE_CONSUMER_ABOVE_COMPUTED(
      Category.CLAIM, "declared pre-consumer recycled share above the computed one"),
  /** A declared post-consumer recycled share is above the one the records compute. */
  RECYCLED_POST_CONSUMER_ABOVE_COMPUTED(
      Category.CLAIM, "declared post-consumer recycled share above the computed one"),
  /** A declared carbon footprint is below the one the records compute. */
  CARBON_FOOTPRINT_BELOW_COMPUTED(
      Category.CLAIM, "declared carbon footprint below the computed one"),
  /** A declared claim the records do not allow computing. */
  CLAIM_NOT_COMPUTABLE(Category.CLAIM, "declared claim the ledger cannot compute"),
  /** An input never commissioned, produced or received in this ledger. */
  UNBACKED_INPUT(Category.CLAIM, "input never commissioned, produced or received in this ledger"),
  /** An input drawn beyond the quantity the ledger records for it. */
  OVERDRAWN_INPUT(Category.CLAIM, "input drawn beyond the quantity the ledger records for it"),
  /** An origin lot without a certification the policy requires. */
  MISSING_CERTIFICATION(Category.POLICY, "origin lot without a required certification"),
  /** An origin lot from a country the policy forbids. */
  FORBIDDEN_ORIGIN(Category.POLICY, "origin lot from a forbidden country"),
  /** A sensor reading above the policy's limit. */
  TEMPERATURE_ABOVE_LIMIT(Category.POLICY, "sensor reading above the limit"),
  /** A recycled share below the policy's minimum. */
  RECYCLED_SHARE_BELOW_MINIMUM(Category.POLICY, "recycled share below the required minimum");

  /** What a failure is about. */
  public enum Category {
    /** A broken fact of a ledger or bundle: it fails verification. */
    INTEGRITY,
    /** A declared claim the records do not back. */
    CLAIM,
    /** A policy rule the records break. */
    POLICY
  }

  private final Category category;

  private final String description;

  Failure(Category category, String description) {
    this.category = category;
    this.description = description;
  }

  /** What the failure is about: a ledger's integrity, a claim, or a policy. */
  public Category category() {
    return category;
  }

  /** The failure in a few words, such as "recycled share below the required minimum". */
  public String description() {
    return description;
  }
}
