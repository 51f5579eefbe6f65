package io.lotledger.rules;

import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static io.lotledger.testing.RecyclingChain.R2;
import static io.lotledger.testing.RecyclingChain.RMAP;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.event.LotMasterData;
import io.lotledger.rules.PolicyRule.ForbiddenOrigins;
import io.lotledger.rules.PolicyRule.MinimumRecycledShare;
import io.lotledger.rules.PolicyRule.RequireCertification;
import io.lotledger.rules.PolicyRule.TemperatureLimit;
import io.lotledger.testing.RecyclingChain;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotCheckTest {
  private final RecyclingChain chain = new RecyclingChain();

  private static final Policy DUE_DILIGENCE =
      new Policy(
          "due diligence",
          List.of(
              new RequireCertification("Co", List.of(RMAP, R2), false),
              new ForbiddenOrigins(List.of("KP")),
              new TemperatureLimit(
                  "gs1:Temperature", new BigDecimal("25"), "CEL", "departing", "arriving"),
              new MinimumRecycledShare("Co", new BigDecimal("0.16"), false),
              new MinimumRecycledShare("Ni", new BigDecimal("0.06"), false)));

  @Test
  void check_honestChainUnderAKeptPolicy_findsNothing() throws Exception {
    try (Ledger ledger = chain.newLedger()) {
      chain.record(ledger);

      CheckReport report =
          new LotCheck(ledger::history, DUE_DILIGENCE, CheckOptions.DEFAULT).check(PRECURSOR);

      assertThat(report.passed()).isTrue();
      assertThat(report.findings()).isEmpty();
      assertThat(report.composition().element("Co").recycled()).isEqualByComparingTo("0.68");
      // PRECURSOR, SULPHATE_A, BLACK_MASS, CONCENTRATE, EOL, ORE, SCRAP: one state each.
      assertThat(report.lotStates()).isEqualTo(7);
    }
  }

  @Test
  void check_dishonestChain_reportsClaimsUnbackedInputsAndPoliciesInOneDeterministicOrder()
      throws Exception {
    try (Ledger ledger = chain.newLedger()) {
      chain.registerActors(ledger);
      chain.commissionMined(ledger);
      chain.moveScrap(ledger, "30");
      chain.commissionEndOfLife(ledger);
      chain.refine(ledger);
      chain.recycle(ledger);
      chain.makePrecursor(
          ledger,
          LotMasterData.NONE.withCarbonFootprint(new BigDecimal("1")),
          RecyclingChain.kg(RecyclingChain.FLUX, "10"));
      Policy policy =
          new Policy(
              "strict",
              List.of(
                  new ForbiddenOrigins(List.of("CD")),
                  new TemperatureLimit(
                      "gs1:Temperature", new BigDecimal("25"), "CEL", "departing", "arriving")));
      LotCheck check = new LotCheck(ledger::history, policy, CheckOptions.DEFAULT);

      CheckReport report = check.check(PRECURSOR);

      assertThat(report.findings())
          .extracting(CheckFinding::kind)
          .containsExactly(
              Failure.CARBON_FOOTPRINT_BELOW_COMPUTED,
              Failure.UNBACKED_INPUT,
              Failure.FORBIDDEN_ORIGIN,
              Failure.TEMPERATURE_ABOVE_LIMIT);
      assertThat(report.findings())
          .allSatisfy(f -> assertThat(f.checkedLot()).isEqualTo(PRECURSOR));
      assertThat(check.check(PRECURSOR).findings()).isEqualTo(report.findings());
      assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains(RecyclingChain.FLUX.uri()));
    }
  }
}
