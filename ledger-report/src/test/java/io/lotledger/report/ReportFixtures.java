package io.lotledger.report;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ElementShare;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.testing.RecyclingChain;
import io.lotledger.testing.TestChain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Ledgers the report tests (and {@code ledger check}'s and {@code ledger report}'s) draw, recorded
 * through the public API so every append rule holds.
 */
public final class ReportFixtures {
  /** Lots per level of {@link #recordWideAncestry}, origins first: 299 lots below the final one. */
  public static final int[] LEVELS = {100, 80, 60, 35, 18, 6};

  /** Lots in the wide ancestry, the final lot included. */
  public static final int WIDE_LOTS = 300;

  public static final LotId WIDE_FINAL = RecyclingChain.lot("WIDE-FINAL");

  /**
   * The level-2 lot whose producer declares a carbon footprint far below what its inputs add up to.
   */
  public static final LotId WIDE_UNDER_DECLARED = wide(2, 7);

  /** An id no URI rule rejects but that HTML must escape: an ampersand and an apostrophe. */
  public static final LotId HOSTILE_LOT = new LotId("urn:epc:class:lgtin:4012345.077777.A&B'C");

  public static final LotId HOSTILE_INPUT = new LotId("urn:example:lot:%3Cscript%3E&amp;x");
  public static final String HOSTILE_NAME = "<script>alert(\"pwn\")</script>&'";

  private static final String[] COUNTRIES = {"CD", "AU", "FI", "CA", "ID", "PH"};

  private ReportFixtures() {}

  public static LotId wide(int level, int i) {
    return RecyclingChain.lot("WIDE-L" + level + "-" + i);
  }

  /**
   * The recycling chain with PRECURSOR over-claimed (CheckCommandTest, the report tests): Co
   * post-consumer 0.4 where the inputs back 0.36, and 2.4 kg CO2e/kg where they add up to 2.44.
   */
  public static void recordOverClaimedRecycling(Ledger ledger, RecyclingChain chain)
      throws LedgerException {
    chain.recordUpToPrecursor(ledger);
    chain.makePrecursor(
        ledger, RecyclingChain.claims("0.25", "0.32", "0.4", "0.1", "0", "0.6", "2.4"));
  }

