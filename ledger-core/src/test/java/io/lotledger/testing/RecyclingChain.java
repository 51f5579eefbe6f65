package io.lotledger.testing;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransformationEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A refinery's honest cobalt/nickel chain with a recycling loop, every quantity in kilograms, for
 * the rules tests. One actor (the refinery) commissions, transforms and consumes every lot, and
 * never consumes more than it made:
 *
 * <pre>
 *  #2  ADD ORE          1000 kg  Co 0.10 (pre 0, post 0), Ni 0.05 (0, 0), 2 kg CO2e/kg, CD, RMAP cert
 *  #3  ADD SCRAP         500 kg  Co 0.20 (pre 1, post 0), 0.5 kg CO2e/kg, FI, RMAP cert
 *  #4-#7 SCRAP moved: departing 18 CEL, transporting (in-transit reading), arriving 21 CEL, storing 35 CEL
 *  #8  ADD EOL           400 kg  end-of-life batteries: Co 0.25 (0, 1), Ni 0.25 (0, 1), 0.25, DE, R2 cert
 *                                (expired 2026-02-28, before it was commissioned)
 *  #9  ORE 1000 + SCRAP 500 -> CONCENTRATE 1250 kg, step 250 kg CO2e   (mixing two inputs)
 *  #10 CONCENTRATE 1250 -> SULPHATE_A 500 + SULPHATE_B 750, step 125    (a split)
 *  #11 EOL 400 -> BLACK_MASS 200 kg, assay Co 0.45, Ni 0.3, step 40     (recycling)
 *  #12 SULPHATE_A 500 + BLACK_MASS 100 -> PRECURSOR 500 kg, step 100     (recycled next to mined)
 * </pre>
 *
 * Hand-computed roll-up (element kg = kg x mass fraction; shares weighted by element kg):
 *
 * <pre>
 *  CONCENTRATE: Co 100 + 100 = 200 kg, pre 100/200 = 0.5, post 0, fraction 200/1250 = 0.16;
 *               Ni 50 kg (SCRAP lists only Co, so it holds none), shares 0, fraction 50/1250 = 0.04;
 *               carbon (1000x2 + 500x0.5 + 250)/1250 = 2500/1250 = 2
 *  SULPHATE_A/B: same shares and fractions (a split); carbon (1250x2 + 125)/1250 = 2.1
 *  BLACK_MASS:  Co post 1, Ni post 1 (assay declared); carbon (400x0.25 + 40)/200 = 0.7
 *  PRECURSOR:   Co 500x0.16 = 80 kg (pre 40) + 100x0.45 = 45 kg (post 45): 125 kg,
 *               pre 40/125 = 0.32, post 45/125 = 0.36, fraction 125/500 = 0.25;
 *               Ni 500x0.04 = 20 kg + 100x0.3 = 30 kg (post 30): 50 kg, pre 0, post 0.6, fraction 0.1;
 *               carbon (500x2.1 + 100x0.7 + 100)/500 = 1220/500 = 2.44
 * </pre>
 */
public final class RecyclingChain {
  public static final String ORIGIN = "test.lotledger.io/recycling";
  public static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-01T08:00:00+01:00");

  public static final LotId ORE = lot("ORE-CD-01");
  public static final LotId SCRAP = lot("SCRAP-FI-07");
  public static final LotId EOL = lot("EOL-DE-3");
  public static final LotId CONCENTRATE = lot("CONC-1");
  public static final LotId SULPHATE_A = lot("SULPH-A");
  public static final LotId SULPHATE_B = lot("SULPH-B");
  public static final LotId BLACK_MASS = lot("BM-1");
  public static final LotId PRECURSOR = lot("PCAM-1");

  /** A lot no event commissions: an unbacked input when {@link #makePrecursor} is given it. */
  public static final LotId FLUX = lot("FLUX-9");

  /** The responsible-minerals certificate ORE and SCRAP hold. */
  public static final String RMAP = "https://certificates.example.org/rmap/cobalt/CID-0117";

