package io.lotledger.benchmarks;

import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.LedgerSetup;
import io.lotledger.crypto.Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.store.rocksdb.RocksDbLedgerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput in appends per second (all producer threads together), with raw Ed25519 signing
 * as the baseline in the same run.
 *
 * <p>Every append is {@code ledger.appendAsync(event, signer)} of a commissioning event
 * (ObjectEvent ADD of a fresh lot with quantity, master data and context, about 500 bytes signed):
 * the producer thread builds the event, links it, encodes and signs it (Ed25519); the ledger's one
 * committer thread orders it, checks the chain rules and writes it, a group of appends per atomic
 * batch. Producers are <b>pipelined</b>: each keeps a window of appends in flight and, once the
 * window is full, waits for its oldest append before submitting the next. Before each iteration the
 * window is filled (untimed), so that a measured iteration is in steady state: every counted append
 * is matched by one completed.
 *
 * <ul>
 *   <li>{@code rawSign}: {@link Signer#sign} of a 300-byte message: a producer's floor (one
 *       thread).
 *   <li>{@code inMemory}: {@link Ledger#inMemory}, one producer, window 1024: the ledger's own cost
 *       (event, linking, encoding, signing, rules, handoff) without storage.
 *   <li>{@code inMemory2Producers}: the same with two producer threads signing in parallel, each
 *       with a window of 1024, into the single ordered committer.
 *   <li>{@code inMemoryCallerSigner}: {@code inMemory} with the same key behind a caller-supplied
 *       {@link Signer} (as an HSM or KMS adapter is): the ledger checks every signature such a
 *       signer returns, on the producer's thread; the difference from {@code inMemory} is that
 *       check.
 *   <li>{@code inMemoryOneLot2Producers}: two producers, each with 64 in flight, observing one lot:
 *       nearly every append is signed against a head that moves before it is ordered, so it is
 *       re-linked and re-signed (by the committer before issue 13, by a pool thread since).
 *   <li>{@code noSync}: embedded RocksDB ({@code ledger-store}) with {@link Durability#NO_SYNC}
 *       (write-ahead log, no fsync), one producer, window 1024: storage CPU cost without the disk.
 *   <li>{@code durable}, parameter {@code fsyncEvery} = 1, 100, 1000: durable appends with one
 *       fsync per group of at most {@code fsyncEvery} appends. 1 is {@link Durability#PER_APPEND}
 *       with a blocking producer ({@link Ledger#append}: sign, submit, wait for the fsync); 100 and
 *       1000 are {@link Durability#GROUP_COMMIT} with {@link LedgerOptions#withMaxBatch} {@code
 *       fsyncEvery} and a window of {@code fsyncEvery} appends in flight.
 *   <li>{@code durable2Producers}: GROUP_COMMIT with max batch 1000 and two producers, each with a
 *       window of 1000.
 * </ul>
 *
 * <p>The RocksDB benchmarks also report {@code :groups}, atomic batches written per second (counted
 * by a pass-through {@link CountingStore}): for the durable ones, fsyncs per second. The primary
 * score divided by it is the number of appends each group really held. A group is what the
 * committer finds queued when it turns to the next one; with {@link LedgerOptions#withLinger} (used
 * here, 20 ms) the committer waits for the group to fill to {@code fsyncEvery} before writing it.
 *
 * <p>Each iteration starts from a fresh ledger (genesis plus one registered actor), so memory and
 * database size do not grow across iterations. RocksDB directories are created under the system
 * property {@code lotledger.bench.dir} (default {@code java.io.tmpdir/lotledger-bench}) and deleted
 * after each iteration: fsync cost is that of the disk there; name it in any report.
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AppendBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s</pre>
 *
 * or, for a chosen disk: {@code ... -jvmArgsAppend -Dlotledger.bench.dir=/mnt/data}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class AppendBenchmark {
  /**
   * Lot numbers, unique across threads and iterations, so that every append commissions a new lot.
   */
  private static final AtomicLong LOTS = new AtomicLong();

  private static final ActorSigner ROOT = Workload.signer("urn:lotledger:actor:root", 1);
  private static final ActorSigner MINE = Workload.signer("urn:lotledger:actor:mine", 2);

  /**
   * The same actor and key behind a caller-supplied {@link Signer} (as an HSM or KMS adapter would
   * be): not the built-in {@code Ed25519Signer}, so the ledger checks each signature it returns.
   */
  private static final ActorSigner MINE_BY_CALLER =
      new ActorSigner(
          MINE.actor(),
          new Signer() {
            private final Signer key = MINE.signer();

            @Override
            public byte[] sign(byte[] message) {
              return key.sign(message);
            }

            @Override
            public io.lotledger.crypto.Ed25519PublicKey publicKey() {
              return key.publicKey();
            }
          });

  /** Registers the appending actor, so that appends pass the key rules. */
  private static Ledger withMine(Ledger ledger) throws LedgerException {
    ledger.append(
        new RegistryEvent.ActorRegistered(
            MINE.actor(), "Benchmark mine", MINE.publicKey(), Workload.T0),
        ROOT);
    return ledger;
  }

  private static CompletableFuture<Entry> submit(Ledger ledger, ActorSigner signer) {
    return ledger.appendAsync(Workload.commission(LOTS.incrementAndGet()), signer);
  }

  /** The one lot that {@code inMemoryOneLot2Producers} observes. */
  private static final String HOT_LOT = "urn:epc:class:lgtin:4012345.012345.HOT";

  /** An observation of {@link #HOT_LOT}: every one links to the one before it. */
  private static CompletableFuture<Entry> observeHotLot(Ledger ledger) {
    long n = LOTS.incrementAndGet();
    return ledger.appendAsync(
        ObjectEvent.observe(
            List.of(LotQuantity.of(new io.lotledger.event.LotId(HOT_LOT))),
            Workload.T0.plusSeconds(n % 1_000_000),
            EventContext.of("inspecting", null)),
        MINE);
  }

  // ------------------------------------------------------------------ ledgers (one per iteration)

  /** A fresh in-memory ledger per iteration. */
  @State(Scope.Benchmark)
  public static class InMemory {
    Ledger ledger;

    @Setup(Level.Iteration)
    public void open() throws LedgerException {
      ledger = withMine(Ledger.inMemory().create(Workload.ORIGIN, ROOT, "Benchmark root"));
    }

    @TearDown(Level.Iteration)
    public void close() throws LedgerException {
      ledger.close();
    }
  }

  /** A fresh in-memory ledger per iteration, holding {@link #HOT_LOT}. */
  @State(Scope.Benchmark)
  public static class InMemoryOneLot {
    Ledger ledger;

    @Setup(Level.Iteration)
    public void open() throws LedgerException {
      ledger = withMine(Ledger.inMemory().create(Workload.ORIGIN, ROOT, "Benchmark root"));
      ledger.append(
          ObjectEvent.add(
              List.of(LotQuantity.of(HOT_LOT, "1000", "KGM")),
              null,
              Workload.T0,
              EventContext.of("commissioning", "active")),
          MINE);
    }

    @TearDown(Level.Iteration)
    public void close() throws LedgerException {
      ledger.close();
    }
  }

  /** A fresh RocksDB ledger per iteration in a new directory, deleted afterwards. */
  abstract static class OnDisk {
    Path directory;
    CountingStore store;
    Ledger ledger;

    void open(LedgerOptions options) throws IOException, LedgerException {
      open(options, false);
    }

    /**
     * With {@code records}, the ledger keeps its records beside the store, as one opened by
     * directory does.
     */
    void open(LedgerOptions options, boolean records) throws IOException, LedgerException {
      Path base = LedgerFixture.baseDirectory();
      Files.createDirectories(base);
      directory = Files.createTempDirectory(base, "append-");
      store = new CountingStore(RocksDbLedgerStore.open(directory, true));
      LedgerSetup setup = Ledger.on(store).options(options);
      ledger =
          withMine(
              (records ? setup.recordsIn(directory) : setup)
                  .create(Workload.ORIGIN, ROOT, "Benchmark root"));
    }

    void close() throws IOException, LedgerException {
      ledger.close();
      LedgerFixture.deleteTree(directory);
    }
  }

  @State(Scope.Benchmark)
  public static class NoSync extends OnDisk {
    @Setup(Level.Iteration)
    public void open() throws IOException, LedgerException {
      open(LedgerOptions.DEFAULT.withDurability(Durability.NO_SYNC));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, LedgerException {
      super.close();
    }
  }

  @State(Scope.Benchmark)
  public static class Durable extends OnDisk {
    /** Most appends per fsync: 1 is PER_APPEND with a blocking producer, else GROUP_COMMIT. */
    @Param({"1", "100", "1000"})
    public int fsyncEvery;

    /**
     * Whether the ledger keeps {@code acknowledged.size} beside the store (as every ledger opened
     * by directory does since issue 13): one positioned write of 16 bytes after each group's fsync.
     */
    @Param({"true"})
    public boolean sizeMark;

    @Setup(Level.Iteration)
    public void open() throws IOException, LedgerException {
      open(
          fsyncEvery == 1
              ? LedgerOptions.DEFAULT.withDurability(Durability.PER_APPEND).withMaxBatch(1)
              : LedgerOptions.DEFAULT
                  .withDurability(Durability.GROUP_COMMIT)
                  .withMaxBatch(fsyncEvery)
                  // Let each group fill to fsyncEvery (the producer keeps that many in flight).
                  .withLinger(java.time.Duration.ofMillis(20)),
          sizeMark);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, LedgerException {
      super.close();
    }
  }

  @State(Scope.Benchmark)
  public static class Durable1000 extends OnDisk {
    @Setup(Level.Iteration)
    public void open() throws IOException, LedgerException {
      open(LedgerOptions.DEFAULT.withDurability(Durability.GROUP_COMMIT).withMaxBatch(1000));
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, LedgerException {
      super.close();
    }
  }

  // ------------------------------------------------------------------ producers (one per thread)

  /** One producer thread's window of appends in flight, filled before each iteration. */
  abstract static class Window {
    private final ArrayDeque<CompletableFuture<Entry>> inFlight = new ArrayDeque<>();
    private java.util.function.Supplier<CompletableFuture<Entry>> append;
    private int size;

    void start(Ledger ledger, int size) {
      start(ledger, size, MINE);
    }

    void start(Ledger ledger, int size, ActorSigner signer) {
      start(size, () -> submit(ledger, signer));
    }

    void start(int size, java.util.function.Supplier<CompletableFuture<Entry>> append) {
      this.size = size;
      this.append = append;
      inFlight.clear();
      for (int i = 0; i < size; i++) {
        inFlight.add(append.get());
      }
    }

    /** Waits for the oldest append once the window is full, then submits one. */
    CompletableFuture<Entry> next() {
      if (inFlight.size() >= size) {
        join(inFlight.poll());
      }
      CompletableFuture<Entry> f = append.get();
      inFlight.add(f);
      return f;
    }

    void drain() {
      while (!inFlight.isEmpty()) {
        join(inFlight.poll());
      }
    }

    private static void join(CompletableFuture<Entry> f) {
      try {
        f.join();
      } catch (CompletionException e) {
        throw new IllegalStateException("an append failed: " + e.getCause(), e.getCause());
      }
    }
  }

  @State(Scope.Thread)
  public static class InMemoryWindow extends Window {
    @Setup(Level.Iteration)
    public void start(InMemory s) {
      start(s.ledger, 1024);
    }

    @TearDown(Level.Iteration)
    public void stop() {
      drain();
    }
  }

  /** As {@link InMemoryWindow}, appending through {@link #MINE_BY_CALLER}. */
  @State(Scope.Thread)
  public static class InMemoryCallerSignerWindow extends Window {
    @Setup(Level.Iteration)
    public void start(InMemory s) {
      start(s.ledger, 1024, MINE_BY_CALLER);
    }

    @TearDown(Level.Iteration)
    public void stop() {
      drain();
    }
  }

  /** Observations of {@link #HOT_LOT}, 64 in flight per producer. */
  @State(Scope.Thread)
  public static class OneLotWindow extends Window {
    @Setup(Level.Iteration)
    public void start(InMemoryOneLot s) {
      start(64, () -> observeHotLot(s.ledger));
    }

    @TearDown(Level.Iteration)
    public void stop() {
      drain();
    }
  }

  @State(Scope.Thread)
  public static class NoSyncWindow extends Window {
    @Setup(Level.Iteration)
    public void start(NoSync s) {
      start(s.ledger, 1024);
      s.store.takeBatches();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      drain();
    }
  }

  @State(Scope.Thread)
  public static class DurableWindow extends Window {
    @Setup(Level.Iteration)
    public void start(Durable s) {
      if (s.fsyncEvery > 1) {
        start(s.ledger, s.fsyncEvery);
      }
      s.store.takeBatches();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      drain();
    }
  }

  @State(Scope.Thread)
  public static class Durable1000Window extends Window {
    @Setup(Level.Iteration)
    public void start(Durable1000 s) {
      start(s.ledger, 1000);
      s.store.takeBatches();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      drain();
    }
  }

  /**
   * Atomic batches written (commit groups; fsyncs when durable), normalised by JMH to per second.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Groups {
    public long groups;

    @Setup(Level.Iteration)
    public void reset() {
      groups = 0;
    }
  }

  // ------------------------------------------------------------------ benchmarks

  /** A 300-byte message and a signer: the raw signing baseline. */
  @State(Scope.Benchmark)
  public static class RawMessage {
    final Signer signer = MINE.signer();
    final byte[] message = Workload.rawMessage();
  }

  @Benchmark
  @Threads(1)
  public byte[] rawSign(RawMessage s) {
    return s.signer.sign(s.message);
  }

  @Benchmark
  @Threads(1)
  public CompletableFuture<Entry> inMemory(InMemoryWindow w) {
    return w.next();
  }

  @Benchmark
  @Threads(2)
  public CompletableFuture<Entry> inMemory2Producers(InMemoryWindow w) {
    return w.next();
  }

  @Benchmark
  @Threads(1)
  public CompletableFuture<Entry> inMemoryCallerSigner(InMemoryCallerSignerWindow w) {
    return w.next();
  }

  @Benchmark
  @Threads(2)
  public CompletableFuture<Entry> inMemoryOneLot2Producers(OneLotWindow w) {
    return w.next();
  }

  @Benchmark
  @Threads(1)
  public CompletableFuture<Entry> noSync(NoSync s, NoSyncWindow w, Groups g) {
    CompletableFuture<Entry> f = w.next();
    g.groups += s.store.takeBatches();
    return f;
  }

  @Benchmark
  @Threads(1)
  public Object durable(Durable s, DurableWindow w, Groups g) throws LedgerException {
    Object result =
        s.fsyncEvery == 1
            ? s.ledger.append(Workload.commission(LOTS.incrementAndGet()), MINE)
            : w.next();
    g.groups += s.store.takeBatches();
    return result;
  }

  @Benchmark
  @Threads(2)
  public CompletableFuture<Entry> durable2Producers(Durable1000 s, Durable1000Window w, Groups g) {
    CompletableFuture<Entry> f = w.next();
    g.groups += s.store.takeBatches();
    return f;
  }
}
