package io.lotledger.rules;

import static io.lotledger.testing.RecyclingChain.BLACK_MASS;
import static io.lotledger.testing.RecyclingChain.CONCENTRATE;
import static io.lotledger.testing.RecyclingChain.EOL;
import static io.lotledger.testing.RecyclingChain.ORE;
import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static io.lotledger.testing.RecyclingChain.R2;
import static io.lotledger.testing.RecyclingChain.RMAP;
import static io.lotledger.testing.RecyclingChain.SCRAP;
import static io.lotledger.testing.RecyclingChain.SULPHATE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotMasterData;
import io.lotledger.rules.PolicyRule.ForbiddenOrigins;
import io.lotledger.rules.PolicyRule.MinimumRecycledShare;
import io.lotledger.rules.PolicyRule.RequireCertification;
import io.lotledger.rules.PolicyRule.TemperatureLimit;
import io.lotledger.testing.RecyclingChain;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each policy rule on {@link RecyclingChain}: found with its path when broken, silent when kept.
 */
class PolicyEvaluatorTest {
  private final RecyclingChain chain = new RecyclingChain();
  private Ledger ledger;

  @AfterEach
  void close() throws LedgerException {
    if (ledger != null) {
      ledger.close();
    }
  }

  private List<CheckFinding> evaluate(PolicyRule... rules) throws LedgerException {
    if (ledger == null) {
      ledger = chain.newLedger();
      chain.record(ledger);
    }
    return new PolicyEvaluator(ledger::history, CheckOptions.DEFAULT)
        .evaluate(PRECURSOR, new Policy("test", List.of(rules)));
  }

  private static MinimumRecycledShare minimum(String element, String min, boolean postOnly) {
    return new MinimumRecycledShare(element, new BigDecimal(min), postOnly);
  }

  private static TemperatureLimit celsius(String max, String from, String to) {
    return new TemperatureLimit("Temperature", new BigDecimal(max), "CEL", from, to);
  }