  /** The recycler certificate EOL holds, expired before EOL was commissioned. */
  public static final String R2 = "https://certificates.example.org/r2/RC-0042";

  public final ActorSigner root = TestChain.signer("urn:lotledger:actor:consortium", 21);
  public final ActorSigner refinery = TestChain.signer("urn:lotledger:actor:refinery", 22);

  public static LotId lot(String ref) {
    return new LotId("urn:epc:class:lgtin:4012345.077777." + ref);
  }

  /** PRECURSOR's honest claims: exactly the roll-up above. */
  public static LotMasterData honestPrecursorClaims() {
    return claims("0.25", "0.32", "0.36", "0.1", "0", "0.6", "2.44");
  }

  /** A Co + Ni claim: mass fractions, pre- and post-consumer shares, and a footprint. */
  public static LotMasterData claims(
      String co,
      String coPre,
      String coPost,
      String ni,
      String niPre,
      String niPost,
      String carbon) {
    return LotMasterData.NONE
        .withElements(
            List.of(
                ElementShare.of("Co", co, coPre, coPost), ElementShare.of("Ni", ni, niPre, niPost)))
        .withCarbonFootprint(new BigDecimal(carbon));
  }

  public Ledger newLedger() throws LedgerException {
    return Ledger.inMemory().create(ORIGIN, root, "Test consortium");
  }

  /** Records the whole honest chain (entries 1..12) on a fresh ledger. */
  public void record(Ledger ledger) throws LedgerException {
    recordUpToPrecursor(ledger);
    makePrecursor(ledger, honestPrecursorClaims());
  }

  /**
   * Records entries 1..11 on a fresh ledger: everything but PRECURSOR, which each test makes its
   * own way.
   */
  public void recordUpToPrecursor(Ledger ledger) throws LedgerException {
    registerActors(ledger);
    commissionMined(ledger);
    moveScrap(ledger, "22");
    commissionEndOfLife(ledger);
    refine(ledger);
    recycle(ledger);
  }

  /** Entry 1. */
  public void registerActors(Ledger ledger) throws LedgerException {
    ledger.append(
        new RegistryEvent.ActorRegistered(
            refinery.actor(), "Test refinery", refinery.publicKey(), T0),
        root);
  }

  /** Entries 2, 3: ORE and SCRAP. */
  public void commissionMined(Ledger ledger) throws LedgerException {
    Certification rmap =
        new Certification(
            RMAP,
            "RMAP (illustrative)",
            LocalDate.parse("2025-01-01"),
            LocalDate.parse("2027-12-31"));
    add(
        ledger,
        ORE,
        "1000",
        LotMasterData.NONE
            .withOrigin("CD", null)
            .withCertifications(List.of(rmap))
            .withElements(
                List.of(
                    ElementShare.of("Co", "0.1", "0", "0"),
                    ElementShare.of("Ni", "0.05", "0", "0")))
            .withCarbonFootprint(new BigDecimal("2")),
        1);
    add(
        ledger,
        SCRAP,
        "500",
        LotMasterData.NONE
            .withOrigin("FI", null)
            .withCertifications(List.of(rmap))
            .withElements(List.of(ElementShare.of("Co", "0.2", "1", "0")))
            .withCarbonFootprint(new BigDecimal("0.5")),
        2);
  }

  /**
   * Entries 4..7: SCRAP departs (18 CEL), travels ({@code transitCelsius}), arrives (21 CEL), is
   * stored (35 CEL).
   */
  public void moveScrap(Ledger ledger, String transitCelsius) throws LedgerException {
    observe(ledger, SCRAP, "departing", SensorReading.of("gs1:Temperature", "18", "CEL"), 3);
    observe(
        ledger,
        SCRAP,
        "transporting",
        SensorReading.of("https://gs1.org/voc/Temperature", transitCelsius, "CEL"),
        4);
    observe(ledger, SCRAP, "arriving", SensorReading.of("gs1:Temperature", "21", "CEL"), 5);
    observe(ledger, SCRAP, "storing", SensorReading.of("gs1:Temperature", "35", "CEL"), 6);
  }

