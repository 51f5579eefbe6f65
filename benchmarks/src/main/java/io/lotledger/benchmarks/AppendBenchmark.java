package io.lotledger.benchmarks;

import io.lotledger.ActorSigner;
import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.Entry;
import io.lotledger.event.RegistryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput: {@code ledger.append(event, signer)} of a commissioning event (ObjectEvent ADD,
 * one fresh lot with quantity and ILMD), which links, signs (Ed25519, on the calling thread), checks
 * the chain rules and commits (one committer thread, atomic batches).
 *
 * <ul>
 *   <li>{@code inMemory}, {@code inMemory4Threads}: {@link Ledger#inMemory}; the cost of the ledger
 *       itself (signing, encoding, rules) without storage. With 4 threads signing runs in parallel.
 *   <li>{@code rocksDb}, {@code rocksDb4Threads}: the embedded RocksDB store ({@code ledger-store}),
 *       with {@code durability} {@link Durability#NO_SYNC} (write-ahead log, no fsync) and {@link
 *       Durability#GROUP_COMMIT} (one fsync per batch of appends that arrive together). One thread
 *       with GROUP_COMMIT pays one fsync per append; 4 threads let batches form.
 * </ul>
 *
 * Each measurement iteration starts from a fresh ledger (genesis plus one registered actor), so
 * memory and database size do not grow across iterations. The RocksDB directory is created under
 * the system property {@code lotledger.bench.dir} (default {@code java.io.tmpdir}): fsync cost is
 * that of the disk there; name it in any report.
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AppendBenchmark -f 1 -wi 3 -i 5</pre>
 *
 * or, for a chosen disk: {@code ... AppendBenchmark -f 1 -wi 3 -i 5 -jvmArgsAppend
 * -Dlotledger.bench.dir=/mnt/data}. Reported in appends per second (all threads together).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AppendBenchmark {
  /** Lot numbers, unique across threads and iterations, so that every append commissions a new lot. */
  private static final AtomicLong LOTS = new AtomicLong();

  private static final ActorSigner ROOT = Workload.signer("urn:lotledger:actor:root", 1);
  private static final ActorSigner MINE = Workload.signer("urn:lotledger:actor:mine", 2);

  /** Registers the appending actor, so that appends pass the key and custody rules. */
  private static Ledger withMine(Ledger ledger) throws LedgerException {
    ledger.append(new RegistryEvent.ActorRegistered(MINE.actor(), "Benchmark mine", MINE.publicKey(), Workload.T0), ROOT);
    return ledger;
  }

  /** A fresh in-memory ledger per iteration. */
  @State(Scope.Benchmark)
  public static class InMemory {
    Ledger ledger;

    @Setup(Level.Iteration)
    public void open() throws LedgerException {
      ledger = withMine(Ledger.inMemory(Workload.ORIGIN, ROOT, "Benchmark root"));
    }

    @TearDown(Level.Iteration)
    public void close() throws LedgerException {
      ledger.close();
    }
  }

  /** A fresh RocksDB ledger in a new directory per iteration, deleted afterwards. */
  @State(Scope.Benchmark)
  public static class RocksDb {
    @Param({"NO_SYNC", "GROUP_COMMIT"})
    public Durability durability;

    Path directory;
    Ledger ledger;

    @Setup(Level.Iteration)
    public void open() throws IOException, LedgerException {
      Path base = Path.of(System.getProperty("lotledger.bench.dir", System.getProperty("java.io.tmpdir")));
      directory = Files.createTempDirectory(base, "lotledger-append-");
      LedgerOptions options = LedgerOptions.DEFAULT.withDurability(durability);
      ledger = withMine(Ledger.create(directory, Workload.ORIGIN, ROOT, "Benchmark root", options));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, LedgerException {
      ledger.close();
      try (Stream<Path> paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  @Benchmark
  @Threads(1)
  public Entry inMemory(InMemory s) throws LedgerException {
    return s.ledger.append(Workload.commission(LOTS.incrementAndGet()), MINE);
  }

  @Benchmark
  @Threads(4)
  public Entry inMemory4Threads(InMemory s) throws LedgerException {
    return s.ledger.append(Workload.commission(LOTS.incrementAndGet()), MINE);
  }

  @Benchmark
  @Threads(1)
  public Entry rocksDb(RocksDb s) throws LedgerException {
    return s.ledger.append(Workload.commission(LOTS.incrementAndGet()), MINE);
  }

  @Benchmark
  @Threads(4)
  public Entry rocksDb4Threads(RocksDb s) throws LedgerException {
    return s.ledger.append(Workload.commission(LOTS.incrementAndGet()), MINE);
  }
}
