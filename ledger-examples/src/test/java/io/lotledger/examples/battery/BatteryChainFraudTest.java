package io.lotledger.examples.battery;

import static io.lotledger.examples.battery.BatteryChain.CATHODE_MATERIAL;
import static io.lotledger.examples.battery.BatteryChain.COBALT_HYDROXIDE_A;
import static io.lotledger.examples.battery.BatteryChain.COBALT_HYDROXIDE_B;
import static io.lotledger.examples.battery.BatteryChain.COBALT_SULPHATE;
import static io.lotledger.examples.battery.BatteryChain.LITHIUM_CARBONATE;
import static io.lotledger.examples.battery.BatteryChain.PACK;
import static io.lotledger.examples.battery.BatteryChain.RECYCLED_COBALT_SHARE;
import static io.lotledger.examples.battery.BatteryChain.UNCERTIFIED_COBALT_HYDROXIDE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.TransformationEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BatteryChain#withFraud()}: false claims that the append rules let through, recorded beside
 * the honest chain's facts.
 */
class BatteryChainFraudTest {
  private final BatteryChain chain = BatteryChain.withFraud();
  private Ledger ledger;
  private BatteryChain.Summary summary;

  @BeforeEach
  void record() throws LedgerException {
    ledger = chain.newInMemoryLedger();
    summary = chain.record(ledger);
  }

  @AfterEach
  void close() throws LedgerException {
    ledger.close();
  }

  @Test
  void fraudulentChain_recordsAndVerifies_becauseAClaimIsNoArithmeticViolation()
      throws LedgerException {
    assertThat(chain.plantsFraud()).isTrue();
    assertThat(summary.entries()).isEqualTo(43).isEqualTo(ledger.size());
    ledger.verify();
    assertThat(ledger.audit()).isEmpty();
    ledger.verifyLot(PACK);
  }

  @Test
  void fraudulentChain_endsInTheSamePack_andSummaryNamesThePlantedLots() throws LedgerException {
    assertThat(summary.finalLot()).isEqualTo(PACK);
    assertThat(summary.uncertifiedLots()).containsExactly(UNCERTIFIED_COBALT_HYDROXIDE);
    assertThat(summary.overDeclaredLots()).containsExactly(CATHODE_MATERIAL);
    assertThat(summary.cobaltOrigins())
        .containsExactly(COBALT_HYDROXIDE_A, COBALT_HYDROXIDE_B, UNCERTIFIED_COBALT_HYDROXIDE);

    List<LotId> honestLots = new ArrayList<>(recordHonestly().lots());
    honestLots.add(2, UNCERTIFIED_COBALT_HYDROXIDE);
    assertThat(summary.lots()).isEqualTo(honestLots).hasSize(14);
    assertThat(summary.lots().get(3)).isEqualTo(LITHIUM_CARBONATE);
  }

  @Test
  void uncertifiedHydroxide_isAMineLotWithoutCertificate_launderedThroughTheRefineryIntoThePack()
      throws LedgerException {
    LotMasterData uncertified = MassBalance.masterData(ledger, UNCERTIFIED_COBALT_HYDROXIDE);
    assertThat(uncertified.originCountry()).isEqualTo("CD");
    assertThat(MassBalance.share(uncertified, "Co")).isNotNull();
    assertThat(uncertified.certifications()).isEmpty();
    assertThat(MassBalance.masterData(ledger, COBALT_HYDROXIDE_A).certifications()).hasSize(1);
    assertThat(MassBalance.masterData(ledger, COBALT_HYDROXIDE_B).certifications()).hasSize(1);

    assertThat(ledger.parents(COBALT_SULPHATE)).contains(UNCERTIFIED_COBALT_HYDROXIDE);
    assertThat(ledger.ancestors(PACK))
        .contains(UNCERTIFIED_COBALT_HYDROXIDE)
        .containsAll(summary.recycledCobaltLots());
    assertThat(ledger.lotState(UNCERTIFIED_COBALT_HYDROXIDE).orElseThrow().consumed())
        .isEqualByComparingTo("2500");
  }

  @Test
  void cathodeMaterial_declaresThirtyPercentRecycledCobalt_whereMassBalanceGivesSixteen()
      throws LedgerException {
    TransformationEvent cam = (TransformationEvent) ledger.history(CATHODE_MATERIAL).get(0).event();
    ElementShare declared = MassBalance.share(cam.ilmd(), "Co");

    assertThat(declared.recycledPostConsumer()).isEqualByComparingTo("0.30");
    assertThat(MassBalance.postConsumerShare(ledger, cam, "Co"))
        .isEqualByComparingTo(RECYCLED_COBALT_SHARE);
    for (TransformationEvent t : MassBalance.transformations(ledger)) {
      ElementShare cobalt = MassBalance.share(t.ilmd(), "Co");
      if (cobalt != null && !t.equals(cam)) {
        assertThat(cobalt.recycledPostConsumer())
            .as("%s", t.outputs())
            .isEqualByComparingTo(MassBalance.postConsumerShare(ledger, t, "Co"));
      }
      if (t.ilmd().carbonFootprint() != null) {
        assertThat(t.ilmd().carbonFootprint())
            .as("%s", t.outputs())
            .isEqualByComparingTo(MassBalance.carbonFootprint(ledger, t));
      }
    }
  }

  private static BatteryChain.Summary recordHonestly() throws LedgerException {
    BatteryChain honest = new BatteryChain();
    try (Ledger l = honest.newInMemoryLedger()) {
      return honest.record(l);
    }
  }
}
