package io.lotledger.examples.salmon;

import static io.lotledger.examples.Recorder.context;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.EventContext;
import io.lotledger.event.Extension;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransformationEvent;
import io.lotledger.examples.Company;
import io.lotledger.examples.Recorder;
import io.lotledger.examples.Scenario;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotState;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Norwegian farmed Atlantic salmon from smolt to plate, recorded on a {@link Ledger} with the
 * public API only: the chain the IBM Food Trust seafood pilots traced, with the key data elements
 * of the Global Dialogue on Seafood Traceability (GDST 1.x) where they fit. Copy it as a template.
 *
 * <p>Seven actors sign with their own Ed25519 keys; the root (the consortium that runs the ledger)
 * registers the six others:
 *
 * <ol>
 *   <li>a hatchery on Senja commissions a lot of 6 500 smolt (780 kg) with its master data (species
 *       <i>Salmo salar</i>, origin NO, an ASC certificate, GDST broodstock source) and ships it by
 *       well boat to the sea site;
 *   <li>a feed mill commissions a 40 t lot of grower feed (origin NO, ASC Feed Standard
 *       certificate, GDST protein source) and ships 36 t to the sea site; this one lot stands for
 *       the many feed deliveries of a real production cycle;
 *   <li>the sea-site farm receives both, each receipt naming the shipping entry it takes delivery
 *       of; counts sea lice and records a freshwater delousing bath; then harvests: a GDST farm
 *       harvest {@link TransformationEvent} turns the 780 kg of smolt and 35 064 kg of feed eaten
 *       (economic feed conversion ratio 1.2) into a 30 t harvest lot of bled, chilled fish, with
 *       the farm site, Norwegian production area and production method AQUACULTURE in its ILMD, and
 *       ships it to the processing plant;
 *   <li>the processing plant fillets the whole harvest (58 % fillet yield; heads, frames and
 *       trimmings go to a marine-ingredients plant off this ledger), sells most of the fillets to
 *       EU buyers outside the ledger, and packs 870 kg onto one SSCC pallet ({@link
 *       AggregationEvent}) for a US retailer;
 *   <li>a cold-chain logistics provider flies the pallet from Oslo to New York and reports the
 *       temperature on the way ({@code transporting}, {@code gs1:Temperature} in CEL);
 *   <li>the retailer receives the pallet at its New Jersey distribution centre and unpacks it.
 * </ol>
 *
 * <p><b>The fraud variant</b> ({@code new SalmonChain(true)}): relabelled foreign salmon. The plant
 * has bought 8 t of Atlantic salmon of Russian origin through a trader, off this ledger, and wants
 * to sell its fillets as Norwegian. First it books the fillet run as if all 38 t came from the
 * Norwegian harvest: the ledger rejects the append with {@code MASS_BALANCE}, because the plant
 * holds only 30 t of that lot (more "Norwegian" fillets out than Norwegian fish in is the classic
 * trace of relabelling). Then it records the foreign fish as the trader's papers state (origin RU,
 * no certificate) and blends it into the same fillet lot, still declared origin NO. That append is
 * valid, and {@code ledger check FILLETS --policy docs/policies/salmon-norway.json} reports it:
 * {@code MISSING_CERTIFICATION} and {@code FORBIDDEN_ORIGIN} for the foreign lot, on the path
 * fillets &lt;- foreign salmon. The final lot is the same in both variants.
 *
 * <p><b>Identifiers</b> follow the house convention: GS1 EPC class URNs (LGTIN) and a GS1 Digital
 * Link URI (AI 01 GTIN-14, AI 10 lot) with valid check digits for lots, an SSCC for the pallet,
 * party GLNs ({@code urn:epc:id:pgln:}) for actors, site GLNs for read points, CBV 2.0 bare-word
 * business steps and dispositions, the GDST business steps {@code urn:gdst:bizStep:hatching} and
 * {@code urn:gdst:bizStep:farmHarvest}, and GDST / CBV master-data KDEs ({@code
 * gdst:broodstockSource}, {@code cbvmda:productionMethodForFishAndSeafoodCode}, {@code
 * cbvmda:lotNumber}, ...) as namespaced extensions; the GDST values ({@code Domestic}, {@code wild
 * caught}, {@code 3P Audit}) are those of the GDST reference chain in ift-gftc/opentraceability.
 * The organisations are fictitious and the GS1 company prefixes illustrative.
 *
 * <p><b>Keys.</b> Each actor's Ed25519 seed is SHA-256 of a fixed text naming its party GLN, and
 * the ledger clock is fixed at {@link #GENESIS} ({@link #options()}), so every run writes the same
 * bytes. These keys are public knowledge; never use them for real records.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SalmonChain implements Scenario {
  /** The origin (ledger name) of the demo ledger. */
  public static final String ORIGIN = "demo.lotledger.io/salmon";

  /** When the consortium created the ledger: the genesis entry's time. */
  public static final Instant GENESIS = Instant.parse("2024-08-01T06:00:00Z");

  /** The policy the finished fillets are checked against, relative to the repository root. */
  public static final String POLICY_FILE = "docs/policies/salmon-norway.json";

  /** The species every salmon lot declares (ILMD), by its scientific name. */
  public static final String SPECIES = "Salmo salar";

  // ---------------------------------------------------------------- lots

  /** 6 500 hatchery smolt, 780 kg (EPC class URN, GDST hatching lot). */
  public static final LotId SMOLT = new LotId("urn:epc:class:lgtin:7090011.010001.SM-2409-04");

  /** Grower feed, 40 t. */
  public static final LotId FEED = new LotId("urn:epc:class:lgtin:7090012.020001.F24-1187");

  /** The harvest of pen 4: 30 t of bled, chilled Atlantic salmon (GDST farm harvest lot). */
  public static final LotId HARVEST = new LotId("urn:epc:class:lgtin:7090013.030001.H-2603-P04");

  /** Fresh fillets (GS1 Digital Link, GTIN 07090014400012): the end of the chain. */
  public static final LotId FILLETS =
      new LotId("https://id.gs1.org/01/07090014400012/10/FIL-260310-1");

  /** The pallet the retailer's fillets travel on (SSCC 070900140000004173). */
  public static final LotId PALLET = new LotId("urn:epc:id:sscc:7090014.0000000417");

  /** Fraud variant only: 8 t of Russian-origin salmon bought through a trader off this ledger. */
  public static final LotId FOREIGN_SALMON =
      new LotId("urn:epc:class:lgtin:4600001.050001.MRM-2602-33");

  // ---------------------------------------------------------------- certificates (illustrative
  // URIs)

  /** The hatchery's ASC certificate, held by the smolt lot. */
  public static final String ASC_HATCHERY = "https://certificates.example.org/asc/ASC-C-01234";

  /** The feed mill's ASC Feed Standard certificate, held by the feed lot. */
  public static final String ASC_FEED = "https://certificates.example.org/asc-feed/ASC-F-00087";

  /** The sea site's ASC Salmon Standard certificate, held by the harvest lot. */
  public static final String ASC_FARM = "https://certificates.example.org/asc/ASC-C-01871";

  // ---------------------------------------------------------------- vocabularies

  /** GDST's JSON-LD namespace, as the GDST reference documents declare it. */
  static final String GDST = "https://traceability-dialogue.org/epcis";

  /** CBV master-data attributes ({@code cbvmda:} in the EPCIS 2.0 JSON-LD context). */
  static final String CBVMDA = "urn:epcglobal:cbv:mda:";

  /** This example's own fields (fish counts, lice counts, farm site numbers). */
  static final String NS = "https://demo.lotledger.io/ns/salmon#";

  /** Delousing is not a CBV 2.0 business step; EPCIS 2.0 allows a URI for steps outside the CBV. */
  static final String TREATING = NS + "treating";

  // ---------------------------------------------------------------- actors

  private final Company root =
      Company.of(
          "salmon",
          "Norwegian Salmon Trace Consortium (demo)",
          "7090010",
          "00001",
          "7090010000001");
  final Company hatchery =
      Company.of("salmon", "Fjordlys Settefisk AS", "7090011", "00011", "7090011000000");
  final Company feedMill =
      Company.of("salmon", "Havbris Fôr AS", "7090012", "00012", "7090012000009");
  final Company farm =
      Company.of("salmon", "Nordkyst Havbruk AS", "7090013", "13579", "7090013000008");
  final Company plant =
      Company.of("salmon", "Kystlys Sjømat AS", "7090014", "00014", "7090014000007");
  final Company logistics =
      Company.of("salmon", "Polarfrakt Kjølelogistikk AS", "7090015", "00015", "7090015000006");
  final Company retailer =
      Company.of("salmon", "Harborview Markets Inc.", "0614141", "00777", "0614141000005");

  /**
   * EU buyers of the rest of the fillets: parties outside this ledger, so their goods are shipped
   * out.
   */
  private static final String EU_BUYER = "urn:epc:id:pgln:3012345.00000";

  private static final String EU_BUYER_SITE = "urn:epc:id:sgln:3012345.00062.0";

  /** The trader the fraud variant's foreign salmon comes from (not on this ledger). */
  private static final String TRADER = "urn:epc:id:pgln:4600001.00000";

  /** The logistics provider's cargo terminal at Oslo Airport and its handling point at JFK. */
  private static final String OSL_TERMINAL = "urn:epc:id:sgln:7090015.00020.0";

  private static final String JFK_TERMINAL = "urn:epc:id:sgln:7090015.00030.0";

  // ---------------------------------------------------------------- quantities (KGM)

  private static final String SMOLT_KG = "780";
  private static final String FEED_EATEN_KG = "35064";
  private static final String HARVEST_KG = "30000";
  private static final String FOREIGN_KG = "8000";

  /** Skin-on trim D fillets out of bled round weight. */
  static final BigDecimal FILLET_YIELD = new BigDecimal("0.58");

  private static final String PALLET_KG = "870";

  private final boolean withFraud;

  /** The honest chain. */
  public SalmonChain() {
    this(false);
  }

  /** The honest chain, or with {@code withFraud} the relabelled-foreign-salmon variant. */
  public SalmonChain(boolean withFraud) {
    this.withFraud = withFraud;
  }

  /**
   * Whether this is the fraud variant, in which foreign salmon is relabelled and passed off as
   * Norwegian.
   */
  public boolean withFraud() {
    return withFraud;
  }

  @Override
  public String name() {
    return "salmon";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Record Norwegian farmed salmon from hatchery smolt and feed through sea-site grow-out, harvest and filleting to a "
            + "retailer, with cold-chain temperature readings, in a new ledger; verify it and sign a checkpoint.",
        "--with-fraud tries to pass foreign salmon off as Norwegian: rejected on append where it breaks the mass balance, "
            + "named by 'ledger check FILLETS --policy docs/policies/salmon-norway.json' where it is only a claim.");
  }

  @Override
  public String origin() {
    return ORIGIN;
  }

  @Override
  public ActorSigner root() {
    return root.signer();
  }

  @Override
  public String rootName() {
    return root.name();
  }

  /** Ledger options whose clock stamps the genesis entry at {@link #GENESIS}. */
  @Override
  public LedgerOptions options() {
    return LedgerOptions.DEFAULT.withClock(InstantSource.fixed(GENESIS));
  }

  /** A new in-memory ledger whose root is this chain's root, holding only its genesis entry. */
  public Ledger newInMemoryLedger() throws LedgerException {
    return Ledger.inMemory().options(options()).create(ORIGIN, root(), rootName());
  }

  @Override
  public String policyFile() {
    return POLICY_FILE;
  }

  /**
   * Records the chain on {@code ledger}, which must hold only its genesis entry and have this
   * chain's {@link #root()} as root actor.
   *
   * @throws LedgerException ILLEGAL_STATE if the ledger is not fresh or has another root, or any
   *     append failure other than the fraud variant's planted, expected rejection
   */
  @Override
  public Outcome record(Ledger ledger) throws LedgerException {
    List<String> highlights = new ArrayList<>();
    recordUpstream(ledger);
    processHarvest(ledger, highlights);
    exportFillets(ledger);

    LotState harvest = ledger.lotState(HARVEST).orElseThrow();
    LotState smolt = ledger.lotState(SMOLT).orElseThrow();
    LotState feed = ledger.lotState(FEED).orElseThrow();
    LotState fillets = ledger.lotState(FILLETS).orElseThrow();
    BigDecimal gain = harvest.produced().subtract(smolt.consumed());
    highlights.add(
        0,
        "harvest "
            + HARVEST
            + ": "
            + harvest.produced().toPlainString()
            + " kg of "
            + SPECIES
            + " (origin NO, farm site "
            + farm.site()
            + ") from "
            + smolt.consumed().toPlainString()
            + " kg of smolt and "
            + feed.consumed().toPlainString()
            + " kg of feed: economic feed conversion ratio "
            + feed.consumed()
                .divide(gain, MathContext.DECIMAL64)
                .stripTrailingZeros()
                .toPlainString());
    highlights.add(
        1,
        "fillets "
            + FILLETS
            + ": "
            + fillets.produced().toPlainString()
            + " kg, best before "
            + BEST_BEFORE
            + "; "
            + fillets.shippedOut().toPlainString()
            + " kg sold outside this ledger, "
            + fillets.held(retailer.actor()).toPlainString()
            + " kg on pallet "
            + PALLET
            + " received by "
            + retailer.name()
            + "; highest temperature reading on the way "
            + maxReading(ledger).toPlainString()
            + " CEL");
    String check = "ledger check " + FILLETS + " --policy " + POLICY_FILE;
    highlights.add(
        withFraud
            ? "fraud recorded and caught by check: "
                + check
                + " reports MISSING_CERTIFICATION and FORBIDDEN_ORIGIN for lot "
                + FOREIGN_SALMON
                + " (path "
                + FILLETS
                + " <- "
                + FOREIGN_SALMON
                + "): "
                + FOREIGN_KG
                + " kg of Russian-origin salmon without certificate blended into fillets declared origin NO"
            : "check the fillets' provenance: "
                + check
                + " (no findings: every origin lot certified, none from a forbidden"
                + " country, at most 4 CEL from shipping to receiving)");

    List<ActorId> actors =
        List.of(
            root.actor(),
            hatchery.actor(),
            feedMill.actor(),
            farm.actor(),
            plant.actor(),
            logistics.actor(),
            retailer.actor());
    return new Outcome(ledger.size(), ledger.lots(), actors, FILLETS, highlights);
  }

  // ---------------------------------------------------------------- the chain, upstream to
  // downstream

  /**
   * Registration, hatchery, feed mill and the sea site, up to the plant's receipt of the harvest
   * (entries 1-18).
   */
  void recordUpstream(Ledger ledger) throws LedgerException {
    if (!ledger.rootActor().equals(root.actor())) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " has root "
              + ledger.rootActor()
              + ", not the salmon chain's root "
              + root.party());
    }
    if (ledger.size() != 1) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " holds "
              + ledger.size()
              + " entries; the salmon chain needs a fresh ledger");
    }
    Recorder r = new Recorder(ledger, Recorder.Shipping.OBJECT_EVENT);
    OffsetDateTime registered = at("2024-08-01T10:00:00+02:00");
    for (Company c : List.of(hatchery, feedMill, farm, plant, logistics, retailer)) {
      ledger.append(
          new RegistryEvent.ActorRegistered(
              c.actor(), c.name(), c.signer().publicKey(), registered),
          root.signer());
    }

    // Senja (UTC+02:00 in summer): the smolt lot is commissioned as a GDST hatching event.
    ledger.append(
        ObjectEvent.add(
            List.of(kg(SMOLT, SMOLT_KG)),
            LotMasterData.NONE
                .withOrigin("NO", hatchery.site())
                .withSpecies(SPECIES)
                .withCertifications(
                    List.of(
                        new Certification(
                            ASC_HATCHERY,
                            "Aquaculture Stewardship Council (illustrative)",
                            LocalDate.parse("2023-06-01"),
                            LocalDate.parse("2026-05-31"))))
                .withExtensions(
                    List.of(
                        new Extension(GDST, "broodstockSource", "Domestic"),
                        new Extension(CBVMDA, "lotNumber", "SM-2409-04"),
                        new Extension(NS, "fishCount", "6500"),
                        new Extension(NS, "meanWeightGrams", "120"))),
            at("2024-09-02T08:00:00+02:00"),
            context(hatchery, "urn:gdst:bizStep:hatching", "active")
                .withExtensions(List.of(new Extension(GDST, "humanWelfarePolicy", "3P Audit")))),
        hatchery.signer());
    Entry smoltShipment =
        r.ship(
            hatchery,
            farm,
            List.of(kg(SMOLT, SMOLT_KG)),
            "PO-NK-24-0311",
            "DA-SM-0904",
            List.of(),
            at("2024-09-10T06:30:00+02:00"));

    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(FEED.uri(), "40", "TNE")),
            LotMasterData.NONE
                .withOrigin("NO", feedMill.site())
                .withCertifications(
                    List.of(
                        new Certification(
                            ASC_FEED,
                            "ASC Feed Standard (illustrative)",
                            LocalDate.parse("2024-01-15"),
                            LocalDate.parse("2027-01-14"))))
                .withExtensions(
                    List.of(
                        new Extension(GDST, "proteinSource", "wild caught"),
                        new Extension(CBVMDA, "lotNumber", "F24-1187"),
                        new Extension(CBVMDA, "productionDate", "2024-09-16"))),
            at("2024-09-16T07:00:00+02:00"),
            context(feedMill, "commissioning", "active")),
        feedMill.signer());
    Entry feedShipment =
        r.ship(
            feedMill,
            farm,
            List.of(LotQuantity.of(FEED.uri(), "36", "TNE")),
            "PO-NK-24-0317",
            "DA-F-1187-1",
            List.of(),
            at("2024-09-18T15:00:00+02:00"));

    growOut(r, smoltShipment, feedShipment);
  }

  /**
   * The sea site (production area PO 10, Andøya to Senja): receipts that name their shipments, lice
   * monitoring under Norway's delousing regulation (lakselusforskriften: adult female lice per fish
   * counted and reported with the sea temperature), a delousing bath, the harvest, and the chilled
   * harvest shipped to the plant, which receives it. Live smolt and dry feed travel without a
   * cold-chain logger, so their shipments carry no temperature reading; the sea temperatures below
   * are read at the pens, after receipt.
   */
  private void growOut(Recorder r, Entry smoltShipment, Entry feedShipment) throws LedgerException {
    Ledger ledger = r.ledger();
    r.receive(
        farm,
        hatchery,
        smoltShipment,
        List.of(kg(SMOLT, SMOLT_KG)),
        List.of(hatchery.document("desadv", "DA-SM-0904")),
        List.of(),
        at("2024-09-11T14:00:00+02:00"));
    r.receive(
        farm,
        feedMill,
        feedShipment,
        List.of(LotQuantity.of(FEED.uri(), "36", "TNE")),
        List.of(feedMill.document("desadv", "DA-F-1187-1")),
        List.of(),
        at("2024-09-19T10:30:00+02:00"));

    OffsetDateTime counted = at("2025-06-04T09:00:00+02:00");
    ledger.append(
        ObjectEvent.observe(
            List.of(LotQuantity.of(SMOLT)),
            counted,
            context(farm, "inspecting", "conformant")
                .withExtensions(
                    List.of(
                        new Extension(NS, "adultFemaleLicePerFish", "0.08"),
                        new Extension(NS, "pen", "4"),
                        new Extension(NS, "fishSampled", "20")))
                .withSensorReadings(List.of(farm.temperature("7.4", counted, "PEN4-CTD")))),
        farm.signer());
    ledger.append(
        ObjectEvent.observe(
            List.of(LotQuantity.of(SMOLT)),
            at("2025-08-20T07:30:00+02:00"),
            context(farm, TREATING, "active")
                .withExtensions(
                    List.of(
                        new Extension(NS, "method", "freshwater bath"),
                        new Extension(NS, "durationHours", "3"),
                        new Extension(NS, "adultFemaleLicePerFishBefore", "0.42"),
                        new Extension(NS, "pen", "4")))),
        farm.signer());

    // eFCR = feed eaten / biomass gained = 35 064 / (30 000 - 780) = 1.2; 6 000 of 6 500 fish
    // harvested.
    TransformationEvent harvest =
        TransformationEvent.of(
            List.of(kg(SMOLT, SMOLT_KG), kg(FEED, FEED_EATEN_KG)),
            List.of(kg(HARVEST, HARVEST_KG)),
            LotMasterData.NONE
                .withOrigin("NO", farm.site())
                .withSpecies(SPECIES)
                .withCertifications(
                    List.of(
                        new Certification(
                            ASC_FARM,
                            "Aquaculture Stewardship Council (illustrative)",
                            LocalDate.parse("2025-02-01"),
                            LocalDate.parse("2028-01-31"))))
                .withExtensions(
                    List.of(
                        new Extension(
                            CBVMDA, "productionMethodForFishAndSeafoodCode", "AQUACULTURE"),
                        new Extension(GDST, "aquacultureMethod", "Open net pens at sea"),
                        new Extension(CBVMDA, "lotNumber", "H-2603-P04"),
                        new Extension(CBVMDA, "productionDate", "2026-03-09"),
                        new Extension(CBVMDA, "speciesForFisheryStatisticsPurposesCode", "SAL"),
                        new Extension(NS, "aquacultureSiteNumber", "13579"),
                        new Extension(NS, "productionArea", "PO 10 Andøya til Senja"),
                        new Extension(NS, "fishCount", "6000"),
                        new Extension(NS, "pen", "4"))),
            at("2026-03-09T06:00:00+01:00"),
            context(farm, "urn:gdst:bizStep:farmHarvest", "active")
                .withExtensions(List.of(new Extension(GDST, "humanWelfarePolicy", "3P Audit"))));
    ledger.append(harvest, farm.signer());

    // Bled and chilled in refrigerated sea water on site, the harvest goes to the plant in the cold
    // chain.
    OffsetDateTime shipped = at("2026-03-09T11:00:00+01:00");
    Entry harvestShipment =
        r.ship(
            farm,
            plant,
            List.of(kg(HARVEST, HARVEST_KG)),
            "PO-KS-26-0412",
            "DA-H-2603-P04",
            List.of(farm.temperature("0.6", shipped, "TL-0031")),
            shipped);
    OffsetDateTime received = at("2026-03-09T19:40:00+01:00");
    r.receive(
        plant,
        farm,
        harvestShipment,
        List.of(kg(HARVEST, HARVEST_KG)),
        List.of(farm.document("desadv", "DA-H-2603-P04")),
        List.of(plant.temperature("1.1", received, "TL-0007")),
        received);
  }

  /** The plant fillets the harvest; the fraud variant plants its fraud here. */
  private void processHarvest(Ledger ledger, List<String> highlights) throws LedgerException {
    List<LotQuantity> inputs = List.of(kg(HARVEST, HARVEST_KG));
    if (withFraud) {
      try {
        ledger.append(inflatedFilletRun(), plant.signer());
        throw new LedgerException(
            LedgerException.Code.ILLEGAL_STATE,
            "the ledger accepted a fillet run consuming more of "
                + HARVEST
                + " than the plant holds");
      } catch (AppendRejectedException e) {
        Finding f = e.finding();
        highlights.add(
            "fraud rejected on append ("
                + f.failure()
                + "): "
                + f
                + "; nothing was stored, the ledger still holds "
                + ledger.size()
                + " entries");
      }
      // Forced to put the foreign fish on the ledger, the plant records it as the trader's papers
      // say.
      ledger.append(
          ObjectEvent.add(
              List.of(kg(FOREIGN_SALMON, FOREIGN_KG)),
              LotMasterData.NONE
                  .withOrigin("RU", null)
                  .withSpecies(SPECIES)
                  .withExtensions(
                      List.of(
                          new Extension(
                              CBVMDA, "productionMethodForFishAndSeafoodCode", "AQUACULTURE"),
                          new Extension(CBVMDA, "lotNumber", "MRM-2602-33"))),
              at("2026-03-10T07:10:00+01:00"),
              context(plant, "commissioning", "active")
                  .withSources(List.of(new Party("owning_party", TRADER)))),
          plant.signer());
      inputs = List.of(kg(HARVEST, HARVEST_KG), kg(FOREIGN_SALMON, FOREIGN_KG));
    }
    ledger.append(filletRun(inputs, at("2026-03-10T07:30:00+01:00")), plant.signer());
  }

  /**
   * Fraud variant: the fillet run booked as if 38 t of fish, the foreign 8 t included, were all
   * from the harvest lot.
   */
  TransformationEvent inflatedFilletRun() {
    BigDecimal claimed = new BigDecimal(HARVEST_KG).add(new BigDecimal(FOREIGN_KG));
    return filletRun(
        List.of(kg(HARVEST, claimed.toPlainString())), at("2026-03-10T07:00:00+01:00"));
  }

  /**
   * When the fillets are best eaten by: 12 days after the harvest (fresh, chilled at 0 to 4 CEL).
   */
  static final LocalDate BEST_BEFORE = LocalDate.parse("2026-03-21");

  /**
   * A GDST processing event: a TransformationEvent (CBV {@code commissioning}) whose ILMD declares
   * the fillets' origin NO and farm site, species, best-before date and GDST lot number. Fillets
   * out = {@link #FILLET_YIELD} x fish in.
   */
  private TransformationEvent filletRun(List<LotQuantity> inputs, OffsetDateTime time) {
    BigDecimal fishIn = BigDecimal.ZERO;
    for (LotQuantity in : inputs) {
      fishIn = fishIn.add(in.quantity().amount());
    }
    String fillets = fishIn.multiply(FILLET_YIELD).stripTrailingZeros().toPlainString();
    return TransformationEvent.of(
        inputs,
        List.of(kg(FILLETS, fillets)),
        LotMasterData.NONE
            .withOrigin("NO", farm.site())
            .withSpecies(SPECIES)
            .withBestBefore(BEST_BEFORE)
            .withExtensions(
                List.of(
                    new Extension(CBVMDA, "lotNumber", "FIL-260310-1"),
                    new Extension(CBVMDA, "productionDate", "2026-03-10"),
                    new Extension(CBVMDA, "productionMethodForFishAndSeafoodCode", "AQUACULTURE"),
                    new Extension(NS, "cut", "trim D fillet, skin on, pin bone out"))),
        time,
        context(plant, "commissioning", "active"));
  }

  /**
   * Most fillets go by truck to EU buyers outside the ledger (shipped out); one pallet is flown to
   * the US retailer. The pallet's SSCC is tied to the fillet lot by an AggregationEvent, so a scan
   * of its label resolves to the lot; custody moves with the fillet lot itself.
   */
  private void exportFillets(Ledger ledger) throws LedgerException {
    Recorder r = new Recorder(ledger, Recorder.Shipping.OBJECT_EVENT);
    BigDecimal fillets = ledger.lotState(FILLETS).orElseThrow().held(plant.actor());
    String toEu = fillets.subtract(new BigDecimal(PALLET_KG)).toPlainString();
    OffsetDateTime truck = at("2026-03-10T16:00:00+01:00");
    r.ship(
        plant,
        EU_BUYER,
        EU_BUYER_SITE,
        List.of(kg(FILLETS, toEu)),
        List.of(
            new BizTransaction("po", "urn:epcglobal:cbv:bt:3012345000000:CMD-2026-1187"),
            plant.document("desadv", "DA-FIL-0310-EU")),
        List.of(plant.temperature("0.8", truck, "TL-0008")),
        truck);

    ledger.append(
        new AggregationEvent(
            Action.ADD,
            PALLET,
            List.of(kg(FILLETS, PALLET_KG)),
            at("2026-03-10T21:15:00+01:00"),
            context(plant, "packing", "in_progress")),
        plant.signer());
    OffsetDateTime departed = at("2026-03-11T05:30:00+01:00");
    Entry export =
        r.ship(
            plant,
            retailer,
            List.of(kg(FILLETS, PALLET_KG)),
            "PO-HV-88213",
            "DA-FIL-0310-US",
            List.of(plant.temperature("0.9", departed, "TL-0009")),
            departed);

    // The logistics provider reports from its own loggers; custody passes from the plant to the
    // retailer.
    OffsetDateTime oslo = at("2026-03-11T16:40:00+01:00");
    ledger.append(
        ObjectEvent.observe(
            List.of(kg(FILLETS, PALLET_KG)),
            oslo,
            EventContext.of("transporting", "in_transit")
                .withReadPoint(OSL_TERMINAL)
                .withSensorReadings(List.of(logistics.temperature("2.2", oslo, "TL-0117")))),
        logistics.signer());
    OffsetDateTime jfk = at("2026-03-11T19:55:00-04:00");
    ledger.append(
        ObjectEvent.observe(
            List.of(kg(FILLETS, PALLET_KG)),
            jfk,
            EventContext.of("transporting", "in_transit")
                .withReadPoint(JFK_TERMINAL)
                .withSensorReadings(List.of(logistics.temperature("3.1", jfk, "TL-0117")))),
        logistics.signer());

    OffsetDateTime arrived = at("2026-03-12T06:10:00-04:00");
    r.receive(
        retailer,
        plant,
        export,
        List.of(kg(FILLETS, PALLET_KG)),
        List.of(plant.document("desadv", "DA-FIL-0310-US")),
        List.of(retailer.temperature("2.6", arrived, "TL-0501")),
        arrived);
    ledger.append(
        new AggregationEvent(
            Action.DELETE,
            PALLET,
            List.of(kg(FILLETS, PALLET_KG)),
            at("2026-03-12T06:40:00-04:00"),
            context(retailer, "unpacking", "in_progress")),
        retailer.signer());
  }

  /** The highest gs1:Temperature reading in the fillet lot's history. */
  private static BigDecimal maxReading(Ledger ledger) throws LedgerException {
    BigDecimal max = null;
    for (Entry e : ledger.history(FILLETS)) {
      for (SensorReading r : e.event().context().sensorReadings()) {
        if (r.type().equals("gs1:Temperature") && (max == null || r.value().compareTo(max) > 0)) {
          max = r.value();
        }
      }
    }
    return max;
  }

  private static LotQuantity kg(LotId lot, String amount) {
    return LotQuantity.of(lot.uri(), amount, "KGM");
  }

  private static OffsetDateTime at(String isoTime) {
    return OffsetDateTime.parse(isoTime);
  }

  /**
   * Records the chain ({@code --fraud}: the fraud variant) on an in-memory ledger and prints the
   * outcome.
   */
  public static void main(String[] args) throws LedgerException {
    SalmonChain chain = new SalmonChain(List.of(args).contains("--fraud"));
    try (Ledger ledger = chain.newInMemoryLedger()) {
      Outcome outcome = chain.record(ledger);
      ledger.verify();
      System.out.println(
          outcome.entries()
              + " entries, "
              + outcome.lots().size()
              + " lots, "
              + outcome.actors().size()
              + " actors; final lot "
              + outcome.finalLot());
      outcome.highlights().forEach(System.out::println);
    }
  }
}
