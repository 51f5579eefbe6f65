package io.lotledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
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
      assertThat(ledger.lots())
          .containsExactly(TestChain.ORE_A, TestChain.ORE_B, TestChain.SULPHATE);
      assertThat(ledger.history(TestChain.ORE_A))
          .extracting(Entry::index)
          .containsExactly(3L, 5L, 6L, 7L);
      assertThat(ledger.parents(TestChain.SULPHATE))
          .containsExactlyInAnyOrder(TestChain.ORE_A, TestChain.ORE_B);
      assertThat(ledger.ancestors(TestChain.SULPHATE))
          .containsExactlyInAnyOrder(TestChain.ORE_A, TestChain.ORE_B);
      assertThat(ledger.descendants(TestChain.ORE_B)).containsExactly(TestChain.SULPHATE);
      assertThat(ledger.head(TestChain.SULPHATE)).contains(ledger.entry(7).orElseThrow().hash());
      ledger.verifyLot(TestChain.SULPHATE);
    }
  }

  @Test
  void merkleRootsAndProofs_matchTheRfc9162TreeOverEntryHashes() throws Exception {
    try (Ledger ledger = chain.populatedLedger()) {
      for (int i = 0; i < 25; i++) {
        ledger.append(
            io.lotledger.event.ObjectEvent.observe(
                java.util.List.of(io.lotledger.event.LotQuantity.of(TestChain.SULPHATE)),
                TestChain.T0.plusHours(i),
                null),
            chain.refinery);
      }
      java.util.List<io.lotledger.log.NodeHash> leaves = new java.util.ArrayList<>();
      for (long i = 0; i < ledger.size(); i++) {
        leaves.add(
            io.lotledger.log.TreeHasher.leaf(ledger.entry(i).orElseThrow().hash().toBytes()));
      }
      var reference = new io.lotledger.log.ProofBuilder(io.lotledger.log.Subtrees.ofLeaves(leaves));

      for (long n = 1; n <= ledger.size(); n++) {
        io.lotledger.log.NodeHash root = ledger.root(n);
        assertThat(root).as("root of %d", n).isEqualTo(reference.root(n));
        for (long i = 0; i < n; i++) {
          ledger.inclusionProof(i, n).verify(leaves.get((int) i), root);
        }
        for (long m = 1; m <= n; m++) {
          ledger.consistencyProof(m, n).verify(ledger.root(m), root);
        }
      }
      assertThat(ledger.root(0)).isEqualTo(io.lotledger.log.TreeHasher.EMPTY_ROOT);
      assertThatThrownBy(() -> ledger.root(ledger.size() + 1))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e -> assertThat(e.code()).isEqualTo(LedgerException.Code.INVALID_INPUT));
      ledger.verify();
    }
  }

  @Test
  void verifyLot_unknownLot_isNotFound() throws Exception {
    try (Ledger ledger = chain.populatedLedger()) {
      assertThatThrownBy(() -> ledger.verifyLot(new LotId("urn:x:nothing")))
          .isInstanceOfSatisfying(
              LedgerException.class,
              e -> assertThat(e.code()).isEqualTo(LedgerException.Code.NOT_FOUND));
    }
  }
}
