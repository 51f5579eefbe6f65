package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.VerificationException;
import io.lotledger.testing.TestChain;
import org.junit.jupiter.api.Test;

class BundleRoundTripTest {
  private final TestChain chain = new TestChain();
  private final ActorSigner log = TestChain.signer("urn:lotledger:log", 77);

  private TrustAnchors trust(Ledger ledger) {
    return new TrustAnchors(
        ledger.origin(),
        NoteKey.of(ledger.origin(), log.publicKey()),
        chain.root.actor(),
        chain.root.publicKey());
  }

  @Test
  void exportedBundle_verifiesOfflineAndSurvivesSerialisation() throws Exception {
    try (Ledger ledger = chain.populatedLedger()) {
      SignedCheckpoint cp = ledger.checkpoint(log.signer());
      Bundle bundle = BundleExporter.export(ledger, TestChain.SULPHATE, cp);

      BundleVerifier.Verified v =
          BundleVerifier.verify(Bundle.parse(bundle.toBytes()), trust(ledger), null);

      assertThat(v.checkpoint().size()).isEqualTo(8);
      // Sulphate's transformation, ore A's ship + commission, ore B's observe + commission.
      assertThat(v.provenanceEntries()).isEqualTo(5);
      // ...plus genesis and the two registrations.
      assertThat(v.entries()).isEqualTo(8);
      ledger.verify();
    }
  }

  @Test
  void verify_rejectsABundleSignedByAnotherLogKey() throws Exception {
    try (Ledger ledger = chain.populatedLedger()) {
      SignedCheckpoint cp = ledger.checkpoint(log.signer());
      Bundle bundle = BundleExporter.export(ledger, TestChain.SULPHATE, cp);
      TrustAnchors wrong =
          new TrustAnchors(
              ledger.origin(),
              NoteKey.of(ledger.origin(), chain.mine.publicKey()),
              chain.root.actor(),
              chain.root.publicKey());

      assertThatThrownBy(() -> BundleVerifier.verify(bundle, wrong, null))
          .isInstanceOfSatisfying(
              VerificationException.class,
              e -> assertThat(e.finding().failure()).isEqualTo(Failure.BAD_CHECKPOINT));
    }
  }

  @Test
  void checkpoint_isStoredReusedAndVerified() throws Exception {
    try (Ledger ledger = chain.populatedLedger()) {
      SignedCheckpoint first = ledger.checkpoint(log.signer());
      assertThat(ledger.checkpoint(log.signer())).isEqualTo(first);
      assertThatThrownBy(() -> ledger.checkpoint(chain.mine.signer()))
          .hasMessageContaining("signs checkpoints with log key");
      assertThat(ledger.checkpoints()).containsExactly(first);
      ledger.verify();
    }
  }
}
