package io.lotledger.examples.battery;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.Extension;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.Units;
import io.lotledger.examples.Company;
import io.lotledger.examples.Recorder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An EU battery supply chain, from a cobalt mine and a battery recycler to a finished EV battery
 * pack, recorded on a {@link Ledger} with the public API only. Copy it as a template for recording
 * your own chain.
 *
 * <p>Nine actors sign with their own Ed25519 keys; the root (the consortium that runs the ledger)
 * registers the eight others:
 *
 * <ol>
 *   <li>a cobalt mine near Kolwezi, DR Congo, commissions two lots of cobalt hydroxide with their
 *       master data (origin, mine site, Co assay, a due-diligence certificate) and ships them;
 *   <li>a refinery in Kokkola, Finland, receives and inspects them, refines them into cobalt
 *       sulphate and ships part of it;
 *   <li>a lithium producer in Chile and a nickel producer in Finland commission lithium carbonate
 *       and nickel sulphate, each with its own master data, and ship part of them to the cathode
 *       maker;
 *   <li>a recycler in Lusatia, Germany, collects end-of-life EV packs, dismantles them into black
 *       mass, refines that by hydrometallurgy into recycled cobalt sulphate and ships part of it;
 *   <li>a cathode maker in Nysa, Poland, turns the mined and the recycled cobalt sulphate, the
 *       other salts and manganese sulphate bought outside the ledger into NMC 811 cathode active
 *       material;
 *   <li>a cell maker in Skellefteå, Sweden, makes 60 Ah pouch cells, counted in pieces (H87);
 *   <li>a pack assembler in Bavaria, Germany, buys a pack housing outside the ledger, packs 192
 *       cells into it (aggregation), assembles the final pack lot (transformation), tests it and
 *       ships it to a car maker outside the ledger.
 * </ol>
 *
 * <p><b>Custody.</b> Every hand-over between actors is a shipping {@link
 * io.lotledger.event.TransactionEvent} (purchase order + despatch advice, temperature readings in
 * CEL) and a receiving {@link io.lotledger.event.ObjectEvent} (OBSERVE) signed by the receiver that
 * references the shipping entry; only the holder of a lot consumes, packs or ships it, never more
 * than it holds ({@link Recorder}). Goods from outside the ledger enter it by commissioning (the
 * manganese sulphate) or by a receipt without shipment reference (the pack housing). Quantities are
 * exact decimals in TNE, KGM or H87. Several shipments are partial: the cobalt sulphate lot, for
 * instance, ends up held partly by the refinery (30.2 t) and partly by the cathode maker (1 t left
 * after it consumed 5 t).
 *
 * <p><b>Recycled cobalt</b> (Regulation (EU) 2023/1542, Art. 8, recycled content of cobalt, lead,
 * lithium and nickel: at least 16 % cobalt from 18 August 2031, 26 % from 18 August 2036). Every
 * Co-bearing lot declares its Co mass fraction and its pre- and post-consumer recycled shares, and
 * each transformation declares what mass balance gives: an output's share is {@code sum(m_i r_i) /
 * sum(m_i)} over the element masses {@code m_i = consumed kg x Co mass fraction} of its inputs. The
 * end-of-life packs, their black mass and the recycled sulphate are post-consumer (share 1); the
 * mined lots are not (0). The cathode material, and so the final pack, is {@link
 * #RECYCLED_COBALT_SHARE} post-consumer.
 *
 * <p><b>Carbon.</b> Lots declare a carbon footprint in kg CO2e per kg (waste enters with none: the
 * cut-off rule), and every transformation declares its own step emissions in kg CO2e, chosen so
 * that each declared footprint is exactly {@code (sum(consumed kg x footprint) + step) / produced
 * kg}.
 *
 * <p><b>Planted fraud</b> ({@link #withFraud()}): the same chain with two false claims that the
 * append rules let through, because a claim is not an arithmetic violation. The mine ships a third
 * hydroxide lot without a due-diligence certificate ({@link #UNCERTIFIED_COBALT_HYDROXIDE}), which
 * the refinery refines with the others, so it reaches the final pack; and the cathode maker
 * declares its cathode material 30 % post-consumer cobalt (more than even the 2036 minimum) where
 * mass balance gives 16 %. Both are for a claims check to find: every entry is signed, linked and
 * balanced.
 *
 * <p><b>Identifiers.</b> Lots are GS1 EPC class URNs ({@code
 * urn:epc:class:lgtin:CompanyPrefix.ItemRef.Lot}, GS1 EPC Tag Data Standard, LGTIN) or GS1 Digital
 * Link URIs ({@code https://id.gs1.org/01/{GTIN-14}/10/{lot}}, GS1 Digital Link URI Syntax: AI 01
 * GTIN, AI 10 batch/lot), with valid GTIN check digits. Actors are party GLNs ({@code
 * urn:epc:id:pgln:...}), read points are site GLNs ({@code urn:epc:id:sgln:...}), business
 * transactions are CBV 2.0 {@code urn:epcglobal:cbv:bt:{GLN}:{document}} identifiers. Business
 * steps and dispositions are CBV 2.0 bare words (EPCIS 2.0 JSON-LD form). The organisations are
 * fictitious and the GS1 company prefixes are illustrative, not assigned to them.
 *
 * <p><b>Keys.</b> Each actor's key is derived from a fixed seed (SHA-256 of its party GLN), so runs
 * are reproducible: every entry after the genesis has the same bytes in every run. These keys are
 * public knowledge; never use them for real records.
 *
 * <p>Instances are immutable and thread-safe. {@link #record(Ledger)} expects a fresh ledger (only
 * its genesis entry) and refuses any other, so a chain is never recorded twice on one ledger.
 */
public final class BatteryChain {
  /** The origin (ledger name) the demo ledger is created with. */
  public static final String ORIGIN = "demo.lotledger.io/battery";

  /**
   * The post-consumer recycled share of cobalt in the cathode material, the cells and the final
   * pack, by mass balance over the cathode maker's cobalt inputs (element mass = consumed kg x Co
   * fraction): mined sulphate 5000 kg x 0.21 = 1050 kg Co at share 0, recycled sulphate 1000 kg x
   * 0.20 = 200 kg Co at share 1, so (1050 x 0 + 200 x 1) / (1050 + 200) = 200 / 1250 = 0.16. The
   * same in both variants: the fraud declares 0.30, it does not add recycled cobalt.
   */
  public static final BigDecimal RECYCLED_COBALT_SHARE = new BigDecimal("0.16");

  // ---------------------------------------------------------------- lots

  /** Cobalt hydroxide, mine lot A (EPC class URN). */
  public static final LotId COBALT_HYDROXIDE_A =
      new LotId("urn:epc:class:lgtin:6150001.012001.CoOH-2601-017");

  /** Cobalt hydroxide, mine lot B. */
  public static final LotId COBALT_HYDROXIDE_B =
      new LotId("urn:epc:class:lgtin:6150001.012001.CoOH-2601-018");

  /**
   * Cobalt hydroxide without a due-diligence certificate: recorded by {@link #withFraud()} only.
   */
  public static final LotId UNCERTIFIED_COBALT_HYDROXIDE =
      new LotId("urn:epc:class:lgtin:6150001.012001.CoOH-2601-031");

  /** Lithium carbonate, battery grade. */
  public static final LotId LITHIUM_CARBONATE =
      new LotId("urn:epc:class:lgtin:7800001.030010.LC-260118");

  /** Nickel sulphate hexahydrate. */
  public static final LotId NICKEL_SULPHATE =
      new LotId("urn:epc:class:lgtin:6400002.040010.NS-26-0311");

  /** Battery-grade cobalt sulphate, refined from the mined hydroxide lots. */
  public static final LotId COBALT_SULPHATE =
      new LotId("urn:epc:class:lgtin:6400001.020010.CS-26-0142");

  /** End-of-life EV battery packs collected by the recycler, by mass. */
  public static final LotId END_OF_LIFE_PACKS =
      new LotId("urn:epc:class:lgtin:4000004.080010.EOL-2602-007");

  /** Black mass: the shredded, dried active material of the end-of-life packs. */
  public static final LotId BLACK_MASS = new LotId("urn:epc:class:lgtin:4000004.080020.BM-2602-03");

  /** Recycled cobalt sulphate (GS1 Digital Link, GTIN 04000004080028). */
  public static final LotId RECYCLED_COBALT_SULPHATE =
      new LotId("https://id.gs1.org/01/04000004080028/10/RCS-2602-11");

  /** Manganese sulphate monohydrate, bought by the cathode maker outside the ledger. */
  public static final LotId MANGANESE_SULPHATE =
      new LotId("urn:epc:class:lgtin:5900001.050020.MS-ZA-2602");

  /** NMC 811 cathode active material (GS1 Digital Link, GTIN 05900001050019). */
  public static final LotId CATHODE_MATERIAL =
      new LotId("https://id.gs1.org/01/05900001050019/10/CAM811-2603-07");

  /** 60 Ah NMC 811 pouch cells (GTIN 07300001060014). */
  public static final LotId CELLS =
      new LotId("https://id.gs1.org/01/07300001060014/10/C60-2604-A12");

  /**
   * One pack housing, a serialised trade item (SGTIN) bought outside the ledger: the parent the
   * cells are packed into.
   */
  public static final LotId PACK_HOUSING = new LotId("urn:epc:id:sgtin:4000002.070002.HSG-000481");

  /** The finished 96s2p battery pack lot (GTIN 04000002070014): the end of the chain. */
  public static final LotId PACK =
      new LotId("https://id.gs1.org/01/04000002070014/10/PK-2605-0001");

  /** Where this example's extension fields (pack ratings, cell chemistry) live. */
  private static final String NS = "https://demo.lotledger.io/ns/battery#";

  // ---------------------------------------------------------------- actors

  private final Company root =
      Company.of("battery", "Battery Trace Consortium e.V.", "4000001", "00001", "4000001000005");
  private final Company mine =
      Company.of("battery", "Lualaba Cobalt Mining SARL", "6150001", "00010", "6150001000005");
  private final Company refinery =
      Company.of("battery", "Kokkola Cobalt Refining Oy", "6400001", "00020", "6400001000001");
  private final Company lithium =
      Company.of("battery", "Atacama Lithium SpA", "7800001", "00030", "7800001000008");
  private final Company nickel =
      Company.of("battery", "Harjavalta Nickel Oy", "6400002", "00040", "6400002000000");
  private final Company cathode =
      Company.of(
          "battery", "Nysa Cathode Materials sp. z o.o.", "5900001", "00050", "5900001000007");
  private final Company cellMaker =
      Company.of("battery", "Skellefteå Cell Works AB", "7300001", "00060", "7300001000003");
  private final Company packer =
      Company.of("battery", "Bavaria Battery Systems GmbH", "4000002", "00070", "4000002000004");
  private final Company recycler =
      Company.of("battery", "Lausitz Battery Recycling GmbH", "4000004", "00080", "4000004000002");

  /** The car maker the pack is shipped to: a destination party, not an actor of this ledger. */
  private static final String CAR_MAKER = "urn:epc:id:pgln:4000003.00000";

  private static final String CAR_MAKER_PLANT = "urn:epc:id:sgln:4000003.00001.0";

  /** The pack housing's supplier: a source party, not an actor of this ledger. */
  private static final String HOUSING_SUPPLIER_SITE = "urn:epc:id:sgln:4000005.00000.0";

  /**
   * What {@link #record} appended.
   *
   * @param lots every lot, in order of first appearance
   * @param actors the root first, then the actors it registered
   * @param finalLot the finished pack, the same lot in both variants
   * @param cobaltOrigins the mine lots of cobalt hydroxide
   * @param recycledCobaltLots the recycling loop's lots, from the end-of-life packs to the recycled
   *     sulphate
   * @param uncertifiedLots cobalt origins without a due-diligence certificate (planted fraud; empty
   *     when honest)
   * @param overDeclaredLots lots whose declared recycled cobalt share exceeds what mass balance
   *     gives (planted fraud; empty when honest)
   * @param entries how many entries the ledger holds, the genesis included
   */
  public record Summary(
      long entries,
      List<LotId> lots,
      List<ActorId> actors,
      LotId finalLot,
      List<LotId> cobaltOrigins,
      List<LotId> recycledCobaltLots,
      List<LotId> uncertifiedLots,
      List<LotId> overDeclaredLots) {
    /** Copies the lists. */
    public Summary {
      lots = List.copyOf(lots);
      actors = List.copyOf(actors);
      cobaltOrigins = List.copyOf(cobaltOrigins);
      recycledCobaltLots = List.copyOf(recycledCobaltLots);
      uncertifiedLots = List.copyOf(uncertifiedLots);
      overDeclaredLots = List.copyOf(overDeclaredLots);
      if (finalLot == null) {
        throw new IllegalArgumentException("a summary needs the final lot");
      }
    }
  }

  private final boolean fraud;

  /** The honest chain. */
  public BatteryChain() {
    this(false);
  }

  private BatteryChain(boolean fraud) {
    this.fraud = fraud;
  }

  /**
   * The same chain with planted fraud: an uncertified cobalt origin and an over-declared recycled
   * cobalt share.
   */
  public static BatteryChain withFraud() {
    return new BatteryChain(true);
  }

  /** Whether this chain plants fraud ({@link #withFraud()}). */
  public boolean plantsFraud() {
    return fraud;
  }

  /**
   * The root actor's signer: create the ledger with it, e.g. {@code Ledger.create(dir, ORIGIN,
   * root(), rootName())}.
   */
  public ActorSigner root() {
    return root.signer();
  }

  /** The root actor's display name, registered in the genesis entry. */
  public String rootName() {
    return root.name();
  }

  /**
   * When the consortium created the ledger: the genesis entry's time, so that every run is
   * identical.
   */
  public static final Instant GENESIS = Instant.parse("2026-01-05T07:00:00Z");

  /** Ledger options whose clock stamps the genesis entry at {@link #GENESIS}. */
  public static LedgerOptions options() {
    return LedgerOptions.DEFAULT.withClock(InstantSource.fixed(GENESIS));
  }

  /** A new in-memory ledger whose root is this chain's root, holding only its genesis entry. */
  public Ledger newInMemoryLedger() throws LedgerException {
    return Ledger.inMemory().options(options()).create(ORIGIN, root(), rootName());
  }

  /**
   * The demo signer of the company whose party (actor id) is {@code actor}: for tests that append
   * to a recorded chain.
   */
  ActorSigner signer(ActorId actor) {
    for (Company c :
        List.of(root, mine, refinery, lithium, nickel, cathode, cellMaker, packer, recycler)) {
      if (c.signer().actor().equals(actor)) {
        return c.signer();
      }
    }
    throw new IllegalArgumentException(actor + " is not an actor of the battery chain");
  }

  /**
   * Records the whole chain on {@code ledger}, which must hold only its genesis entry and have this
   * chain's {@link #root()} as root actor.
   *
   * @throws LedgerException with code ILLEGAL_STATE if the ledger is not fresh or has another root,
   *     or any append failure
   */
  public Summary record(Ledger ledger) throws LedgerException {
    if (!ledger.rootActor().equals(root.signer().actor())) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " has root "
              + ledger.rootActor()
              + ", not the battery chain's root "
              + root.party());
    }
    if (ledger.size() != 1) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " holds "
              + ledger.size()
              + " entries; the battery chain needs a fresh ledger");
    }
    List<ActorId> actors = new ArrayList<>(List.of(root.signer().actor()));
    OffsetDateTime registered = at("2026-01-05T09:00:00+01:00");
    for (Company c :
        List.of(mine, refinery, lithium, nickel, cathode, cellMaker, packer, recycler)) {
      ledger.append(
          new RegistryEvent.ActorRegistered(
              c.signer().actor(), c.name(), c.signer().publicKey(), registered),
          root.signer());
      actors.add(c.signer().actor());
    }

    Recorder r = new Recorder(ledger, Recorder.Shipping.TRANSACTION_EVENT);
    mineCobalt(r);
    supplyLithiumAndNickel(r);
    refineCobalt(r);
    recycleCobalt(r);
    makeCathodeMaterial(r);
    makeCells(r);
    assemblePack(r);

    List<LotId> cobaltOrigins = hydroxide().stream().map(LotQuantity::lot).toList();
    return new Summary(
        ledger.size(),
        ledger.lots(),
        actors,
        PACK,
        cobaltOrigins,
        List.of(END_OF_LIFE_PACKS, BLACK_MASS, RECYCLED_COBALT_SULPHATE),
        fraud ? List.of(UNCERTIFIED_COBALT_HYDROXIDE) : List.of(),
        fraud ? List.of(CATHODE_MATERIAL) : List.of());
  }

  // ---------------------------------------------------------------- the chain, upstream to
  // downstream

  /**
   * The hydroxide the mine ships and the refinery refines: lots A and B, and with fraud the
   * uncertified lot.
   */
  private List<LotQuantity> hydroxide() {
    List<LotQuantity> lots =
        new ArrayList<>(
            List.of(
                LotQuantity.of(COBALT_HYDROXIDE_A.uri(), "12.5", "TNE"),
                LotQuantity.of(COBALT_HYDROXIDE_B.uri(), "10.2", "TNE")));
    if (fraud) {
      lots.add(LotQuantity.of(UNCERTIFIED_COBALT_HYDROXIDE.uri(), "2.5", "TNE"));
    }
    return lots;
  }

  /** Kolwezi (UTC+02:00): hydroxide lots from one mine site, shipped together by road and sea. */
  private void mineCobalt(Recorder r) throws LedgerException {
    // Cobalt supply-chain due diligence (OECD Due Diligence Guidance; Regulation (EU) 2023/1542,
    // Chapter VII,
    // Art. 48 and Annex X): every honest mine lot carries the mine's audit certificate.
    Certification dueDiligence =
        new Certification(
            "https://certificates.example.org/rmap/cobalt/CID-2025-0117",
            "Responsible Minerals Assurance Process (illustrative)",
            LocalDate.parse("2025-06-01"),
            LocalDate.parse("2027-05-31"));
    LotMasterData hydroxide =
        LotMasterData.NONE.withOrigin("CD", mine.site()).withCarbonFootprint(new BigDecimal("1.9"));
    LotMasterData certified = hydroxide.withCertifications(List.of(dueDiligence));
    r.commission(
        mine,
        LotQuantity.of(COBALT_HYDROXIDE_A.uri(), "12.5", "TNE"),
        certified.withElements(List.of(ElementShare.of("Co", "0.34", "0", "0"))),
        at("2026-01-12T07:40:00+02:00"));
    r.commission(
        mine,
        LotQuantity.of(COBALT_HYDROXIDE_B.uri(), "10.2", "TNE"),
        certified.withElements(List.of(ElementShare.of("Co", "0.36", "0", "0"))),
        at("2026-01-14T16:05:00+02:00"));
    if (fraud) {
      // Planted fraud: hydroxide made from ore bought outside the audited scope, so no certificate
      // covers
      // it; it travels in the same shipment and is refined with the certified lots.
      r.commission(
          mine,
          LotQuantity.of(UNCERTIFIED_COBALT_HYDROXIDE.uri(), "2.5", "TNE"),
          hydroxide.withElements(List.of(ElementShare.of("Co", "0.32", "0", "0"))),
          at("2026-01-16T11:30:00+02:00"));
    }
    r.ship(
        mine,
        refinery,
        hydroxide(),
        "PO-4500012873",
        "DA-2601-0042",
        List.of(mine.temperature("24.5", at("2026-01-19T09:30:00+02:00"))),
        at("2026-01-19T09:30:00+02:00"));
  }

  /** The other precursor salts, each commissioned by its own producer with its own master data. */
  private void supplyLithiumAndNickel(Recorder r) throws LedgerException {
    r.commission(
        lithium,
        LotQuantity.of(LITHIUM_CARBONATE.uri(), "20", "TNE"),
        LotMasterData.NONE
            .withOrigin("CL", lithium.site())
            .withElements(List.of(ElementShare.of("Li", "0.188", "0", "0")))
            .withCarbonFootprint(new BigDecimal("2.9"))
            .withCertifications(
                List.of(
                    new Certification(
                        "https://certificates.example.org/irma/LI-2025-0031",
                        "Initiative for Responsible Mining Assurance (illustrative)",
                        LocalDate.parse("2025-09-01"),
                        LocalDate.parse("2028-08-31")))),
        at("2026-01-20T10:00:00-03:00"));
    r.ship(
        lithium,
        cathode,
        List.of(LotQuantity.of(LITHIUM_CARBONATE.uri(), "8", "TNE")),
        "PO-7100004411",
        "DA-LC-0087",
        List.of(lithium.temperature("22", at("2026-01-27T15:30:00-03:00"))),
        at("2026-01-27T15:30:00-03:00"));

    r.commission(
        nickel,
        LotQuantity.of(NICKEL_SULPHATE.uri(), "50", "TNE"),
        LotMasterData.NONE
            .withOrigin("FI", nickel.site())
            .withElements(List.of(ElementShare.of("Ni", "0.222", "0.04", "0")))
            .withCarbonFootprint(new BigDecimal("1.4")),
        at("2026-02-23T06:00:00+02:00"));
    r.ship(
        nickel,
        cathode,
        List.of(LotQuantity.of(NICKEL_SULPHATE.uri(), "45", "TNE")),
        "PO-7100004420",
        "DA-NS-2602-19",
        List.of(nickel.temperature("8.5", at("2026-02-27T13:45:00+02:00"))),
        at("2026-02-27T13:45:00+02:00"));
  }

  /**
   * Kokkola (UTC+02:00): receive, inspect, refine the hydroxide into one sulphate lot, ship part of
   * it.
   */
  private void refineCobalt(Recorder r) throws LedgerException {
    r.receive(
        refinery,
        mine,
        hydroxide(),
        "DA-2601-0042",
        List.of(refinery.temperature("27", at("2026-03-02T11:20:00+02:00"))),
        at("2026-03-02T11:20:00+02:00"));
    r.inspect(refinery, hydroxide(), at("2026-03-03T08:15:00+02:00"));
    // Cobalt: 12.5 x 0.34 + 10.2 x 0.36 = 7.92 t Co in; at 96 % recovery 7.60 t, sold as 36.2 t of
    // sulphate
    // at 21.0 % Co (7.602 t). With the uncertified lot, + 2.5 x 0.32 = 8.72 t Co in, 8.37 t out:
    // 39.8 t.
    // Carbon: 22.7 t x 1.9 kg CO2e/kg + 69 090 kg = 36.2 t x 3.1 (fraud: 25.2 t x 1.9 + 75 500 =
    // 39.8 t x 3.1).
    r.transform(
        refinery,
        "commissioning",
        hydroxide(),
        List.of(LotQuantity.of(COBALT_SULPHATE.uri(), fraud ? "39.8" : "36.2", "TNE")),
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.21", "0", "0")))
            .withCarbonFootprint(new BigDecimal("3.1")),
        fraud ? "75500" : "69090",
        at("2026-03-09T18:00:00+02:00"));
    r.ship(
        refinery,
        cathode,
        List.of(LotQuantity.of(COBALT_SULPHATE.uri(), "6", "TNE")),
        "PO-7100004436",
        "DA-CS-0311",
        List.of(refinery.temperature("11", at("2026-03-16T07:00:00+02:00"))),
        at("2026-03-16T07:00:00+02:00"));
  }

  /**
   * Lusatia (UTC+01:00): the recycling loop. Twenty end-of-life packs (first-generation NMC 111 and
   * 532, 8 t) are collected from authorised car dismantlers, discharged, dismantled and shredded
   * into black mass, which a hydrometallurgical line (leaching, solvent extraction,
   * crystallisation) turns into cobalt sulphate. All of its cobalt comes from end-of-life
   * batteries: post-consumer share 1.
   */
  private void recycleCobalt(Recorder r) throws LedgerException {
    // Waste enters the ledger with no carbon burden of its own (cut-off); the treatment permit is
    // the recycler's.
    r.collect(
        recycler,
        LotQuantity.of(END_OF_LIFE_PACKS.uri(), "8000", "KGM"),
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.042", "0", "1")))
            .withCarbonFootprint(BigDecimal.ZERO)
            .withCertifications(
                List.of(
                    new Certification(
                        "https://certificates.example.org/permits/DE-BB-2025-0420",
                        "Landesamt für Umwelt Brandenburg, waste treatment permit (illustrative)",
                        LocalDate.parse("2025-04-01"),
                        LocalDate.parse("2035-03-31"))))
            .withExtensions(
                List.of(
                    new Extension(NS, "chemistry", "NMC111/NMC532"),
                    new Extension(NS, "packs", "20"))),
        at("2026-02-03T10:30:00+01:00"));
    // Cobalt: 8000 x 0.042 = 336 kg in, 3200 x 0.10 = 320 kg in the black mass (95 %).
    // Carbon: 0 + 1 600 kg (discharging, shredding, drying) = 3200 kg x 0.5.
    r.transform(
        recycler,
        "disassembling",
        List.of(LotQuantity.of(END_OF_LIFE_PACKS.uri(), "8000", "KGM")),
        List.of(LotQuantity.of(BLACK_MASS.uri(), "3200", "KGM")),
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.10", "0", "1")))
            .withCarbonFootprint(new BigDecimal("0.5")),
        "1600",
        at("2026-02-13T18:00:00+01:00"));
    // Cobalt: 320 kg in, 1520 x 0.20 = 304 kg out (95 %). Carbon: 3200 x 0.5 + 2 200 kg = 1520 kg x
    // 2.5.
    r.transform(
        recycler,
        "commissioning",
        List.of(LotQuantity.of(BLACK_MASS.uri(), "3200", "KGM")),
        List.of(LotQuantity.of(RECYCLED_COBALT_SULPHATE.uri(), "1520", "KGM")),
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.20", "0", "1")))
            .withCarbonFootprint(new BigDecimal("2.5")),
        "2200",
        at("2026-02-27T21:00:00+01:00"));
    r.ship(
        recycler,
        cathode,
        List.of(LotQuantity.of(RECYCLED_COBALT_SULPHATE.uri(), "1200", "KGM")),
        "PO-7100004452",
        "DA-RCS-0310",
        List.of(recycler.temperature("9", at("2026-03-10T08:00:00+01:00"))),
        at("2026-03-10T08:00:00+01:00"));
  }

  /**
   * Nysa (UTC+01:00 until the end of March): precursor salts in, NMC 811 cathode active material
   * out.
   */
  private void makeCathodeMaterial(Recorder r) throws LedgerException {
    r.receive(
        cathode,
        lithium,
        List.of(LotQuantity.of(LITHIUM_CARBONATE.uri(), "8", "TNE")),
        "DA-LC-0087",
        List.of(cathode.temperature("16.5", at("2026-03-17T09:10:00+01:00"))),
        at("2026-03-17T09:10:00+01:00"));
    r.receive(
        cathode,
        nickel,
        List.of(LotQuantity.of(NICKEL_SULPHATE.uri(), "45", "TNE")),
        "DA-NS-2602-19",
        List.of(cathode.temperature("9", at("2026-03-17T14:30:00+01:00"))),
        at("2026-03-17T14:30:00+01:00"));
    r.receive(
        cathode,
        refinery,
        List.of(LotQuantity.of(COBALT_SULPHATE.uri(), "6", "TNE")),
        "DA-CS-0311",
        List.of(cathode.temperature("10.5", at("2026-03-18T10:05:00+01:00"))),
        at("2026-03-18T10:05:00+01:00"));
    // Manganese enters the ledger here: bought from a trader who does not record on this ledger.
    r.commission(
        cathode,
        LotQuantity.of(MANGANESE_SULPHATE.uri(), "4", "TNE"),
        LotMasterData.NONE
            .withOrigin("ZA", null)
            .withElements(List.of(ElementShare.of("Mn", "0.32", null, null)))
            .withCarbonFootprint(new BigDecimal("1.2")),
        at("2026-03-18T11:00:00+01:00"));
    r.receive(
        cathode,
        recycler,
        List.of(LotQuantity.of(RECYCLED_COBALT_SULPHATE.uri(), "1200", "KGM")),
        "DA-RCS-0310",
        List.of(cathode.temperature("10", at("2026-03-18T15:20:00+01:00"))),
        at("2026-03-18T15:20:00+01:00"));

    // LiNi0.8Mn0.1Co0.1O2 (97.3 g/mol): Ni 48.26 %, Li 7.13 %, Co 6.06 %, Mn 5.65 % by mass; 20 t
    // of it
    // holds 1212 kg Co of the 1250 kg in (97 %). Cobalt in: 5 t x 0.21 = 1050 kg mined (share 0)
    // and
    // 1000 kg x 0.20 = 200 kg recycled (share 1): post-consumer share 200 / 1250 = 0.16.
    // Carbon: 15 500 + 2 500 + 60 900 + 4 320 + 22 040 = 105 260 kg in, + 266 740 kg = 20 t x 18.6.
    ElementShare cobalt =
        fraud
            ? ElementShare.of(
                "Co", "0.0606", "0",
                "0.30") // planted fraud: a claim above the 0.16 that mass balance gives
            : ElementShare.of("Co", "0.0606", "0", "0.16");
    r.transform(
        cathode,
        "commissioning",
        List.of(
            LotQuantity.of(COBALT_SULPHATE.uri(), "5", "TNE"),
            LotQuantity.of(RECYCLED_COBALT_SULPHATE.uri(), "1000", "KGM"),
            LotQuantity.of(NICKEL_SULPHATE.uri(), "43.5", "TNE"),
            LotQuantity.of(MANGANESE_SULPHATE.uri(), "3.6", "TNE"),
            LotQuantity.of(LITHIUM_CARBONATE.uri(), "7.6", "TNE")),
        List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "20", "TNE")),
        LotMasterData.NONE
            .withElements(
                List.of(
                    ElementShare.of("Ni", "0.4826", "0.04", "0"),
                    ElementShare.of("Li", "0.0713", "0", "0"),
                    cobalt,
                    ElementShare.of("Mn", "0.0565", null, null)))
            .withCarbonFootprint(new BigDecimal("18.6")),
        "266740",
        at("2026-03-23T22:00:00+01:00"));
    r.inspect(
        cathode,
        List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "20", "TNE")),
        at("2026-03-25T08:00:00+01:00"));
    r.ship(
        cathode,
        cellMaker,
        List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "2000", "KGM")),
        "PO-SE-88120",
        "DA-CAM-0326",
        List.of(cathode.temperature("18.5", at("2026-03-26T07:30:00+01:00"))),
        at("2026-03-26T07:30:00+01:00"));
  }

  /** Skellefteå (UTC+02:00 from 29 March, summer time): cathode material in, 6000 cells out. */
  private void makeCells(Recorder r) throws LedgerException {
    r.receive(
        cellMaker,
        cathode,
        List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "2000", "KGM")),
        "DA-CAM-0326",
        List.of(cellMaker.temperature("17", at("2026-03-30T13:00:00+02:00"))),
        at("2026-03-30T13:00:00+02:00"));
    // About 0.33 kg of cathode material per 60 Ah cell. Step: 20 kg CO2e per kWh of cells (6000 x
    // 0.219 kWh).
    r.transform(
        cellMaker,
        "commissioning",
        List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "1980", "KGM")),
        List.of(LotQuantity.of(CELLS.uri(), "6000", "H87")),
        LotMasterData.NONE.withExtensions(
            List.of(
                new Extension(NS, "chemistry", "NMC811"),
                    new Extension(NS, "nominalCapacityAh", "60"),
                new Extension(NS, "nominalVoltageV", "3.65"),
                    new Extension(Units.GS1_VOC, Units.NET_WEIGHT, "0.9 KGM"))),
        "26280",
        at("2026-04-08T04:00:00+02:00"));
    r.inspect(
        cellMaker,
        List.of(LotQuantity.of(CELLS.uri(), "6000", "H87")),
        at("2026-04-20T10:00:00+02:00"));
    r.ship(
        cellMaker,
        packer,
        List.of(LotQuantity.of(CELLS.uri(), "192", "H87")),
        "PO-DE-310044",
        "DA-CELL-0422",
        List.of(cellMaker.temperature("19", at("2026-04-22T08:00:00+02:00"))),
        at("2026-04-22T08:00:00+02:00"));
  }

  /**
   * Bavaria (UTC+02:00): cells packed into a housing, assembled into the pack lot, tested, shipped.
   */
  private void assemblePack(Recorder r) throws LedgerException {
    r.receive(
        packer,
        cellMaker,
        List.of(LotQuantity.of(CELLS.uri(), "192", "H87")),
        "DA-CELL-0422",
        List.of(packer.temperature("20.5", at("2026-04-27T09:40:00+02:00"))),
        at("2026-04-27T09:40:00+02:00"));
    // The housing's supplier does not record on this ledger: on arrival the assembler commissions
    // the housing
    // with the supplier's data sheet as master data (aluminium, net mass: GS1 netWeight, so the
    // pack weighs in).
    r.commission(
        packer,
        LotQuantity.of(PACK_HOUSING.uri(), "1", "H87"),
        LotMasterData.NONE
            .withOrigin("DE", HOUSING_SUPPLIER_SITE)
            .withElements(List.of(ElementShare.of("Al", "0.92", "0", "0")))
            .withCarbonFootprint(new BigDecimal("8.5"))
            .withExtensions(List.of(new Extension(Units.GS1_VOC, Units.NET_WEIGHT, "95 KGM"))),
        at("2026-04-29T10:15:00+02:00"));
    r.ledger()
        .append(
            new AggregationEvent(
                Action.ADD,
                PACK_HOUSING,
                List.of(LotQuantity.of(CELLS.uri(), "192", "H87")),
                at("2026-05-04T08:30:00+02:00"),
                Recorder.context(packer, "packing", "in_progress")),
            packer.signer());
    // 96s2p of 60 Ah / 3.65 V cells: 120 Ah, 350 V nominal, 42 kWh. Step: 3 kg CO2e per kWh
    // assembled.
    r.transform(
        packer,
        "assembling",
        List.of(
            LotQuantity.of(CELLS.uri(), "192", "H87"),
            LotQuantity.of(PACK_HOUSING.uri(), "1", "H87")),
        List.of(LotQuantity.of(PACK.uri(), "1", "H87")),
        LotMasterData.NONE.withExtensions(
            List.of(
                new Extension(NS, "chemistry", "NMC811"),
                new Extension(NS, "configuration", "96s2p"),
                new Extension(NS, "ratedEnergyKWh", "42"),
                new Extension(NS, "ratedCapacityAh", "120"),
                // 192 cells x 0.9 kg + the 95 kg housing
                new Extension(Units.GS1_VOC, Units.NET_WEIGHT, "267.8 KGM"))),
        "126",
        at("2026-05-04T15:10:00+02:00"));
    r.inspect(
        packer, List.of(LotQuantity.of(PACK.uri(), "1", "H87")), at("2026-05-05T11:00:00+02:00"));
    r.ship(
        packer,
        CAR_MAKER,
        CAR_MAKER_PLANT,
        List.of(LotQuantity.of(PACK.uri(), "1", "H87")),
        List.of(
            new BizTransaction("po", "urn:epcglobal:cbv:bt:4000003000003:PO-EV-2026-5512"),
            packer.document("desadv", "DA-PK-0506")),
        List.of(packer.temperature("21", at("2026-05-06T07:15:00+02:00"))),
        at("2026-05-06T07:15:00+02:00"));
  }

  private static OffsetDateTime at(String isoTime) {
    return OffsetDateTime.parse(isoTime);
  }

  /**
   * Records the chain ({@code --with-fraud}: with planted fraud) on an in-memory ledger and prints
   * what it appended.
   */
  public static void main(String[] args) throws LedgerException {
    BatteryChain chain = List.of(args).contains("--with-fraud") ? withFraud() : new BatteryChain();
    try (Ledger ledger = chain.newInMemoryLedger()) {
      Summary summary = chain.record(ledger);
      ledger.verify();
      System.out.println(
          summary.entries()
              + " entries, "
              + summary.lots().size()
              + " lots, "
              + summary.actors().size()
              + " actors; final lot "
              + summary.finalLot());
      System.out.println("the pack is made from " + ledger.ancestors(summary.finalLot()));
    }
  }
}
