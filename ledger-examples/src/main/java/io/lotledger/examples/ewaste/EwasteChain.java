package io.lotledger.examples.ewaste;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.ElementShare;
import io.lotledger.event.Extension;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.Units;
import io.lotledger.examples.Company;
import io.lotledger.examples.Recorder;
import io.lotledger.examples.Scenario;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.LotState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * IT equipment at the end of its first life: an office hands six laptops to an IT asset disposition
 * (ITAD) company, which erases every drive and certifies it, refurbishes and resells the good
 * devices, and dismantles the others into fractions whose copper and cobalt go back into the metal
 * and battery chains. Recorded on a {@link Ledger} with the public API only.
 *
 * <p>Three actors sign with their own Ed25519 keys; the ITAD company runs the ledger for its
 * clients (it is the root) and registers the two others:
 *
 * <ol>
 *   <li>an insurer's Frankfurt office retires six 14-inch business notebooks and records each as a
 *       serialised item (SGTIN, one lot per device, 1 H87) with its net weight (GS1 {@code
 *       netWeight}, 1.6 KGM) and its copper and cobalt content, wholly post-consumer: the office is
 *       their end user, and from here on they are waste or second-hand goods (ISO 14021 §7.8.1.1,
 *       EU 2023/1542 Art. 8). It ships them to the ITAD company, which receives them, naming the
 *       shipping entry;
 *   <li>the ITAD company purges every drive to NIST SP 800-88 and records one {@link DataErasure}
 *       certificate per device; it grades the devices, refurbishes three and sells them to a
 *       refurbished-IT reseller in Utrecht, who receives them and sells one on to a customer
 *       outside the ledger;
 *   <li>the three devices beyond repair are dismantled by the selective treatment of the WEEE
 *       Directive 2012/19/EU, Annex VII (batteries and circuit boards removed), into a copper
 *       fraction, a battery fraction and a residual; the battery fraction is discharged, shredded
 *       and sieved into black mass; the lab assays both sold fractions;
 *   <li>the copper scrap {@link #COPPER_SCRAP} is shipped out of this ledger to a copper smelter
 *       (the metals example receives that lot from outside its ledger) and the black mass {@link
 *       #BLACK_MASS} to the battery example's recycler, whose hydrometallurgical line refines it.
 * </ol>
 *
 * <p><b>Claims.</b> The roll-up ({@link ClaimsCalculator}) follows element content through the
 * dismantling in proportion to mass, ISO 22095 controlled blending (docs/domain-model.md): every
 * fraction of one dismantling carries the recycled shares of what went in, here wholly
 * post-consumer, and the batch's average assay (Cu 0.05, Co 0.02). What sorting concentrates into
 * each fraction is a measurement: the lab's assays are re-declared as each fraction's master data
 * (an ADD of the existing lot, without a quantity), a claim {@code ledger check} weighs against the
 * roll-up. Carbon is cut off at the end of the first life (the notebooks enter at 0 kg CO2e/kg) and
 * each treatment step declares its own emissions, so the fractions' footprints are computed
 * exactly.
 *
 * <p><b>Final lot.</b> {@link #COPPER_SCRAP}: tracing it shows the whole story this ledger exists
 * to tell (three named devices, each handed over, erased and graded, dismantled into a fraction
 * that is provably all post-consumer copper, shipped to a smelter) and it is where this chain joins
 * the metals chain. A refurbished laptop's trace would show one device's custody, with no ancestry.
 *
 * <p><b>Planted fraud</b> ({@code new EwasteChain(true)}): the ITAD company resells {@link
 * #LAPTOP_3} without erasing it. Custody and quantities are in order, so the append rules, {@code
 * ledger verify} and {@code ledger check} all accept it; {@link
 * #devicesResoldWithoutErasure(Ledger)} finds it.
 *
 * <p><b>Identifiers</b> follow the battery example: EPC URNs (GS1 Tag Data Standard: SGTIN for the
 * devices, LGTIN for batches), party GLNs ({@code urn:epc:id:pgln:}), site GLNs ({@code
 * urn:epc:id:sgln:}), CBV 2.0 business transaction ids and bare-word business steps and
 * dispositions. The organisations are fictitious and the GS1 company prefixes illustrative. Keys
 * come from SHA-256 of a fixed text and the clock is fixed: every run records the same bytes, and
 * the keys are worthless as secrets.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EwasteChain implements Scenario {
  /** The origin (ledger name) of the demo ledger. */
  public static final String ORIGIN = "demo.lotledger.io/ewaste";

  /** When the ITAD company created the ledger: the genesis entry's time. */
  public static final Instant GENESIS = Instant.parse("2026-06-01T07:00:00Z");

  /** The ITAD and recycling company: the party that ships the copper scrap to the smelter. */
  public static final String ITAD_PARTY = "urn:epc:id:pgln:4061234.00000";

  // ---------------------------------------------------------------- lots

  /** The six retired notebooks: serialised trade items (SGTIN) of one model, one lot each. */
  public static final LotId LAPTOP_1 = device("PF4A2K01");

  /** The second notebook, resold. */
  public static final LotId LAPTOP_2 = device("PF4A2K02");

  /** The third notebook, resold; in the fraud variant resold without an erasure certificate. */
  public static final LotId LAPTOP_3 = device("PF4A2K03");

  /** The fourth notebook, dismantled. */
  public static final LotId LAPTOP_4 = device("PF4A2K04");

  /** The fifth notebook, dismantled. */
  public static final LotId LAPTOP_5 = device("PF4A2K05");

  /** The sixth notebook, dismantled. */
  public static final LotId LAPTOP_6 = device("PF4A2K06");

  /** All six notebooks, {@link #LAPTOP_1} to {@link #LAPTOP_6}. */
  public static final List<LotId> LAPTOPS =
      List.of(LAPTOP_1, LAPTOP_2, LAPTOP_3, LAPTOP_4, LAPTOP_5, LAPTOP_6);

  /** Refurbished and resold. */
  public static final List<LotId> RESOLD = List.of(LAPTOP_1, LAPTOP_2, LAPTOP_3);

  /** Beyond economic repair: dismantled. */
  public static final List<LotId> DISMANTLED = List.of(LAPTOP_4, LAPTOP_5, LAPTOP_6);

  /**
   * Circuit boards, heat pipes and cables: the copper fraction, sold to a smelter (the metals
   * chain's input).
   */
  public static final LotId COPPER_SCRAP =
      new LotId("urn:epc:class:lgtin:4061234.090001.CU-SCRAP-2606-01");

  /**
   * Black mass from the laptop batteries, sold to a battery-materials refiner (the battery chain's
   * recycler).
   */
  public static final LotId BLACK_MASS = new LotId("urn:epc:class:lgtin:4061234.090002.BM-2606-01");

  /** The removed lithium-ion battery packs. */
  public static final LotId BATTERY_FRACTION =
      new LotId("urn:epc:class:lgtin:4061234.090003.LIB-2606-01");

  /**
   * Housings (aluminium, magnesium, plastics), displays and keyboards, kept for the next WEEE
   * collection.
   */
  public static final LotId RESIDUAL_FRACTION =
      new LotId("urn:epc:class:lgtin:4061234.090004.RES-2606-01");

  /** Net weight of one notebook, as its master data declares it (GS1 Web Vocabulary netWeight). */
  public static final String LAPTOP_NET_WEIGHT = "1.6 KGM";

  /** This example's own extension fields (device model, grade, assay method). */
  private static final String NS = "https://demo.lotledger.io/ns/ewaste#";

  // ---------------------------------------------------------------- actors

  private final Company itad =
      Company.of(
          "ewaste", "Rhein-Main IT Asset Recovery GmbH", "4061234", "00001", "4061234000002");
  private final Company office =
      Company.of(
          "ewaste",
          "Mainufer Assekuranz AG, Frankfurt office",
          "4260456",
          "00001",
          "4260456000009");
  private final Company reseller =
      Company.of("ewaste", "Tweede Leven IT B.V.", "8712100", "00001", "8712100000003");

  /**
   * Parties outside the ledger: the notebook's buyer, the copper smelter, the battery chain's
   * recycler.
   */
  private static final String BUYER = "urn:epc:id:pgln:8715432.00000";

  private static final String BUYER_SITE = "urn:epc:id:sgln:8715432.00001.0";

  /**
   * The copper smelter's party GLN URI: the destination of {@link #COPPER_SCRAP}, not an actor of
   * this ledger.
   */
  public static final String SMELTER = "urn:epc:id:pgln:4012346.00000";

  private static final String SMELTER_SITE = "urn:epc:id:sgln:4012346.00010.0";

  /**
   * The battery chain's recycler's party GLN URI: the destination of the black mass, not an actor
   * of this ledger.
   */
  public static final String REFINER = "urn:epc:id:pgln:4000004.00000";

  private static final String REFINER_SITE = "urn:epc:id:sgln:4000004.00080.0";

  private final boolean withFraud;

  /** The honest chain. */
  public EwasteChain() {
    this(false);
  }

  /**
   * @param withFraud whether the ITAD company resells {@link #LAPTOP_3} without erasing it
   */
  public EwasteChain(boolean withFraud) {
    this.withFraud = withFraud;
  }

  /**
   * Whether this is the fraud variant, in which {@link #LAPTOP_3} is resold without being erased.
   */
  public boolean withFraud() {
    return withFraud;
  }

  @Override
  public String name() {
    return "ewaste";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Record laptops collected from an office, a data-erasure certificate per device, refurbished and resold or "
            + "dismantled into copper scrap and black mass that feed the metals and battery chains, in a new ledger; "
            + "verify it and sign a checkpoint.",
        "--with-fraud resells a laptop without an erasure certificate, which the example's erasure rule finds.");
  }

  @Override
  public String origin() {
    return ORIGIN;
  }

  @Override
  public ActorSigner root() {
    return itad.signer();
  }

  @Override
  public String rootName() {
    return itad.name();
  }

  @Override
  public LedgerOptions options() {
    return LedgerOptions.DEFAULT.withClock(InstantSource.fixed(GENESIS));
  }

  /**
   * The shipments of serialised devices, by anyone but their owner, that no data-erasure
   * certificate precedes: the planted fraud's evidence ({@link
   * DataErasure#uncertifiedResales(Ledger)}).
   */
  public static List<DataErasure.UncertifiedResale> devicesResoldWithoutErasure(Ledger ledger)
      throws LedgerException {
    return DataErasure.uncertifiedResales(ledger);
  }

  /**
   * Records the chain on {@code ledger}, which must hold only its genesis entry and have this
   * chain's {@link #root()} as root actor.
   *
   * @throws LedgerException ILLEGAL_STATE if the ledger is not fresh or has another root, or any
   *     append failure
   */
  @Override
  public Outcome record(Ledger ledger) throws LedgerException {
    if (!ledger.rootActor().equals(itad.signer().actor())) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " has root "
              + ledger.rootActor()
              + ", not the e-waste chain's root "
              + itad.party());
    }
    if (ledger.size() != 1) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " holds "
              + ledger.size()
              + " entries; the e-waste chain needs a fresh ledger");
    }
    OffsetDateTime registered = at("2026-06-01T09:00:00+02:00");
    for (Company c : List.of(office, reseller)) {
      ledger.append(
          new RegistryEvent.ActorRegistered(
              c.signer().actor(), c.name(), c.signer().publicKey(), registered),
          itad.signer());
    }

    Recorder r = new Recorder(ledger, Recorder.Shipping.OBJECT_EVENT);
    retireLaptops(r);
    eraseAndGrade(r);
    refurbishAndResell(r);
    dismantle(r);
    sellFractions(r);

    return new Outcome(
        ledger.size(),
        ledger.lots(),
        List.of(itad.signer().actor(), office.signer().actor(), reseller.signer().actor()),
        COPPER_SCRAP,
        highlights(ledger));
  }

  // ---------------------------------------------------------------- the chain

  /**
   * Frankfurt (UTC+02:00): the office records its retired notebooks and hands them over for
   * disposition.
   */
  private void retireLaptops(Recorder r) throws LedgerException {
    // Per notebook: 80 g copper (boards, heat pipe, cables), 32 g cobalt (the battery's cathode).
    // Carbon: cut-off at the end of the first life, whose user bore its burden; the second life
    // starts at 0.
    LotMasterData notebook =
        LotMasterData.NONE
            .withOrigin("DE", office.site())
            .withElements(
                List.of(
                    ElementShare.of("Cu", "0.05", "0", "1"),
                    ElementShare.of("Co", "0.02", "0", "1")))
            .withCarbonFootprint(BigDecimal.ZERO)
            .withExtensions(
                List.of(
                    new Extension(Units.GS1_VOC, Units.NET_WEIGHT, LAPTOP_NET_WEIGHT),
                    new Extension(
                        NS, "model", "14-inch business notebook, 16 GB RAM, 512 GB NVMe SSD")));
    r.commission(office, pieces(LAPTOPS), notebook, at("2026-06-02T10:00:00+02:00"));
    Entry handOver =
        r.ship(
            office,
            itad.party(),
            itad.site(),
            pieces(LAPTOPS),
            List.of(
                office.document("po", "PO-ITAD-2026-0117"), itad.document("bol", "COL-2606-0042")),
            List.of(),
            at("2026-06-03T08:30:00+02:00"));
    r.receive(
        itad,
        office,
        handOver,
        pieces(LAPTOPS),
        List.of(),
        List.of(),
        at("2026-06-03T11:45:00+02:00"));
  }

  /**
   * Hanau (UTC+02:00): every drive is purged and certified, then every device graded. In the fraud
   * variant the technician skips {@link #LAPTOP_3}, which is graded for resale all the same.
   */
  private void eraseAndGrade(Recorder r) throws LedgerException {
    OffsetDateTime start = at("2026-06-04T09:00:00+02:00");
    for (int i = 0; i < LAPTOPS.size(); i++) {
      LotId device = LAPTOPS.get(i);
      if (withFraud && device.equals(LAPTOP_3)) {
        continue;
      }
      r.ledger()
          .append(
              DataErasure.certificate(
                  device, certificateId(i), start.plusMinutes(25L * i), itad.site()),
              itad.signer());
    }
    r.observe(
        itad,
        pieces(RESOLD),
        "inspecting",
        "conformant",
        List.of(new Extension(NS, "grade", "B")),
        at("2026-06-05T10:00:00+02:00"));
    r.observe(
        itad,
        pieces(DISMANTLED),
        "inspecting",
        "non_conformant",
        List.of(new Extension(NS, "grade", "D: beyond economic repair")),
        at("2026-06-05T10:30:00+02:00"));
  }

  /**
   * Hanau, then Utrecht (UTC+02:00): three refurbished notebooks sold to a reseller, one sold on.
   */
  private void refurbishAndResell(Recorder r) throws LedgerException {
    r.observe(
        itad,
        pieces(RESOLD),
        "repairing",
        "sellable_not_accessible",
        List.of(
            new Extension(NS, "work", "cleaned, keyboard replaced, operating system reinstalled")),
        at("2026-06-08T15:00:00+02:00"));
    Entry sale =
        r.ship(
            itad,
            reseller.party(),
            reseller.site(),
            pieces(RESOLD),
            List.of(
                reseller.document("po", "PO-TL-26-0187"), itad.document("inv", "INV-2606-0311")),
            List.of(),
            at("2026-06-10T07:30:00+02:00"));
    r.receive(
        reseller,
        itad,
        sale,
        pieces(RESOLD),
        List.of(),
        List.of(),
        at("2026-06-11T09:15:00+02:00"));
    r.ship(
        reseller,
        BUYER,
        BUYER_SITE,
        pieces(List.of(LAPTOP_1)),
        List.of(reseller.document("inv", "INV-TL-2026-04411")),
        List.of(),
        at("2026-06-15T14:00:00+02:00"));
  }

  /**
   * Hanau: selective treatment (WEEE Annex VII), then black mass from the battery packs. The
   * outputs account for all 4.8 kg that went in: 3 x 1.6 kg.
   */
  private void dismantle(Recorder r) throws LedgerException {
    // Carbon: 0.6 kg CO2e (tools, lighting, the site's grid electricity) over 4.8 kg: 0.125 kg
    // CO2e/kg.
    r.transform(
        itad,
        "disassembling",
        pieces(DISMANTLED),
        List.of(
            LotQuantity.of(COPPER_SCRAP.uri(), "0.84", "KGM"),
            LotQuantity.of(BATTERY_FRACTION.uri(), "0.9", "KGM"),
            LotQuantity.of(RESIDUAL_FRACTION.uri(), "3.06", "KGM")),
        LotMasterData.NONE,
        "0.6",
        at("2026-06-16T09:00:00+02:00"));
    // Discharged, shredded and sieved: half the packs' mass is black mass (cathode and anode
    // powder).
    // Carbon: (0.9 kg x 0.125 + 0.9 kg CO2e for discharging and shredding) / 0.45 kg = 2.25 kg
    // CO2e/kg.
    r.transform(
        itad,
        "commissioning",
        List.of(LotQuantity.of(BATTERY_FRACTION.uri(), "0.9", "KGM")),
        List.of(LotQuantity.of(BLACK_MASS.uri(), "0.45", "KGM")),
        LotMasterData.NONE,
        "0.9",
        at("2026-06-17T16:00:00+02:00"));
    // The lab's XRF assays: 0.21 of the 0.24 kg of copper went into the copper scrap, 0.0855 of the
    // 0.096 kg of cobalt into the black mass. Re-declared as each lot's master data, all
    // post-consumer.
    redeclare(
        r, COPPER_SCRAP, ElementShare.of("Cu", "0.25", "0", "1"), at("2026-06-18T11:00:00+02:00"));
    redeclare(
        r, BLACK_MASS, ElementShare.of("Co", "0.19", "0", "1"), at("2026-06-18T11:30:00+02:00"));
  }

  /**
   * The two fractions leave this ledger: copper to the smelter, black mass to the battery chain's
   * recycler.
   */
  private void sellFractions(Recorder r) throws LedgerException {
    r.ship(
        itad,
        SMELTER,
        SMELTER_SITE,
        List.of(LotQuantity.of(COPPER_SCRAP.uri(), "0.84", "KGM")),
        List.of(
            new BizTransaction("po", "urn:epcglobal:cbv:bt:4012346000008:PO-CU-2606-0032"),
            itad.document("desadv", "DA-CU-2606-01")),
        List.of(),
        at("2026-06-19T08:00:00+02:00"));
    r.ship(
        itad,
        REFINER,
        REFINER_SITE,
        List.of(LotQuantity.of(BLACK_MASS.uri(), "0.45", "KGM")),
        List.of(
            new BizTransaction("po", "urn:epcglobal:cbv:bt:4000004000002:PO-BM-2606-0007"),
            itad.document("desadv", "DA-BM-2606-01")),
        List.of(),
        at("2026-06-19T08:20:00+02:00"));
  }

  // ---------------------------------------------------------------- what the demo prints

  /**
   * Domain outcomes read back from the ledger: custody, the computed roll-up, the erasure check.
   */
  private List<String> highlights(Ledger ledger) throws LedgerException {
    List<String> out = new ArrayList<>();
    ClaimsCalculator claims = new ClaimsCalculator(ledger::history);
    long certified = 0;
    for (LotId device : LAPTOPS) {
      certified +=
          ledger.history(device).stream()
              .filter(e -> DataErasure.certificateId(e.event()).isPresent())
              .count();
    }
    out.add(
        LAPTOPS.size()
            + " notebooks handed over by "
            + office.name()
            + " to "
            + itad.name()
            + "; "
            + certified
            + " data-erasure certificates recorded (NIST SP 800-88 Purge)");
    out.add(
        RESOLD.size()
            + " refurbished notebooks resold to "
            + reseller.name()
            + ", which holds "
            + heldBy(ledger, RESOLD, reseller)
            + " and sold "
            + LAPTOP_1
            + " on outside the ledger");
    out.add(
        DISMANTLED.size()
            + " notebooks dismantled into "
            + state(ledger, COPPER_SCRAP).produced().toPlainString()
            + " kg copper scrap, "
            + state(ledger, BATTERY_FRACTION).produced().toPlainString()
            + " kg battery packs ("
            + state(ledger, BLACK_MASS).produced().toPlainString()
            + " kg black mass) and "
            + state(ledger, RESIDUAL_FRACTION).produced().toPlainString()
            + " kg residual");
    out.add(
        rolledUp(claims.composition(COPPER_SCRAP), "Cu")
            + "; "
            + state(ledger, COPPER_SCRAP).shippedOut().toPlainString()
            + " kg shipped out to the smelter "
            + SMELTER
            + " (the metals example receives this lot)");
    out.add(
        rolledUp(claims.composition(BLACK_MASS), "Co")
            + "; "
            + state(ledger, BLACK_MASS).shippedOut().toPlainString()
            + " kg shipped out to the refiner "
            + REFINER
            + " (the battery example's recycler)");
    List<DataErasure.UncertifiedResale> uncertified = devicesResoldWithoutErasure(ledger);
    if (uncertified.isEmpty()) {
      out.add(
          "every resold notebook was certified erased before its resale (EwasteChain.devicesResoldWithoutErasure)");
    }
    for (DataErasure.UncertifiedResale r : uncertified) {
      out.add(
          "FRAUD: "
              + r
              + "; the append rules, verify and check accept it (custody and quantities are in order);"
              + " EwasteChain.devicesResoldWithoutErasure finds it");
    }
    return out;
  }

  private static String rolledUp(Composition c, String element) {
    ElementBalance e = c.element(element);
    return c.lot()
        + ": "
        + element
        + " rolled up from the notebooks, post-consumer share "
        + text(e.recycledPostConsumer())
        + ", pre-consumer "
        + text(e.recycledPreConsumer())
        + "; "
        + (c.carbonLowerBound() ? "at least " : "")
        + text(c.carbonFootprint())
        + " kg CO2e/kg";
  }

  private static String text(BigDecimal v) {
    return v == null ? "unknown" : v.toPlainString();
  }

  private static long heldBy(Ledger ledger, List<LotId> devices, Company holder)
      throws LedgerException {
    long n = 0;
    for (LotId d : devices) {
      n += state(ledger, d).holds(holder.signer().actor()) ? 1 : 0;
    }
    return n;
  }

  private static LotState state(Ledger ledger, LotId lot) throws LedgerException {
    return ledger
        .lotState(lot)
        .orElseThrow(() -> new IllegalStateException(lot + " is not tracked"));
  }

  // ---------------------------------------------------------------- the moves

  /**
   * A re-declaration: an ADD of a lot that a transformation produced, without a quantity, whose
   * master data states the lab's assay. It adds no material; {@code ledger check} weighs its
   * recycled shares.
   */
  private void redeclare(Recorder r, LotId lot, ElementShare assay, OffsetDateTime time)
      throws LedgerException {
    r.declareMasterData(
        itad,
        LotQuantity.of(lot),
        LotMasterData.NONE
            .withElements(List.of(assay))
            .withExtensions(List.of(new Extension(NS, "assayMethod", "XRF"))),
        time);
  }

  private static List<LotQuantity> pieces(List<LotId> devices) {
    return devices.stream().map(d -> LotQuantity.of(d.uri(), "1", "H87")).toList();
  }

  /**
   * An SGTIN of the notebook model (company prefix 4712345, item reference 012345) with serial
   * {@code serial}.
   */
  private static LotId device(String serial) {
    return new LotId("urn:epc:id:sgtin:4712345.012345." + serial);
  }

  private static String certificateId(int deviceIndex) {
    return String.format("ERC-2606-%06d", 411 + deviceIndex);
  }

  private static OffsetDateTime at(String isoTime) {
    return OffsetDateTime.parse(isoTime);
  }
}
