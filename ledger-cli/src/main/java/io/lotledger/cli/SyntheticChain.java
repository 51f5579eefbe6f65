package io.lotledger.cli;

import io.lotledger.ActorSigner;
import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.entry.Entry;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.Quantity;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransactionEvent;
import io.lotledger.event.TransformationEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The synthetic supply chain {@code ledger bench} records: exactly {@code entries} entries with the
 * shape of a real materials ledger.
 *
 * <p>The root registers six actors (a mine, a refinery, a cathode maker, a cell maker, an inspection
 * lab, a carrier). Then producer threads append, each over its own share of the lots: the mine
 * commissions origin lots with master data (origin, assay, certification), spread over the run;
 * transformations take 2-4 input lots and make a new one, which later transformations take as input
 * in turn, up to {@value #MAX_DEPTH} steps from the ore, so lots have ancestry of varying depth;
 * inspections (ObjectEvent OBSERVE with sensor readings) and shipments (TransactionEvent with a
 * despatch advice and an order) fall in between, and a finished product leaves with its shipment.
 *
 * <p>Each producer signs on its own thread with {@link Ledger#appendAsync(Event, ActorSigner)} and
 * keeps a bounded window of appends in flight, which the ledger commits in groups. A producer never
 * has two appends in flight on one lot (it waits for the first to commit): the second would be signed
 * against a stale head and re-signed by the committer, which a real client avoids too.
 *
 * <p>The events are a function of the parameters alone (seeded per producer, never of timing), so the
 * set of entries is the same in every run but for the genesis entry's time (the ledger's clock); only
 * the order in which producers interleave differs.
 */
final class SyntheticChain {
  static final String ORIGIN = "bench.lotledger.io/ledger";
  /** Appends in flight over all producers, at most (each keeps its share): about one commit group. */
  static final int WINDOW = 1024;
  /**
   * Most transformation steps from an origin lot to a finished product, as from ore to a battery pack:
   * refining, precursor, cathode material, cell, module, pack.
   */
  static final int MAX_DEPTH = 6;

  private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 5, 8, 0, 0, 0, ZoneOffset.UTC);
  private static final String[] ORE_COUNTRIES = {"CD", "AU", "ID", "PH", "CU", "ZM"};

  /** A member of the chain: display name, signer (actor id = PGLN), site (SGLN) and 13-digit GLN. */
  private record Company(String name, ActorSigner signer, String site, String gln) {
    static Company of(String name, String companyPrefix, String gln) {
      return new Company(name, SyntheticChain.signer("urn:epc:id:pgln:" + companyPrefix + ".00000", name),
          "urn:epc:id:sgln:" + companyPrefix + ".00001.0", gln);
    }

    String party() {
      return signer.actor().uri();
    }

    BizTransaction document(String type, String number) {
      return new BizTransaction(type, "urn:epcglobal:cbv:bt:" + gln + ":" + number);
    }
  }

  private static final Company ROOT = Company.of("lotledger bench consortium", "4000009", "4000009000002");
  private static final Company MINE = Company.of("Bench Mining", "6150009", "6150009000002");
  private static final Company REFINERY = Company.of("Bench Refining", "6400009", "6400009000008");
  private static final Company CATHODE = Company.of("Bench Cathode Materials", "5900009", "5900009000004");
  private static final Company CELLS = Company.of("Bench Cell Works", "7300009", "7300009000000");
  private static final Company LAB = Company.of("Bench Inspection Lab", "4000010", "4000010000008");
  private static final Company CARRIER = Company.of("Bench Logistics", "4000011", "4000011000005");
  private static final List<Company> ACTORS = List.of(MINE, REFINERY, CATHODE, CELLS, LAB, CARRIER);

  /** What was recorded. */
  record Summary(long entries, long originLots, long derivedLots, int maxDepth, int producers) {}

  private final long entries;
  private final int lots;
  private final int threads;

  /**
   * @param entries total entries, the genesis and registrations included (at least 1)
   * @param lots origin lots to commission (fewer if the entries do not leave room for them)
   * @param threads producer threads, at most (never more than there are origin lots)
   */
  SyntheticChain(long entries, int lots, int threads) {
    if (entries < 1 || lots < 1 || threads < 1) {
      throw new IllegalArgumentException("entries, lots and threads must be positive, not " + entries + ", " + lots + ", " + threads);
    }
    this.entries = entries;
    this.lots = lots;
    this.threads = threads;
  }

  /** The root actor, whose self-registration is the genesis entry. */
  static ActorSigner root() {
    return ROOT.signer();
  }

  static String rootName() {
    return ROOT.name();
  }

  /**
   * Appends the chain to {@code ledger}, which must hold only its genesis entry, and returns when
   * every append is committed. {@code poll} receives the number of entries committed so far, on the
   * calling thread, about every 50 ms and once at the end.
   *
   * @throws LedgerException if the ledger refuses an append (a bug in the chain or the ledger)
   */
  Summary record(Ledger ledger, LongConsumer poll) throws LedgerException {
    LongAdder committed = new LongAdder();
    committed.increment(); // the genesis entry
    int registrations = (int) Math.min(ACTORS.size(), entries - 1);
    OffsetDateTime registered = T0.minusDays(1);
    for (int i = 0; i < registrations; i++) {
      ActorSigner actor = ACTORS.get(i).signer();
      ledger.append(new RegistryEvent.ActorRegistered(actor.actor(), ACTORS.get(i).name(), actor.publicKey(), registered), ROOT.signer());
      committed.increment();
    }
    long events = entries - 1 - registrations;
    long originLots = Math.min(lots, events);
    int producers = (int) Math.min(threads, originLots);
    if (producers == 0) {
      poll.accept(committed.sum());
      return new Summary(entries, 0, 0, 0, 0);
    }

    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Producer> all = new ArrayList<>(producers);
    for (int p = 0; p < producers; p++) {
      all.add(new Producer(ledger, p, producers, share(events, producers, p), share(originLots, producers, p),
          Math.max(1, WINDOW / producers), committed, failure));
    }
    ExecutorService pool = Executors.newFixedThreadPool(producers, r -> {
      Thread t = new Thread(r, "lotledger-bench-producer");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletableFuture<?>[] runs = all.stream().map(pr -> CompletableFuture.runAsync(pr, pool)).toArray(CompletableFuture[]::new);
      CompletableFuture<Void> done = CompletableFuture.allOf(runs);
      while (true) {
        try {
          done.get(50, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          poll.accept(committed.sum());
        } catch (ExecutionException e) {
          break; // the failure is in `failure`, or rethrown below
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, e);
          break;
        }
      }
      for (CompletableFuture<?> run : runs) {
        if (run.isCompletedExceptionally()) {
          try {
            run.join();
          } catch (CompletionException e) {
            failure.compareAndSet(null, e.getCause());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Throwable failed = failure.get();
    if (failed instanceof LedgerException le) {
      throw le;
    } else if (failed != null) {
      throw new IllegalStateException("recording the bench chain failed: " + failed, failed);
    }
    poll.accept(committed.sum());
    long derived = all.stream().mapToLong(pr -> pr.derived).sum();
    int depth = all.stream().mapToInt(pr -> pr.maxDepth).max().orElse(0);
    return new Summary(committed.sum(), originLots, derived, depth, producers);
  }

  /** Producer {@code p}'s share of {@code n} split over {@code producers}: the first ones take the remainder. */
  static long share(long n, int producers, int p) {
    return n / producers + (p < n % producers ? 1 : 0);
  }

  /**
   * A lot a producer may still use: its id, the length of its longest ancestry path, and its latest
   * append (the step that made it, and the future that completes when it is committed).
   */
  private static final class Lot {
    final LotId id;
    final int depth;
    long lastStep = Long.MIN_VALUE / 2;
    CompletableFuture<Entry> latest;

    Lot(LotId id, int depth) {
      this.id = id;
      this.depth = depth;
    }

    /** Whether transformations may still take it: finished products (at the greatest depth) are only shipped. */
    boolean processable() {
      return depth < MAX_DEPTH;
    }
  }

  /** Appends one producer's share: its origin lots and the events on them and on what is made of them. */
  private static final class Producer implements Runnable {
    /** A lot touched within this many steps is avoided when another will do: its append may still be in flight. */
    private static final int RECENT = 64;

    private final Ledger ledger;
    private final int index;
    private final int producers;
    private final long budget;
    private final long commissions;
    private final int window;
    private final LongAdder committed;
    private final AtomicReference<Throwable> failure;
    private final SplittableRandom random;
    /** Lots still in use; below {@code floor} inputs are not used up, above {@code cap} the oldest retire. */
    private final List<Lot> active = new ArrayList<>();
    private final int floor;
    private final int cap;
    private long commissioned;
    private long step;
    long derived;
    int maxDepth;

    Producer(Ledger ledger, int index, int producers, long budget, long commissions, int window,
        LongAdder committed, AtomicReference<Throwable> failure) {
      this.ledger = ledger;
      this.index = index;
      this.producers = producers;
      this.budget = budget;
      this.commissions = commissions;
      this.window = window;
      this.committed = committed;
      this.failure = failure;
      this.random = new SplittableRandom(0x5EED_0000L + index);
      this.floor = (int) Math.max(1, Math.min(commissions, 256));
      this.cap = Math.max(16, floor * 4);
    }

    @Override
    public void run() {
      Semaphore permits = new Semaphore(window);
      try {
        for (step = 0; step < budget && failure.get() == null; step++) {
          Planned next = next();
          for (Lot lot : next.lots()) {
            if (lot.latest != null) {
              lot.latest.join(); // this append must link to that one, so it waits until that one is committed
            }
          }
          permits.acquire();
          CompletableFuture<Entry> appended = ledger.appendAsync(next.event(), next.signer());
          appended.whenComplete((entry, e) -> {
            if (e == null) {
              committed.increment();
            } else {
              failure.compareAndSet(null, e instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e);
            }
            permits.release();
          });
          for (Lot lot : next.lots()) {
            lot.latest = appended;
            lot.lastStep = step;
          }
        }
        permits.acquire(window); // every append of this producer has committed or failed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.compareAndSet(null, e);
      } catch (CompletionException e) {
        failure.compareAndSet(null, e.getCause() == null ? e : e.getCause());
      }
    }

    /** An event, who signs it, and the lots it touches. */
    private record Planned(Event event, ActorSigner signer, List<Lot> lots) {}

    /**
     * The next event. Depends only on the producer's index, its step and its shares, never on timing,
     * so that a chain is the same in every run.
     */
    private Planned next() {
      OffsetDateTime time = T0.plusSeconds(step * producers + index);
      long stepsLeft = budget - step;
      long commissionsLeft = commissions - commissioned;
      boolean commission = commissionsLeft > 0
          && (active.size() < 2 || stepsLeft <= commissionsLeft || random.nextLong(stepsLeft) < commissionsLeft);
      if (commission) {
        return commission(time);
      }
      int kind = random.nextInt(100);
      if (kind < 30 && active.stream().filter(Lot::processable).limit(2).count() == 2) {
        return transform(time);
      } else if (kind < 65) {
        return inspect(time);
      }
      return ship(time);
    }

    /** The mine commissions origin lot number {@code index + k * producers} with its master data. */
    private Planned commission(OffsetDateTime time) {
      long number = index + commissioned * producers;
      commissioned++;
      Lot lot = new Lot(new LotId("urn:epc:class:lgtin:6150009.000100.ORE-" + number), 0);
      LotMasterData ilmd = LotMasterData.NONE
          .withOrigin(ORE_COUNTRIES[(int) (number % ORE_COUNTRIES.length)], MINE.site())
          .withElements(List.of(
              ElementShare.of("Co", "0." + (100 + random.nextInt(200)), null, null),
              ElementShare.of("Cu", "0.0" + (10 + random.nextInt(80)), null, null)))
          .withCertifications(List.of(new Certification("https://cert.example/rmi/cobalt/" + number, "RMI",
              LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1))));
      Event event = ObjectEvent.add(List.of(new LotQuantity(lot.id, kilograms(500 + random.nextInt(1500)))), ilmd, time,
          EventContext.of("commissioning", "active").withReadPoint(MINE.site()).withBizLocation(MINE.site()));
      add(lot);
      return new Planned(event, MINE.signer(), List.of(lot));
    }

    /** 2-4 active lots in, one new lot out, made by the company of the output's depth in the chain. */
    private Planned transform(OffsetDateTime time) {
      List<Lot> processable = active.stream().filter(Lot::processable).toList();
      int fanIn = Math.min(processable.size(), 2 + random.nextInt(3));
      List<Lot> inputs = new ArrayList<>(fanIn);
      while (inputs.size() < fanIn) {
        Lot candidate = pick(processable);
        if (!inputs.contains(candidate)) {
          inputs.add(candidate);
        }
      }
      int depth = 1 + inputs.stream().mapToInt(l -> l.depth).max().orElse(0);
      Company maker = depth == 1 ? REFINERY : depth == 2 ? CATHODE : CELLS;
      Lot output = new Lot(new LotId("urn:epc:class:lgtin:" + maker.gln().substring(0, 7) + ".000200.P" + index + "-" + derived), depth);
      derived++;
      maxDepth = Math.max(maxDepth, depth);
      List<LotQuantity> in = inputs.stream().map(l -> new LotQuantity(l.id, kilograms(100 + random.nextInt(400)))).toList();
      LotMasterData ilmd = LotMasterData.NONE
          .withOrigin("FI", maker.site())
          .withElements(List.of(ElementShare.of("Co", "0.2" + random.nextInt(10), "0.0" + random.nextInt(10), null)))
          .withCarbonFootprint(BigDecimal.valueOf(1000 + random.nextInt(9000), 2));
      Event event = new TransformationEvent(in,
          List.of(new LotQuantity(output.id, kilograms(200 + random.nextInt(800)))),
          "urn:uuid:" + new UUID(random.nextLong(), random.nextLong()),
          ilmd,
          BigDecimal.valueOf(100 + random.nextInt(90000), 1),
          time,
          EventContext.of("transforming", "active")
              .withReadPoint(maker.site())
              .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", String.valueOf(400 + random.nextInt(300)), "CEL"))));
      for (Lot input : inputs) {
        // Part of the inputs is used up; the rest stays for later batches (a pile of ore feeds several).
        if (active.size() > floor && random.nextBoolean()) {
          active.remove(input);
        }
      }
      add(output);
      List<Lot> touched = new ArrayList<>(inputs);
      touched.add(output);
      return new Planned(event, maker.signer(), touched);
    }

    /** The lab inspects one active lot: an observation with sensor readings. */
    private Planned inspect(OffsetDateTime time) {
      Lot lot = pick(active);
      Event event = ObjectEvent.observe(List.of(LotQuantity.of(lot.id)), time,
          EventContext.of("inspecting", "conformant")
              .withReadPoint(LAB.site())
              .withSensorReadings(List.of(
                  SensorReading.of("gs1:Temperature", String.valueOf(15 + random.nextInt(15)), "CEL"),
                  SensorReading.of("gs1:RelativeHumidity", String.valueOf(30 + random.nextInt(40)), "P1"))));
      return new Planned(event, LAB.signer(), List.of(lot));
    }

    /** The carrier ships one active lot under a despatch advice and the buyer's order. */
    private Planned ship(OffsetDateTime time) {
      Lot lot = pick(active);
      Company from = lot.depth == 0 ? MINE : lot.depth == 1 ? REFINERY : lot.depth == 2 ? CATHODE : CELLS;
      Company to = lot.depth == 0 ? REFINERY : lot.depth == 1 ? CATHODE : CELLS;
      long document = step * producers + index;
      Event event = new TransactionEvent(Action.ADD, List.of(new LotQuantity(lot.id, kilograms(100 + random.nextInt(900)))), time,
          EventContext.of("shipping", "in_transit")
              .withReadPoint(from.site())
              .withSources(List.of(new Party("owning_party", from.party())))
              .withDestinations(List.of(new Party("owning_party", to.party())))
              .withBizTransactions(List.of(from.document("desadv", "DESADV-" + document), to.document("po", "PO-" + document))));
      if (!lot.processable()) {
        active.remove(lot); // a finished product leaves the chain with its shipment
      }
      return new Planned(event, CARRIER.signer(), List.of(lot));
    }

    private void add(Lot lot) {
      active.add(lot);
      if (active.size() > cap) {
        active.remove(0); // the oldest lot retires
      }
    }

    /** A random lot of {@code lots}, preferably one not touched in the last {@value #RECENT} steps (so nothing waits). */
    private Lot pick(List<Lot> lots) {
      Lot lot = null;
      for (int attempt = 0; attempt < 8; attempt++) {
        lot = lots.get(random.nextInt(lots.size()));
        if (step - lot.lastStep > RECENT) {
          return lot;
        }
      }
      return lot;
    }

    private static Quantity kilograms(int amount) {
      return Quantity.of(String.valueOf(amount), "KGM");
    }
  }

  /** A signer whose seed is SHA-256("lotledger bench " + name): reproducible, and worthless as a secret. */
  private static ActorSigner signer(String actor, String name) {
    try {
      byte[] seed = MessageDigest.getInstance("SHA-256").digest(("lotledger bench " + name).getBytes(StandardCharsets.UTF_8));
      return new ActorSigner(new ActorId(actor), Ed25519Signer.fromSeed(seed));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("SHA-256 and 32-byte Ed25519 seeds are always available", e);
    }
  }
}
