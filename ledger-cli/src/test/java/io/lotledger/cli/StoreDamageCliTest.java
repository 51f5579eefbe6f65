package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.assertOneLineError;
import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.cli.LedgerCliTest.Result;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI says over a damaged store: the damage, as one line, exit 2 ("the store … is
 * corrupt"), or the rollback against what the ledger signed, exit 1 — never success over lost
 * entries or a failed read, and never a checkpoint or bundle signed over them. The battery demo
 * signs a checkpoint of all {@value #DEMO_SIZE} entries.
 */
class StoreDamageCliTest {
  private static final int DEMO_SIZE = 42;
  private static final String PACK = "https://id.gs1.org/01/04000002070014/10/PK-2605-0001";

  @TempDir static Path shared;
  @TempDir Path tmp;
  private static Path demo;

  /** The demo after one more open: RocksDB has flushed its write-ahead log into table files. */
  private static Path flushed;

  @BeforeAll
  static void recordDemo() throws Exception {
    demo = shared.resolve("demo");
    Result r = ledger("demo", "battery", "--data", demo.toString());
    assertThat(r.code()).as(r.err()).isZero();
    flushed = copy(demo, shared.resolve("flushed"));
    // A writing open recovers the log into table files (the reading commands open read-only and
    // leave the store as it is).
    try (io.lotledger.Ledger ledger = io.lotledger.Ledger.open(flushed)) {
      ledger.verify();
    }
  }

  @Test
  void logOverwrittenInTheMiddle_verifyAndCheckpointReportTheCorruption_exitTwo()
      throws IOException {
    Path dir = copy(demo, tmp.resolve("w"));
    Path log = only(dir, ".log");
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.seek(f.length() / 2);
      f.write("0".repeat(64).getBytes());
    }

    for (String command : List.of("verify", "checkpoint", "lots")) {
      Result r = ledger(command, "--data", dir.toString());
      assertOneLineError(r, 2);
      assertThat(r.err()).as(command).contains("the store in").contains("is corrupt");
      assertThat(r.out()).as(command).isEmpty();
    }
  }

  @Test
  void logCutShort_isARollbackNamingBothSizes_andNothingIsSignedOrExported() throws IOException {
    Path dir = copy(demo, tmp.resolve("t"));
    Path log = only(dir, ".log");
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }

    Result verify = ledger("verify", "--data", dir.toString());
    assertOneLineError(verify, 1);
    assertThat(verify.err())
        .contains("rollback")
        .containsPattern("holds \\d+ entries")
        .contains("checkpoint of " + DEMO_SIZE);
    assertOneLineError(ledger("checkpoint", "--data", dir.toString()), 1);
    Path bundle = tmp.resolve("pack.bundle");
    assertOneLineError(
        ledger("export", PACK, "--data", dir.toString(), "--out", bundle.toString()), 1);
    assertThat(bundle).doesNotExist();
  }

  @Test
  void currentFileDeleted_isACorruptStore_notAMissingOne() throws IOException {
    Path dir = copy(demo, tmp.resolve("c"));
    Files.delete(dir.resolve("CURRENT"));

    Result r = ledger("lots", "--data", dir.toString());
    assertOneLineError(r, 2);
    assertThat(r.err()).contains("is corrupt").contains("CURRENT file is missing");
  }

  @Test
  void manifestCutShort_isACorruptStore_notAnotherVersion() throws IOException {
    for (long keep : new long[] {100, 500, 800}) {
      Path dir = copy(demo, tmp.resolve("m" + keep));
      try (RandomAccessFile f = new RandomAccessFile(only(dir, "MANIFEST-").toFile(), "rw")) {
        f.setLength(Math.min(keep, f.length() - 1));
      }

      Result r = ledger("lots", "--data", dir.toString());
      assertOneLineError(r, 2);
      assertThat(r.err())
          .as("MANIFEST cut to %s bytes", keep)
          .contains("is corrupt")
          .doesNotContain("version");
    }
  }

  /**
   * Every table file damaged in turn: each command either prints what is stored or fails naming the
   * damage.
   */
  @Test
  void tableFileDamaged_neverReportsSuccessOverAFailedRead() throws IOException {
    String lots = ledger("lots", "--data", flushed.toString()).out();
    List<Path> tables;
    try (Stream<Path> files = Files.list(flushed)) {
      tables = files.filter(p -> p.getFileName().toString().endsWith(".sst")).sorted().toList();
    }
    assertThat(tables).isNotEmpty();
    int failed = 0;
    for (Path table : tables) {
      Path dir = copy(flushed, tmp.resolve("s-" + table.getFileName()));
      try (RandomAccessFile f =
          new RandomAccessFile(dir.resolve(table.getFileName()).toFile(), "rw")) {
        f.seek(Math.min(100, f.length() / 2));
        f.write("0".repeat(32).getBytes());
      }
      Result l = ledger("lots", "--data", dir.toString());
      if (l.code() == 0) {
        assertThat(l.out()).as("lots over damaged %s", table.getFileName()).isEqualTo(lots);
      } else {
        assertOneLineError(l, 2);
        assertThat(l.err()).contains("is corrupt");
      }
      Result v = ledger("verify", "--data", dir.toString());
      assertThat(v.code())
          .as("verify over damaged %s: %s", table.getFileName(), v.err())
          .isNotZero();
      failed += l.code() == 0 ? 0 : 1;
    }
    assertThat(failed).as("lots refused over a damaged table it reads").isPositive();
  }

  private static Path only(Path dir, String namePart) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.getFileName().toString().contains(namePart)).toList();
      assertThat(found).as("%s in %s", namePart, dir).hasSize(1);
      return found.get(0);
    }
  }

  private static Path copy(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("LOCK")) {
          Files.copy(p, to);
          if (p.toString().contains("keys")) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(p));
          }
        }
      }
    }
    return target;
  }
}