  @Test
  void requireCertification_originHoldingTheElementWithoutIt_isFoundWithItsPath() throws Exception {
    List<CheckFinding> findings = evaluate(new RequireCertification("Co", List.of(RMAP), false));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.MISSING_CERTIFICATION);
              assertThat(f.lot()).isEqualTo(EOL);
              assertThat(f.path()).containsExactly(PRECURSOR, BLACK_MASS, EOL);
              assertThat(f.element()).isEqualTo("Co");
              assertThat(f.declared()).isEqualTo(R2);
              assertThat(f.expected()).isEqualTo("one of [" + RMAP + "]");
              assertThat(f.detail()).contains("entry 8");
            });
  }

  @Test
  void requireCertification_everyOriginCertified_isNone_unlessValidityAtTheOriginDateIsRequired()
      throws Exception {
    assertThat(evaluate(new RequireCertification("Co", List.of(RMAP, R2), false))).isEmpty();
    assertThat(evaluate(new RequireCertification(null, List.of(RMAP, R2), false))).isEmpty();
    // Nickel: SCRAP declares no nickel, so only ORE and EOL must hold a certificate.
    assertThat(evaluate(new RequireCertification("Ni", List.of(RMAP, R2), true)))
        .extracting(CheckFinding::lot)
        .containsExactly(EOL); // R2 expired on 2026-02-28, EOL was commissioned on 2026-03-01

    assertThat(evaluate(new RequireCertification("Co", List.of(RMAP, R2), true)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.lot()).isEqualTo(EOL);
              assertThat(f.expected()).endsWith("valid on 2026-03-01");
            });
  }

  @Test
  void requireCertification_originWithoutMasterData_fails() throws Exception {
    ledger = chain.newLedger();
    chain.recordUpToPrecursor(ledger);
    chain.makePrecursor(ledger, LotMasterData.NONE, RecyclingChain.kg(RecyclingChain.FLUX, "10"));

    assertThat(evaluate(new RequireCertification("Co", List.of(RMAP, R2), false)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.lot()).isEqualTo(RecyclingChain.FLUX);
              assertThat(f.path()).containsExactly(PRECURSOR, RecyclingChain.FLUX);
              assertThat(f.declared()).isEqualTo("none");
            });
    // A prohibition needs a recorded value to fail: FLUX declares no country.
    assertThat(evaluate(new ForbiddenOrigins(List.of("KP", "CF")))).isEmpty();
  }

  @Test
  void forbiddenOrigins_originFromAListedCountry_isFoundWithItsPath() throws Exception {
    assertThat(evaluate(new ForbiddenOrigins(List.of("KP")))).isEmpty();

    assertThat(evaluate(new ForbiddenOrigins(List.of("KP", "CD"))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.FORBIDDEN_ORIGIN);
              assertThat(f.lot()).isEqualTo(ORE);
              assertThat(f.path()).containsExactly(PRECURSOR, SULPHATE_A, CONCENTRATE, ORE);
              assertThat(f.declared()).isEqualTo("CD");
              assertThat(f.expected()).isEqualTo("none of [CD, KP]");
            });
  }

  @Test
  void temperatureLimit_betweenBizSteps_ignoresReadingsOutsideTheWindow() throws Exception {
    // 18, 22 and 21 CEL from departing to arriving; the 35 CEL reading is while storing, later.
    assertThat(evaluate(celsius("25", "departing", "arriving"))).isEmpty();
    // Without bounds every reading counts.
    assertThat(evaluate(celsius("25", null, null)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.TEMPERATURE_ABOVE_LIMIT);
              assertThat(f.lot()).isEqualTo(SCRAP);
              assertThat(f.path()).containsExactly(PRECURSOR, SULPHATE_A, CONCENTRATE, SCRAP);
              assertThat(f.declared()).isEqualTo("35 CEL");
              assertThat(f.expected()).isEqualTo("at most 25 CEL");
              assertThat(f.detail()).contains("entry 7").contains("storing");
            });
  }

  @Test
  void temperatureLimit_excursionInTransit_isFound_inAnyTemperatureUnit() throws Exception {
    ledger = chain.newLedger();
    chain.registerActors(ledger);
    chain.commissionMined(ledger);
    chain.moveScrap(ledger, "30"); // recorded as https://gs1.org/voc/Temperature
    chain.commissionEndOfLife(ledger);
    chain.refine(ledger);
    chain.recycle(ledger);
    chain.makePrecursor(ledger, RecyclingChain.honestPrecursorClaims());

    assertThat(evaluate(celsius("25", "departing", "arriving")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.lot()).isEqualTo(SCRAP);
              assertThat(f.path()).containsExactly(PRECURSOR, SULPHATE_A, CONCENTRATE, SCRAP);
              assertThat(f.declared()).isEqualTo("30 CEL");
              assertThat(f.detail()).contains("entry 5");
            });
    // 30 CEL = 86 FAH = 303.15 KEL: above 85 FAH and 303 KEL, not above 86 FAH or 303.15 KEL.
    assertThat(
            evaluate(
                new TemperatureLimit(
                    "gs1:Temperature", new BigDecimal("85"), "FAH", "departing", "arriving")))
        .hasSize(1);
    assertThat(
            evaluate(
                new TemperatureLimit(
                    "gs1:Temperature", new BigDecimal("86"), "FAH", "departing", "arriving")))
        .isEmpty();
    assertThat(
            evaluate(
                new TemperatureLimit(
                    "gs1:Temperature", new BigDecimal("303"), "KEL", "departing", "arriving")))
        .hasSize(1);
    assertThat(
            evaluate(
                new TemperatureLimit(
                    "gs1:Temperature", new BigDecimal("303.15"), "KEL", "departing", "arriving")))
        .isEmpty();
    // Another sensor type is not a temperature reading.
    assertThat(
            evaluate(
                new TemperatureLimit(
                    "gs1:RelativeHumidity", new BigDecimal("0"), "CEL", null, null)))
        .isEmpty();
  }

  @Test
  void minimumRecycledShare_belowTheMinimum_isFoundOnTheCheckedLot() throws Exception {
    // Co: pre 0.32 + post 0.36 = 0.68; Ni: post 0.6.
    assertThat(evaluate(minimum("Co", "0.68", false), minimum("Ni", "0.6", true))).isEmpty();

    assertThat(evaluate(minimum("Co", "0.7", false)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Failure.RECYCLED_SHARE_BELOW_MINIMUM);
              assertThat(f.lot()).isEqualTo(PRECURSOR);
              assertThat(f.path()).containsExactly(PRECURSOR);
              assertThat(f.element()).isEqualTo("Co");
              assertThat(f.computed()).isEqualTo("0.68");
              assertThat(f.expected()).isEqualTo("at least 0.7");
            });
    assertThat(evaluate(minimum("Co", "0.4", true)))
        .singleElement()
        .satisfies(f -> assertThat(f.computed()).isEqualTo("0.36"));
  }

  @Test
  void minimumRecycledShare_euBatteryRegulation2031Thresholds_holdForThePrecursor()
      throws Exception {
    // EU 2023/1542 Art. 8(2), from 18 August 2031: 16 % Co, 85 % Pb, 6 % Li, 6 % Ni. The precursor
    // holds
    // no lead or lithium (every input's composition is known), so those thresholds do not apply.
    assertThat(
            evaluate(
                minimum("Co", "0.16", false),
                minimum("Pb", "0.85", false),
                minimum("Li", "0.06", false),
                minimum("Ni", "0.06", false)))
        .isEmpty();
  }

  @Test
  void rules_refuseBadValuesNamingTheField() {
    assertThatThrownBy(() -> new MinimumRecycledShare("Co", new BigDecimal("1.5"), false))
        .hasMessageContaining("minimum");
    assertThatThrownBy(() -> new MinimumRecycledShare("cobalt", BigDecimal.ONE, false))
        .hasMessageContaining("element");
    assertThatThrownBy(() -> new ForbiddenOrigins(List.of("Congo")))
        .hasMessageContaining("country");
    assertThatThrownBy(() -> new RequireCertification(null, List.of("not a uri"), false))
        .hasMessageContaining("certifications");
    assertThatThrownBy(
            () -> new TemperatureLimit("gs1:Temperature", BigDecimal.TEN, "XYZ", null, null))
        .hasMessageContaining("unit");
    assertThatThrownBy(
            () ->
                new TemperatureLimit(
                    "gs1:Temperature", new BigDecimal("1E+999999999"), "CEL", null, null))
        .hasMessageContaining("maximum");
  }
}
