package io.lotledger.examples.battery;

import io.lotledger.ActorSigner;
import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.AggregationEvent;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Certification;
import io.lotledger.event.ElementShare;
import io.lotledger.event.EventContext;
import io.lotledger.event.Extension;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
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
import java.util.ArrayList;
import java.util.List;

/**
 * An EU battery supply chain, from a cobalt mine to a finished EV battery pack, recorded on a {@link
 * Ledger} with the public API only. Copy it as a template for recording your own chain.
 *
 * <p>Eight actors sign with their own Ed25519 keys; the root (the consortium that runs the ledger)
 * registers the seven others:
 *
 * <ol>
 *   <li>a cobalt mine near Kolwezi, DR Congo, commissions two lots of cobalt hydroxide with their
 *       master data (origin, mine site, Co assay, a due-diligence certificate) and ships them;
 *   <li>a refinery in Kokkola, Finland, receives and inspects them and refines them into cobalt
 *       sulphate heptahydrate;
 *   <li>a lithium producer in Chile and a nickel producer in Finland commission lithium carbonate and
 *       nickel sulphate, each with its own master data, and ship them to the cathode maker;
 *   <li>a cathode maker in Nysa, Poland, turns the three salts (plus manganese sulphate bought outside
 *       the ledger) into NMC 811 cathode active material;
 *   <li>a cell maker in Skellefteå, Sweden, makes 60 Ah pouch cells, counted in pieces (H87);
 *   <li>a pack assembler in Bavaria, Germany, packs 192 cells into a pack housing (aggregation),
 *       assembles the final pack lot (transformation), tests it and ships it to a car maker.
 * </ol>
 *
 * <p>Every hand-over is a shipping {@link TransactionEvent} (purchase order + despatch advice,
 * temperature readings in CEL) followed by a receiving {@link ObjectEvent} (OBSERVE) signed by the
 * receiver. Quantities are exact decimals in TNE, KGM or H87.
 *
 * <p><b>Identifiers.</b> Lots are GS1 EPC class URNs ({@code urn:epc:class:lgtin:CompanyPrefix.ItemRef.Lot},
 * GS1 EPC Tag Data Standard, LGTIN) or GS1 Digital Link URIs ({@code https://id.gs1.org/01/{GTIN-14}/10/{lot}},
 * GS1 Digital Link URI Syntax: AI 01 GTIN, AI 10 batch/lot), with valid GTIN check digits. Actors are
 * party GLNs ({@code urn:epc:id:pgln:...}), read points are site GLNs ({@code urn:epc:id:sgln:...}),
 * business transactions are CBV 2.0 {@code urn:epcglobal:cbv:bt:{GLN}:{document}} identifiers.
 * Business steps and dispositions are CBV 2.0 bare words (EPCIS 2.0 JSON-LD form). The organisations
 * are fictitious and the GS1 company prefixes are illustrative, not assigned to them.
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

  // ---------------------------------------------------------------- lots

  /** Cobalt hydroxide, mine lot A (EPC class URN). */
  public static final LotId COBALT_HYDROXIDE_A = new LotId("urn:epc:class:lgtin:6150001.012001.CoOH-2601-017");
  /** Cobalt hydroxide, mine lot B. */
  public static final LotId COBALT_HYDROXIDE_B = new LotId("urn:epc:class:lgtin:6150001.012001.CoOH-2601-018");
  /** Lithium carbonate, battery grade. */
  public static final LotId LITHIUM_CARBONATE = new LotId("urn:epc:class:lgtin:7800001.030010.LC-260118");
  /** Nickel sulphate hexahydrate. */
  public static final LotId NICKEL_SULPHATE = new LotId("urn:epc:class:lgtin:6400002.040010.NS-26-0311");
  /** Cobalt sulphate heptahydrate, refined from both hydroxide lots. */
  public static final LotId COBALT_SULPHATE = new LotId("urn:epc:class:lgtin:6400001.020010.CS-26-0142");
  /** Manganese sulphate monohydrate, bought by the cathode maker outside the ledger. */
  public static final LotId MANGANESE_SULPHATE = new LotId("urn:epc:class:lgtin:5900001.050020.MS-ZA-2602");
  /** NMC 811 cathode active material (GS1 Digital Link, GTIN 05900001050019). */
  public static final LotId CATHODE_MATERIAL = new LotId("https://id.gs1.org/01/05900001050019/10/CAM811-2603-07");
  /** 60 Ah NMC 811 pouch cells (GTIN 07300001060014). */
  public static final LotId CELLS = new LotId("https://id.gs1.org/01/07300001060014/10/C60-2604-A12");
  /** One pack housing, a serialised trade item (SGTIN): the parent the cells are packed into. */
  public static final LotId PACK_HOUSING = new LotId("urn:epc:id:sgtin:4000002.070002.HSG-000481");
  /** The finished 96s2p battery pack lot (GTIN 04000002070014): the end of the chain. */
  public static final LotId PACK = new LotId("https://id.gs1.org/01/04000002070014/10/PK-2605-0001");

  /** Where this example's extension fields (pack ratings, cell chemistry) live. */
  private static final String NS = "https://demo.lotledger.io/ns/battery#";

  // ---------------------------------------------------------------- actors

  /**
   * One organisation in the chain: its display name, its signer (actor id = party GLN), the GLN of its
   * site (read point and business location) and its 13-digit GLN, which names its business documents.
   */
  private record Company(String name, ActorSigner signer, String site, String gln) {
    Company(String name, String companyPrefix, String siteRef, String gln) {
      this(name, demoSigner("urn:epc:id:pgln:" + companyPrefix + ".00000"),
          "urn:epc:id:sgln:" + companyPrefix + "." + siteRef + ".0", gln);
    }

    String party() {
      return signer.actor().uri();
    }

    /** A CBV 2.0 business transaction id issued by this company: urn:epcglobal:cbv:bt:{GLN}:{document}. */
    BizTransaction document(String type, String number) {
      return new BizTransaction(type, "urn:epcglobal:cbv:bt:" + gln + ":" + number);
    }
  }

  private final Company root = new Company("Battery Trace Consortium e.V.", "4000001", "00001", "4000001000005");
  private final Company mine = new Company("Lualaba Cobalt Mining SARL", "6150001", "00010", "6150001000005");
  private final Company refinery = new Company("Kokkola Cobalt Refining Oy", "6400001", "00020", "6400001000001");
  private final Company lithium = new Company("Atacama Lithium SpA", "7800001", "00030", "7800001000008");
  private final Company nickel = new Company("Harjavalta Nickel Oy", "6400002", "00040", "6400002000000");
  private final Company cathode = new Company("Nysa Cathode Materials sp. z o.o.", "5900001", "00050", "5900001000007");
  private final Company cellMaker = new Company("Skellefteå Cell Works AB", "7300001", "00060", "7300001000003");
  private final Company packer = new Company("Bavaria Battery Systems GmbH", "4000002", "00070", "4000002000004");

  /** The car maker the pack is shipped to: a destination party, not an actor of this ledger. */
  private static final String CAR_MAKER = "urn:epc:id:pgln:4000003.00000";
  private static final String CAR_MAKER_PLANT = "urn:epc:id:sgln:4000003.00001.0";

  /** What {@link #record} appended. */
  public record Summary(long entries, List<LotId> lots, List<ActorId> actors, LotId finalLot) {
    public Summary {
      lots = List.copyOf(lots);
      actors = List.copyOf(actors);
      if (finalLot == null) {
        throw new IllegalArgumentException("a summary needs the final lot");
      }
    }
  }

  /** The root actor's signer: create the ledger with it, e.g. {@code Ledger.create(dir, ORIGIN, root(), rootName())}. */
  public ActorSigner root() {
    return root.signer();
  }

  /** The root actor's display name, registered in the genesis entry. */
  public String rootName() {
    return root.name();
  }

  /** When the consortium created the ledger: the genesis entry's time, so that every run is identical. */
  public static final java.time.Instant GENESIS = java.time.Instant.parse("2026-01-05T07:00:00Z");

  /** Ledger options whose clock stamps the genesis entry at {@link #GENESIS}. */
  public static io.lotledger.LedgerOptions options() {
    return io.lotledger.LedgerOptions.DEFAULT.withClock(java.time.InstantSource.fixed(GENESIS));
  }

  /** A new in-memory ledger whose root is this chain's root, holding only its genesis entry. */
  public Ledger newInMemoryLedger() throws LedgerException {
    return Ledger.create(new io.lotledger.store.memory.InMemoryLedgerStore(), ORIGIN, root(), rootName(), options());
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
      throw new LedgerException(LedgerException.Code.ILLEGAL_STATE,
          "ledger " + ledger.origin() + " has root " + ledger.rootActor() + ", not the battery chain's root " + root.party());
    }
    if (ledger.size() != 1) {
      throw new LedgerException(LedgerException.Code.ILLEGAL_STATE,
          "ledger " + ledger.origin() + " holds " + ledger.size() + " entries; the battery chain needs a fresh ledger");
    }
    List<ActorId> actors = new ArrayList<>(List.of(root.signer().actor()));
    OffsetDateTime registered = at("2026-01-05T09:00:00+01:00");
    for (Company c : List.of(mine, refinery, lithium, nickel, cathode, cellMaker, packer)) {
      ledger.append(new RegistryEvent.ActorRegistered(c.signer().actor(), c.name(), c.signer().publicKey(), registered), root.signer());
      actors.add(c.signer().actor());
    }

    mineCobalt(ledger);
    supplyLithiumAndNickel(ledger);
    refineCobalt(ledger);
    makeCathodeMaterial(ledger);
    makeCells(ledger);
    assemblePack(ledger);

    return new Summary(ledger.size(), ledger.lots(), actors, PACK);
  }

  // ---------------------------------------------------------------- the chain, upstream to downstream

  /** Kolwezi (UTC+02:00): two hydroxide lots from one mine site, shipped together by road and sea. */
  private void mineCobalt(Ledger ledger) throws LedgerException {
    Certification dueDiligence = new Certification(
        "https://certificates.example.org/rmap/cobalt/CID-2025-0117",
        "Responsible Minerals Assurance Process (illustrative)", LocalDate.parse("2025-06-01"), LocalDate.parse("2027-05-31"));
    LotMasterData hydroxide = LotMasterData.NONE
        .withOrigin("CD", mine.site())
        .withCertifications(List.of(dueDiligence))
        .withCarbonFootprint(new BigDecimal("1.9"));
    commission(ledger, mine, LotQuantity.of(COBALT_HYDROXIDE_A.uri(), "12.5", "TNE"),
        hydroxide.withElements(List.of(ElementShare.of("Co", "0.34", "0", "0"))), at("2026-01-12T07:40:00+02:00"));
    commission(ledger, mine, LotQuantity.of(COBALT_HYDROXIDE_B.uri(), "10.2", "TNE"),
        hydroxide.withElements(List.of(ElementShare.of("Co", "0.36", "0", "0"))), at("2026-01-14T16:05:00+02:00"));
    ship(ledger, mine, refinery,
        List.of(LotQuantity.of(COBALT_HYDROXIDE_A.uri(), "12.5", "TNE"), LotQuantity.of(COBALT_HYDROXIDE_B.uri(), "10.2", "TNE")),
        "PO-4500012873", "DA-2601-0042", "24.5", at("2026-01-19T09:30:00+02:00"));
  }

  /** The other precursor salts, each commissioned by its own producer with its own master data. */
  private void supplyLithiumAndNickel(Ledger ledger) throws LedgerException {
    commission(ledger, lithium, LotQuantity.of(LITHIUM_CARBONATE.uri(), "20", "TNE"),
        LotMasterData.NONE
            .withOrigin("CL", lithium.site())
            .withElements(List.of(ElementShare.of("Li", "0.188", "0", "0")))
            .withCarbonFootprint(new BigDecimal("2.9"))
            .withCertifications(List.of(new Certification("https://certificates.example.org/irma/LI-2025-0031",
                "Initiative for Responsible Mining Assurance (illustrative)", LocalDate.parse("2025-09-01"), LocalDate.parse("2028-08-31")))),
        at("2026-01-20T10:00:00-03:00"));
    ship(ledger, lithium, cathode, List.of(LotQuantity.of(LITHIUM_CARBONATE.uri(), "8", "TNE")),
        "PO-7100004411", "DA-LC-0087", "22", at("2026-01-27T15:30:00-03:00"));

    commission(ledger, nickel, LotQuantity.of(NICKEL_SULPHATE.uri(), "50", "TNE"),
        LotMasterData.NONE
            .withOrigin("FI", nickel.site())
            .withElements(List.of(ElementShare.of("Ni", "0.222", "0.04", "0")))
            .withCarbonFootprint(new BigDecimal("1.4")),
        at("2026-02-23T06:00:00+02:00"));
    ship(ledger, nickel, cathode, List.of(LotQuantity.of(NICKEL_SULPHATE.uri(), "45", "TNE")),
        "PO-7100004420", "DA-NS-2602-19", "8.5", at("2026-02-27T13:45:00+02:00"));
  }

  /** Kokkola (UTC+02:00): receive, inspect, refine both hydroxide lots into one sulphate lot, ship part of it. */
  private void refineCobalt(Ledger ledger) throws LedgerException {
    List<LotQuantity> hydroxide =
        List.of(LotQuantity.of(COBALT_HYDROXIDE_A.uri(), "12.5", "TNE"), LotQuantity.of(COBALT_HYDROXIDE_B.uri(), "10.2", "TNE"));
    receive(ledger, refinery, mine, hydroxide, "DA-2601-0042", "27", at("2026-03-02T11:20:00+02:00"));
    ledger.append(ObjectEvent.observe(hydroxide, at("2026-03-03T08:15:00+02:00"),
        EventContext.of("inspecting", "conformant").withReadPoint(refinery.site()).withBizLocation(refinery.site())), refinery.signer());
    // 7.92 t Co in (12.5 x 0.34 + 10.2 x 0.36) at 96 % recovery: 36.3 t of CoSO4.7H2O at 20.95 % Co.
    transform(ledger, refinery, hydroxide, LotQuantity.of(COBALT_SULPHATE.uri(), "36.3", "TNE"),
        LotMasterData.NONE.withElements(List.of(ElementShare.of("Co", "0.2095", "0", "0"))).withCarbonFootprint(new BigDecimal("3.1")),
        at("2026-03-09T18:00:00+02:00"));
    ship(ledger, refinery, cathode, List.of(LotQuantity.of(COBALT_SULPHATE.uri(), "6", "TNE")),
        "PO-7100004436", "DA-CS-0311", "11", at("2026-03-16T07:00:00+02:00"));
  }

  /** Nysa (UTC+01:00 until the end of March): precursor salts in, NMC 811 cathode active material out. */
  private void makeCathodeMaterial(Ledger ledger) throws LedgerException {
    receive(ledger, cathode, lithium, List.of(LotQuantity.of(LITHIUM_CARBONATE.uri(), "8", "TNE")),
        "DA-LC-0087", "16.5", at("2026-03-17T09:10:00+01:00"));
    receive(ledger, cathode, nickel, List.of(LotQuantity.of(NICKEL_SULPHATE.uri(), "45", "TNE")),
        "DA-NS-2602-19", "9", at("2026-03-17T14:30:00+01:00"));
    receive(ledger, cathode, refinery, List.of(LotQuantity.of(COBALT_SULPHATE.uri(), "6", "TNE")),
        "DA-CS-0311", "10.5", at("2026-03-18T10:05:00+01:00"));
    // Manganese enters the ledger here: bought from a trader who does not record on this ledger.
    commission(ledger, cathode, LotQuantity.of(MANGANESE_SULPHATE.uri(), "4", "TNE"),
        LotMasterData.NONE.withOrigin("ZA", null).withElements(List.of(ElementShare.of("Mn", "0.32", null, null))),
        at("2026-03-18T11:00:00+01:00"));

    // LiNi0.8Mn0.1Co0.1O2 (97.3 g/mol): Ni 48.26 %, Li 7.13 %, Co 6.06 %, Mn 5.65 % by mass.
    transform(ledger, cathode,
        List.of(LotQuantity.of(COBALT_SULPHATE.uri(), "5.8", "TNE"), LotQuantity.of(NICKEL_SULPHATE.uri(), "43.5", "TNE"),
            LotQuantity.of(MANGANESE_SULPHATE.uri(), "3.5", "TNE"), LotQuantity.of(LITHIUM_CARBONATE.uri(), "7.6", "TNE")),
        LotQuantity.of(CATHODE_MATERIAL.uri(), "20", "TNE"),
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Ni", "0.4826", "0.04", "0"), ElementShare.of("Li", "0.0713", "0", "0"),
                ElementShare.of("Co", "0.0606", "0", "0"), ElementShare.of("Mn", "0.0565", null, null)))
            .withCarbonFootprint(new BigDecimal("18.6")),
        at("2026-03-23T22:00:00+01:00"));
    ledger.append(ObjectEvent.observe(List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "20", "TNE")), at("2026-03-25T08:00:00+01:00"),
        EventContext.of("inspecting", "conformant").withReadPoint(cathode.site()).withBizLocation(cathode.site())), cathode.signer());
    ship(ledger, cathode, cellMaker, List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "2000", "KGM")),
        "PO-SE-88120", "DA-CAM-0326", "18.5", at("2026-03-26T07:30:00+01:00"));
  }

  /** Skellefteå (UTC+02:00 from 29 March, summer time): cathode material in, 6000 cells out. */
  private void makeCells(Ledger ledger) throws LedgerException {
    receive(ledger, cellMaker, cathode, List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "2000", "KGM")),
        "DA-CAM-0326", "17", at("2026-03-30T13:00:00+02:00"));
    // About 0.33 kg of cathode material per 60 Ah cell.
    transform(ledger, cellMaker, List.of(LotQuantity.of(CATHODE_MATERIAL.uri(), "1980", "KGM")),
        LotQuantity.of(CELLS.uri(), "6000", "H87"),
        LotMasterData.NONE.withExtensions(List.of(
            new Extension(NS, "chemistry", "NMC811"), new Extension(NS, "nominalCapacityAh", "60"),
            new Extension(NS, "nominalVoltageV", "3.65"))),
        at("2026-04-08T04:00:00+02:00"));
    ledger.append(ObjectEvent.observe(List.of(LotQuantity.of(CELLS.uri(), "6000", "H87")), at("2026-04-20T10:00:00+02:00"),
        EventContext.of("inspecting", "conformant").withReadPoint(cellMaker.site()).withBizLocation(cellMaker.site())), cellMaker.signer());
    ship(ledger, cellMaker, packer, List.of(LotQuantity.of(CELLS.uri(), "192", "H87")),
        "PO-DE-310044", "DA-CELL-0422", "19", at("2026-04-22T08:00:00+02:00"));
  }

  /** Bavaria (UTC+02:00): cells packed into a housing, assembled into the pack lot, tested, shipped. */
  private void assemblePack(Ledger ledger) throws LedgerException {
    receive(ledger, packer, cellMaker, List.of(LotQuantity.of(CELLS.uri(), "192", "H87")),
        "DA-CELL-0422", "20.5", at("2026-04-27T09:40:00+02:00"));
    ledger.append(new AggregationEvent(Action.ADD, PACK_HOUSING, List.of(LotQuantity.of(CELLS.uri(), "192", "H87")),
        at("2026-05-04T08:30:00+02:00"),
        EventContext.of("packing", "in_progress").withReadPoint(packer.site()).withBizLocation(packer.site())), packer.signer());
    // 96s2p of 60 Ah / 3.65 V cells: 120 Ah, 350 V nominal, 42 kWh.
    TransformationEvent assembly = TransformationEvent.of(
        List.of(LotQuantity.of(CELLS.uri(), "192", "H87"), LotQuantity.of(PACK_HOUSING.uri(), "1", "H87")),
        List.of(LotQuantity.of(PACK.uri(), "1", "H87")),
        LotMasterData.NONE.withExtensions(List.of(
            new Extension(NS, "chemistry", "NMC811"), new Extension(NS, "configuration", "96s2p"),
            new Extension(NS, "ratedEnergyKWh", "42"), new Extension(NS, "ratedCapacityAh", "120"))),
        at("2026-05-04T15:10:00+02:00"),
        EventContext.of("assembling", "active").withReadPoint(packer.site()).withBizLocation(packer.site()));
    ledger.append(assembly, packer.signer());
    ledger.append(ObjectEvent.observe(List.of(LotQuantity.of(PACK.uri(), "1", "H87")), at("2026-05-05T11:00:00+02:00"),
        EventContext.of("inspecting", "conformant").withReadPoint(packer.site()).withBizLocation(packer.site())), packer.signer());
    ledger.append(new TransactionEvent(Action.ADD, List.of(LotQuantity.of(PACK.uri(), "1", "H87")), at("2026-05-06T07:15:00+02:00"),
        EventContext.of("shipping", "in_transit")
            .withReadPoint(packer.site())
            .withSources(List.of(new Party("owning_party", packer.party()), new Party("location", packer.site())))
            .withDestinations(List.of(new Party("owning_party", CAR_MAKER), new Party("location", CAR_MAKER_PLANT)))
            .withBizTransactions(List.of(
                new BizTransaction("po", "urn:epcglobal:cbv:bt:4000003000003:PO-EV-2026-5512"),
                packer.document("desadv", "DA-PK-0506")))
            .withSensorReadings(List.of(temperature("21", at("2026-05-06T07:15:00+02:00"), packer)))), packer.signer());
  }

  // ---------------------------------------------------------------- the four moves every actor makes

  /** EPCIS ObjectEvent ADD, CBV bizStep commissioning: a lot enters the ledger with its master data (ILMD). */
  private static void commission(Ledger ledger, Company by, LotQuantity lot, LotMasterData ilmd, OffsetDateTime time)
      throws LedgerException {
    ledger.append(ObjectEvent.add(List.of(lot), ilmd, time,
        EventContext.of("commissioning", "active").withReadPoint(by.site()).withBizLocation(by.site())), by.signer());
  }

  /**
   * EPCIS TransformationEvent, CBV bizStep commissioning (as in the EPCIS 2.0 standard's example): the
   * inputs' consumed quantities become the output lot, which becomes a child of every input.
   */
  private static void transform(Ledger ledger, Company by, List<LotQuantity> inputs, LotQuantity output,
      LotMasterData ilmd, OffsetDateTime time) throws LedgerException {
    ledger.append(TransformationEvent.of(inputs, List.of(output), ilmd, time,
        EventContext.of("commissioning", "active").withReadPoint(by.site()).withBizLocation(by.site())), by.signer());
  }

  /**
   * EPCIS TransactionEvent ADD, CBV bizStep shipping / disposition in_transit: the lots are tied to the
   * buyer's purchase order (CBV type po) and the seller's despatch advice (desadv), and custody leaves
   * the seller. A logger in the container reports the temperature at departure.
   */
  private static void ship(Ledger ledger, Company from, Company to, List<LotQuantity> lots, String po, String desadv,
      String celsius, OffsetDateTime time) throws LedgerException {
    ledger.append(new TransactionEvent(Action.ADD, lots, time,
        EventContext.of("shipping", "in_transit")
            .withReadPoint(from.site())
            .withSources(List.of(new Party("owning_party", from.party()), new Party("location", from.site())))
            .withDestinations(List.of(new Party("owning_party", to.party()), new Party("location", to.site())))
            .withBizTransactions(List.of(to.document("po", po), from.document("desadv", desadv)))
            .withSensorReadings(List.of(temperature(celsius, time, from)))), from.signer());
  }

  /** EPCIS ObjectEvent OBSERVE, CBV bizStep receiving / disposition in_progress, signed by the receiver. */
  private static void receive(Ledger ledger, Company at, Company from, List<LotQuantity> lots, String desadv,
      String celsius, OffsetDateTime time) throws LedgerException {
    ledger.append(ObjectEvent.observe(lots, time,
        EventContext.of("receiving", "in_progress")
            .withReadPoint(at.site())
            .withBizLocation(at.site())
            .withSources(List.of(new Party("owning_party", from.party())))
            .withDestinations(List.of(new Party("owning_party", at.party())))
            .withBizTransactions(List.of(from.document("desadv", desadv)))
            .withSensorReadings(List.of(temperature(celsius, time, at)))), at.signer());
  }

  /** A gs1:Temperature reading in degrees Celsius (UN/CEFACT CEL) from the company's data logger (a GIAI). */
  private static SensorReading temperature(String celsius, OffsetDateTime time, Company logger) {
    String companyPrefix = logger.party().substring("urn:epc:id:pgln:".length(), logger.party().lastIndexOf('.'));
    return new SensorReading("gs1:Temperature", new BigDecimal(celsius), "CEL", time,
        "urn:epc:id:giai:" + companyPrefix + ".TL-0042");
  }

  private static OffsetDateTime at(String isoTime) {
    return OffsetDateTime.parse(isoTime);
  }

  /**
   * A demo signer whose Ed25519 seed is SHA-256("lotledger battery demo key: " + actor): reproducible,
   * and therefore worthless as a secret.
   */
  private static ActorSigner demoSigner(String actor) {
    try {
      byte[] seed = MessageDigest.getInstance("SHA-256")
          .digest(("lotledger battery demo key: " + actor).getBytes(StandardCharsets.UTF_8));
      return new ActorSigner(new ActorId(actor), Ed25519Signer.fromSeed(seed));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("SHA-256 and 32-byte Ed25519 seeds are always available", e);
    }
  }

  /** Records the chain on an in-memory ledger and prints what it appended. */
  public static void main(String[] args) throws LedgerException {
    BatteryChain chain = new BatteryChain();
    try (Ledger ledger = chain.newInMemoryLedger()) {
      Summary summary = chain.record(ledger);
      ledger.verify();
      System.out.println(summary.entries() + " entries, " + summary.lots().size() + " lots, "
          + summary.actors().size() + " actors; final lot " + summary.finalLot());
      System.out.println("the pack is made from " + ledger.ancestors(summary.finalLot()));
    }
  }
}
