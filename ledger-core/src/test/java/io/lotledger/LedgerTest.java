package io.lotledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.entry.Entry;
import io.lotledger.event.LotId;
import io.lotledger.testing.TestChain;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final TestChain chain = new TestChain();

  @Test
  void populatedLedger_verifiesAndAnswersLineageQueries() throws Exception {
    try (Ledger ledger = chain.populatedLedger()) {
      assertThat(ledger.size()).isEqualTo(8);
      ledger.verify();
      assertThat(ledger.audit()).isEmpty();
      assertThat(ledger.lots()).containsExactly(TestChain.ORE_A, TestChain.ORE_B, TestChain.SULPHATE);
      assertThat(ledger.history(TestChain.ORE_A)).extracting(Entry::index).containsExactly(3L, 5L, 7L);
      assertThat(ledger.parents(TestChain.SULPHATE)).containsExactlyInAnyOrder(TestChain.ORE_A, TestChain.ORE_B);
      assertThat(ledger.ancestors(TestChain.SULPHATE)).containsExactlyInAnyOrder(TestChain.ORE_A, TestChain.ORE_B);
      assertThat(ledger.descendants(TestChain.ORE_B)).containsExactly(TestChain.SULPHATE);
      assertThat(ledger.head(TestChain.SULPHATE)).contains(ledger.entry(7).orElseThrow().hash());
      ledger.verifyLot(TestChain.SULPHATE);
    }
  }

  @Test
  void verifyLot_unknownLot_isNotFound() throws Exception {
    try (Ledger ledger = chain.populatedLedger()) {
      assertThatThrownBy(() -> ledger.verifyLot(new LotId("urn:x:nothing")))
          .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo(LedgerException.Code.NOT_FOUND));
    }
  }
}
