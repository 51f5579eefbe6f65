package io.lotledger.examples.synthetic;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.event.RegistryEvent;
import io.lotledger.examples.Company;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * A synthetic supply chain of exactly {@code entries} signed entries with the shape of a real
 * materials ledger: what {@code ledger bench} records and the JMH benchmarks' fixture ledgers hold.
 *
 * <p>The root registers six actors (a mine, a refinery, a cathode maker, a cell maker, an
 * inspection lab, a carrier). Then producer threads ({@link SyntheticProducer}) append, each over
 * its own share of the lots, and every event is honest under the custody and mass-balance rules
 * ({@link io.lotledger.rules.CustodyRules}): the mine commissions origin lots with master data
 * (origin, assay, certification), spread over the run, and ships them to the refinery, which ships
 * what it makes to the cathode maker, which ships to the cell maker (TransactionEvent, bizStep
 * shipping, with a despatch advice and the buyer's order); each buyer receives the goods with an
 * ObjectEvent that references the shipping entry. A company transforms 2-4 lots it holds, taking no
 * more of each than it holds, into a new one, which later transformations take as input in turn, up
 * to {@value #MAX_DEPTH} steps from the ore, so lots have ancestry of varying depth. The cell maker
 * ships finished products to a customer outside the ledger. Inspections by the lab and transport
 * reports by the carrier (ObjectEvent OBSERVE with sensor readings) fall in between. How often each
 * kind is drawn is the chain's {@link Mix}; the events' shapes are {@link SyntheticEvents}.
 *
 * <p>Each producer signs on its own thread with {@link Ledger#appendAsync(Event, ActorSigner)} and
 * keeps a bounded window of appends in flight, which the ledger commits in groups. A producer never
 * has two appends in flight on one lot (it waits for the first to commit): the second would be
 * signed against a stale head and re-signed by the committer, which a real client avoids too.
 *
 * <p>The events are a function of the parameters alone (seeded per producer, never of timing), so
 * the set of entries is the same in every run but for the genesis entry's time (the ledger's
 * clock); only the order in which producers interleave differs.
 *
 * <p>Instances are immutable; {@link #record} may run on several ledgers at once.
 */
public final class SyntheticChain {
  /** The origin (ledger name) of a synthetic ledger. */
  public static final String ORIGIN = "bench.lotledger.io/ledger";

  /**
   * Appends in flight over all producers, at most (each keeps its share): about one commit group.
   */
  static final int WINDOW = 1024;

  /**
   * Most transformation steps from an origin lot to a finished product, as from ore to a battery
   * pack: refining, precursor, cathode material, cell, module, pack.
   */
  public static final int MAX_DEPTH = 6;

  /**
   * The chain's clock: actors register the day before, producers' events follow one second apart.
   */
  public static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 5, 8, 0, 0, 0, ZoneOffset.UTC);

  private static final Company ROOT =
      company("lotledger bench consortium", "4000009", "4000009000002");

  /** The mine: commissions the origin lots (ore, with its country of origin). */
  public static final Company MINE = company("Bench Mining", "6150009", "6150009000002");

  /** The refinery: a holder that transforms and ships lots. */
  public static final Company REFINERY = company("Bench Refining", "6400009", "6400009000008");

  /** The cathode materials maker: a holder that transforms and ships lots. */
  public static final Company CATHODE =
      company("Bench Cathode Materials", "5900009", "5900009000004");

  /** The cell maker: a holder that transforms and ships lots. */
  public static final Company CELLS = company("Bench Cell Works", "7300009", "7300009000000");

  /** The inspection lab: records inspections of lots it does not hold. */
  public static final Company LAB = company("Bench Inspection Lab", "4000010", "4000010000008");

  /** The carrier: records transport reports of lots in transit. */
  public static final Company CARRIER = company("Bench Logistics", "4000011", "4000011000005");

  /**
   * The buyer of finished products: not a registered actor, so what ships to it leaves the ledger.
   */
  public static final Company CUSTOMER =
      company("Bench Battery Customer", "7500009", "7500009000009");

  /** The actors the root registers, in order: entries 1 to 6. */
  public static final List<Company> ACTORS = List.of(MINE, REFINERY, CATHODE, CELLS, LAB, CARRIER);

  /**
   * How often a producer draws each kind of event, in percent, at a step that is neither a
   * commissioning (spread evenly over the run) nor a receipt (due some steps after its shipment);
   * the rest are inspections. A kind with nothing to act on gives way to an inspection, or to a
   * transport report when nothing is held.
   *
   * @param transformPercent the share of transformations, in percent
   * @param shipPercent the share of shipments, in percent
   * @param transportPercent the share of transport reports, in percent
   */
  public record Mix(int transformPercent, int shipPercent, int transportPercent) {
    /**
     * The mix {@code ledger bench} records: a quarter transformations, a quarter shipments, 10 %
     * transport reports.
     */
    public static final Mix BENCH = new Mix(25, 25, 10);

    /**
     * @throws IllegalArgumentException if a percentage is negative or the three add up to more than
     *     100
     */
    public Mix {
      if (transformPercent < 0
          || shipPercent < 0
          || transportPercent < 0
          || transformPercent + shipPercent + transportPercent > 100) {
        throw new IllegalArgumentException(
            "percentages must be at least 0 and add up to at most 100, not "
                + transformPercent
                + ", "
                + shipPercent
                + ", "
                + transportPercent);
      }
    }
  }

  /**
   * What was recorded: all entries (the genesis and registrations included), by kind: origin lots
   * commissioned, lots made by transformations, shipments, receipts and observations (inspections
   * and transport reports); the deepest ancestry and how many producers appended.
   *
   * @param entries all entries, the genesis and registrations included
   * @param originLots origin lots commissioned
   * @param derivedLots lots made by transformations
   * @param maxDepth the deepest ancestry, in transformation steps
   * @param producers how many producers appended
   * @param shipments shipments recorded
   * @param receipts receipts recorded
   * @param observations inspections and transport reports recorded
   */
  public record Summary(
      long entries,
      long originLots,
      long derivedLots,
      int maxDepth,
      int producers,
      long shipments,
      long receipts,
      long observations) {}

  private final long entries;
  private final int lots;
  private final int threads;
  private final Mix mix;

  /** The chain {@code ledger bench} records: {@link Mix#BENCH}. */
  public SyntheticChain(long entries, int lots, int threads) {
    this(entries, lots, threads, Mix.BENCH);
  }

  /**
   * @param entries total entries, the genesis and registrations included (at least 1)
   * @param lots origin lots to commission (fewer if the entries do not leave room for them)
   * @param threads producer threads, at most (never more than there are origin lots)
   * @param mix how often each kind of event is drawn
   */
  public SyntheticChain(long entries, int lots, int threads, Mix mix) {
    if (entries < 1 || lots < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "entries, lots and threads must be positive, not "
              + entries
              + ", "
              + lots
              + ", "
              + threads);
    }
    this.entries = entries;
    this.lots = lots;
    this.threads = threads;
    this.mix = Objects.requireNonNull(mix, "mix");
  }

  /** The root actor, whose self-registration is the genesis entry. */
  public static ActorSigner root() {
    return ROOT.signer();
  }

  /** The root actor's display name. */
  public static String rootName() {
    return ROOT.name();
  }

  /**
   * Appends the chain to {@code ledger}, which must hold only its genesis entry, and returns when
   * every append is committed. {@code poll} receives the number of entries committed so far, on the
   * calling thread, about every 50 ms and once at the end.
   *
   * @throws LedgerException if the ledger refuses an append (a bug in the chain or the ledger)
   */
  public Summary record(Ledger ledger, LongConsumer poll) throws LedgerException {
    LongAdder committed = new LongAdder();
    committed.increment(); // the genesis entry
    int registrations = (int) Math.min(ACTORS.size(), entries - 1);
    OffsetDateTime registered = T0.minusDays(1);
    for (int i = 0; i < registrations; i++) {
      ActorSigner actor = ACTORS.get(i).signer();
      ledger.append(
          new RegistryEvent.ActorRegistered(
              actor.actor(), ACTORS.get(i).name(), actor.publicKey(), registered),
          ROOT.signer());
      committed.increment();
    }
    long events = entries - 1 - registrations;
    long originLots = Math.min(lots, events);
    int producers = (int) Math.min(threads, originLots);
    if (producers == 0) {
      poll.accept(committed.sum());
      return new Summary(entries, 0, 0, 0, 0, 0, 0, 0);
    }

    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<SyntheticProducer> all = new ArrayList<>(producers);
    for (int p = 0; p < producers; p++) {
      all.add(
          new SyntheticProducer(
              ledger,
              p,
              producers,
              share(events, producers, p),
              share(originLots, producers, p),
              Math.max(1, WINDOW / producers),
              mix,
              committed,
              failure));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            producers,
            r -> {
              Thread t = new Thread(r, "lotledger-bench-producer");
              t.setDaemon(true);
              return t;
            });
    try {
      CompletableFuture<?>[] runs =
          all.stream()
              .map(pr -> CompletableFuture.runAsync(pr, pool))
              .toArray(CompletableFuture[]::new);
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
    return new Summary(
        committed.sum(),
        originLots,
        derived,
        depth,
        producers,
        all.stream().mapToLong(pr -> pr.shipments).sum(),
        all.stream().mapToLong(pr -> pr.receipts).sum(),
        all.stream().mapToLong(pr -> pr.observations).sum());
  }

  /**
   * Producer {@code p}'s share of {@code n} split over {@code producers}: the first ones take the
   * remainder.
   */
  static long share(long n, int producers, int p) {
    return n / producers + (p < n % producers ? 1 : 0);
  }

  /**
   * A member of the chain: party {@code urn:epc:id:pgln:{companyPrefix}.00000}, site {@code
   * urn:epc:id:sgln:{companyPrefix}.00001.0}, and a demo key ({@link Company#demoSigner}):
   * reproducible, and worthless as a secret.
   */
  private static Company company(String name, String companyPrefix, String gln) {
    return Company.of("bench", name, companyPrefix, "00001", gln);
  }
}
