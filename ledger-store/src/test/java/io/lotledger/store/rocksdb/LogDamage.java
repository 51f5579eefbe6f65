package io.lotledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lotledger.Ledger;
import io.lotledger.entry.EntryHash;
import io.lotledger.rules.Failure;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.StoreException;
import io.lotledger.verify.RollbackException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Damage to a ledger's write-ahead log, and the one outcome allowed after it: every acknowledged
 * entry in place, or opening refused naming the corruption or the rollback. Shared by the damage
 * and crash tests.
 */
final class LogDamage {
  /** How the log is damaged at an offset. */
  enum Kind {
    /** 64 bytes overwritten (fewer at the end of the file). */
    OVERWRITE,
    /** The file cut to the offset. */
    TRUNCATE
  }

  private LogDamage() {}

  /** {@code count} offsets spread evenly over a file of {@code length} bytes, from 0. */
  static List<Long> offsets(long length, int count) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(length * i / count);
    }
    return out;
  }

  /**
   * Damages the newest write-ahead log in {@code dir} at {@code offset}; returns its length before.
   */
  static long apply(Path dir, Kind kind, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(newestLog(dir).toFile(), "rw")) {
      long length = f.length();
      if (kind == Kind.TRUNCATE) {
        f.setLength(offset);
      } else {
        byte[] junk = new byte[(int) Math.min(64, length - offset)];
        Arrays.fill(junk, (byte) '0');
        f.seek(offset);
        f.write(junk);
      }
      return length;
    }
  }

  /** The write-ahead log RocksDB is writing: the one with the highest number. */
  static Path newestLog(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".log"))
          .max(java.util.Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow(() -> new AssertionError("no write-ahead log in " + dir));
    }
  }

  /**
   * Opens a damaged ledger: true when every entry of {@code acknowledged} (index to hash) is in
   * place and the ledger verifies, false when opening was refused with a corrupt-store error or a
   * rollback that names both sizes; fails the test otherwise.
   */
  static boolean openedWhole(Path dir, Map<Long, EntryHash> acknowledged, String damage)
      throws Exception {
    Ledger ledger;
    try {
      ledger = Ledger.open(dir);
    } catch (RollbackException e) {
      // Equal sizes: the entries survived but the log key or tree that the checkpoint rests on did
      // not.
      assertThat(e.storedSize()).as(damage).isLessThanOrEqualTo(e.recordedSize());
      assertThat(e.getMessage())
          .as(damage)
          .contains(String.valueOf(e.recordedSize()))
          .contains(String.valueOf(e.storedSize()));
      return false;
    } catch (StoreException e) {
      assertThat(e.getMessage()).as(damage).contains("is corrupt");
      return false;
    } catch (VerificationException e) {
      assertThat(e.finding().failure()).as(damage).isIn(Failure.ROLLBACK, Failure.BAD_CHECKPOINT);
      return false;
    }
    try (ledger) {
      for (Map.Entry<Long, EntryHash> a : acknowledged.entrySet()) {
        if (a.getKey() >= ledger.size()) {
          fail(
              damage
                  + ": opened with "
                  + ledger.size()
                  + " entries, without acknowledged entry "
                  + a.getKey());
        }
        assertThat(ledger.entry(a.getKey()).orElseThrow().hash())
            .as("%s: entry %s", damage, a.getKey())
            .isEqualTo(a.getValue());
      }
      ledger.verify();
    }
    return true;
  }

  /**
   * A copy of the ledger directory {@code source} (without RocksDB's lock file) at {@code target}.
   */
  static Path copy(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("LOCK")) {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }
}
