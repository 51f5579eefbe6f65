package io.lotledger.benchmarks;

import io.lotledger.entry.ActorSigner;
import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.Entry;
import io.lotledger.event.ActorId;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
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
import java.time.OffsetDateTime;
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
 * with a fixed seed, and every event honest under the custody and mass-balance rules (each producer
 * keeps account of who holds how many kilograms of its lots):
 *
 * <ul>
 *   <li>35% commissionings: ObjectEvent ADD of a new 1000 kg ore lot by one of the mines, with master
 *       data (origin, assay, certification).
 *   <li>10% shipments: TransactionEvent (bizStep shipping, despatch advice and order) of all the
 *       sender holds of its lots: a mine ships 2-4 ore lots to the smelter or the refinery, the
 *       smelter 1-2 lots to the refinery, the refinery a product to a customer outside the ledger.
 *   <li>10% receipts: ObjectEvent OBSERVE (bizStep receiving) by the buyer of what a shipment
 *       carried, naming the shipping entry; a shipment is received once {@value #WINDOW} steps old.
 *   <li>20% transformations by the smelter or the refinery: 2-4 lots it holds in, 100-999 kg of each
 *       (no more than it holds; a lot used up leaves), one new 1480 kg lot out with master data and a
 *       sensor reading. Inputs are drawn uniformly from what the processor holds, which mixes ore
 *       and its earlier outputs (and, at the refinery, the smelter's), so the ancestry DAG has depth.
 *   <li>25% observations with read point and a sensor reading: inspecting or storing of a held lot by
 *       the inspector, transporting of a lot in transit by the carrier.
 * </ul>
 *
 * A step whose kind has nothing to act on (no shipment due, no processor holding two lots) records an
 * observation instead. The interleaving of the producers, and so the exact bytes, differ between
 * generations; the statistics do not.
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
  static final int VERSION = 2;

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

  /** The actors that hold lots, by index in a producer's account: what each holds is kept apart. */
  private static final List<ActorSigner> HOLDERS = List.of(MINE_A, MINE_B, SMELTER, REFINERY);
  private static final int SMELTER_INDEX = 2;
  private static final int REFINERY_INDEX = 3;
  /** The buyer of the refinery's products: not a registered actor, so what ships to it leaves the ledger. */
  private static final ActorId CUSTOMER = new ActorId("urn:lotledger:actor:customer");

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
        "%d entries: %d commissionings, %d observations, %d transformations, %d shipments, %d receipts, %d lots; "
            + "%.1f MB on disk; generated in %.1f s (%.0f entries/s)",
        entries, stats.commissions.get(), stats.observations.get(), stats.transformations.get(), stats.shipments.get(),
        stats.receipts.get(),
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
    final AtomicLong shipments = new AtomicLong();
    final AtomicLong receipts = new AtomicLong();
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

  /** A lot of one producer: the kilograms its holder has (or that are on their way), and its last append. */
  private static final class Lot {
    final String uri;
    long kilograms;
    CompletableFuture<Entry> last;

    Lot(String uri, long kilograms) {
      this.uri = uri;
      this.kilograms = kilograms;
    }

    LotQuantity all() {
      return LotQuantity.of(uri, String.valueOf(kilograms), "KGM");
    }

    /** Waits until the previous append to this lot (if any) is committed, so that a new one links to it. */
    void settle() {
      if (last != null) {
        join(last);
      }
    }
  }

  /** Lots on their way to holder {@code to}, shipped at step {@code step} under the entry {@code shipped} will name. */
  private record Shipment(List<Lot> lots, int to, long step, long document, CompletableFuture<Entry> shipped) {}

  /**
   * One producer thread: its own lots and its own account of who holds them, its own random stream,
   * a bounded window of appends in flight.
   */
  private static final class Producer {
    private final Ledger ledger;
    private final int id;
    private final long count;
    private final Stats stats;
    private final SplittableRandom random;
    /** What each of {@link #HOLDERS} holds (lots on their way are in {@code transit} instead). */
    private final List<List<Lot>> held = new ArrayList<>();
    private final List<Shipment> transit = new ArrayList<>();
    private final ArrayDeque<CompletableFuture<Entry>> window = new ArrayDeque<>();
    private long lots;
    private long step;

    Producer(Ledger ledger, int id, long count, Stats stats) {
      this.ledger = ledger;
      this.id = id;
      this.count = count;
      this.stats = stats;
      this.random = new SplittableRandom(0x1071ed6e5L + id);
      for (int h = 0; h < HOLDERS.size(); h++) {
        held.add(new ArrayList<>());
      }
    }

    void run() {
      for (step = 0; step < count; step++) {
        double r = random.nextDouble();
        OffsetDateTime time = Workload.T0.plusSeconds(step);
        CompletableFuture<Entry> f = null;
        if (tracked() < 16 || r < 0.35) {
          f = commission(time);
        } else if (r < 0.45) {
          f = ship(time);
        } else if (r < 0.55) {
          f = receive(time);
        } else if (r < 0.75) {
          f = transform(time);
        }
        if (f == null) {
          f = observe(time);
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

    /** Lots held or in transit. */
    private int tracked() {
      int n = 0;
      for (List<Lot> l : held) {
        n += l.size();
      }
      for (Shipment s : transit) {
        n += s.lots().size();
      }
      return n;
    }

    /** One of the mines commissions a new 1000 kg ore lot. */
    private CompletableFuture<Entry> commission(OffsetDateTime time) {
      int mine = random.nextInt(2);
      Lot lot = new Lot("urn:epc:class:lgtin:4012345.012345.P" + id + "-ORE-" + (lots++), 1000);
      CompletableFuture<Entry> f = append(ObjectEvent.add(List.of(lot.all()), Workload.ORE_MASTER_DATA, time,
          EventContext.of("commissioning", "active").withReadPoint("urn:epc:id:sgln:4012345.00001.0")),
          HOLDERS.get(mine), List.of(lot));
      held.get(mine).add(lot);
      stats.commissions.incrementAndGet();
      return f;
    }

    /**
     * A mine ships 2-4 ore lots to the smelter or the refinery (7 in 10), the smelter 1-2 lots to the
     * refinery (2 in 10), or the refinery one lot out of the ledger; null when the sender holds none.
     */
    private CompletableFuture<Entry> ship(OffsetDateTime time) {
      double kind = random.nextDouble();
      int from = kind < 0.7 ? random.nextInt(2) : kind < 0.9 ? SMELTER_INDEX : REFINERY_INDEX;
      int to = from < SMELTER_INDEX ? (random.nextBoolean() ? SMELTER_INDEX : REFINERY_INDEX) : from + 1;
      int wanted = from < SMELTER_INDEX ? 2 + random.nextInt(3) : from == SMELTER_INDEX ? 1 + random.nextInt(2) : 1;
      int n = Math.min(held.get(from).size(), wanted);
      if (n == 0) {
        return null;
      }
      List<Lot> shipped = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        shipped.add(takeRandom(held.get(from)));
      }
      ActorId buyer = to < HOLDERS.size() ? HOLDERS.get(to).actor() : CUSTOMER;
      long document = step * PRODUCERS + id;
      CompletableFuture<Entry> f = append(Workload.ship(shipped.stream().map(Lot::all).toList(), buyer, document, time),
          HOLDERS.get(from), shipped);
      if (to < HOLDERS.size()) {
        transit.add(new Shipment(shipped, to, step, document, f));
      }
      stats.shipments.incrementAndGet();
      return f;
    }

    /** The buyer receives the oldest shipment, once it is {@value #WINDOW} steps old; null when none is. */
    private CompletableFuture<Entry> receive(OffsetDateTime time) {
      if (transit.isEmpty() || step - transit.get(0).step() < WINDOW) {
        return null;
      }
      Shipment s = transit.remove(0);
      Entry shipped = join(s.shipped());
      List<LotQuantity> carried = s.lots().stream().map(Lot::all).toList();
      CompletableFuture<Entry> f = append(Workload.receive(carried, shipped.hash(), s.document(), time), HOLDERS.get(s.to()), s.lots());
      held.get(s.to()).addAll(s.lots());
      stats.receipts.incrementAndGet();
      return f;
    }

    /**
     * The smelter or the refinery takes 100-999 kg (no more than it holds) of each of 2-4 lots it holds
     * and makes a new 1480 kg lot; a lot used up leaves. Null when neither holds two lots.
     */
    private CompletableFuture<Entry> transform(OffsetDateTime time) {
      int maker = random.nextBoolean() ? SMELTER_INDEX : REFINERY_INDEX;
      if (held.get(maker).size() < 2) {
        maker = maker == SMELTER_INDEX ? REFINERY_INDEX : SMELTER_INDEX;
      }
      List<Lot> pile = held.get(maker);
      if (pile.size() < 2) {
        return null;
      }
      int fanIn = Math.min(pile.size(), 2 + random.nextInt(3));
      List<Lot> inputs = new ArrayList<>(fanIn);
      for (int k = 0; k < fanIn; k++) {
        inputs.add(takeRandom(pile)); // out of the pile while drawn, so that no lot is drawn twice
      }
      List<LotQuantity> in = new ArrayList<>(fanIn);
      for (Lot input : inputs) {
        long take = Math.min(input.kilograms, 100 + random.nextInt(900));
        in.add(LotQuantity.of(input.uri, String.valueOf(take), "KGM"));
        input.kilograms -= take;
        if (input.kilograms > 0) {
          pile.add(input);
        }
      }
      Lot out = new Lot("urn:epc:class:lgtin:4098765.054321.P" + id + "-MIX-" + (lots++), 1480);
      boolean smelt = maker == SMELTER_INDEX;
      List<Lot> touched = new ArrayList<>(inputs);
      touched.add(out);
      CompletableFuture<Entry> f = append(new TransformationEvent(in, List.of(out.all()), null, INTERMEDIATE,
          new BigDecimal("840.5"), time,
          EventContext.of(smelt ? "transforming" : "refining", "active")
              .withReadPoint("urn:epc:id:sgln:4098765.00001.0")
              .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", "612.5", "CEL")))),
          HOLDERS.get(maker), touched);
      pile.add(out);
      stats.transformations.incrementAndGet();
      return f;
    }

    /**
     * The carrier reports on a lot in transit (1 in 3, when there is one), else the inspector inspects
     * or stores a held lot. Some lot is held or in transit: a producer tracks at least 16.
     */
    private CompletableFuture<Entry> observe(OffsetDateTime time) {
      int kind = random.nextInt(3);
      boolean anyHeld = held.stream().anyMatch(l -> !l.isEmpty());
      Lot lot;
      ActorSigner signer;
      String bizStep;
      if (!transit.isEmpty() && (kind == 2 || !anyHeld)) {
        List<Lot> shipment = transit.get(random.nextInt(transit.size())).lots();
        lot = shipment.get(random.nextInt(shipment.size()));
        signer = CARRIER;
        bizStep = "transporting";
      } else {
        int h = random.nextInt(HOLDERS.size());
        while (held.get(h).isEmpty()) {
          h = (h + 1) % HOLDERS.size();
        }
        lot = held.get(h).get(random.nextInt(held.get(h).size()));
        signer = INSPECTOR;
        bizStep = kind == 0 ? "inspecting" : "storing";
      }
      CompletableFuture<Entry> f = append(ObjectEvent.observe(List.of(LotQuantity.of(new LotId(lot.uri))), time,
          EventContext.of(bizStep, bizStep.equals("transporting") ? "in_transit" : "active")
              .withReadPoint("urn:epc:id:sgln:4098765.00002.0")
              .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", String.valueOf(15 + random.nextInt(20)), "CEL")))),
          signer, List.of(lot));
      stats.observations.incrementAndGet();
      return f;
    }

    /** Appends {@code event} once every lot it touches has settled, and makes it their last append. */
    private CompletableFuture<Entry> append(Event event, ActorSigner signer, List<Lot> touched) {
      touched.forEach(Lot::settle);
      CompletableFuture<Entry> f = ledger.appendAsync(event, signer);
      touched.forEach(l -> l.last = f);
      return f;
    }

    /** Removes and returns a random lot of {@code lots} (swapping the last into its place). */
    private Lot takeRandom(List<Lot> lots) {
      int pick = random.nextInt(lots.size());
      Lot lot = lots.get(pick);
      lots.set(pick, lots.get(lots.size() - 1));
      lots.remove(lots.size() - 1);
      return lot;
    }
  }

  private static Entry join(CompletableFuture<Entry> f) {
    try {
      return f.join();
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