  /** Entry 8: EOL, collected end-of-life batteries, post-consumer by declaration. */
  public void commissionEndOfLife(Ledger ledger) throws LedgerException {
    Certification r2 =
        new Certification(
            R2, "R2 (illustrative)", LocalDate.parse("2025-01-01"), LocalDate.parse("2026-02-28"));
    add(
        ledger,
        EOL,
        "400",
        LotMasterData.NONE
            .withOrigin("DE", null)
            .withCertifications(List.of(r2))
            .withElements(
                List.of(
                    ElementShare.of("Co", "0.25", "0", "1"),
                    ElementShare.of("Ni", "0.25", "0", "1")))
            .withCarbonFootprint(new BigDecimal("0.25")),
        7);
  }

  /** Entries 9, 10: mix ORE and SCRAP, split the concentrate. */
  public void refine(Ledger ledger) throws LedgerException {
    transform(
        ledger,
        List.of(kg(ORE, "1000"), kg(SCRAP, "500")),
        List.of(kg(CONCENTRATE, "1250")),
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.16", "0.5", "0")))
            .withCarbonFootprint(new BigDecimal("2")),
        "250",
        8);
    transform(
        ledger,
        List.of(kg(CONCENTRATE, "1250")),
        List.of(kg(SULPHATE_A, "500"), kg(SULPHATE_B, "750")),
        LotMasterData.NONE,
        "125",
        9);
  }

  /** Entry 11: EOL into black mass. */
  public void recycle(Ledger ledger) throws LedgerException {
    transform(
        ledger,
        List.of(kg(EOL, "400")),
        List.of(kg(BLACK_MASS, "200")),
        LotMasterData.NONE
            .withElements(
                List.of(
                    ElementShare.of("Co", "0.45", "0", "1"),
                    ElementShare.of("Ni", "0.3", "0", "1")))
            .withCarbonFootprint(new BigDecimal("0.7")),
        "40",
        10);
  }

  /**
   * Entry 12: SULPHATE_A 500 kg and BLACK_MASS 100 kg (plus {@code extraInputs}) into PRECURSOR 500
   * kg.
   */
  public void makePrecursor(Ledger ledger, LotMasterData claims, LotQuantity... extraInputs)
      throws LedgerException {
    List<LotQuantity> inputs =
        new ArrayList<>(List.of(kg(SULPHATE_A, "500"), kg(BLACK_MASS, "100")));
    inputs.addAll(List.of(extraInputs));
    transform(ledger, inputs, List.of(kg(PRECURSOR, "500")), claims, "100", 11);
  }

  public static LotQuantity kg(LotId lot, String amount) {
    return LotQuantity.of(lot.uri(), amount, "KGM");
  }

  public void add(Ledger ledger, LotId lot, String kg, LotMasterData ilmd, int hours)
      throws LedgerException {
    ledger.append(
        ObjectEvent.add(
            List.of(kg(lot, kg)),
            ilmd,
            T0.plusHours(hours),
            EventContext.of("commissioning", "active")),
        refinery);
  }

  public void transform(
      Ledger ledger,
      List<LotQuantity> in,
      List<LotQuantity> out,
      LotMasterData ilmd,
      String stepEmissions,
      int hours)
      throws LedgerException {
    ledger.append(
        new TransformationEvent(
            in,
            out,
            null,
            ilmd,
            stepEmissions == null ? null : new BigDecimal(stepEmissions),
            T0.plusHours(hours),
            EventContext.of("commissioning", "active")),
        refinery);
  }

  private void observe(Ledger ledger, LotId lot, String bizStep, SensorReading reading, int hours)
      throws LedgerException {
    ledger.append(
        ObjectEvent.observe(
            List.of(LotQuantity.of(lot)),
            T0.plusHours(hours),
            EventContext.of(bizStep, "in_transit").withSensorReadings(List.of(reading))),
        refinery);
  }
}
