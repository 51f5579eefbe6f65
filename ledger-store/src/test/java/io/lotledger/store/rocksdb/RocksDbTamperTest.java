package io.lotledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.EntryHash;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.testing.TestChain;
import io.lotledger.verify.ChainVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A change made behind the ledger's back to any column family of a RocksDB ledger — a value
 * changed, a record deleted, a junk record added — is reported by verification after reopening, at
 * the entry (or table) it concerns.
 *
 * <p>The TestChain ledger: 0 root, 1 mine, 2 refinery (registrations); 3 ORE_A added; 4 ORE_B
 * added; 5 ORE_A shipped; 6 ORE_B observed; 7 ORE_A + ORE_B transformed into SULPHATE.
 */
class RocksDbTamperTest {
  private static final LotId JUNK_LOT = new LotId("urn:lotledger:test:junk");
  private static final io.lotledger.entry.ActorSigner LOG_KEY =
      TestChain.signer("urn:lotledger:test:log", 77);

  @TempDir Path dir;
  private final TestChain chain = new TestChain();
  private byte[] storedCheckpoint;

  /** Hashes of entries 0..7 as appended. */
  private final List<EntryHash> hashes = new ArrayList<>();

  private enum Change {
    MODIFY,
    DELETE,
    ADD
  }

  /**
   * One change to one record and what verification must report first.
   *
   * @param change the new value given the old one; null to delete
   * @param index the finding's entry index, -1 for a whole-table finding
   * @param lot the finding's lot, or null when it names none
   */
  private record Case(
      byte[] key,
      UnaryOperator<byte[]> change,
      Failure failure,
      long index,
      LotId lot,
      String detail) {}

