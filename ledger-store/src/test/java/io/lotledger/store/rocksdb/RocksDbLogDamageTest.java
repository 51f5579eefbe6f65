package io.lotledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.EntryHash;
import io.lotledger.error.LedgerException;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.VerificationException;
import io.lotledger.testing.TestChain;
import io.lotledger.verify.RollbackException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost without a word: damage to a RocksDB ledger's write-ahead log — 64
 * bytes overwritten, or the file cut short, at many offsets — either leaves every acknowledged
 * entry in place or makes opening fail, naming the damage ("the store … is corrupt") or the
 * rollback against the ledger's own record of what it signed ({@link RollbackException} with both
 * sizes). Never fewer entries and success.
 *
 * <p>RocksDB's default recovery (point in time) fails the corruption half: it stops at the first
 * bad record and opens with what came before. Without the checkpoint file kept outside the store,
 * the truncation half fails: the log's own checkpoint record is cut off with the entries.
 */
class RocksDbLogDamageTest {
  private static final ActorSigner LOG_KEY = TestChain.signer("urn:lotledger:test:log", 77);
  private static final int OBSERVATIONS = 40;

  /** Offsets tried per kind of damage, spread evenly over the write-ahead log. */
  private static final int OFFSETS = 48;

  @TempDir Path tmp;
  private final TestChain chain = new TestChain();
  private Path pristine;
  private final List<EntryHash> acknowledged = new ArrayList<>();
  private long signedSize;

