package io.lotledger.spi;

/**
 * The logical tables of a ledger store. A driver maps each to one storage namespace (a RocksDB
 * column family, a map). The key and value layout of every table is defined in {@code
 * state.StoreLayout}.
 */
public enum Table {
  /** Format version, origin, size. */
  META("meta"),
  /** index → entry bytes: the log itself; every other table is derived from it. */
  ENTRIES("entries"),
  /** entry hash → index. */
  HASHES("hashes"),
  /** lot → hash of the lot's latest entry (the compare-and-set target). */
  HEADS("heads"),
  /** lot, index → (empty): every entry that touches the lot. */
  HISTORY("history"),
  /** first index, lot → (empty): lots in order of first appearance. */
  LOTS("lots"),
  /** child lot, parent lot → (empty): transformation edges, looked up from the output. */
  PARENTS("parents"),
  /** parent lot, child lot → (empty): transformation edges, looked up from the input. */
  CHILDREN("children"),
  /** actor → registration index, display name. */
  ACTORS("actors"),
  /** public key → actor, added index, revoked index. */
  KEYS("keys"),
  /**
   * lot → custody and mass-balance state (holdings, in transit, totals), see {@code
   * verify.LotState}.
   */
  LOT_STATE("lotstate"),
  /**
   * EPCIS eventID → index of the entry carrying it (unique; imported events carry their CBV 2.0
   * hash ID).
   */
  EVENT_IDS("eventids"),
  /**
   * level, index → hash of the perfect Merkle subtree of 2^level leaves starting at index·2^level.
   */
  TREE("tree"),
  /**
   * tree size → the signed checkpoint note for that size (C2SP tlog-checkpoint). Not derived from
   * entries.
   */
  CHECKPOINTS("checkpoints");

  private final String id;

  Table(String id) {
    this.id = id;
  }

  /** A stable lowercase name, e.g. a column family name. Never changes once released. */
  public String id() {
    return id;
  }
}