  @ParameterizedTest(name = "{0}")
  @EnumSource(Table.class)
  void verify_reportsAModifiedRecordIn(Table table) throws Exception {
    assertDetected(table, Change.MODIFY);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Table.class)
  void verify_reportsADeletedRecordIn(Table table) throws Exception {
    assertDetected(table, Change.DELETE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Table.class)
  void verify_reportsAJunkRecordAddedTo(Table table) throws Exception {
    assertDetected(table, Change.ADD);
  }

  @Test
  void open_refusesAStoreWhoseFormatRecordWasChanged() throws Exception {
    populate();
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(dir, false)) {
      raw.tamper(Table.META, StoreLayout.META_FORMAT, StoreLayout.utf8("9"));
    }

    assertThatThrownBy(() -> Ledger.open(dir))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.INVALID_INPUT))
        .hasMessageContaining("unsupported ledger format 9");
  }

  @Test
  void untouchedStore_verifies_soEveryDetectionAboveIsCausedByItsChange() throws Exception {
    populate();
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(dir, false)) {
      assertThat(new ChainVerifier(raw).audit()).isEmpty();
    }
    try (Ledger ledger = Ledger.open(dir)) {
      ledger.verify();
      assertThat(ledger.size()).isEqualTo(8);
    }
  }

  private void populate() throws Exception {
    try (Ledger ledger = Ledger.create(dir, TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      storedCheckpoint =
          ledger.checkpoint(LOG_KEY.signer()).toBytes(); // the CHECKPOINTS record at size 8
      for (long i = 0; i < ledger.size(); i++) {
        hashes.add(ledger.entry(i).orElseThrow().hash());
      }
    }
    assertThat(hashes).hasSize(8);
  }

  /**
   * Checkpoints are signed statements, not derived from entries: a modified or added one is caught
   * (its signature or root), but a deleted one leaves a store that is consistent in itself. Only a
   * verifier that remembers the checkpoint (a witness) can tell it is gone, so local verification
   * passes.
   */
  @Test
  void verify_cannotSeeADeletedCheckpointWhichOnlyAWitnessDetects() throws Exception {
    populate();
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(dir, false)) {
      assertThat(raw.get(Table.CHECKPOINTS, StoreLayout.u64(8))).isNotNull();
      raw.tamper(Table.CHECKPOINTS, StoreLayout.u64(8), null);
      assertThat(new ChainVerifier(raw).audit()).isEmpty();
    }
  }

  private void assertDetected(Table table, Change change) throws Exception {
    populate();
    if (table == Table.CHECKPOINTS && change == Change.DELETE) {
      return; // see verify_cannotSeeADeletedCheckpointWhichOnlyAWitnessDetects
    }
    Case c = caseFor(table, change);
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(dir, false)) {
      byte[] before = raw.get(table, c.key());
      assertThat(before)
          .as("the record to %s", change)
          .matches(b -> change == Change.ADD ? b == null : b != null);
      raw.tamper(table, c.key(), c.change().apply(before));

      List<Finding> findings = new ChainVerifier(raw).audit();
      assertThat(findings).as("audit of the raw store").anySatisfy(f -> assertMatches(f, c));
    }

    if (table == Table.META && change == Change.DELETE) {
      // The ledger reads META before anything else: without its size record there is no ledger, but
      // the
      // ledger signed a checkpoint there, so the store lost what it signed.
      assertThatThrownBy(() -> Ledger.open(dir))
          .isInstanceOfSatisfying(
              io.lotledger.verify.RollbackException.class,
              e -> {
                assertThat(e.code()).isEqualTo(LedgerException.Code.VERIFICATION_FAILED);
                assertThat(e.recordedSize()).isEqualTo(8);
                assertThat(e.storedSize()).isZero();
              })
          .hasMessageContaining("holds no ledger");
      return;
    }
    if ((table == Table.META && change == Change.MODIFY)
        || (table == Table.ENTRIES && change == Change.ADD)) {
      // The recorded size no longer matches the log's last entry: the ledger refuses to open at
      // all.
      assertThatThrownBy(() -> Ledger.open(dir))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e -> assertThat(e.code()).isEqualTo(LedgerException.Code.STORAGE))
          .hasMessageContaining("does not match its entries");
      return;
    }
    try (Ledger ledger = Ledger.open(dir)) {
      assertThatThrownBy(ledger::verify)
          .isInstanceOfSatisfying(VerificationException.class, e -> assertMatches(e.finding(), c));
      assertThat(ledger.audit()).isNotEmpty().anySatisfy(f -> assertMatches(f, c));
    }
  }

  private static void assertMatches(Finding f, Case c) {
    assertThat(f.failure()).as("failure of %s", f).isEqualTo(c.failure());
    assertThat(f.index()).as("index of %s", f).isEqualTo(c.index());
    assertThat(f.lot()).as("lot of %s", f).isEqualTo(c.lot());
    assertThat(f.detail()).as("detail of %s", f).contains(c.detail());
  }

  /** Changes one base64 character of the checkpoint's signature line (keeping it valid base64). */
  private static byte[] flipSignatureCharacter(byte[] note) {
    byte[] b = note.clone();
    int i = b.length - 6; // inside the base64 signature, before any padding and the final newline
    b[i] = (byte) (b[i] == 'A' ? 'B' : 'A');
    return b;
  }

  private Case caseFor(Table table, Change change) {
    LotId oreA = TestChain.ORE_A;
    LotId oreB = TestChain.ORE_B;
    LotId sulphate = TestChain.SULPHATE;
    ActorId mine = chain.mine.actor();
    byte[] mineKey = chain.mine.publicKey().toBytes();
    switch (table) {
      case META -> {
        return switch (change) {
          case MODIFY ->
              new Case(
                  StoreLayout.META_SIZE,
                  set(StoreLayout.u64(7)),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "meta record size disagrees");
          case DELETE ->
              new Case(
                  StoreLayout.META_SIZE,
                  DELETE,
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "meta record size disagrees");
          case ADD ->
              new Case(
                  StoreLayout.utf8("junk"),
                  set(StoreLayout.utf8("x")),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "meta record junk is not derived");
        };
      }
      case ENTRIES -> {
        return switch (change) {
          // The last byte of an entry is the last byte of its signature.
          case MODIFY ->
              new Case(
                  StoreLayout.entryKey(5),
                  RocksDbTamperTest::flipLastByte,
                  Failure.BAD_SIGNATURE,
                  5,
                  null,
                  "signature does not verify");
          case DELETE ->
              new Case(
                  StoreLayout.entryKey(5), DELETE, Failure.INDEX_GAP, 5, null, "store holds 7");
          case ADD ->
              new Case(
                  StoreLayout.entryKey(8),
                  set(StoreLayout.utf8("junk")),
                  Failure.MALFORMED_ENTRY,
                  8,
                  null,
                  "entry envelope is not valid protobuf");
        };
      }
      case HASHES -> {
        byte[] key = StoreLayout.hashKey(hashes.get(3));
        return switch (change) {
          case MODIFY ->
              new Case(
                  key, set(StoreLayout.u64(4)), Failure.STORE_MISMATCH, 3, null, "hashes record");
          case DELETE -> new Case(key, DELETE, Failure.STORE_MISMATCH, 3, null, "hashes record");
          case ADD ->
              new Case(
                  junkHash(),
                  set(StoreLayout.u64(9)),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "hashes holds records no entry accounts for");
        };
      }
      case HEADS -> {
        return switch (change) {
          case MODIFY ->
              new Case(
                  StoreLayout.headKey(oreB),
                  set(hashes.get(4).toBytes()),
                  Failure.STORE_MISMATCH,
                  -1,
                  oreB,
                  "heads record " + oreB.uri() + " disagrees");
          case DELETE ->
              new Case(
                  StoreLayout.headKey(oreB),
                  DELETE,
                  Failure.STORE_MISMATCH,
                  -1,
                  oreB,
                  "heads record " + oreB.uri() + " disagrees");
          case ADD ->
              new Case(
                  StoreLayout.headKey(JUNK_LOT),
                  set(hashes.get(4).toBytes()),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "heads record " + JUNK_LOT.uri() + " is not derived");
        };
      }
      case HISTORY -> {
        byte[] key = StoreLayout.historyKey(oreA, 5);
        return switch (change) {
          case MODIFY ->
              new Case(
                  key,
                  set(StoreLayout.utf8("x")),
                  Failure.STORE_MISMATCH,
                  5,
                  null,
                  "history record");
          case DELETE -> new Case(key, DELETE, Failure.STORE_MISMATCH, 5, null, "history record");
          case ADD ->
              new Case(
                  StoreLayout.historyKey(oreA, 4),
                  set(StoreLayout.EMPTY),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "history holds records no entry accounts for");
        };
      }
      case LOTS -> {
        byte[] key = StoreLayout.lotsKey(3, oreA);
        return switch (change) {
          case MODIFY ->
              new Case(
                  key, set(StoreLayout.utf8("x")), Failure.STORE_MISMATCH, 3, null, "lots record");
          case DELETE -> new Case(key, DELETE, Failure.STORE_MISMATCH, 3, null, "lots record");
          case ADD ->
              new Case(
                  StoreLayout.lotsKey(6, JUNK_LOT),
                  set(StoreLayout.EMPTY),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "lots holds records no entry accounts for");
        };
      }
      case PARENTS -> {
        byte[] key = StoreLayout.edgeKey(sulphate, oreA);
        return switch (change) {
          case MODIFY ->
              new Case(
                  key,
                  set(StoreLayout.utf8("x")),
                  Failure.STORE_MISMATCH,
                  7,
                  null,
                  "parents record");
          case DELETE -> new Case(key, DELETE, Failure.STORE_MISMATCH, 7, null, "parents record");
          case ADD ->
              new Case(
                  StoreLayout.edgeKey(oreB, oreA),
                  set(StoreLayout.EMPTY),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "parents holds records no entry accounts for");
        };
      }
      case CHILDREN -> {
        byte[] key = StoreLayout.edgeKey(oreA, sulphate);
        return switch (change) {
          case MODIFY ->
              new Case(
                  key,
                  set(StoreLayout.utf8("x")),
                  Failure.STORE_MISMATCH,
                  7,
                  null,
                  "children record");
          case DELETE -> new Case(key, DELETE, Failure.STORE_MISMATCH, 7, null, "children record");
          case ADD ->
              new Case(
                  StoreLayout.edgeKey(oreA, oreB),
                  set(StoreLayout.EMPTY),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "children holds records no entry accounts for");
        };
      }
      case ACTORS -> {
        byte[] key = StoreLayout.actorKey(mine);
        return switch (change) {
          case MODIFY ->
              new Case(
                  key,
                  set(StoreLayout.actorValue(1, "Evil mine")),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "actors record " + mine.uri() + " disagrees");
          case DELETE ->
              new Case(
                  key,
                  DELETE,
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "actors record " + mine.uri() + " disagrees");
          case ADD ->
              new Case(
                  StoreLayout.actorKey(new ActorId("urn:lotledger:actor:ghost")),
                  set(StoreLayout.actorValue(3, "Ghost")),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "actors record urn:lotledger:actor:ghost is not derived");
        };
      }
      case KEYS -> {
        String hex = "0x" + chain.mine.publicKey().toHex();
        return switch (change) {
          // Revoked at 3: a forged revocation that would invalidate every later entry by the mine.
          case MODIFY ->
              new Case(
                  mineKey,
                  set(StoreLayout.keyValue(1, 3, mine)),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "keys record " + hex + " disagrees");
          case DELETE ->
              new Case(
                  mineKey,
                  DELETE,
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "keys record " + hex + " disagrees");
          case ADD ->
              new Case(
                  junkHash(),
                  set(StoreLayout.keyValue(1, io.lotledger.state.RegisteredKey.NOT_REVOKED, mine)),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "keys record 0x" + "ab".repeat(32) + " is not derived");
        };
      }
      case LOT_STATE -> {
        // A forged balance: ORE_B given SULPHATE's state (another holder, another amount).
        byte[] sulphateState = stateOf(sulphate);
        return switch (change) {
          case MODIFY ->
              new Case(
                  StoreLayout.lotStateKey(oreB),
                  set(sulphateState),
                  Failure.STORE_MISMATCH,
                  -1,
                  oreB,
                  "lotstate record " + oreB.uri() + " disagrees");
          case DELETE ->
              new Case(
                  StoreLayout.lotStateKey(oreB),
                  DELETE,
                  Failure.STORE_MISMATCH,
                  -1,
                  oreB,
                  "lotstate record " + oreB.uri() + " disagrees");
          case ADD ->
              new Case(
                  StoreLayout.lotStateKey(JUNK_LOT),
                  set(sulphateState),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "lotstate record " + JUNK_LOT.uri() + " is not derived");
        };
      }
      case EVENT_IDS -> {
        // ORE_B's commissioning (entry 4) carries an event ID; a forged index would make lookups
        // lie.
        byte[] key = StoreLayout.eventIdKey(TestChain.ORE_B_EVENT_ID);
        String what = "eventids record " + TestChain.ORE_B_EVENT_ID;
        return switch (change) {
          case MODIFY ->
              new Case(
                  key,
                  set(StoreLayout.u64(3)),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  what + " disagrees");
          case DELETE ->
              new Case(key, DELETE, Failure.STORE_MISMATCH, -1, null, what + " disagrees");
          case ADD ->
              new Case(
                  StoreLayout.eventIdKey("urn:uuid:junk"),
                  set(StoreLayout.u64(3)),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "eventids record urn:uuid:junk is not derived");
        };
      }
      case TREE -> {
        // Leaf 5 completes the level-1 node over leaves 4 and 5: (level 1, index 2), written by
        // entry 5.
        byte[] node = StoreLayout.treeKey(1, 2);
        return switch (change) {
          case MODIFY ->
              new Case(
                  node,
                  RocksDbTamperTest::flipLastByte,
                  Failure.STORE_MISMATCH,
                  5,
                  null,
                  "tree record");
          case DELETE -> new Case(node, DELETE, Failure.STORE_MISMATCH, 5, null, "tree record");
          case ADD ->
              new Case(
                  StoreLayout.treeKey(9, 0),
                  set(new byte[32]),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "tree holds records no entry accounts for");
        };
      }
      case CHECKPOINTS -> {
        byte[] size8 = StoreLayout.u64(8);
        return switch (change) {
          // The last bytes of the note are its signature's base64.
          case MODIFY ->
              new Case(
                  size8,
                  RocksDbTamperTest::flipSignatureCharacter,
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "checkpoint record");
          case DELETE -> new Case(size8, DELETE, Failure.STORE_MISMATCH, -1, null, "unused");
          case ADD ->
              new Case(
                  StoreLayout.u64(5),
                  set(storedCheckpoint),
                  Failure.STORE_MISMATCH,
                  -1,
                  null,
                  "is filed under another size");
        };
      }
      default -> throw new AssertionError("no tamper case for table " + table);
    }
  }

  private static final UnaryOperator<byte[]> DELETE = old -> null;

  private byte[] stateOf(LotId lot) {
    try (RocksDbLedgerStore raw = RocksDbLedgerStore.open(dir, true)) {
      return raw.get(Table.LOT_STATE, StoreLayout.lotStateKey(lot));
    } catch (io.lotledger.spi.StoreException e) {
      throw new AssertionError(e);
    }
  }

  private static UnaryOperator<byte[]> set(byte[] value) {
    return old -> value;
  }

  private static byte[] flipLastByte(byte[] old) {
    byte[] b = old.clone();
    b[b.length - 1] ^= 1;
    return b;
  }

  private static byte[] junkHash() {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) 0xAB);
    return b;
  }
}
