package io.lotledger.verify;

import static io.lotledger.testing.RecyclingChain.BLACK_MASS;
import static io.lotledger.testing.RecyclingChain.CONCENTRATE;
import static io.lotledger.testing.RecyclingChain.EOL;
import static io.lotledger.testing.RecyclingChain.FLUX;
import static io.lotledger.testing.RecyclingChain.ORE;
import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static io.lotledger.testing.RecyclingChain.SCRAP;
import static io.lotledger.testing.RecyclingChain.SULPHATE_A;
import static io.lotledger.testing.RecyclingChain.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.LotState;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.store.memory.StoreTampering;
import io.lotledger.testing.RecyclingChain;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Ledger#verifyLot} reads a lot's ancestry from its entries, not from the derived indexes,
 * and reports an index that disagrees with them: a deleted parents record must not hide an ancestor
 * from anyone who shows a lot's provenance as verified.
 */
class LotAncestryTest {
  private final RecyclingChain chain = new RecyclingChain();
  private final InMemoryLedgerStore store = new InMemoryLedgerStore();
  private Ledger ledger;

  @BeforeEach
  void record() throws Exception {
    ledger = Ledger.on(store).create(RecyclingChain.ORIGIN, chain.root, "Test consortium");
    chain.record(
        ledger); // the ledger stays open: closing it would close the store the tests tamper with
  }

  private static Consumer<VerificationException> finding(Consumer<Finding> check) {
    return e -> check.accept(e.finding());
  }

  @Test
  void verifyLot_returnsTheAncestryTheIndexesAlsoShow_nearestFirst() throws Exception {
    LotAncestry ancestry = ledger.verifyLot(PRECURSOR);

    assertThat(ancestry.verified()).isTrue();
    assertThat(ancestry.lots()).first().isEqualTo(PRECURSOR);
    assertThat(ancestry.ancestors()).containsExactlyElementsOf(ledger.ancestors(PRECURSOR));
    assertThat(ancestry.ancestors())
        .containsExactlyInAnyOrder(BLACK_MASS, SULPHATE_A, EOL, CONCENTRATE, ORE, SCRAP);
    for (LotId lot : ancestry.lots()) {
      assertThat(ancestry.parents(lot))
          .as("parents of %s", lot)
          .containsExactlyElementsOf(ledger.parents(lot));
      assertThat(ancestry.history(lot))
          .as("history of %s", lot)
          .extracting(Entry::hash)
          .containsExactlyElementsOf(ledger.history(lot).stream().map(Entry::hash).toList());
    }
    for (LotId lot : ancestry.lots()) {
      assertThat(ancestry.state(lot)).as("custody of %s", lot).isEqualTo(ledger.lotState(lot));
    }
    assertThat(ancestry.state(BLACK_MASS).orElseThrow().balance()).isEqualByComparingTo("100");
    assertThatThrownBy(() -> ancestry.history(FLUX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the ancestry of " + PRECURSOR);
  }

  @Test
  void verifyLot_reportsADeletedParentsRecordNamingTheLotAndTheParent() {
    StoreTampering.tamper(store, Table.PARENTS, StoreLayout.edgeKey(CONCENTRATE, SCRAP), null);

    assertThatThrownBy(() -> ledger.verifyLot(PRECURSOR))
        .isInstanceOfSatisfying(
            VerificationException.class,
            finding(
                f -> {
                  assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
                  assertThat(f.lot()).isEqualTo(CONCENTRATE);
                  assertThat(f.index())
                      .isEqualTo(9); // the transformation that made CONCENTRATE from SCRAP
                  assertThat(f.detail()).contains("parents record naming " + SCRAP + " is missing");
                }));
  }

  @Test
  void auditLot_showsEveryAncestorFromTheEntriesDespiteADeletedParentsRecord() throws Exception {
    StoreTampering.tamper(store, Table.PARENTS, StoreLayout.edgeKey(CONCENTRATE, SCRAP), null);
    assertThat(ledger.ancestors(PRECURSOR))
        .as("the damaged index hides SCRAP")
        .doesNotContain(SCRAP);

    LotAncestry audited = ledger.auditLot(PRECURSOR);

    assertThat(audited.verified()).isFalse();
    assertThat(audited.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.lot()).isEqualTo(CONCENTRATE));
    assertThat(audited.ancestors()).contains(SCRAP);
    assertThat(audited.parents(CONCENTRATE)).containsExactly(ORE, SCRAP);
    assertThat(audited.history(SCRAP))
        .extracting(Entry::index)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 9L);
  }

