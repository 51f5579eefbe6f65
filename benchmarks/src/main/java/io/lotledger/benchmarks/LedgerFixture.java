package io.lotledger.benchmarks;

import io.lotledger.ActorSigner;
import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.Entry;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransformationEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A realistic RocksDB ledger of a given number of entries, generated once under the benchmark
 * directory and reused by later runs: what the whole-ledger verification and Merkle benchmarks read.
 *
 * <p><b>Where.</b> {@code <lotledger.bench.dir>/ledger-<entries>-v<VERSION>}, where the system
 * property {@code lotledger.bench.dir} defaults to {@code <java.io.tmpdir>/lotledger-bench}. A
 * sibling file {@code ledger-<entries>-v<VERSION>.complete} (Java properties: what was generated and
 * how long it took) is written only after the ledger was generated and closed; a directory without it
 * (an interrupted generation) is deleted and generated again. Delete the directory to force a new one.
 *
 * <p><b>Shape.</b> Exactly {@code entries} entries: the root's genesis, six registered actors (two
 * mines, a smelter, a refinery, a carrier, an inspector), then events from {@value #PRODUCERS}
 * producer threads, each on its own lots (so that no append loses a race for a head), each drawing
 * with a fixed seed: 45% commissionings (ObjectEvent ADD of a new ore lot with master data: origin,
 * assay, certification), 35% observations (ObjectEvent OBSERVE of a live lot with read point and a
 * sensor reading), 20% transformations (2-4 live input lots with quantities, one new output lot with
 * master data and a sensor reading; the inputs are consumed). Inputs are drawn uniformly from the
 * live lots, which mix ore and earlier outputs, so the ancestry DAG has depth. The interleaving of the
 * producers, and so the exact bytes, differ between generations; the statistics do not.
 *
 * <p><b>How.</b> {@link Durability#NO_SYNC}, {@link Ledger#appendAsync} with at most {@value #WINDOW}
 * appends in flight per producer; an append touching a lot first waits for the previous append to
 * that lot, so it links to a committed head and is never re-signed by the committer.
 *
 * <p>Run alone (to generate ahead of a benchmark run, or to time generation):
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lotledger.benchmarks.LedgerFixture 1000000 [100000 ...]</pre>
 */
public final class LedgerFixture {
  /** Bump when the generator changes, so that old ledgers are not reused. */
  static final int VERSION = 1;

  static final int PRODUCERS = 2;
  static final int WINDOW = 512;

  static final ActorSigner ROOT = Workload.signer("urn:lotledger:actor:root", 1);
  static final ActorSigner MINE_A = Workload.signer("urn:lotledger:actor:mine-a", 2);
  static final ActorSigner MINE_B = Workload.signer("urn:lotledger:actor:mine-b", 3);
  static final ActorSigner SMELTER = Workload.signer("urn:lotledger:actor:smelter", 4);
  static final ActorSigner REFINERY = Workload.signer("urn:lotledger:actor:refinery", 5);
  static final ActorSigner CARRIER = Workload.signer("urn:lotledger:actor:carrier", 6);
  static final ActorSigner INSPECTOR = Workload.signer("urn:lotledger:actor:inspector", 7);
  static final List<ActorSigner> ACTORS = List.of(MINE_A, MINE_B, SMELTER, REFINERY, CARRIER, INSPECTOR);

  private static final String[] OBSERVE_STEPS = {"receiving", "inspecting", "storing", "shipping"};
  private static final String[] DISPOSITIONS = {"in_progress", "active", "in_transit", "active"};

  private static final LotMasterData INTERMEDIATE =
      LotMasterData.NONE
          .withOrigin("FI", "urn:epc:id:sgln:4098765.00001.0")
          .withElements(List.of(io.lotledger.event.ElementShare.of("Co", "0.205", "0.1", "0.05")))
          .withCarbonFootprint(new BigDecimal("12.75"));

  private LedgerFixture() {}

  /** The benchmark directory: {@code lotledger.bench.dir}, else {@code java.io.tmpdir/lotledger-bench}. */
  static Path baseDirectory() {
    String dir = System.getProperty("lotledger.bench.dir");
    return dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "lotledger-bench");
  }

  /** The directory of the ledger of {@code entries} entries, generated now unless a complete one exists. */
  static synchronized Path ensure(long entries) throws IOException, LedgerException {
    if (entries < 1 + ACTORS.size() + 16) {
      throw new IllegalArgumentException("a fixture ledger needs at least " + (1 + ACTORS.size() + 16) + " entries, not " + entries);
    }
    Path base = baseDirectory();
    Files.createDirectories(base);
    String name = "ledger-" + entries + "-v" + VERSION;
    Path dir = base.resolve(name);
    Path marker = base.resolve(name + ".complete");
    if (Files.isRegularFile(marker) && Files.isDirectory(dir)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(marker)) {
        p.load(in);
      }
      if (String.valueOf(entries).equals(p.getProperty("entries"))) {
        System.out.println("\nLedgerFixture: reusing " + dir + " (" + p.getProperty("summary") + ")");
        return dir;
      }
    }
    Files.deleteIfExists(marker);
    deleteTree(dir);
    System.out.println("\nLedgerFixture: generating " + entries + " entries in " + dir + " ...");
    long start = System.nanoTime();
    Stats stats = generate(dir, entries);
    double seconds = (System.nanoTime() - start) / 1e9;
    long bytes = sizeOf(dir);
    String summary = String.format(java.util.Locale.ROOT,
        "%d entries: %d commissionings, %d observations, %d transformations, %d lots; %.1f MB on disk; generated in %.1f s (%.0f entries/s)",
        entries, stats.commissions.get(), stats.observations.get(), stats.transformations.get(),
        stats.commissions.get() + stats.transformations.get(), bytes / 1e6, seconds, entries / seconds);
    Properties p = new Properties();
    p.setProperty("entries", String.valueOf(entries));
    p.setProperty("version", String.valueOf(VERSION));
    p.setProperty("summary", summary);
    Path tmp = base.resolve(name + ".complete.tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, "lotledger benchmark fixture; delete this file or the directory to regenerate");
    }
    Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("LedgerFixture: " + summary);
    return dir;
  }

  static final class Stats {
    final AtomicLong commissions = new AtomicLong();
    final AtomicLong observations = new AtomicLong();
    final AtomicLong transformations = new AtomicLong();
  }

  private static Stats generate(Path dir, long entries) throws LedgerException {
    Stats stats = new Stats();
    LedgerOptions options = LedgerOptions.DEFAULT.withDurability(Durability.NO_SYNC);
    try (Ledger ledger = Ledger.create(dir, Workload.ORIGIN, ROOT, "Benchmark root", options)) {
      for (ActorSigner a : ACTORS) {
        String name = a.actor().uri().substring(a.actor().uri().lastIndexOf(':') + 1);
        ledger.append(new RegistryEvent.ActorRegistered(a.actor(), name, a.publicKey(), Workload.T0), ROOT);
      }
      long events = entries - ledger.size();
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < PRODUCERS; t++) {
        long count = events / PRODUCERS + (t == 0 ? events % PRODUCERS : 0);
        Producer producer = new Producer(ledger, t, count, stats);
        Thread thread = new Thread(() -> {
          try {
            producer.run();
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "lotledger-fixture-" + t);
        thread.start();
        threads.add(thread);
      }
      long last = System.nanoTime();
      for (Thread thread : threads) {
        while (thread.isAlive()) {
          try {
            thread.join(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(LedgerException.Code.ILLEGAL_STATE, "interrupted while generating", e);
          }
          if (System.nanoTime() - last > 10_000_000_000L) {
            last = System.nanoTime();
            System.out.println("LedgerFixture: " + ledger.size() + " / " + entries + " entries");
          }
        }
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("generating the fixture ledger failed", failures.get(0));
      }
      if (ledger.size() != entries) {
        throw new IllegalStateException("generated " + ledger.size() + " entries, not " + entries);
      }
    }
    return stats;
  }

  /** A live lot and the last append that touched it. */
  private static final class Lot {
    final String uri;
    CompletableFuture<Entry> last;

    Lot(String uri) {
      this.uri = uri;
    }

    /** Waits until the previous append to this lot is committed, so that a new one links to it. */
    void settle() {
      join(last);
    }
  }

  /** One producer thread: its own lots, its own random stream, a bounded window of appends in flight. */
  private static final class Producer {
    private final Ledger ledger;
    private final int id;
    private final long count;
    private final Stats stats;
    private final SplittableRandom random;
    private final List<Lot> live = new ArrayList<>();
    private final ArrayDeque<CompletableFuture<Entry>> window = new ArrayDeque<>();
    private long lots;

    Producer(Ledger ledger, int id, long count, Stats stats) {
      this.ledger = ledger;
      this.id = id;
      this.count = count;
      this.stats = stats;
      this.random = new SplittableRandom(0x1071ed6e5L + id);
    }

    void run() {
      for (long i = 0; i < count; i++) {
        double r = random.nextDouble();
        var time = Workload.T0.plusSeconds(i);
        CompletableFuture<Entry> f;
        if (live.size() < 16 || r < 0.45) {
          Lot lot = new Lot("urn:epc:class:lgtin:4012345.012345.P" + id + "-ORE-" + (lots++));
          f = append(ObjectEvent.add(List.of(LotQuantity.of(lot.uri, "1000", "KGM")), Workload.ORE_MASTER_DATA, time,
              EventContext.of("commissioning", "active").withReadPoint("urn:epc:id:sgln:4012345.00001.0")),
              random.nextBoolean() ? MINE_A : MINE_B);
          lot.last = f;
          live.add(lot);
          stats.commissions.incrementAndGet();
        } else if (r < 0.80) {
          Lot lot = live.get(random.nextInt(live.size()));
          lot.settle();
          int step = random.nextInt(OBSERVE_STEPS.length);
          f = append(ObjectEvent.observe(List.of(LotQuantity.of(new io.lotledger.event.LotId(lot.uri))), time,
              EventContext.of(OBSERVE_STEPS[step], DISPOSITIONS[step])
                  .withReadPoint("urn:epc:id:sgln:4098765.00002.0")
                  .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", String.valueOf(15 + random.nextInt(20)), "CEL")))),
              step == 3 ? CARRIER : INSPECTOR);
          lot.last = f;
          stats.observations.incrementAndGet();
        } else {
          int fanIn = 2 + random.nextInt(3);
          List<LotQuantity> inputs = new ArrayList<>(fanIn);
          for (int k = 0; k < fanIn; k++) {
            int pick = random.nextInt(live.size());
            Lot in = live.get(pick);
            live.set(pick, live.get(live.size() - 1));
            live.remove(live.size() - 1);
            in.settle();
            inputs.add(LotQuantity.of(in.uri, String.valueOf(100 + random.nextInt(900)), "KGM"));
          }
          Lot out = new Lot("urn:epc:class:lgtin:4098765.054321.P" + id + "-MIX-" + (lots++));
          boolean smelt = random.nextBoolean();
          f = append(new TransformationEvent(inputs, List.of(LotQuantity.of(out.uri, "1480", "KGM")), null, INTERMEDIATE,
              new BigDecimal("840.5"), time,
              EventContext.of(smelt ? "transforming" : "refining", "active")
                  .withReadPoint("urn:epc:id:sgln:4098765.00001.0")
                  .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", "612.5", "CEL")))),
              smelt ? SMELTER : REFINERY);
          out.last = f;
          live.add(out);
          stats.transformations.incrementAndGet();
        }
        window.add(f);
        if (window.size() >= WINDOW) {
          join(window.poll());
        }
      }
      while (!window.isEmpty()) {
        join(window.poll());
      }
    }

    private CompletableFuture<Entry> append(Event event, ActorSigner signer) {
      return ledger.appendAsync(event, signer);
    }
  }

  private static void join(CompletableFuture<Entry> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("a fixture append failed: " + e.getCause(), e.getCause());
    }
  }

  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** Generates (or finds) the fixture ledgers named on the command line, e.g. {@code 1000000 100000}. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: LedgerFixture <entries> [<entries> ...]   (-Dlotledger.bench.dir=... to choose the disk)");
      System.exit(2);
    }
    for (String a : args) {
      System.out.println(ensure(Long.parseLong(a.replace("_", ""))));
    }
  }
}
