package io.lotledger.examples.synthetic;

import static io.lotledger.examples.synthetic.SyntheticChain.CARRIER;
import static io.lotledger.examples.synthetic.SyntheticChain.CATHODE;
import static io.lotledger.examples.synthetic.SyntheticChain.CELLS;
import static io.lotledger.examples.synthetic.SyntheticChain.CUSTOMER;
import static io.lotledger.examples.synthetic.SyntheticChain.LAB;
import static io.lotledger.examples.synthetic.SyntheticChain.MAX_DEPTH;
import static io.lotledger.examples.synthetic.SyntheticChain.MINE;
import static io.lotledger.examples.synthetic.SyntheticChain.REFINERY;
import static io.lotledger.examples.synthetic.SyntheticChain.T0;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.Quantity;
import io.lotledger.event.SensorReading;
import io.lotledger.examples.Company;
import io.lotledger.examples.synthetic.SyntheticChain.Mix;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * One producer thread of {@link SyntheticChain}: appends its share of the entries, on lots of its
 * own, and keeps its own account of who holds how much of each, so that every event it appends is
 * honest under the custody and mass-balance rules ({@link io.lotledger.rules.CustodyRules}).
 *
 * <p>Goods move down the chain mine, refinery, cathode maker, cell maker. Each of them ships what
 * it made to the next (a shipping TransactionEvent whose destination owning party is that company);
 * the next records the delivery with a receiving ObjectEvent that references the shipping entry,
 * some steps later (by then that append has committed: the producer needs its hash). Only the
 * company that holds lots transforms them, taking no more of each than it holds; a company makes
 * lots only up to its depth in the chain (refinery 2, cathode maker 3, cell maker {@value
 * SyntheticChain#MAX_DEPTH}). The cell maker ships cells, modules and packs out of the ledger to a
 * customer that is not a registered actor. The lab inspects held lots and the carrier reports on
 * goods in transit: observations, which anyone may record.
 *
 * <p>An event on a lot waits until the lot's previous append has committed (its link names that
 * entry). So that this seldom stalls the producer, every choice prefers lots whose latest append is
 * more than a window of steps behind, and inputs are used up only once the producer tracks a pool
 * of several windows' worth of lots.
 *
 * <p>Amounts are tracked in grams (exact, no rounding), written as kilograms with up to three
 * decimals. Every decision comes from the producer's seeded random stream and its step count, never
 * from timing. Not thread-safe: one thread runs it.
 */
final class SyntheticProducer implements Runnable {
  /**
   * Fewest lots a producer keeps tracking: none is shipped out or used up below it, so there is
   * always one to act on.
   */
  private static final int RESERVE = 16;

  /** A lot with less left than this many grams goes whole into the next batch that takes it. */
  private static final long REMNANT_GRAMS = 5_000;

  private static final String[] ORE_COUNTRIES = {"CD", "AU", "ID", "PH", "CU", "ZM"};

  /**
   * The companies that hold lots, in chain order: each ships what it makes to the next, the last
   * out of the ledger.
   */
  private static final List<Company> HOLDERS = List.of(MINE, REFINERY, CATHODE, CELLS);

  private static final int CELL_MAKER = 3;

  /**
   * The deepest lot each holder makes, by index in {@link #HOLDERS}: ore; refined metal and
   * precursor; cathode material; cell, module and pack.
   */
  private static final int[] MAKES_UP_TO = {0, 2, 3, MAX_DEPTH};

  /** The shallowest lot the cell maker sells (a cell); shallower ones it only processes further. */
  private static final int FINISHED = 4;

  /**
   * A lot the producer still tracks: its id, the length of its longest ancestry path, who made it,
   * who holds it now and how much (grams; while in transit, the amount on its way), and its latest
   * append (the step and the future that completes when it is committed).
   */
  private static final class Lot {
    final LotId id;
    final int depth;
    final int maker;
    int holder;
    long grams;
    long lastStep = Long.MIN_VALUE / 2;
    CompletableFuture<Entry> latest;

    Lot(LotId id, int depth, int maker, long grams) {
      this.id = id;
      this.depth = depth;
      this.maker = maker;
      this.holder = maker;
      this.grams = grams;
    }
  }

  /**
   * A lot on its way to holder {@code to}; {@code shipped} is set once the shipping event is
   * submitted.
   */
  private static final class Shipment {
    final Lot lot;
    final int to;
    final long step;
    final long document;
    CompletableFuture<Entry> shipped;

    Shipment(Lot lot, int to, long step, long document) {
      this.lot = lot;
      this.to = to;
      this.step = step;
      this.document = document;
    }
  }

  /** An event, who signs it, the lots it touches, and the shipment it starts (or null). */
  private record Planned(Event event, ActorSigner signer, List<Lot> lots, Shipment shipment) {}

  private final Ledger ledger;
  private final int index;
  private final int producers;
  private final long budget;
  private final long commissions;
  private final int window;
  private final Mix mix;
  private final LongAdder committed;
  private final AtomicReference<Throwable> failure;
  private final SplittableRandom random;

  /**
   * Steps from a shipment to its receipt, at least: long enough that the shipping append has
   * committed.
   */
  private final long receiveLag;

  /** Per holder: lots it received (inputs only) and lots it made (inputs, or shipped on). */
  private final List<List<Lot>> stock = new ArrayList<>();

  private final List<List<Lot>> made = new ArrayList<>();
  private final List<Shipment> transit = new ArrayList<>();

  /** Lots held or in transit. */
  private int tracked;

  /**
   * Lots to keep tracking: inputs are used up only beyond it, so the pool grows to about this size.
   * Several windows deep, so that nearly every event finds {@linkplain #settled settled} lots.
   */
  private final int pool;

  /**
   * Most lots in one holder's list; beyond it the oldest retires (stays held in the ledger,
   * untouched).
   */
  private final int cap;

  private long commissioned;
  private long step;
  long derived;
  int maxDepth;
  long shipments;
  long receipts;
  long observations;

  SyntheticProducer(
      Ledger ledger,
      int index,
      int producers,
      long budget,
      long commissions,
      int window,
      Mix mix,
      LongAdder committed,
      AtomicReference<Throwable> failure) {
    this.ledger = ledger;
    this.index = index;
    this.producers = producers;
    this.budget = budget;
    this.commissions = commissions;
    this.window = window;
    this.mix = mix;
    this.committed = committed;
    this.failure = failure;
    this.random = new SplittableRandom(0x5EED_0000L + index);
    this.receiveLag = Math.min(2L * window, Math.max(4, budget / 32));
    this.pool = Math.max(RESERVE, 4 * window);
    this.cap = 2 * pool;
    for (int h = 0; h < HOLDERS.size(); h++) {
      stock.add(new ArrayList<>());
      made.add(new ArrayList<>());
    }
  }

  @Override
  public void run() {
    Semaphore permits = new Semaphore(window);
    try {
      for (step = 0; step < budget && failure.get() == null; step++) {
        Planned next = next();
        for (Lot lot : next.lots()) {
          if (lot.latest != null) {
            lot.latest.join(); // this append must link to that one, so it waits until that one is
            // committed
          }
        }
        permits.acquire();
        CompletableFuture<Entry> appended = ledger.appendAsync(next.event(), next.signer());
        appended.whenComplete(
            (entry, e) -> {
              if (e == null) {
                committed.increment();
              } else {
                failure.compareAndSet(
                    null,
                    e instanceof CompletionException ce && ce.getCause() != null
                        ? ce.getCause()
                        : e);
              }
              permits.release();
            });
        for (Lot lot : next.lots()) {
          lot.latest = appended;
          lot.lastStep = step;
        }
        if (next.shipment() != null) {
          next.shipment().shipped = appended;
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

  /**
   * The next event. Depends only on the producer's index, its step and its shares, never on timing,
   * so that a chain is the same in every run. A delivery that is due comes first; otherwise it
   * draws the chain's {@link Mix} of transformations, shipments and transport reports, the rest
   * inspections. An event on {@linkplain #settled settled} lots only is preferred, an inspection if
   * the kind drawn has none, so that the producer seldom waits; failing that, any lots (as early in
   * a run).
   */
  private Planned next() {
    OffsetDateTime time = T0.plusSeconds(step * producers + index);
    long stepsLeft = budget - step;
    long commissionsLeft = commissions - commissioned;
    if (commissionsLeft > 0
        && (tracked < 2
            || stepsLeft <= commissionsLeft
            || random.nextLong(stepsLeft) < commissionsLeft)) {
      return commission(time);
    }
    Shipment due = due();
    if (due != null) {
      return receive(due, time);
    }
    int kind = random.nextInt(100);
    for (boolean settledOnly : new boolean[] {true, false}) {
      Planned planned =
          kind < mix.transformPercent()
              ? transform(time, settledOnly)
              : kind < mix.transformPercent() + mix.shipPercent()
                  ? ship(time, settledOnly)
                  : kind < mix.transformPercent() + mix.shipPercent() + mix.transportPercent()
                      ? transport(time, settledOnly)
                      : null;
      if (planned == null) {
        planned = inspect(time, settledOnly);
      }
      if (planned == null) {
        planned = transport(time, settledOnly); // nothing is held: everything tracked is on its way
      }
      if (planned != null) {
        return planned;
      }
    }
    throw new IllegalStateException(
        "producer " + index + " tracks no lot at step " + step); // the reserve prevents it
  }

  /** The mine commissions origin lot number {@code index + k * producers} with its master data. */
  private Planned commission(OffsetDateTime time) {
    long number = index + commissioned * producers;
    commissioned++;
    Lot lot =
        new Lot(
            new LotId("urn:epc:class:lgtin:6150009.000100.ORE-" + number),
            0,
            0,
            1000L * (500 + random.nextInt(1500)));
    LotMasterData ilmd =
        LotMasterData.NONE
            .withOrigin(ORE_COUNTRIES[(int) (number % ORE_COUNTRIES.length)], MINE.site())
            .withElements(
                List.of(
                    ElementShare.of("Co", "0." + (100 + random.nextInt(200)), null, null),
                    ElementShare.of("Cu", "0.0" + (10 + random.nextInt(80)), null, null)))
            .withCertifications(
                List.of(
                    new Certification(
                        "https://cert.example/rmi/cobalt/" + number,
                        "RMI",
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2027, 1, 1))));
    Event event =
        SyntheticEvents.commission(MINE, new LotQuantity(lot.id, kilograms(lot.grams)), ilmd, time);
    keep(made.get(0), lot, true);
    return new Planned(event, MINE.signer(), List.of(lot), null);
  }

  /**
   * A processor (refinery, cathode maker or cell maker, starting at a random one) that holds at
   * least two lots it may process, settled ones if any processor has two, turns 2-4 of them into a
   * new lot; null when none can (with settled lots only, if {@code settledOnly}).
   */
  private Planned transform(OffsetDateTime time, boolean settledOnly) {
    int first = random.nextInt(3);
    int fallback = -1;
    List<Lot> fallbackInputs = null;
    for (int k = 0; k < 3; k++) {
      int maker = 1 + (first + k) % 3;
      List<Lot> inputs = new ArrayList<>();
      List<Lot> settled = new ArrayList<>();
      for (List<Lot> lots : List.of(stock.get(maker), made.get(maker))) {
        for (Lot lot : lots) {
          if (lot.grams >= 2 && lot.depth < MAKES_UP_TO[maker]) {
            inputs.add(lot);
            if (settled(lot)) {
              settled.add(lot);
            }
          }
        }
      }
      if (settled.size() >= 2) {
        return transform(maker, settled, time);
      } else if (!settledOnly && inputs.size() >= 2 && fallback < 0) {
        fallback = maker;
        fallbackInputs = inputs;
      }
    }
    return fallback < 0 ? null : transform(fallback, fallbackInputs, time);
  }

  /**
   * {@code maker} takes 20-60% of what it holds of each of 2-4 of {@code candidates}, or all of it:
   * of a remnant under {@value #REMNANT_GRAMS} g, or of one lot in two once the producer tracks
   * more than its pool. It makes one new lot of 85-98% of the mass it took.
   */
  private Planned transform(int maker, List<Lot> candidates, OffsetDateTime time) {
    int fanIn = Math.min(candidates.size(), 2 + random.nextInt(3));
    List<Lot> inputs = new ArrayList<>(fanIn);
    while (inputs.size() < fanIn) {
      Lot candidate = candidates.get(random.nextInt(candidates.size()));
      if (!inputs.contains(candidate)) {
        inputs.add(candidate);
      }
    }
    boolean mayUseUp = tracked > pool + fanIn;
    boolean mayUseRemnant = tracked > RESERVE + fanIn;
    List<LotQuantity> in = new ArrayList<>(fanIn);
    long taken = 0;
    for (Lot input : inputs) {
      boolean useUp = mayUseUp && random.nextBoolean();
      long take =
          useUp || (mayUseRemnant && input.grams < REMNANT_GRAMS)
              ? input.grams // the rest of the pile goes into this batch
              : Math.max(
                  1, Math.min(input.grams - 1, input.grams * (20 + random.nextInt(41)) / 100));
      in.add(new LotQuantity(input.id, kilograms(take)));
      taken += take;
      input.grams -= take;
      if (input.grams == 0) {
        (input.maker == maker ? made : stock).get(maker).remove(input);
        tracked--;
      }
    }
    int depth = 1 + inputs.stream().mapToInt(l -> l.depth).max().orElse(0);
    Company company = HOLDERS.get(maker);
    Lot output =
        new Lot(
            new LotId(
                "urn:epc:class:lgtin:"
                    + company.gln().substring(0, 7)
                    + ".000200.P"
                    + index
                    + "-"
                    + derived),
            depth,
            maker,
            Math.max(1, taken * (85 + random.nextInt(14)) / 100));
    derived++;
    maxDepth = Math.max(maxDepth, depth);
    LotMasterData ilmd =
        LotMasterData.NONE
            .withOrigin("FI", company.site())
            .withElements(
                List.of(
                    ElementShare.of(
                        "Co", "0.2" + random.nextInt(10), "0.0" + random.nextInt(10), null)))
            .withCarbonFootprint(BigDecimal.valueOf(1000 + random.nextInt(9000), 2));
    Event event =
        SyntheticEvents.transform(
            company,
            "transforming",
            in,
            new LotQuantity(output.id, kilograms(output.grams)),
            "urn:uuid:" + new UUID(random.nextLong(), random.nextLong()),
            ilmd,
            BigDecimal.valueOf(100 + random.nextInt(90000), 1),
            String.valueOf(400 + random.nextInt(300)),
            time);
    keep(made.get(maker), output, true);
    List<Lot> touched = new ArrayList<>(inputs);
    touched.add(output);
    return new Planned(event, company.signer(), touched, null);
  }

  /**
   * A holder (starting at a random one) ships all it holds of a lot it made to the next company,
   * under a despatch advice and the buyer's order; the cell maker ships finished products to the
   * customer, out of the ledger. Null when no holder has anything (settled, if {@code settledOnly})
   * to ship.
   */
  private Planned ship(OffsetDateTime time, boolean settledOnly) {
    int first = random.nextInt(HOLDERS.size());
    Lot fallback = null;
    for (int k = 0; k < HOLDERS.size(); k++) {
      int from = (first + k) % HOLDERS.size();
      if (from == CELL_MAKER && tracked <= RESERVE) {
        continue;
      }
      // The cell maker sells cells, modules and packs; shallower lots it only processes further.
      Lot lot = pick(made.get(from), l -> from != CELL_MAKER || l.depth >= FINISHED);
      if (lot != null && settled(lot)) {
        return ship(from, lot, time);
      } else if (fallback == null) {
        fallback = lot;
      }
    }
    return fallback == null || settledOnly ? null : ship(fallback.holder, fallback, time);
  }

  private Planned ship(int from, Lot lot, OffsetDateTime time) {
    boolean out = from == CELL_MAKER;
    Company sender = HOLDERS.get(from);
    Company buyer = out ? CUSTOMER : HOLDERS.get(from + 1);
    long document = step * producers + index;
    Event event =
        SyntheticEvents.ship(
            sender, buyer, List.of(new LotQuantity(lot.id, kilograms(lot.grams))), document, time);
    shipments++;
    made.get(from).remove(lot);
    Shipment shipment = null;
    if (out) {
      tracked--; // a finished product leaves the chain with its shipment
    } else {
      shipment = new Shipment(lot, from + 1, step, document);
      transit.add(shipment);
    }
    return new Planned(event, sender.signer(), List.of(lot), shipment);
  }

  /**
   * The buyer takes delivery of {@code shipment}: a receiving event that references the shipping
   * entry (waiting for it to commit, if it has not yet) and states the amount shipped.
   */
  private Planned receive(Shipment shipment, OffsetDateTime time) {
    Entry shipped = shipment.shipped.join();
    Lot lot = shipment.lot;
    Company sender = HOLDERS.get(shipment.to - 1);
    Company buyer = HOLDERS.get(shipment.to);
    Event event =
        SyntheticEvents.receive(
            sender,
            buyer,
            List.of(new LotQuantity(lot.id, kilograms(lot.grams))),
            shipped.hash(),
            shipment.document,
            step * producers + index,
            time);
    receipts++;
    lot.holder = shipment.to;
    keep(stock.get(shipment.to), lot, false);
    return new Planned(event, buyer.signer(), List.of(lot), null);
  }

  /**
   * The lab inspects a lot where it is held: an observation with sensor readings. Null when nothing
   * (settled, if {@code settledOnly}) is held.
   */
  private Planned inspect(OffsetDateTime time, boolean settledOnly) {
    int first = random.nextInt(2 * HOLDERS.size());
    Lot lot = null;
    for (int k = 0; k < 2 * HOLDERS.size() && (lot == null || !settled(lot)); k++) {
      int list = (first + k) % (2 * HOLDERS.size());
      Lot candidate = pick((list % 2 == 0 ? stock : made).get(list / 2), l -> true);
      if (lot == null || (candidate != null && settled(candidate))) {
        lot = candidate;
      }
    }
    if (lot != null && (settled(lot) || !settledOnly)) {
      Event event =
          SyntheticEvents.observe(
              List.of(LotQuantity.of(lot.id)),
              "inspecting",
              "conformant",
              HOLDERS.get(lot.holder).site(),
              List.of(
                  SensorReading.of(
                      "gs1:Temperature", String.valueOf(15 + random.nextInt(15)), "CEL"),
                  SensorReading.of(
                      "gs1:RelativeHumidity", String.valueOf(30 + random.nextInt(40)), "P1")),
              time);
      observations++;
      return new Planned(event, LAB.signer(), List.of(lot), null);
    }
    return null;
  }

  /**
   * The carrier reports on a lot in transit: temperature and shock on the way. Null when nothing
   * (settled, if {@code settledOnly}) is in transit.
   */
  private Planned transport(OffsetDateTime time, boolean settledOnly) {
    Lot lot = pick(transit.stream().map(s -> s.lot).toList(), l -> true);
    if (lot == null || (settledOnly && !settled(lot))) {
      return null;
    }
    Event event =
        SyntheticEvents.observe(
            List.of(LotQuantity.of(lot.id)),
            "transporting",
            "in_transit",
            CARRIER.site(),
            List.of(
                SensorReading.of("gs1:Temperature", String.valueOf(5 + random.nextInt(25)), "CEL"),
                SensorReading.of("gs1:Acceleration", String.valueOf(random.nextInt(30)), "MSK")),
            time);
    observations++;
    return new Planned(event, CARRIER.signer(), List.of(lot), null);
  }

  /**
   * Adds {@code lot} to a holder's list, counting it as tracked unless it already was (a delivery);
   * past the cap the oldest retires from the producer's view.
   */
  private void keep(List<Lot> lots, Lot lot, boolean isNew) {
    lots.add(lot);
    if (isNew) {
      tracked++;
    }
    if (lots.size() > cap) {
      lots.remove(0);
      tracked--;
    }
  }

  /**
   * The oldest shipment that is due (shipped {@code receiveLag} steps ago or more) and whose lot is
   * settled, or, failing that, the oldest one overdue by as much again; null when none.
   */
  private Shipment due() {
    for (int i = 0; i < transit.size() && step - transit.get(i).step >= receiveLag; i++) {
      Shipment s = transit.get(i);
      if (settled(s.lot) || step - s.step >= 2 * receiveLag) {
        return transit.remove(i);
      }
    }
    return null;
  }

  /**
   * Whether {@code lot}'s latest append is more than a window of steps behind. A producer has at
   * most a window of appends in flight and the ledger commits them in order, so that one has
   * committed and touching the lot waits for nothing.
   */
  private boolean settled(Lot lot) {
    return step - lot.lastStep > window;
  }

  /**
   * A random lot of {@code lots} that {@code wanted} accepts, settled if one of up to 8 draws is;
   * null when no draw is wanted.
   */
  private Lot pick(List<Lot> lots, Predicate<Lot> wanted) {
    Lot found = null;
    for (int attempt = 0; attempt < 8 && !lots.isEmpty(); attempt++) {
      Lot lot = lots.get(random.nextInt(lots.size()));
      if (wanted.test(lot)) {
        if (settled(lot)) {
          return lot;
        }
        found = found == null ? lot : found;
      }
    }
    return found;
  }

  /** {@code grams} as kilograms (up to three decimals, canonical). */
  private static Quantity kilograms(long grams) {
    return new Quantity(BigDecimal.valueOf(grams, 3), "KGM");
  }
}
