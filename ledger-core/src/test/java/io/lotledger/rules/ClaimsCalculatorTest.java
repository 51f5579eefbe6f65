package io.lotledger.rules;

import static io.lotledger.testing.RecyclingChain.BLACK_MASS;
import static io.lotledger.testing.RecyclingChain.CONCENTRATE;
import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static io.lotledger.testing.RecyclingChain.SULPHATE_A;
import static io.lotledger.testing.RecyclingChain.SULPHATE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ElementShare;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.TransformationEvent;
import io.lotledger.testing.RecyclingChain;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The claims roll-up on hand-computed chains (arithmetic in {@link RecyclingChain} and in each
 * test).
 */
class ClaimsCalculatorTest {
  private final RecyclingChain chain = new RecyclingChain();
  private Ledger ledger;

  @AfterEach
  void close() throws LedgerException {
    if (ledger != null) {
      ledger.close();
    }
  }

  private Ledger honest() throws LedgerException {
    ledger = chain.newLedger();
    chain.record(ledger);
    return ledger;
  }

  /** The ledger up to BLACK_MASS, then PRECURSOR made with {@code claims}. */
  private Ledger withPrecursorClaims(LotMasterData claims) throws LedgerException {
    ledger = chain.newLedger();
    chain.recordUpToPrecursor(ledger);
    chain.makePrecursor(ledger, claims);
    return ledger;
  }

  private static void assertElement(
      Composition c, String element, String fraction, String pre, String post) {
    ElementBalance b = c.element(element);
    assertThat(b.massFraction()).as(element + " fraction").isEqualByComparingTo(fraction);
    assertThat(b.recycledPreConsumer()).as(element + " pre").isEqualByComparingTo(pre);
    assertThat(b.recycledPostConsumer()).as(element + " post").isEqualByComparingTo(post);
  }

  @Test
  void composition_mixingTwoInputs_weighsSharesByElementMass() throws Exception {
    Composition c = new ClaimsCalculator(honest()::history).composition(CONCENTRATE);

    // Co: ORE 1000 x 0.1 = 100 kg (pre 0) + SCRAP 500 x 0.2 = 100 kg (pre 1): pre 100/200 = 0.5;
    // fraction 200/1250.
    assertElement(c, "Co", "0.16", "0.5", "0");
    // Ni: only ORE holds Ni (SCRAP lists Co alone): 50 kg of 1250 kg.
    assertElement(c, "Ni", "0.04", "0", "0");
    // (1000 x 2 + 500 x 0.5 + 250 step) / 1250 = 2.
    assertThat(c.carbonFootprint()).isEqualByComparingTo("2");
    assertThat(c.massKg()).isEqualByComparingTo("1250");
    assertThat(c.carbonLowerBound()).isFalse();
    assertThat(c.otherElementsUnknown()).isFalse();
  }

  @Test
  void composition_splitIntoTwoOutputs_givesBothTheSameSharesAndFootprint() throws Exception {
    ClaimsCalculator calc = new ClaimsCalculator(honest()::history);

    for (LotId half : List.of(SULPHATE_A, SULPHATE_B)) {
      Composition c = calc.composition(half);
      assertElement(c, "Co", "0.16", "0.5", "0");
      assertElement(c, "Ni", "0.04", "0", "0");
      // (1250 x 2 + 125 step) / (500 + 750) = 2625 / 1250 = 2.1, the same per kg for both halves.
      assertThat(c.carbonFootprint()).isEqualByComparingTo("2.1");
    }
    assertThat(calc.composition(SULPHATE_A).massKg()).isEqualByComparingTo("500");
    assertThat(calc.composition(SULPHATE_B).massKg()).isEqualByComparingTo("750");
  }

