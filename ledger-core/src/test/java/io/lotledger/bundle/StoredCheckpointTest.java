package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.log.NodeHash;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.store.memory.StoreTampering;
import io.lotledger.testing.TestChain;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkpoints a ledger stores are not derived from its entries, so the chain verifier checks
 * them on their own: each must verify under the pinned log key, be filed under its size, and carry
 * the root the tree has at that size. And the ledger never signs a new checkpoint over a rewritten
 * tree.
 */
class StoredCheckpointTest {
  private final BundleFixture fixture = new BundleFixture();
  private final InMemoryLedgerStore store = new InMemoryLedgerStore();

  /** The populated ledger of 8 entries with a checkpoint at size 8, in {@link #store}. */
  private Ledger checkpointed() throws Exception {
    Ledger ledger = fixture.populatedLedger(store);
    ledger.checkpoint(BundleFixture.LOG.signer());
    ledger.verify();
    return ledger;
  }

  private static Finding verifyFailure(Ledger ledger) {
    return BundleFixture.verificationFailure(ledger::verify);
  }

  @Test
  void verify_reportsACheckpointReplacedByOneOfAnotherRootSignedWithTheLogKey() throws Exception {
    try (Ledger ledger = checkpointed()) {
      NodeHash otherRoot = ledger.root(7);
      SignedCheckpoint forged =
          SignedCheckpoint.sign(
              Checkpoint.of(TestChain.ORIGIN, 8, otherRoot), BundleFixture.LOG.signer());
      StoreTampering.tamper(store, Table.CHECKPOINTS, StoreLayout.u64(8), forged.toBytes());

      Finding f = verifyFailure(ledger);

      assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
      assertThat(f.detail()).contains("checkpoint record", "does not have the signed root");
      assertThat(f.expected()).isEqualTo(otherRoot.toHex());
      assertThat(f.actual()).isEqualTo(ledger.root(8).toHex());
      List<Finding> all = ledger.audit();
      assertThat(all).hasSize(1);
      assertThat(all.get(0).failure()).isEqualTo(Failure.STORE_MISMATCH);
      assertThat(all.get(0).expected()).isEqualTo(otherRoot.toHex());
      assertThat(all.get(0).actual()).isEqualTo(ledger.root(8).toHex());
    }
  }

  @Test
  void verify_reportsAFlippedByteInAStoredCheckpoint() throws Exception {
    try (Ledger ledger = checkpointed()) {
      byte[] note = ledger.checkpoints().get(0).toBytes();
      for (int offset : new int[] {0, note.length / 2, note.length - 10}) {
        byte[] flipped = note.clone();
        flipped[offset] ^= 0x04;
        StoreTampering.tamper(store, Table.CHECKPOINTS, StoreLayout.u64(8), flipped);

        Finding f = verifyFailure(ledger);

        assertThat(f.failure()).as("offset %d", offset).isEqualTo(Failure.STORE_MISMATCH);
        assertThat(f.detail())
            .as("offset %d", offset)
            .contains("checkpoint record")
            .contains("does not verify");
      }
    }
  }

  @Test
  void verify_reportsACheckpointSignedByAnotherKey() throws Exception {
    try (Ledger ledger = checkpointed()) {
      SignedCheckpoint stranger =
          SignedCheckpoint.sign(
              ledger.checkpoints().get(0).checkpoint(), BundleFixture.STRANGER.signer());
      StoreTampering.tamper(store, Table.CHECKPOINTS, StoreLayout.u64(8), stranger.toBytes());

      Finding f = verifyFailure(ledger);

      assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
      assertThat(f.detail()).contains("checkpoint record", "does not verify");
    }
  }

  @Test
  void verify_reportsACheckpointFiledUnderAnotherSize() throws Exception {
    try (Ledger ledger = checkpointed()) {
      byte[] note = ledger.checkpoints().get(0).toBytes();
      StoreTampering.tamper(store, Table.CHECKPOINTS, StoreLayout.u64(8), null);
      StoreTampering.tamper(store, Table.CHECKPOINTS, StoreLayout.u64(7), note);

      Finding f = verifyFailure(ledger);

      assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
      assertThat(f.detail()).contains("checkpoint record", "filed under another size");
    }
  }

  @Test
  void verify_reportsACheckpointCoveringMoreEntriesThanTheLedgerHolds() throws Exception {
    try (Ledger ledger = checkpointed()) {
      SignedCheckpoint ahead =
          SignedCheckpoint.sign(
              Checkpoint.of(TestChain.ORIGIN, 9, ledger.root(8)), BundleFixture.LOG.signer());
      StoreTampering.tamper(store, Table.CHECKPOINTS, StoreLayout.u64(9), ahead.toBytes());

      Finding f = verifyFailure(ledger);

      assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
      assertThat(f.detail()).contains("checkpoint record", "covers more entries");
    }
  }

  @Test
  void verify_reportsCheckpointsWithoutAPinnedLogKey() throws Exception {
    try (Ledger ledger = checkpointed()) {
      StoreTampering.tamper(store, Table.META, StoreLayout.META_LOG_KEY, null);

      Finding f = verifyFailure(ledger);

      assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
      assertThat(f.detail()).contains("checkpoints are stored but no log key is pinned");
    }
  }

  @Test
  void checkpoint_refusesToSignAfterTheTreeWasRewritten() throws Exception {
    try (Ledger ledger = checkpointed()) {
      NodeHash before = ledger.root(8);
      byte[] node =
          before.toBytes(); // the stored perfect subtree over leaves 0..7 is the root at size 8
      node[0] ^= 1;
      StoreTampering.tamper(store, Table.TREE, StoreLayout.treeKey(3, 0), node);
      assertThat(ledger.root(8)).isNotEqualTo(before);

      Finding same =
          BundleFixture.verificationFailure(() -> ledger.checkpoint(BundleFixture.LOG.signer()));
      fixture.observeSulphate(ledger, 1, 10);
      Finding grown =
          BundleFixture.verificationFailure(() -> ledger.checkpoint(BundleFixture.LOG.signer()));

      for (Finding f : new Finding[] {same, grown}) {
        assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
        assertThat(f.detail()).contains("no longer matches its checkpoint at size 8");
        assertThat(f.expected()).isEqualTo(before.toHex());
      }
      assertThat(ledger.checkpoints()).hasSize(1);
      assertThat(ledger.audit()).extracting(Finding::failure).contains(Failure.STORE_MISMATCH);
    }
  }
}