  /**
   * A ledger of 8 + {@value #OBSERVATIONS} entries, all acknowledged, covered by a signed
   * checkpoint.
   */
  @BeforeEach
  void recordLedger() throws Exception {
    pristine = tmp.resolve("pristine");
    try (Ledger ledger = Ledger.create(pristine, TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      for (int i = 0; i < OBSERVATIONS; i++) {
        ledger.append(observe(TestChain.SULPHATE, i), chain.refinery);
      }
      for (long i = 0; i < ledger.size(); i++) {
        acknowledged.add(ledger.entry(i).orElseThrow().hash());
      }
      signedSize = ledger.checkpoint(LOG_KEY.signer()).checkpoint().size();
    }
    assertThat(signedSize).isEqualTo(acknowledged.size());
  }

  @Test
  void corruptedLog_atAnyOffset_keepsEveryAcknowledgedEntryOrFailsToOpen() throws Exception {
    assertDamageNeverLosesAnEntry(pristine, LogDamage.Kind.OVERWRITE);
  }

  /**
   * Entries acknowledged after the last checkpoint have no record outside the log: only a recovery
   * that refuses mid-log corruption keeps them from vanishing (RocksDB's default recovery drops
   * them).
   */
  @Test
  void corruptedLog_afterTheLastCheckpoint_keepsEveryAcknowledgedEntryOrFailsToOpen()
      throws Exception {
    assertDamageNeverLosesAnEntry(recordPartlySigned(), LogDamage.Kind.OVERWRITE);
  }

  /**
   * Entries acknowledged after the last checkpoint, cut off the log: only the ledger's record of
   * the size it acknowledged ({@code acknowledged.size}) can tell, as a torn tail is what a crash
   * leaves too.
   */
  @Test
  void truncatedLog_afterTheLastCheckpoint_keepsEveryAcknowledgedEntryOrFailsToOpen()
      throws Exception {
    assertDamageNeverLosesAnEntry(recordPartlySigned(), LogDamage.Kind.TRUNCATE);
  }

  /**
   * The TestChain ledger, a checkpoint of its 8 entries, then {@value #OBSERVATIONS} more
   * acknowledged entries.
   */
  private Path recordPartlySigned() throws Exception {
    Path dir = tmp.resolve("partly-signed");
    acknowledged.clear();
    try (Ledger ledger = Ledger.create(dir, TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      signedSize = ledger.checkpoint(LOG_KEY.signer()).checkpoint().size();
      for (int i = 0; i < OBSERVATIONS; i++) {
        ledger.append(observe(TestChain.SULPHATE, i), chain.refinery);
      }
      for (long i = 0; i < ledger.size(); i++) {
        acknowledged.add(ledger.entry(i).orElseThrow().hash());
      }
    }
    return dir;
  }

  /**
   * Damages copies of {@code source}'s log at offsets across it: each keeps every acknowledged
   * entry or is refused.
   */
  private void assertDamageNeverLosesAnEntry(Path source, LogDamage.Kind kind) throws Exception {
    long length = Files.size(log(source));
    int refused = 0;
    for (long offset : offsets(length)) {
      Path copy = copyOf(source, source.getFileName() + "-" + kind + "-" + offset);
      LogDamage.apply(copy, kind, offset);
      refused +=
          openedWhole(copy, kind + " at offset " + offset + " of " + length + " bytes") ? 0 : 1;
    }
    // Most offsets fall inside a record of an acknowledged entry: those must be refused, not
    // skipped.
    assertThat(refused).as("opens refused").isGreaterThan(OFFSETS / 2);
  }

  @Test
  void truncatedLog_atAnyOffset_keepsEveryAcknowledgedEntryOrFailsToOpen() throws Exception {
    assertDamageNeverLosesAnEntry(pristine, LogDamage.Kind.TRUNCATE);
  }

  @Test
  void lostLogTail_isReportedAsARollbackNamingBothSizes_andNothingIsSigned() throws Exception {
    Path copy = copyOf(pristine, "cut");
    try (RandomAccessFile f = new RandomAccessFile(log(copy).toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }

    assertThatThrownBy(() -> Ledger.open(copy))
        .isInstanceOfSatisfying(
            RollbackException.class,
            e -> {
              assertThat(e.recordedSize()).isEqualTo(signedSize);
              assertThat(e.storedSize()).isLessThan(signedSize);
              assertThat(e.finding().failure()).isEqualTo(Failure.ROLLBACK);
              assertThat(e.getMessage())
                  .contains("holds " + e.storedSize() + " entries")
                  .contains("checkpoint of " + signedSize);
            });
    // The refusal is lasting: the rolled-back store never opens, so its log key never signs it.
    assertThatThrownBy(() -> Ledger.open(copy)).isInstanceOf(RollbackException.class);
  }

  @Test
  void replacedHistory_ofAtLeastTheSignedSize_isReportedAsInconsistent() throws Exception {
    // The same origin, root and log key, but other entries: what a rewritten store looks like.
    Path other = tmp.resolve("other");
    try (Ledger ledger = Ledger.create(other, TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      for (int i = 0; i < OBSERVATIONS + 5; i++) {
        ledger.append(observe(TestChain.SULPHATE, 1000 + i), chain.refinery);
      }
      ledger.checkpoint(LOG_KEY.signer());
    }
    Files.copy(
        Ledger.checkpointFile(pristine).path(),
        Ledger.checkpointFile(other).path(),
        StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> Ledger.open(other))
        .isInstanceOfSatisfying(
            RollbackException.class,
            e -> {
              assertThat(e.recordedSize()).isEqualTo(signedSize);
              assertThat(e.storedSize()).isEqualTo(8 + OBSERVATIONS + 5);
              assertThat(e.getMessage())
                  .contains("do not extend the checkpoint of size " + signedSize);
            });
  }

  @Test
  void checkpoint_recordsItselfOutsideTheStore_andLaterCheckpointsAdvanceTheRecord()
      throws Exception {
    SignedCheckpoint recorded = Ledger.checkpointFile(pristine).read().orElseThrow();
    assertThat(recorded.checkpoint().size()).isEqualTo(signedSize);
    try (Ledger ledger = Ledger.open(pristine)) {
      assertThat(recorded.toBytes()).isEqualTo(ledger.latestCheckpoint().orElseThrow().toBytes());
      ledger.append(observe(TestChain.SULPHATE, 999), chain.refinery);
      ledger.checkpoint(LOG_KEY.signer());
    }
    assertThat(Ledger.checkpointFile(pristine).read().orElseThrow().checkpoint().size())
        .isEqualTo(signedSize + 1);
  }

  @Test
  void lostEntries_afterTheLastCheckpoint_areARollbackAgainstTheAcknowledgedSize()
      throws Exception {
    Path dir = recordPartlySigned();
    try (RandomAccessFile f = new RandomAccessFile(log(dir).toFile(), "rw")) {
      f.setLength(f.length() - 200); // into the last append's record
    }

    assertThatThrownBy(() -> Ledger.open(dir))
        .isInstanceOfSatisfying(
            RollbackException.class,
            e -> {
              assertThat(e.recordedSize()).isEqualTo(acknowledged.size());
              assertThat(e.storedSize()).isEqualTo(acknowledged.size() - 1);
              assertThat(e.signed()).isEmpty();
              assertThat(e.getMessage()).contains("acknowledged " + acknowledged.size());
            });
  }

  @Test
  void sizeMark_deletedWithTheLogTail_isMissedAndRefused_notSilentlyRecreated() throws Exception {
    Path dir = recordPartlySigned();
    try (RandomAccessFile f = new RandomAccessFile(log(dir).toFile(), "rw")) {
      f.setLength(f.length() - 200);
    }
    Files.delete(dir.resolve("acknowledged.size"));

    assertThatThrownBy(() -> Ledger.open(dir))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("is missing acknowledged.size");
  }

  @Test
  void create_overTheCheckpointFileOfALostLedger_isRefused() throws Exception {
    Path dir = tmp.resolve("lost");
    Files.createDirectories(dir);
    Files.copy(Ledger.checkpointFile(pristine).path(), Ledger.checkpointFile(dir).path());

    assertThatThrownBy(() -> Ledger.create(dir, TestChain.ORIGIN, chain.root, "root"))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining(Ledger.CHECKPOINT_FILE);
  }

  @Test
  void checkpointFile_signedByAnotherKey_isRefused() throws Exception {
    Path copy = copyOf(pristine, "forged");
    SignedCheckpoint real = Ledger.checkpointFile(copy).read().orElseThrow();
    Ledger.checkpointFile(copy)
        .write(
            SignedCheckpoint.sign(real.checkpoint(), TestChain.signer("urn:x:forger", 9).signer()));

    assertThatThrownBy(() -> Ledger.open(copy))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.BAD_CHECKPOINT));
  }

  private boolean openedWhole(Path dir, String damage) throws Exception {
    java.util.Map<Long, EntryHash> byIndex = new java.util.TreeMap<>();
    for (int i = 0; i < acknowledged.size(); i++) {
      byIndex.put((long) i, acknowledged.get(i));
    }
    return LogDamage.openedWhole(dir, byIndex, damage);
  }

  private static List<Long> offsets(long length) {
    return LogDamage.offsets(length, OFFSETS);
  }

  private Path copyOf(Path source, String name) throws IOException {
    return LogDamage.copy(source, tmp.resolve(name));
  }

  /** The one write-ahead log a freshly written ledger has. */
  private static Path log(Path dir) throws IOException {
    return LogDamage.newestLog(dir);
  }

  private static ObjectEvent observe(LotId lot, int n) {
    return ObjectEvent.observe(
        List.of(LotQuantity.of(lot.uri(), "1", "KGM")),
        TestChain.T0.plusMinutes(n),
        EventContext.of("inspecting", "active"));
  }
}