  @Test
  void composition_recyclingLoop_mixesPostConsumerBlackMassWithMinedSulphate() throws Exception {
    Composition c = new ClaimsCalculator(honest()::history).composition(PRECURSOR);

    // Co: 500 x 0.16 = 80 kg (pre 40, post 0) + 100 x 0.45 = 45 kg (post 45) = 125 kg of 500 kg:
    // pre 40/125 = 0.32, post 45/125 = 0.36, fraction 0.25.
    assertElement(c, "Co", "0.25", "0.32", "0.36");
    assertThat(c.element("Co").recycled()).isEqualByComparingTo("0.68");
    // Ni: 500 x 0.04 = 20 kg (not recycled) + 100 x 0.3 = 30 kg (post) = 50 kg: post 0.6, fraction
    // 0.1.
    assertElement(c, "Ni", "0.1", "0", "0.6");
    // (500 x 2.1 + 100 x 0.7 + 100 step) / 500 = 1220 / 500 = 2.44.
    assertThat(c.carbonFootprint()).isEqualByComparingTo("2.44");
    assertThat(c.notes()).isEmpty();
    // Lead is listed nowhere and every input's composition is known: absent, not unknown.
    assertThat(c.element("Pb").absent()).isTrue();
  }

  @Test
  void findings_honestChain_areNone() throws Exception {
    assertThat(new ClaimsCalculator(honest()::history).findings(PRECURSOR)).isEmpty();
  }

  @Test
  void findings_overDeclaredRecycledShareAndOverFavourableCarbon_nameLotElementDeclaredAndComputed()
      throws Exception {
    // Co post 0.4 against 0.36 and carbon 2.4 against 2.44: beyond 0.005. Co pre 0.324 and Ni post
    // 0.604 are above the computed 0.32 and 0.6 by 0.004, within the tolerance.
    withPrecursorClaims(RecyclingChain.claims("0.25", "0.324", "0.4", "0.1", "0", "0.604", "2.4"));

    List<CheckFinding> findings = new ClaimsCalculator(ledger::history).findings(PRECURSOR);

    assertThat(findings).hasSize(2);
    CheckFinding recycled = findings.get(0);
    assertThat(recycled.kind()).isEqualTo(Failure.RECYCLED_POST_CONSUMER_ABOVE_COMPUTED);
    assertThat(recycled.lot()).isEqualTo(PRECURSOR);
    assertThat(recycled.path()).containsExactly(PRECURSOR);
    assertThat(recycled.element()).isEqualTo("Co");
    assertThat(recycled.declared()).isEqualTo("0.4");
    assertThat(recycled.computed()).isEqualTo("0.36");
    assertThat(recycled.detail()).contains("entry 12");
    CheckFinding carbon = findings.get(1);
    assertThat(carbon.kind()).isEqualTo(Failure.CARBON_FOOTPRINT_BELOW_COMPUTED);
    assertThat(carbon.lot()).isEqualTo(PRECURSOR);
    assertThat(carbon.element()).isNull();
    assertThat(carbon.declared()).isEqualTo("2.4");
    assertThat(carbon.computed()).isEqualTo("2.44");
    assertThat(carbon.toString())
        .doesNotContain("\n")
        .startsWith(
            "CARBON_FOOTPRINT_BELOW_COMPUTED lot "
                + PRECURSOR
                + " declared 2.4 computed 2.44 path "
                + PRECURSOR
                + ": ");
  }

  @Test
  void findings_claimsWithinTolerance_areNone_andTheToleranceIsConfigurable() throws Exception {
    withPrecursorClaims(
        RecyclingChain.claims("0.25", "0.324", "0.364", "0.1", "0.005", "0.6", "2.436"));
    assertThat(new ClaimsCalculator(ledger::history).findings(PRECURSOR)).isEmpty();

    assertThat(
            new ClaimsCalculator(
                    ledger::history, CheckOptions.DEFAULT.withTolerance(new BigDecimal("0.001")))
                .findings(PRECURSOR))
        .extracting(CheckFinding::kind, CheckFinding::element)
        .containsExactly(
            tuple(Failure.RECYCLED_PRE_CONSUMER_ABOVE_COMPUTED, "Co"),
            tuple(Failure.RECYCLED_PRE_CONSUMER_ABOVE_COMPUTED, "Ni"),
            tuple(Failure.RECYCLED_POST_CONSUMER_ABOVE_COMPUTED, "Co"),
            tuple(Failure.CARBON_FOOTPRINT_BELOW_COMPUTED, null));
  }