  /**
   * A supply web of {@value #WIDE_LOTS} lots in six levels ({@link #LEVELS}) and a final lot, all
   * recorded by the refinery: 100 commissioned origin lots (1000 kg each, with a country, a Co
   * assay, recycled shares and a footprint), and per level lots each made from at least one lot of
   * the level below (every lot of a level goes into exactly one of the next, which takes half of
   * it) and, for about four in ten, from a lot of an older level too (a tenth of it), so that edges
   * skip columns and lots share inputs. The final lot is made from every lot of the top level.
   * Deterministic for a seed; {@link #WIDE_UNDER_DECLARED} declares 0.01 kg CO2e/kg, a carbon
   * under-claim.
   */
  public static void recordWideAncestry(Ledger ledger, RecyclingChain chain, long seed)
      throws LedgerException {
    chain.registerActors(ledger);
    SplittableRandom random = new SplittableRandom(seed);
    Map<LotId, BigDecimal> size = new HashMap<>();
    Map<LotId, Integer> extraUses = new HashMap<>();
    List<List<LotId>> levels = new ArrayList<>();
    List<LotId> origins = new ArrayList<>();
    int hour = 0;
    for (int i = 0; i < LEVELS[0]; i++) {
      LotId lot = wide(0, i);
      LotMasterData ilmd =
          LotMasterData.NONE
              .withOrigin(COUNTRIES[i % COUNTRIES.length], null)
              .withElements(
                  List.of(
                      ElementShare.of(
                          "Co",
                          "0." + (1 + i % 3),
                          i % 4 == 0 ? "0.5" : "0",
                          i % 5 == 0 ? "0.25" : "0")))
              .withCarbonFootprint(new BigDecimal(1 + i % 4));
      chain.add(ledger, lot, "1000", ilmd, hour++);
      size.put(lot, new BigDecimal("1000"));
      origins.add(lot);
    }
    levels.add(origins);
    for (int level = 1; level < LEVELS.length; level++) {
      List<LotId> below = new ArrayList<>(levels.get(level - 1));
      shuffle(below, random);
      List<List<LotId>> inputs = new ArrayList<>();
      for (int i = 0; i < LEVELS[level]; i++) {
        inputs.add(new ArrayList<>(List.of(below.get(i))));
      }
      for (int k = LEVELS[level]; k < below.size(); k++) {
        inputs.get(random.nextInt(LEVELS[level])).add(below.get(k));
      }
      List<LotId> made = new ArrayList<>();
      for (int i = 0; i < LEVELS[level]; i++) {
        List<LotQuantity> in = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (LotId primary : inputs.get(i)) {
          BigDecimal half = size.get(primary).multiply(new BigDecimal("0.5"));
          in.add(RecyclingChain.kg(primary, half.toPlainString()));
          total = total.add(half);
        }
        if (level >= 2 && random.nextInt(10) < 4) {
          List<LotId> older = levels.get(random.nextInt(level - 1));
          LotId extra = older.get(random.nextInt(older.size()));
          if (extraUses.merge(extra, 1, Integer::sum) <= 4) {
            BigDecimal tenth = size.get(extra).multiply(new BigDecimal("0.1"));
            in.add(RecyclingChain.kg(extra, tenth.toPlainString()));
            total = total.add(tenth);
          }
        }
        LotId out = wide(level, i);
        LotMasterData ilmd =
            out.equals(WIDE_UNDER_DECLARED)
                ? LotMasterData.NONE.withCarbonFootprint(new BigDecimal("0.01"))
                : LotMasterData.NONE;
        chain.transform(
            ledger, in, List.of(RecyclingChain.kg(out, total.toPlainString())), ilmd, "5", hour++);
        size.put(out, total);
        made.add(out);
      }
      levels.add(made);
    }
    List<LotQuantity> last = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (LotId top : levels.get(levels.size() - 1)) {
      last.add(RecyclingChain.kg(top, size.get(top).toPlainString()));
      total = total.add(size.get(top));
    }
    chain.transform(
        ledger,
        last,
        List.of(RecyclingChain.kg(WIDE_FINAL, total.toPlainString())),
        LotMasterData.NONE,
        "5",
        hour);
  }

  /**
   * A hostile but valid ledger: an actor registered under a name that is markup, commissioning
   * {@link #HOSTILE_INPUT} and making {@link #HOSTILE_LOT} from it.
   */
  public static void recordHostile(Ledger ledger, RecyclingChain chain) throws LedgerException {
    ActorSigner mallory = TestChain.signer("urn:example:actor:mallory&'", 41);
    ledger.append(
        new RegistryEvent.ActorRegistered(
            mallory.actor(), HOSTILE_NAME, mallory.publicKey(), RecyclingChain.T0),
        chain.root);
    ledger.append(
        ObjectEvent.add(
            List.of(RecyclingChain.kg(HOSTILE_INPUT, "10")),
            LotMasterData.NONE.withOrigin("CD", null),
            RecyclingChain.T0.plusHours(1),
            EventContext.of("commissioning", "active")),
        mallory);
    ledger.append(
        TransformationEvent.of(
            List.of(RecyclingChain.kg(HOSTILE_INPUT, "10")),
            List.of(RecyclingChain.kg(HOSTILE_LOT, "9")),
            LotMasterData.NONE,
            RecyclingChain.T0.plusHours(2),
            EventContext.of("commissioning", "active")),
        mallory);
  }

  private static void shuffle(List<LotId> lots, SplittableRandom random) {
    for (int i = lots.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      LotId t = lots.get(i);
      lots.set(i, lots.get(j));
      lots.set(j, t);
    }
  }
}
