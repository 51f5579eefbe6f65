package io.lotledger.examples.metals;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.Extension;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.Party;
import io.lotledger.event.RegistryEvent;
import io.lotledger.examples.Company;
import io.lotledger.examples.Recorder;
import io.lotledger.examples.Scenario;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.ClaimsCalculator;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.Finding;
import io.lotledger.rules.Policy;
import io.lotledger.rules.PolicyRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Copper tracked from two mines to a wire fabricator, with recycled copper from outside the ledger
 * and metal stored on warrant in an exchange-approved warehouse: the records a metal passport (such
 * as the London Metal Exchange's LMEpassport, which holds certificates of analysis and
 * sustainability credentials for warranted metal) would be built from. Recorded with the public API
 * only.
 *
 * <p>Six actors sign with their own Ed25519 keys; the root (the consortium that runs the ledger)
 * registers the five others:
 *
 * <ol>
 *   <li>a copper mine in the Antofagasta Region, Chile, and one in Apurímac, Peru, each commission
 *       a lot of copper concentrate with its origin (country, mine site), its Cu assay, an
 *       independent certificate of analysis and a responsible-sourcing certificate in the style of
 *       the Copper Mark (OECD Due Diligence Guidance for Responsible Supply Chains of Minerals),
 *       and ship it by sea to the smelter;
 *   <li>a smelter and refinery in Hamburg, Germany, receives both (each receipt names its shipping
 *       entry), receives 50 t of recovered copper scrap from an e-waste recycler that does not
 *       record on this ledger ({@link #COPPER_SCRAP}: the link to the e-waste example), samples it
 *       and declares its composition, then smelts and electrorefines all three into two lots of
 *       grade A copper cathode (BS EN 1978:1998 Cu-CATH-1, Cu 99.99 %);
 *   <li>the smelter delivers one cathode lot into an exchange-approved warehouse in Rotterdam,
 *       which takes custody and issues four warrants of 25 t (the LME's lot size for Grade A
 *       copper) to the smelter, the owner;
 *   <li>the smelter sells three warrants (75 t) to a wire-rod maker: title changes, custody does
 *       not; the warehouse cancels the warrants and loads the 75 t out to the buyer;
 *   <li>the wire-rod maker in Olen, Belgium, receives the cathode and melts, casts and rolls it
 *       into 8 mm Cu-ETP wire rod (EN 1977:2013 CW004A): {@link #WIRE_ROD}, the end of the chain.
 * </ol>
 *
 * <p><b>Custody and title.</b> The ledger's custody rules follow the goods (the CBV 2.0 {@code
 * possessing_party}, else {@code owning_party}, of a shipment's destination), not the title.
 * Warrants (a namespaced business transaction type, {@link #WARRANT}; the CBV has none) and the
 * sale are TransactionEvents with other business steps, so they change no holding: the warehouse
 * keeps custody while the smelter, then the wire-rod maker, owns the metal.
 *
 * <p><b>Recycled copper</b>, by mass balance over the smelter's inputs (element mass = consumed kg
 * x Cu fraction, docs/domain-model.md): Chilean concentrate 600 t x 0.28 = 168 t Cu, Peruvian 416 t
 * x 0.25 = 104 t Cu, both mined (share 0); scrap 50 t x 0.96 = 48 t Cu, all post-consumer (share
 * 1). Cathode and wire rod are therefore 48 / 320 = {@link #RECYCLED_COPPER_SHARE} post-consumer
 * copper, and 312.5 t of cathode at 99.99 % holds 312.47 t of the 320 t of copper that went in
 * (97.6 % recovery; the rest leaves in slag and anode slime, which this chain does not record).
 *
 * <p><b>Carbon</b>, kg CO2e per kg, each step declaring what mass balance gives: cathode (600 000 x
 * 0.9 + 416 000 x 0.8 + 50 000 x 0.3 + 312 200 step) / 312 500 = {@link #CATHODE_FOOTPRINT}; wire
 * rod (75 000 x 3.84 + 10 500 step) / 74 625 = {@link #WIRE_ROD_FOOTPRINT}.
 *
 * <p><b>Planted fraud</b> ({@code new MetalsChain(true)}): the smelter sells the same three
 * warrants (the same 75 t of {@link #CATHODE_A}) a second time, to a trading house outside the
 * ledger. The ledger does not keep title, so the second sale is recorded like the first. What it
 * refuses is the delivery: when the warehouse tries to load the same 75 t out again, it holds only
 * the 25 t left under the fourth warrant, and the append is rejected with {@code
 * Failure.MASS_BALANCE} (the supply-chain double spend). The rejected entry changes nothing; the
 * chain goes on to the same wire rod lot in both variants.
 *
 * <p><b>Identifiers.</b> Lots are GS1 EPC class URNs ({@code
 * urn:epc:class:lgtin:CompanyPrefix.ItemRef.Lot}, GS1 EPC Tag Data Standard) or GS1 Digital Link
 * URIs ({@code https://id.gs1.org/01/{GTIN-14}/10/{lot}}) with valid GTIN check digits. Actors are
 * party GLNs ({@code urn:epc:id:pgln:}), read points site GLNs ({@code urn:epc:id:sgln:}), business
 * transactions CBV 2.0 {@code urn:epcglobal:cbv:bt:{GLN}:{document}} identifiers. The organisations
 * are fictitious and the GS1 company prefixes illustrative.
 *
 * <p><b>Keys.</b> Each actor's key is derived from a fixed seed (SHA-256 of a fixed text and its
 * party GLN) and the genesis time is fixed ({@link #options()}), so every entry has the same bytes
 * in every run. These keys are public knowledge; never use them for real records.
 *
 * <p>Instances are immutable and thread-safe. {@link #record(Ledger)} expects a fresh ledger (only
 * its genesis entry, with this chain's root) and refuses any other.
 */
public final class MetalsChain implements Scenario {
  /** The origin (ledger name) the demo ledger is created with. */
  public static final String ORIGIN = "demo.lotledger.io/metals";

  /** When the consortium created the ledger: the genesis entry's time. */
  public static final Instant GENESIS = Instant.parse("2026-04-01T07:00:00Z");

  // ---------------------------------------------------------------- lots

  /** Copper concentrate from the Chilean mine, 600 t at Cu 0.28. */
  public static final LotId CONCENTRATE_CHILE =
      new LotId("urn:epc:class:lgtin:7800123.012001.CC-ANF-2604-11");

  /** Copper concentrate from the Peruvian mine, 416 t at Cu 0.25. */
  public static final LotId CONCENTRATE_PERU =
      new LotId("urn:epc:class:lgtin:7750456.012001.CC-APU-2604-07");

  /**
   * Recovered copper scrap from the e-waste recycler (outside this ledger), 50 t at Cu 0.96, all
   * post-consumer: the link with the e-waste example, whose recycler produces and ships out this
   * lot.
   */
  public static final LotId COPPER_SCRAP =
      new LotId("urn:epc:class:lgtin:4061234.090001.CU-SCRAP-2606-01");

  /** Grade A copper cathode, 100 t, stored on warrant (GS1 Digital Link, GTIN 04012350100015). */
  public static final LotId CATHODE_A =
      new LotId("https://id.gs1.org/01/04012350100015/10/CATH-2606-A1");

  /** Grade A copper cathode from the same campaign, 212.5 t, kept by the smelter. */
  public static final LotId CATHODE_B =
      new LotId("https://id.gs1.org/01/04012350100015/10/CATH-2606-A2");

  /** 8 mm Cu-ETP wire rod, 74.625 t (GTIN 05412345200017): the end of the chain. */
  public static final LotId WIRE_ROD =
      new LotId("https://id.gs1.org/01/05412345200017/10/ROD8-2608-014");

  // ---------------------------------------------------------------- hand-computed outcomes

  /**
   * Post-consumer recycled share of copper in both cathode lots and the wire rod: 48 t of 320 t Cu
   * in.
   */
  public static final BigDecimal RECYCLED_COPPER_SHARE = new BigDecimal("0.15");

  /** Carbon footprint of the cathode, kg CO2e per kg: 1 200 000 kg CO2e over 312 500 kg. */
  public static final BigDecimal CATHODE_FOOTPRINT = new BigDecimal("3.84");

  /** Carbon footprint of the wire rod, kg CO2e per kg: 298 500 kg CO2e over 74 625 kg. */
  public static final BigDecimal WIRE_ROD_FOOTPRINT = new BigDecimal("4");

  // ---------------------------------------------------------------- parties outside the ledger

  /**
   * The e-waste recycler that supplies {@link #COPPER_SCRAP}: a source party, not an actor of this
   * ledger.
   */
  public static final String RECYCLER = "urn:epc:id:pgln:4061234.00000";

  private static final String RECYCLER_SITE = "urn:epc:id:sgln:4061234.00000.0";
  private static final String RECYCLER_GLN = "4061234000002";

  /**
   * The trading house the fraud variant sells the warrants to a second time: not an actor of this
   * ledger.
   */
  public static final String SECOND_BUYER = "urn:epc:id:pgln:7612345.00000";

  private static final String SECOND_BUYER_SITE = "urn:epc:id:sgln:7612345.00001.0";
  private static final String SECOND_BUYER_GLN = "7612345000008";

  // ---------------------------------------------------------------- documents and certificates

  /**
   * Where this example's user vocabulary (warrants, the change of title, cathode and rod grades)
   * lives.
   */
  static final String NS = "https://demo.lotledger.io/ns/metals#";

  /**
   * Business transaction type of a warehouse warrant, a document of title to one lot of stored
   * metal.
   */
  public static final String WARRANT = NS + "warrant";

  /** Business step of a change of title without a movement of goods (CBV 2.0 has none). */
  public static final String TRANSFERRING_OWNERSHIP = NS + "transferring_ownership";

  /** The Chilean mine's responsible-sourcing certificate (Copper Mark style, illustrative). */
  public static final String COPPER_MARK_CHILE =
      "https://certificates.example.org/coppermark/CM-2025-0412";

  /** The Peruvian mine's responsible-sourcing certificate. */
  public static final String COPPER_MARK_PERU =
      "https://certificates.example.org/coppermark/CM-2024-0187";

  /**
   * The recycler's statement of conformity for the scrap consignment: copper scrap that meets
   * Council Regulation (EU) No 715/2013 ceases to be waste, and the producer states so per
   * consignment.
   */
  public static final String SCRAP_CONFORMITY =
      "https://certificates.example.org/eu-715-2013/SoC-4061234-2606-01";

  /**
   * Responsible sourcing, segregated: every origin lot that may hold copper carries one of the
   * accepted certificates, valid on the date it entered the ledger. Both concentrates hold their
   * Copper Mark; the scrap, an origin holding copper too, its statement of conformity.
   */
  public static final Policy RESPONSIBLE_SOURCING =
      new Policy(
          "copper responsible sourcing",
          List.of(
              new PolicyRule.RequireCertification(
                  "Cu", List.of(COPPER_MARK_CHILE, COPPER_MARK_PERU, SCRAP_CONFORMITY), true)));

  // ---------------------------------------------------------------- actors

  private final Company root =
      Company.of("metals", "Copper Passport Consortium Ltd", "5060123", "00001", "5060123000009");
  private final Company mineChile =
      Company.of("metals", "Minera Cerro Alto SpA", "7800123", "00010", "7800123000009");
  private final Company minePeru =
      Company.of(
          "metals", "Compañía Minera Quebrada Roja S.A.A.", "7750456", "00020", "7750456000002");
  private final Company smelter =
      Company.of("metals", "Elbe Kupferhütte GmbH", "4012350", "00030", "4012350000001");
  private final Company warehouse =
      Company.of("metals", "Maasvlakte Metals Storage B.V.", "8712345", "00040", "8712345000004");
  private final Company fabricator =
      Company.of("metals", "Kempen Wire Rod NV", "5412345", "00050", "5412345000006");

  /** The four warrants the warehouse issues for {@link #CATHODE_A}, 25 t each. */
  private final List<BizTransaction> warrants =
      List.of(
          warehouse.document(WARRANT, "RTM26-0711"), warehouse.document(WARRANT, "RTM26-0712"),
          warehouse.document(WARRANT, "RTM26-0713"), warehouse.document(WARRANT, "RTM26-0714"));

  /**
   * The three warrants sold to the wire-rod maker (and, in the fraud variant, again to the trading
   * house).
   */
  private final List<BizTransaction> soldWarrants = warrants.subList(0, 3);

  private final boolean withFraud;

  /** The honest chain. */
  public MetalsChain() {
    this(false);
  }

  /** The chain, with the double-sold cathode lot when {@code withFraud}. */
  public MetalsChain(boolean withFraud) {
    this.withFraud = withFraud;
  }

  @Override
  public String name() {
    return "metals";
  }

  @Override
  public List<String> description() {
    return List.of(
        "Record copper from two mines (Chile, Peru) and recovered scrap smelted into cathode, warehoused under "
            + "exchange warrants, sold and drawn into wire rod, in a new ledger; verify it and sign a checkpoint.",
        "--with-fraud sells the same warranted cathode twice: the second delivery is rejected on append (mass balance).");
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

  /**
   * Records the chain on {@code ledger}.
   *
   * @throws LedgerException ILLEGAL_STATE if the ledger is not fresh or has another root, or any
   *     append failure other than the planted fraud's
   */
  @Override
  public Outcome record(Ledger ledger) throws LedgerException {
    if (!ledger.rootActor().equals(root.actor())) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " has root "
              + ledger.rootActor()
              + ", not the metals chain's root "
              + root.party());
    }
    if (ledger.size() != 1) {
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE,
          "ledger "
              + ledger.origin()
              + " holds "
              + ledger.size()
              + " entries; the metals chain needs a fresh ledger");
    }
    List<ActorId> actors = new ArrayList<>(List.of(root.actor()));
    OffsetDateTime registered = at("2026-04-01T09:00:00+01:00");
    for (Company c : List.of(mineChile, minePeru, smelter, warehouse, fabricator)) {
      ledger.append(
          new RegistryEvent.ActorRegistered(
              c.actor(), c.name(), c.signer().publicKey(), registered),
          root.signer());
      actors.add(c.actor());
    }
    Recorder r = new Recorder(ledger, Recorder.Shipping.TRANSACTION_EVENT);
    mine(r);
    smelt(r);
    store(r);
    sell(r);
    String fraudCaught = withFraud ? loadOutTwice(ledger) : null;
    drawRod(r);

    Composition cathode = new ClaimsCalculator(ledger::history).composition(CATHODE_A);
    Composition rod = new ClaimsCalculator(ledger::history).composition(WIRE_ROD);
    ElementBalance cu = cathode.element("Cu");
    List<String> highlights =
        new ArrayList<>(
            List.of(
                "cathode "
                    + CATHODE_A
                    + " and "
                    + CATHODE_B
                    + ": 312.5 t of grade A copper (Cu "
                    + cu.massFraction().toPlainString()
                    + ") from 600 t of Chilean and 416 t of Peruvian concentrate and 50 t of recovered scrap",
                "recycled copper in the cathode, by mass balance: "
                    + cu.recycledPostConsumer().toPlainString()
                    + " post-consumer, "
                    + cu.recycledPreConsumer().toPlainString()
                    + " pre-consumer (48 t of the 320 t of Cu in came from scrap lot "
                    + COPPER_SCRAP
                    + "); carbon "
                    + cathode.carbonFootprint().toPlainString()
                    + " kg CO2e/kg",
                "warehouse "
                    + warehouse.party()
                    + " holds "
                    + held(ledger, CATHODE_A, warehouse)
                    + " kg of "
                    + CATHODE_A
                    + " under warrant RTM26-0714; 75 t were sold and loaded out to "
                    + fabricator.party(),
                "wire rod "
                    + WIRE_ROD
                    + ": "
                    + held(ledger, WIRE_ROD, fabricator)
                    + " kg held by "
                    + fabricator.party()
                    + ", "
                    + rod.element("Cu").recycledPostConsumer().toPlainString()
                    + " post-consumer copper, carbon "
                    + rod.carbonFootprint().toPlainString()
                    + " kg CO2e/kg"));
    if (fraudCaught != null) {
      highlights.add(fraudCaught);
    }
    return new Outcome(ledger.size(), ledger.lots(), actors, WIRE_ROD, highlights);
  }

  // ---------------------------------------------------------------- the chain, upstream to
  // downstream

  /**
   * Both mines (Chile UTC-04:00, Peru UTC-05:00): commission a concentrate lot and ship it from
   * port.
   */
  private void mine(Recorder r) throws LedgerException {
    r.commission(
        mineChile,
        LotQuantity.of(CONCENTRATE_CHILE.uri(), "600", "TNE"),
        concentrate(
            "CL",
            mineChile,
            "0.28",
            "0.9",
            certificate(
                "https://certificates.example.org/coa/ANF-26-04117",
                "Antofagasta independent assay laboratory (illustrative)",
                "2026-04-13",
                "2027-04-12"),
            certificate(
                COPPER_MARK_CHILE, "The Copper Mark (illustrative)", "2025-05-01", "2028-04-30")),
        at("2026-04-14T08:00:00-04:00"));
    r.ship(
        mineChile,
        List.of(LotQuantity.of(CONCENTRATE_CHILE.uri(), "600", "TNE")),
        List.of(mineChile.as("owning_party"), mineChile.location()),
        List.of(smelter.as("owning_party"), smelter.location()),
        List.of(
            smelter.document("po", "PO-4500031877"),
            mineChile.document("desadv", "DA-ANF-26-0420")),
        List.of(),
        at("2026-04-20T16:00:00-04:00"));

    r.commission(
        minePeru,
        LotQuantity.of(CONCENTRATE_PERU.uri(), "416", "TNE"),
        concentrate(
            "PE",
            minePeru,
            "0.25",
            "0.8",
            certificate(
                "https://certificates.example.org/coa/CAL-26-03391",
                "Callao independent assay laboratory (illustrative)",
                "2026-04-15",
                "2027-04-14"),
            certificate(
                COPPER_MARK_PERU, "The Copper Mark (illustrative)", "2024-11-15", "2027-11-14")),
        at("2026-04-16T07:30:00-05:00"));
    r.ship(
        minePeru,
        List.of(LotQuantity.of(CONCENTRATE_PERU.uri(), "416", "TNE")),
        List.of(minePeru.as("owning_party"), minePeru.location()),
        List.of(smelter.as("owning_party"), smelter.location()),
        List.of(
            smelter.document("po", "PO-4500031902"), minePeru.document("desadv", "DA-APU-26-0422")),
        List.of(),
        at("2026-04-22T11:00:00-05:00"));
  }

  /** A certificate valid from {@code from} to {@code until}, both included (ISO-8601 dates). */
  private static Certification certificate(String uri, String issuer, String from, String until) {
    return new Certification(uri, issuer, LocalDate.parse(from), LocalDate.parse(until));
  }

  /**
   * Concentrate master data: origin country and mine site, Cu assay (nothing recycled), footprint,
   * certificates.
   */
  private static LotMasterData concentrate(
      String country,
      Company mine,
      String cu,
      String footprint,
      Certification analysis,
      Certification sourcing) {
    return LotMasterData.NONE
        .withOrigin(country, mine.site())
        .withElements(List.of(ElementShare.of("Cu", cu, "0", "0")))
        .withCarbonFootprint(new BigDecimal(footprint))
        .withCertifications(List.of(analysis, sourcing));
  }

  /**
   * Hamburg (UTC+02:00): concentrates received against their shipments, scrap received from outside
   * the ledger and its master data declared, then one smelting and refining campaign into cathode.
   */
  private void smelt(Recorder r) throws LedgerException {
    receive(
        r,
        smelter,
        mineChile.as("owning_party"),
        List.of(LotQuantity.of(CONCENTRATE_CHILE.uri(), "600", "TNE")),
        mineChile.document("desadv", "DA-ANF-26-0420"),
        at("2026-05-28T10:00:00+02:00"));
    receive(
        r,
        smelter,
        minePeru.as("owning_party"),
        List.of(LotQuantity.of(CONCENTRATE_PERU.uri(), "416", "TNE")),
        minePeru.document("desadv", "DA-APU-26-0422"),
        at("2026-06-02T09:30:00+02:00"));

    // The scrap enters the ledger with the receipt (a receipt is an OBSERVE and carries no master
    // data); once sampled, the smelter, now its holder, declares its composition with an ADD that
    // states no quantity. Nothing here produced the lot, so the roll-up takes it as an origin.
    r.receive(
        smelter,
        null,
        List.of(LotQuantity.of(COPPER_SCRAP.uri(), "50", "TNE")),
        List.of(new Party("owning_party", RECYCLER)),
        List.of(smelter.as("possessing_party"), smelter.location()),
        List.of(Company.document("desadv", RECYCLER_GLN, "DA-CU-2606-01")),
        List.of(),
        at("2026-06-08T13:00:00+02:00"));
    r.declareMasterData(
        smelter,
        LotQuantity.of(COPPER_SCRAP),
        LotMasterData.NONE
            .withOrigin("DE", RECYCLER_SITE)
            .withElements(List.of(ElementShare.of("Cu", "0.96", "0", "1")))
            .withCarbonFootprint(new BigDecimal("0.3"))
            .withCertifications(
                List.of(
                    certificate(
                        SCRAP_CONFORMITY,
                        "E-waste recycler, GLN "
                            + RECYCLER_GLN
                            + " (statement of conformity, Regulation (EU) No 715/2013)",
                        "2026-06-05",
                        "2027-06-04"))),
        at("2026-06-09T15:00:00+02:00"));

    // 320 t Cu in (168 + 104 + 48); 312.5 t of cathode at 99.99 % out; 312.2 t CO2e for the step.
    r.transform(
        smelter,
        "commissioning",
        List.of(
            LotQuantity.of(CONCENTRATE_CHILE.uri(), "600", "TNE"),
            LotQuantity.of(CONCENTRATE_PERU.uri(), "416", "TNE"),
            LotQuantity.of(COPPER_SCRAP.uri(), "50", "TNE")),
        List.of(
            LotQuantity.of(CATHODE_A.uri(), "100", "TNE"),
            LotQuantity.of(CATHODE_B.uri(), "212.5", "TNE")),
        LotMasterData.NONE
            .withElements(
                List.of(
                    ElementShare.of("Cu", "0.9999", "0", RECYCLED_COPPER_SHARE.toPlainString())))
            .withCarbonFootprint(CATHODE_FOOTPRINT)
            .withExtensions(
                List.of(
                    new Extension(NS, "grade", "A"),
                    new Extension(NS, "standard", "BS EN 1978:1998 Cu-CATH-1"),
                    new Extension(NS, "brand", "ELBE-KH (illustrative)"))),
        "312200",
        at("2026-06-30T22:00:00+02:00"));
  }

  /**
   * The smelter delivers 100 t into the Rotterdam warehouse (UTC+02:00), which takes custody (the
   * possessing party) while the smelter stays the owner, and issues four warrants of 25 t to it.
   */
  private void store(Recorder r) throws LedgerException {
    List<LotQuantity> cathode = List.of(LotQuantity.of(CATHODE_A.uri(), "100", "TNE"));
    r.ship(
        smelter,
        cathode,
        List.of(smelter.as("owning_party"), smelter.as("possessing_party"), smelter.location()),
        List.of(warehouse.as("possessing_party"), warehouse.location()),
        List.of(smelter.document("desadv", "DA-HH-26-0706")),
        List.of(),
        at("2026-07-06T07:00:00+02:00"));
    receive(
        r,
        warehouse,
        smelter.as("possessing_party"),
        cathode,
        smelter.document("desadv", "DA-HH-26-0706"),
        at("2026-07-08T14:00:00+02:00"));
    r.transact(
        warehouse,
        Action.ADD,
        cathode,
        "storing",
        "sellable_not_accessible",
        List.of(warehouse.as("possessing_party")),
        List.of(smelter.as("owning_party")),
        warrants,
        at("2026-07-09T10:00:00+02:00"));
  }

  /**
   * The sale: the smelter transfers three warrants (75 t) to the wire-rod maker against its
   * purchase order and the smelter's invoice, and the warehouse cancels them (TransactionEvent
   * DELETE: the lot is released from the warrants) and loads the 75 t out to the new owner.
   */
  private void sell(Recorder r) throws LedgerException {
    List<LotQuantity> sold = List.of(LotQuantity.of(CATHODE_A.uri(), "75", "TNE"));
    List<BizTransaction> documents =
        new ArrayList<>(
            List.of(
                fabricator.document("po", "PO-KWR-26-0815"),
                smelter.document("inv", "INV-26-08-0233")));
    documents.addAll(soldWarrants);
    r.transact(
        smelter,
        Action.ADD,
        sold,
        TRANSFERRING_OWNERSHIP,
        "sellable_not_accessible",
        List.of(smelter.as("owning_party")),
        List.of(fabricator.as("owning_party")),
        documents,
        at("2026-08-03T11:00:00+02:00"));
    if (withFraud) {
      List<BizTransaction> again =
          new ArrayList<>(
              List.of(
                  Company.document("po", SECOND_BUYER_GLN, "PO-GVA-26-1142"),
                  smelter.document("inv", "INV-26-08-0241")));
      again.addAll(soldWarrants);
      r.transact(
          smelter,
          Action.ADD,
          sold,
          TRANSFERRING_OWNERSHIP,
          "sellable_not_accessible",
          List.of(smelter.as("owning_party")),
          List.of(new Party("owning_party", SECOND_BUYER)),
          again,
          at("2026-08-05T16:00:00+02:00"));
    }
    r.transact(
        warehouse,
        Action.DELETE,
        sold,
        "staging_outbound",
        "reserved",
        List.of(warehouse.as("possessing_party")),
        List.of(fabricator.as("owning_party")),
        soldWarrants,
        at("2026-08-06T09:00:00+02:00"));
    r.ship(
        warehouse,
        sold,
        List.of(warehouse.as("possessing_party"), warehouse.location()),
        List.of(
            fabricator.as("owning_party"),
            fabricator.as("possessing_party"),
            fabricator.location()),
        List.of(
            fabricator.document("po", "PO-KWR-26-0815"),
            warehouse.document("desadv", "DA-RTM-26-0810")),
        List.of(),
        at("2026-08-10T08:00:00+02:00"));
  }

  /** The planted fraud's consequence: the double-sold 75 t cannot be delivered twice. */
  private String loadOutTwice(Ledger ledger) throws LedgerException {
    long before = ledger.size();
    Finding f = loadOutAgain(ledger);
    if (ledger.size() != before) {
      throw new IllegalStateException(
          "a rejected append changed the ledger size from " + before + " to " + ledger.size());
    }
    return "fraud caught: cathode lot "
        + f.lot()
        + " was sold twice (the same 75 t, warrants RTM26-0711 to 0713); the"
        + " warehouse's second load-out, to "
        + SECOND_BUYER
        + ", was rejected on append with "
        + f.failure()
        + ": "
        + f.detail()
        + "; the ledger still holds "
        + before
        + " entries";
  }

  /**
   * The warehouse ships the 75 t it already loaded out to the wire-rod maker a second time, to the
   * trading house that bought the same warrants. Returns the finding the ledger rejects it with;
   * the ledger is unchanged.
   *
   * @throws IllegalStateException if the ledger accepts the second load-out
   */
  Finding loadOutAgain(Ledger ledger) throws LedgerException {
    try {
      new Recorder(ledger, Recorder.Shipping.TRANSACTION_EVENT)
          .ship(
              warehouse,
              List.of(LotQuantity.of(CATHODE_A.uri(), "75", "TNE")),
              List.of(warehouse.as("possessing_party"), warehouse.location()),
              List.of(
                  new Party("owning_party", SECOND_BUYER),
                  new Party("possessing_party", SECOND_BUYER),
                  new Party("location", SECOND_BUYER_SITE)),
              List.of(
                  Company.document("po", SECOND_BUYER_GLN, "PO-GVA-26-1142"),
                  warehouse.document("desadv", "DA-RTM-26-0811")),
              List.of(),
              at("2026-08-11T08:00:00+02:00"));
    } catch (AppendRejectedException e) {
      return e.finding();
    }
    throw new IllegalStateException(
        "the ledger accepted a second load-out of the same 75 t of " + CATHODE_A);
  }

  /**
   * Olen (UTC+02:00): the wire-rod maker receives the 75 t and casts and rolls them into 8 mm rod.
   */
  private void drawRod(Recorder r) throws LedgerException {
    List<LotQuantity> cathode = List.of(LotQuantity.of(CATHODE_A.uri(), "75", "TNE"));
    receive(
        r,
        fabricator,
        warehouse.as("possessing_party"),
        cathode,
        warehouse.document("desadv", "DA-RTM-26-0810"),
        at("2026-08-11T15:00:00+02:00"));
    // 99.5 % yield; 10.5 t CO2e for the shaft furnace, casting and rolling.
    r.transform(
        fabricator,
        "commissioning",
        cathode,
        List.of(LotQuantity.of(WIRE_ROD.uri(), "74.625", "TNE")),
        LotMasterData.NONE
            .withElements(
                List.of(
                    ElementShare.of("Cu", "0.9997", "0", RECYCLED_COPPER_SHARE.toPlainString())))
            .withCarbonFootprint(WIRE_ROD_FOOTPRINT)
            .withExtensions(
                List.of(
                    new Extension(NS, "material", "Cu-ETP CW004A (EN 1977:2013)"),
                    new Extension(NS, "diameterMm", "8"))),
        "10500",
        at("2026-08-20T06:00:00+02:00"));
  }

  /**
   * Receiving into custody of what was shipped under despatch advice {@code desadv}: the receiver
   * becomes the possessing party at its site, since custody follows the goods, not the title.
   */
  private static void receive(
      Recorder r,
      Company at,
      Party shipper,
      List<LotQuantity> lots,
      BizTransaction desadv,
      OffsetDateTime time)
      throws LedgerException {
    r.receive(
        at,
        r.shipment(desadv),
        lots,
        List.of(shipper),
        List.of(at.as("possessing_party"), at.location()),
        List.of(desadv),
        List.of(),
        time);
  }

  private static String held(Ledger ledger, LotId lot, Company holder) throws LedgerException {
    return ledger.lotState(lot).orElseThrow().held(holder.actor()).toPlainString();
  }

  private static OffsetDateTime at(String isoTime) {
    return OffsetDateTime.parse(isoTime);
  }
}