  @Test
  void findings_overClaimUpstream_namesTheUpstreamLotWithItsPath() throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    chain.commissionMined(ledger);
    chain.moveScrap(ledger, "22");
    chain.commissionEndOfLife(ledger);
    chain.refine(ledger);
    // BLACK_MASS claims Co pre-consumer 0.2 although all of its cobalt is post-consumer (pre 0).
    chain.transform(
        ledger,
        List.of(RecyclingChain.kg(RecyclingChain.EOL, "400")),
        List.of(RecyclingChain.kg(BLACK_MASS, "200")),
        LotMasterData.NONE.withElements(
            List.of(
                ElementShare.of("Co", "0.45", "0.2", "0.8"),
                ElementShare.of("Ni", "0.3", "0", "1"))),
        "40",
        10);
    chain.makePrecursor(ledger, LotMasterData.NONE);

    List<CheckFinding> findings = new ClaimsCalculator(ledger::history).findings(PRECURSOR);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.RECYCLED_PRE_CONSUMER_ABOVE_COMPUTED);
              assertThat(f.path()).containsExactly(PRECURSOR, BLACK_MASS);
              assertThat(f.declared()).isEqualTo("0.2");
              assertThat(f.computed()).isEqualTo("0");
            });
    // The less favourable value flows on: BLACK_MASS's Co counts as 0 pre and 0.8 post-consumer, so
    // PRECURSOR's Co post share is (45 x 0.8) / 125 = 0.288 and its pre share 40 / 125 = 0.32.
    Composition c = new ClaimsCalculator(ledger::history).composition(PRECURSOR);
    assertElement(c, "Co", "0.25", "0.32", "0.288");
  }

  @Test
  void composition_lotMadeByAnAddAndATransformation_mixesBothByMass_andALaterAddIsAClaim()
      throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    LotId mixed = RecyclingChain.lot("MIX-1");
    LotId feed = RecyclingChain.lot("FEED-1");
    chain.add(
        ledger,
        mixed,
        "100",
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.2", "0", "1")))
            .withCarbonFootprint(BigDecimal.ONE),
        1);
    chain.add(
        ledger,
        feed,
        "300",
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.1", "0", "0")))
            .withCarbonFootprint(new BigDecimal("3")),
        2);
    chain.transform(
        ledger,
        List.of(RecyclingChain.kg(feed, "300")),
        List.of(RecyclingChain.kg(mixed, "300")),
        LotMasterData.NONE,
        "0",
        3);
    // A later ADD re-declares MIX-1 with a post-consumer share of 0.45.
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(mixed)),
            LotMasterData.NONE.withElements(List.of(ElementShare.of("Co", "0.125", "0", "0.45"))),
            RecyclingChain.T0.plusHours(4),
            EventContext.of("commissioning", "active")),
        chain.refinery);

    ClaimsCalculator calc = new ClaimsCalculator(ledger::history);
    Composition c = calc.composition(mixed);

    // ADD: 100 kg, Co 20 kg all post-consumer, 100 kg CO2e. Transformation: 300 kg, Co 300 x 0.1 =
    // 30 kg,
    // 900 kg CO2e. Together: 400 kg, Co 50 kg (0.125), post 20/50 = 0.4, carbon 1000/400 = 2.5.
    assertThat(c.massKg()).isEqualByComparingTo("400");
    assertElement(c, "Co", "0.125", "0", "0.4");
    assertThat(c.carbonFootprint()).isEqualByComparingTo("2.5");
    assertThat(calc.findings(mixed))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.RECYCLED_POST_CONSUMER_ABOVE_COMPUTED);
              assertThat(f.declared()).isEqualTo("0.45");
              assertThat(f.computed()).isEqualTo("0.4");
              assertThat(f.detail()).contains("entry 5 re-declares");
            });
  }

  @Test
  void composition_lotMadeFromItsOwnDescendant_usesEachLotAsItStoodWhenConsumed() throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    LotId y = RecyclingChain.lot("Y");
    LotId x = RecyclingChain.lot("X");
    chain.add(
        ledger,
        y,
        "150",
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.1", "0", "0.5")))
            .withCarbonFootprint(BigDecimal.ONE),
        1);
    // The refinery keeps 100 kg of Y (and so stays its custodian) and turns 50 kg into X, then X
    // back into Y.
    chain.transform(
        ledger,
        List.of(RecyclingChain.kg(y, "50")),
        List.of(RecyclingChain.kg(x, "50")),
        LotMasterData.NONE,
        "0",
        2);
    chain.transform(
        ledger,
        List.of(RecyclingChain.kg(x, "50")),
        List.of(RecyclingChain.kg(y, "50")),
        LotMasterData.NONE,
        "30",
        3);

    ClaimsCalculator calc = new ClaimsCalculator(ledger::history);
    Composition cy = calc.composition(y);

    // X = Y as first commissioned: carbon (50 x 1 + 0) / 50 = 1. Y then gets X back with 30 kg
    // CO2e:
    // (50 x 1 + 30) / 50 = 1.6. Y in all: 200 kg, Co 20 kg (0.1), post 0.5, carbon (150 x 1 + 50 x
    // 1.6) / 200 = 1.15.
    assertThat(cy.massKg()).isEqualByComparingTo("200");
    assertElement(cy, "Co", "0.1", "0", "0.5");
    assertThat(cy.carbonFootprint()).isEqualByComparingTo("1.15");
    assertThat(calc.composition(x).carbonFootprint()).isEqualByComparingTo("1");
    assertThat(calc.findings(y)).isEmpty();
  }

  @Test
  void composition_inputCountedInPieces_isLeftOutAndMakesItsElementsUnknown() throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    LotId parts = RecyclingChain.lot("PARTS");
    LotId module = RecyclingChain.lot("MODULE");
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(parts.uri(), "10", "H87")),
            LotMasterData.NONE
                .withElements(List.of(ElementShare.of("Co", "0.1", "0", "0.3")))
                .withCarbonFootprint(BigDecimal.ONE),
            RecyclingChain.T0,
            EventContext.of("commissioning", "active")),
        chain.refinery);
    chain.transform(
        ledger,
        List.of(LotQuantity.of(parts.uri(), "10", "H87")),
        List.of(RecyclingChain.kg(module, "5")),
        LotMasterData.NONE.withElements(List.of(ElementShare.of("Co", "0.2", "0", "0.3"))),
        "1",
        1);

    ClaimsCalculator calc = new ClaimsCalculator(ledger::history);
    Composition c = calc.composition(module);

    assertThat(c.element("Co").massFraction()).isEqualByComparingTo("0.2"); // the declared assay
    assertThat(c.element("Co").recycledPostConsumer()).isNull();
    assertThat(c.carbonLowerBound()).isTrue();
    assertThat(c.notes())
        .anySatisfy(n -> assertThat(n).contains("entry 3").contains("stated in H87"));
    assertThat(calc.findings(module))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.CLAIM_NOT_COMPUTABLE);
              assertThat(f.element()).isEqualTo("Co");
              assertThat(f.declared()).isEqualTo("0.3");
              assertThat(f.computed()).isEqualTo("unknown");
            });
  }

  @Test
  void composition_piecesWithADeclaredNetWeight_areWeighedAndRollUp() throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    LotId cathode = RecyclingChain.lot("CATHODE");
    LotId cells = RecyclingChain.lot("CELLS");
    LotId pack = RecyclingChain.lot("PACK");
    chain.add(
        ledger,
        cathode,
        "100",
        LotMasterData.NONE
            .withElements(List.of(ElementShare.of("Co", "0.06", "0", "0.16")))
            .withCarbonFootprint(new BigDecimal("20")),
        1);
    io.lotledger.event.Extension oneKilo =
        new io.lotledger.event.Extension("https://gs1.org/voc/", "netWeight", "1 KGM");
    io.lotledger.event.Extension fiftyKilos =
        new io.lotledger.event.Extension("https://gs1.org/voc/", "netWeight", "50 KGM");
    // 100 kg of cathode material into 200 cells of 1 kg each (step: 200 kg CO2e); 100 cells into 2
    // packs of 50 kg.
    chain.transform(
        ledger,
        List.of(RecyclingChain.kg(cathode, "100")),
        List.of(LotQuantity.of(cells.uri(), "200", "H87")),
        LotMasterData.NONE.withExtensions(List.of(oneKilo)),
        "200",
        2);
    chain.transform(
        ledger,
        List.of(LotQuantity.of(cells.uri(), "100", "H87")),
        List.of(LotQuantity.of(pack.uri(), "2", "H87")),
        LotMasterData.NONE.withExtensions(List.of(fiftyKilos)),
        "0",
        3);

    ClaimsCalculator calc = new ClaimsCalculator(ledger::history);
    Composition c = calc.composition(pack);

    // Cells: 200 kg; Co 6 kg of 200 kg = 0.03, post-consumer 0.16; carbon (100 x 20 + 200) / 200 =
    // 11.
    // Pack: 100 cells = 100 kg in, 2 packs x 50 kg out: Co 3 kg / 100 kg = 0.03, post 0.16, carbon
    // 1100 / 100 = 11.
    assertThat(c.massKg()).isEqualByComparingTo("100");
    assertElement(c, "Co", "0.03", "0", "0.16");
    assertThat(c.carbonFootprint()).isEqualByComparingTo("11");
    assertThat(calc.findings(pack)).isEmpty();
  }

  @Test
  void findings_inputNeverCommissioned_isUnbackedWithItsPath() throws Exception {
    ledger = chain.newLedger();
    chain.recordUpToPrecursor(ledger);
    chain.makePrecursor(ledger, LotMasterData.NONE, RecyclingChain.kg(RecyclingChain.FLUX, "10"));

    List<CheckFinding> findings = new ClaimsCalculator(ledger::history).findings(PRECURSOR);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.UNBACKED_INPUT);
              assertThat(f.lot()).isEqualTo(RecyclingChain.FLUX);
              assertThat(f.path()).containsExactly(PRECURSOR, RecyclingChain.FLUX);
              assertThat(f.detail()).contains("entry 12");
            });
    // Its composition is unknown, so every element of PRECURSOR may hold more than the records
    // show.
    Composition c = new ClaimsCalculator(ledger::history).composition(PRECURSOR);
    assertThat(c.otherElementsUnknown()).isTrue();
    assertThat(c.element("Co").recycledPostConsumer()).isNull();
    assertThat(c.element("Pb").absent()).isFalse();
  }

  @Test
  void findings_importedRecordsDrawingMoreThanALotHad_areOverdrawnAtTheFirstSuchDraw()
      throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    LotId fish = RecyclingChain.lot("CATCH-1");
    LotId fillets = RecyclingChain.lot("FILLETS-1");
    LotId blend = RecyclingChain.lot("BLEND-1");
    LotId received = RecyclingChain.lot("LANDED-1");
    // Imported records (another system's, so no rule refuses them): a 9876 kg catch; 5000 kg
    // filleted,
    // then a blend drawing another 5000 kg of the catch with 300 kg received from outside: 10000 kg
    // of a 9876 kg lot.
    ledger.append(
        ObjectEvent.add(
            List.of(RecyclingChain.kg(fish, "9876")),
            null,
            RecyclingChain.T0.plusHours(1),
            EventContext.of("commissioning", "active").asImported()),
        chain.refinery);
    ledger.append(receipt(fish, "9876", true, 2), chain.refinery);
    ledger.append(receipt(received, "300", true, 2), chain.refinery);
    transform(List.of(RecyclingChain.kg(fish, "5000")), fillets, "4000", true, 3);
    transform(
        List.of(
            RecyclingChain.kg(fish, "5000"),
            RecyclingChain.kg(fillets, "4000"),
            RecyclingChain.kg(received, "300")),
        blend,
        "9300",
        true,
        4);
    long blending = ledger.size() - 1;

    List<CheckFinding> findings = new ClaimsCalculator(ledger::history).findings(blend);

    // The receipt after the commissioning moved the catch, it brought none in; the 300 kg received
    // from outside back their draw.
    assertThat(findings)
        .filteredOn(f -> f.kind() == Failure.OVERDRAWN_INPUT)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.lot()).isEqualTo(fish);
              assertThat(f.path()).containsExactly(blend, fish);
              assertThat(f.declared()).isEqualTo("10000 KGM drawn");
              assertThat(f.computed()).isEqualTo("9876 KGM recorded");
              assertThat(f.detail()).contains("entry " + blending);
            });
    assertThat(new ClaimsCalculator(ledger::history).findings(fillets))
        .noneMatch(f -> f.kind() == Failure.OVERDRAWN_INPUT);
  }

  @Test
  void findings_theLedgersOwnEventsNeverOverdraw_evenAroundExternalLotsAndImports()
      throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    LotId x = RecyclingChain.lot("X-1");
    LotId inPlace = RecyclingChain.lot("L-1");
    LotId w = RecyclingChain.lot("W-1");
    // (a) 5 kg drawn from X while it was external, then 10 kg received from outside and drawn.
    transform(List.of(RecyclingChain.kg(x, "5")), RecyclingChain.lot("Y-1"), "5", false, 1);
    ledger.append(receipt(x, "10", false, 2), chain.refinery);
    transform(List.of(RecyclingChain.kg(x, "10")), RecyclingChain.lot("Y-2"), "10", false, 3);
    // (b) an external lot processed in place (10 kg in, 9.5 kg of it out), then drawn whole.
    transform(List.of(RecyclingChain.kg(inPlace, "10")), inPlace, "9.5", false, 4);
    transform(
        List.of(RecyclingChain.kg(inPlace, "9.5")), RecyclingChain.lot("Z-1"), "9.5", false, 5);
    // (c) an imported record commissions 5 kg of W; the ledger's own receipt of 10 kg from outside,
    // then a 10 kg draw.
    ledger.append(
        ObjectEvent.add(
            List.of(RecyclingChain.kg(w, "5")),
            null,
            RecyclingChain.T0.plusHours(6),
            EventContext.of("commissioning", "active").asImported()),
        chain.refinery);
    ledger.append(receipt(w, "10", false, 7), chain.refinery);
    transform(List.of(RecyclingChain.kg(w, "10")), RecyclingChain.lot("V-1"), "10", false, 8);

    ClaimsCalculator calc = new ClaimsCalculator(ledger::history);
    for (String made : List.of("Y-2", "Z-1", "V-1")) {
      assertThat(calc.findings(RecyclingChain.lot(made)))
          .as(made)
          .noneMatch(f -> f.kind() == Failure.OVERDRAWN_INPUT);
    }
  }

  @Test
  void findings_importedReceiptsAlongAChainBringTheLotInOnce() throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    LotId q = RecyclingChain.lot("Q-1");
    // One batch received at each hop of an imported chain: 1000 kg came in, not 2000.
    ledger.append(receipt(q, "1000", true, 1), chain.refinery);
    ledger.append(
        ObjectEvent.observe(
            List.of(RecyclingChain.kg(q, "1000")),
            RecyclingChain.T0.plusHours(2),
            EventContext.of("shipping", "in_transit").asImported()),
        chain.refinery);
    ledger.append(receipt(q, "1000", true, 3), chain.refinery);
    transform(List.of(RecyclingChain.kg(q, "1900")), RecyclingChain.lot("R-1"), "1900", true, 4);

    assertThat(new ClaimsCalculator(ledger::history).findings(RecyclingChain.lot("R-1")))
        .filteredOn(f -> f.kind() == Failure.OVERDRAWN_INPUT)
        .singleElement()
        .satisfies(f -> assertThat(f.computed()).isEqualTo("1000 KGM recorded"));
  }

  private void transform(List<LotQuantity> in, LotId out, String kg, boolean imported, int hours)
      throws LedgerException {
    EventContext c = EventContext.of("commissioning", "active");
    ledger.append(
        new TransformationEvent(
            in,
            List.of(RecyclingChain.kg(out, kg)),
            null,
            null,
            null,
            RecyclingChain.T0.plusHours(hours),
            imported ? c.asImported() : c),
        chain.refinery);
  }

  private static ObjectEvent receipt(LotId lot, String kg, boolean imported, int hours) {
    EventContext c = EventContext.of("receiving", "in_progress");
    return ObjectEvent.observe(
        List.of(RecyclingChain.kg(lot, kg)),
        RecyclingChain.T0.plusHours(hours),
        imported ? c.asImported() : c);
  }

  @Test
  void composition_unknownLot_isNotFound_andAHugeAncestryIsRefused() throws Exception {
    honest();
    ClaimsCalculator calc = new ClaimsCalculator(ledger::history);
    assertThatThrownBy(() -> calc.composition(RecyclingChain.lot("NOPE")))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo(LedgerException.Code.NOT_FOUND);
              assertThat(e.getMessage()).contains("NOPE");
            });

    ClaimsCalculator bounded =
        new ClaimsCalculator(ledger::history, CheckOptions.DEFAULT.withMaxLotStates(3));
    assertThatThrownBy(() -> bounded.composition(PRECURSOR))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo(LedgerException.Code.INVALID_INPUT);
              assertThat(e.getMessage())
                  .contains("more than 3 lot states")
                  .contains(PRECURSOR.uri());
            });
  }
}
