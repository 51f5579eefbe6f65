package io.lotledger.benchmarks;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.error.LedgerException;
import io.lotledger.spi.LedgerStore;
import io.lotledger.store.rocksdb.RocksDbLedgerStore;
import io.lotledger.verify.ChainVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-ledger verification from RocksDB, in entries per second, beside raw Ed25519 verification in
 * the same run.
 *
 * <ul>
 *   <li>{@code verifyLedger}: {@code new ChainVerifier(store, threads).verify()} over a RocksDB
 *       ledger of {@code entries} entries ({@link LedgerFixture}: commissionings, observations,
 *       shipments and their receipts, transformations with fan-in 2-4, seven actors), opened
 *       directly with {@link RocksDbLedgerStore}. Everything the verifier does is measured: reading
 *       every entry, decoding with the canonical check, entry hash, signature (on {@code threads}
 *       threads, windows of 1024 entries), the chain rules in index order, recomputing every
 *       derived record (hash index, heads, history, lots, edges, Merkle tree, registry) and
 *       comparing it with the store, and the final table scans. One invocation is one whole
 *       verification; when it outlasts the iteration time ({@code -r}), as at the default sizes,
 *       every iteration is exactly one verification (JMH ends an iteration after the invocation in
 *       progress). Mode {@link Mode#Throughput}: the primary score is whole verifications per
 *       second (tiny); <b>the figure to read is the secondary score {@code
 *       verifyLedger:entries}</b>, the entries verified per iteration (an {@link AuxCounters}
 *       counter) divided by the iteration's time, in entries per second. (JMH drops auxiliary
 *       counters in {@code SingleShotTime} mode, and {@code @OperationsPerInvocation} cannot follow
 *       the {@code entries} parameter.)
 *   <li>{@code rawVerify}: one BouncyCastle Ed25519 verification with a cached key over a 300-byte
 *       message, in verifications per second on one thread: the floor. {@code verifyLedger:entries}
 *       divided by ({@code threads} × {@code rawVerify}) is the fraction of the per-thread
 *       signature ceiling the verifier reaches (with 2 threads on 2 cores, the ordered checks share
 *       the cores).
 * </ul>
 *
 * <p>The ledger is generated once per size under {@code -Dlotledger.bench.dir} (default {@code
 * java.io.tmpdir/lotledger-bench}) and reused while complete; generating 1,000,000 entries takes
 * minutes, so generate it ahead with {@code java -cp benchmarks/target/benchmarks.jar
 * io.lotledger.benchmarks.LedgerFixture 1000000}. The page cache is warm after generation or the
 * first iteration: this measures CPU-bound verification, not a cold disk. Name the disk in reports.
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LedgerVerificationBenchmark -f 1 -wi 1 -i 3 -w 1s -r 3s \
 *     -jvmArgsAppend -Dlotledger.bench.dir=/path/on/the/disk
 * </pre>
 *
 * For {@code verifyLedger} {@code -wi}/{@code -i} count whole verifications (each takes minutes at
 * 1,000,000 entries on a slow core: about 6,000 entries/s per thread). For a quick run: {@code -p
 * entries=100000}.
 */
// The verifier keeps every lot's head and every lineage edge in memory: about 50 MB live at 100,000
// entries, so about 0.5 GB at 1,000,000. Prepended, so that -jvmArgsAppend on the command line (the
// bench dir) does not replace it.
@Fork(
    value = 1,
    jvmArgsPrepend = {"-Xmx3g"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class LedgerVerificationBenchmark {

  /** The fixture ledger, opened once per trial. */
  @State(Scope.Benchmark)
  public static class Store {
    @Param({"1000000"})
    public long entries;

    @Param({"1", "2"})
    public int threads;

    LedgerStore store;

    @Setup(Level.Trial)
    public void open() throws IOException, LedgerException {
      Path dir = LedgerFixture.ensure(entries);
      store = RocksDbLedgerStore.open(dir, false);
      System.out.printf(
          "%nLedgerVerificationBenchmark: %d entries, %.1f MB in %s, %d verifier thread(s), %d processors%n",
          entries,
          LedgerFixture.sizeOf(dir) / 1e6,
          dir,
          threads,
          Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void close() throws LedgerException {
      store.close();
    }
  }

  /** Entries verified, normalised by JMH to entries per second of measured time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Entries {
    public long entries;

    @Setup(Level.Iteration)
    public void reset() {
      entries = 0;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void verifyLedger(Store s, Entries counted) throws LedgerException {
    new ChainVerifier(s.store, s.threads).verify();
    counted.entries += s.entries;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean rawVerify(RawSignature s) {
    return s.key.verify(s.signature, s.message);
  }

  /** A fixed 300-byte message, its signature and the signer's key, decoded once. */
  @State(Scope.Benchmark)
  public static class RawSignature {
    Ed25519PublicKey key;
    byte[] message;
    byte[] signature;

    @Setup(Level.Trial)
    public void setUp() {
      var signer = Workload.signer("urn:lotledger:actor:refinery", 3);
      key = signer.publicKey();
      message = Workload.rawMessage();
      signature = signer.signer().sign(message);
      if (!key.verify(signature, message)) {
        throw new IllegalStateException("raw signature does not verify");
      }
    }
  }
}
