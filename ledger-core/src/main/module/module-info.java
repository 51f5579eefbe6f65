/**
 * lotledger's core: the event model and its canonical signed encoding (Ed25519, RFC 8032), the ledger
 * and its rules (custody, mass balance, claims, policies), verification, the RFC 9162 Merkle log with
 * C2SP signed checkpoints, offline proof bundles, and the store SPI with an in-memory store.
 *
 * <p>Exported packages are the API. {@code io.lotledger.engine} (the committer and the ledger's records
 * beside its store), {@code io.lotledger.state} (the ledger's state, its transition function and the
 * store layout), the generated protobuf packages and the relocated protobuf runtime are internal and may
 * change in any release.
 */
module io.lotledger.core {
  // protobuf-java is packed into the jar, relocated to io.lotledger.internal.protobuf: needed to compile
  // only, and a user's protobuf version cannot clash with it. The relocated runtime uses these two.
  requires static com.google.protobuf;
  requires java.logging;
  requires jdk.unsupported;
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports io.lotledger;
  exports io.lotledger.bundle;
  exports io.lotledger.crypto;
  exports io.lotledger.entry;
  exports io.lotledger.error;
  exports io.lotledger.event;
  exports io.lotledger.log;
  exports io.lotledger.note;
  exports io.lotledger.rules;
  exports io.lotledger.spi;
  exports io.lotledger.store.memory;
  exports io.lotledger.verify;

  uses io.lotledger.spi.LedgerStoreProvider;
}
