package io.lotledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.testing.TestChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing acknowledged is ever lost: a child JVM ({@link CrashAppender}) appends from several
 * threads and reports each acknowledged append; it is killed with SIGKILL mid-stream, and the
 * reopened ledger must hold every acknowledged entry at its index and verify.
 *
 * <p>A process kill leaves the operating system's page cache intact, so this checks the write path
 * (one atomic write-ahead-log batch per group, acknowledged only after the write returns), not the
 * fsync itself; a power cut cannot be simulated here.
 */
class RocksDbCrashTest {
  private static final int ACKS = 300;
  private static final int THREADS = 4;
  private static final int DAMAGE_OFFSETS = 12;
  private static final String END = "\0end";

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Durability.class,
      names = {"GROUP_COMMIT", "PER_APPEND"})
  void kill_duringConcurrentAppends_losesNoAcknowledgedEntry(Durability durability)
      throws Exception {
    Path dir = tmp.resolve("ledger");
    Path stderr = tmp.resolve("child.err");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                CrashAppender.class.getName(),
                dir.toString(),
                durability.name(),
                String.valueOf(THREADS))
            .redirectError(stderr.toFile())
            .start();
    TreeMap<Long, EntryHash> acked = new TreeMap<>();
    try {
      BlockingQueue<String> lines = pump(child);
      while (acked.size() < ACKS) {
        // A guard against a hung child, not a performance bound.
        String line = lines.poll(120, TimeUnit.SECONDS);
        if (line == null || line.equals(END)) {
          fail(
              "child stopped after "
                  + acked.size()
                  + " acks ("
                  + (line == null ? "hung" : "exited")
                  + "); stderr:\n"
                  + Files.readString(stderr));
        }
        String[] parts = line.split(" ");
        assertThat(parts).as("line %s", line).hasSize(3).startsWith("ack");
        EntryHash previous = acked.put(Long.parseLong(parts[1]), EntryHash.parse(parts[2]));
        assertThat(previous).as("index %s acknowledged twice", parts[1]).isNull();
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child died").isTrue();
    }
    assertThat(child.exitValue()).as("killed, not exited on its own").isNotZero().isNotEqualTo(3);

    // The same kill, then the log damaged as well (overwritten, or cut short, at offsets across
    // it): every
    // acknowledged entry is still there, or opening refuses, naming the corruption or the rollback.
    long length = Files.size(LogDamage.newestLog(dir));
    for (LogDamage.Kind kind : LogDamage.Kind.values()) {
      for (long offset : LogDamage.offsets(length, DAMAGE_OFFSETS)) {
        Path copy = LogDamage.copy(dir, tmp.resolve(kind + "-" + offset));
        LogDamage.apply(copy, kind, offset);
        LogDamage.openedWhole(
            copy, acked, kind + " at " + offset + " of " + length + " bytes after the kill");
      }
    }

    try (Ledger ledger = Ledger.open(dir)) {
      assertThat(ledger.size()).isGreaterThanOrEqualTo(ACKS + 3L).isGreaterThan(acked.lastKey());
      List<String> lost = new ArrayList<>();
      for (Map.Entry<Long, EntryHash> a : acked.entrySet()) {
        Optional<Entry> stored = ledger.entry(a.getKey());
        if (stored.isEmpty() || !stored.get().hash().equals(a.getValue())) {
          lost.add(
              a.getKey()
                  + " "
                  + a.getValue().shortHex()
                  + " -> "
                  + stored.map(e -> e.hash().shortHex()).orElse("missing"));
        }
      }
      assertThat(lost).as("acknowledged entries not found at their index").isEmpty();
      ledger.verify();
      // Appending continues after the crash, at the index after the last recovered entry.
      long size = ledger.size();
      Entry next =
          ledger.append(
              ObjectEvent.observe(
                  List.of(LotQuantity.of("urn:lotledger:crash:lot-0", "1", "KGM")),
                  TestChain.T0,
                  EventContext.of("inspecting", "active")),
              new TestChain().mine);
      assertThat(next.index()).isEqualTo(size);
      ledger.verify();
    }
  }

  /** Reads the child's stdout on a daemon thread, so that the test can stop waiting. */
  private static BlockingQueue<String> pump(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child was killed mid-line; END below tells the test
              }
              lines.add(END);
            },
            "crash-child-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