  @Test
  void verifyLot_reportsALotStateRecordThatDisagreesWithTheEntries() throws Exception {
    LotState blackMass = ledger.lotState(BLACK_MASS).orElseThrow();
    LotState forged =
        new LotState(
            blackMass.unit(),
            blackMass.produced(),
            blackMass.received(),
            java.math.BigDecimal.ZERO,
            blackMass.shippedOut(),
            blackMass.destroyed(),
            new java.util.TreeMap<>(
                java.util.Map.of(chain.refinery.actor(), new java.math.BigDecimal("200"))),
            blackMass.inTransit());
    StoreTampering.tamper(
        store,
        Table.LOT_STATE,
        StoreLayout.lotStateKey(BLACK_MASS),
        StoreLayout.lotStateValue(forged));

    assertThatThrownBy(() -> ledger.verifyLot(PRECURSOR))
        .isInstanceOfSatisfying(
            VerificationException.class,
            finding(
                f -> {
                  assertThat(f.lot()).isEqualTo(BLACK_MASS);
                  assertThat(f.detail()).contains("lot-state record");
                  assertThat(f.expected()).startsWith("100 KGM");
                  assertThat(f.actual()).startsWith("200 KGM");
                }));
    assertThat(ledger.auditLot(PRECURSOR).findings())
        .singleElement()
        .satisfies(f -> assertThat(f.lot()).isEqualTo(BLACK_MASS));
  }

  @Test
  void verifyLot_reportsAForgedParentsRecord() {
    StoreTampering.tamper(
        store, Table.PARENTS, StoreLayout.edgeKey(PRECURSOR, FLUX), StoreLayout.EMPTY);

    assertThatThrownBy(() -> ledger.verifyLot(PRECURSOR))
        .isInstanceOfSatisfying(
            VerificationException.class,
            finding(
                f -> {
                  assertThat(f.lot()).isEqualTo(PRECURSOR);
                  assertThat(f.detail())
                      .contains("parents record names " + FLUX + ", which no transformation");
                }));
  }

  @Test
  void verifyLot_reportsADeletedHistoryRecordOfAnAncestor() {
    StoreTampering.tamper(store, Table.HISTORY, StoreLayout.historyKey(SCRAP, 5), null);

    assertThatThrownBy(() -> ledger.verifyLot(PRECURSOR))
        .isInstanceOfSatisfying(
            VerificationException.class,
            finding(
                f -> {
                  assertThat(f.lot()).isEqualTo(SCRAP);
                  assertThat(f.index()).isEqualTo(5);
                  assertThat(f.detail()).contains("history record of entry 5 is missing");
                }));
  }

  @Test
  void verifyLot_verifiesWhatHappenedToAnAncestorAfterItWasConsumed() throws Exception {
    // BLACK_MASS gave 100 of its 200 kg to PRECURSOR (entry 12); entry 13 observes the rest
    // afterwards.
    ledger.append(
        ObjectEvent.observe(
            List.of(LotQuantity.of(BLACK_MASS)),
            T0.plusHours(20),
            EventContext.of("inspecting", "active")),
        chain.refinery);
    ledger.verifyLot(PRECURSOR);
    byte[] e13 = store.get(Table.ENTRIES, StoreLayout.entryKey(13));
    e13[e13.length - 1] ^= 1;
    StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(13), e13);

    assertThatThrownBy(() -> ledger.verifyLot(PRECURSOR))
        .isInstanceOfSatisfying(
            VerificationException.class,
            finding(
                f -> {
                  assertThat(f.index())
                      .isEqualTo(13); // the flip changes its hash: not the entry its head names
                  assertThat(f.lot()).isEqualTo(BLACK_MASS);
                }));
  }

  @Test
  void verifyLot_reportsAnAncestorsHeadRolledBackToHideItsLaterEntries() throws Exception {
    Entry before = ledger.history(BLACK_MASS).get(ledger.history(BLACK_MASS).size() - 1);
    ledger.append(
        ObjectEvent.observe(
            List.of(LotQuantity.of(BLACK_MASS)),
            T0.plusHours(20),
            EventContext.of("inspecting", "active")),
        chain.refinery);
    StoreTampering.tamper(
        store, Table.HEADS, StoreLayout.headKey(BLACK_MASS), before.hash().toBytes());

    assertThatThrownBy(() -> ledger.verifyLot(PRECURSOR))
        .isInstanceOfSatisfying(
            VerificationException.class,
            finding(
                f -> {
                  assertThat(f.lot()).isEqualTo(BLACK_MASS);
                  assertThat(f.index()).isEqualTo(13);
                  assertThat(f.detail()).contains("not on the lot's chain");
                }));
  }
}
