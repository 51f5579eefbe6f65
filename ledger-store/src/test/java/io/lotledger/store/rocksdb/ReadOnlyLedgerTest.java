package io.lotledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.error.LedgerException;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.spi.StoreException;
import io.lotledger.testing.TestChain;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger opened read-only beside the writer that holds it: no lock, a consistent state as of
 * opening, and no writes of any kind.
 */
class ReadOnlyLedgerTest {
  @TempDir Path dir;
  private final TestChain chain = new TestChain();

  private static ObjectEvent observe(int n) {
    return ObjectEvent.observe(
        List.of(LotQuantity.of(TestChain.ORE_A.uri(), "1", "KGM")),
        TestChain.T0.plusMinutes(n),
        EventContext.of("inspecting", "active"));
  }

  @Test
  void readsBesideAWriter_asOfOpening_andWritesNothing() throws Exception {
    try (Ledger writer = Ledger.create(dir, TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(writer);
      long before = writer.size();

      // A second writer is refused by the store's lock; a reader is not.
      assertThatThrownBy(() -> Ledger.open(dir)).isInstanceOf(StoreException.class);
      try (Ledger reader = Ledger.in(dir).readOnly().open()) {
        assertThat(reader.readOnly()).isTrue();
        assertThat(reader.size()).isEqualTo(before);
        reader.verify();
        assertThat(reader.lots()).contains(TestChain.ORE_A, TestChain.SULPHATE);

        // The writer goes on; the open reader keeps the state it opened on, which still verifies.
        writer.append(observe(1), chain.mine);
        writer.append(observe(2), chain.mine);
        assertThat(reader.size()).isEqualTo(before);
        assertThat(reader.history(TestChain.ORE_A))
            .hasSize(writer.history(TestChain.ORE_A).size() - 2);
        reader.verify();

        // It appends nothing and signs no checkpoint.
        assertThatThrownBy(() -> reader.append(observe(3), chain.mine))
            .isInstanceOfSatisfying(
                LedgerException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(LedgerException.Code.ILLEGAL_STATE);
                  assertThat(e).hasMessageContaining("opened read-only");
                });
        assertThatThrownBy(() -> reader.checkpoint(Ed25519Signer.generate(new SecureRandom())))
            .isInstanceOf(LedgerException.class)
            .hasMessageContaining("opened read-only");
      }
      // A reader opened now sees the writer's later appends.
      try (Ledger later = Ledger.in(dir).readOnly().open()) {
        assertThat(later.size()).isEqualTo(before + 2);
        later.verify();
      }
      writer.append(observe(4), chain.mine);
      assertThat(writer.size()).isEqualTo(before + 3);
    }
    try (Ledger reopened = Ledger.open(dir)) {
      assertThat(reopened.size()).isGreaterThan(0);
      reopened.verify();
    }
  }

  @Test
  void aReadOnlySetupCreatesNothing() {
    assertThatThrownBy(() -> Ledger.in(dir).readOnly().create(TestChain.ORIGIN, chain.root, "root"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Ledger.in(dir).readOnly().open())
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.NOT_FOUND));
  }
}
