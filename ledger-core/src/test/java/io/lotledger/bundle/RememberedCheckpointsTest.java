package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.testing.TestChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remembered checkpoints keep the newest checkpoint accepted for a log and accept a later one only
 * if it provably extends it (RFC 9162 §2.1.4). Two ledgers that share their first entries and then
 * diverge, checkpointed with the same log key, are a split view; a smaller checkpoint is a
 * rollback. Either way both signed checkpoints are kept as evidence and the remembered one stays.
 */
class RememberedCheckpointsTest {
  private final BundleFixture fixture = new BundleFixture();
  private final TrustAnchors trust = fixture.trust();

  @TempDir Path dir;

  private RememberedCheckpoints remembering() {
    return new RememberedCheckpoints(dir);
  }

  private Path remembered() {
    return remembering().fileFor(TestChain.ORIGIN);
  }

  private Finding failureOf(Bundle bundle) {
    return BundleFixture.verificationFailure(
        () -> BundleVerifier.verify(bundle, trust, remembering()));
  }

  private List<Path> evidence() throws IOException {
    Path evidence = dir.resolve("evidence");
    if (!Files.isDirectory(evidence)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(evidence)) {
      return files.toList();
    }
  }

  private static String text(SignedCheckpoint cp) {
    return new String(cp.toBytes(), StandardCharsets.UTF_8);
  }

  /**
   * Ledger A's sulphate bundle at size 8 and ledger B's ore A bundle at size 8, B diverging after
   * entry 2.
   */
  private record Fork(Bundle a, Bundle b, Bundle bLarger) {}

  private Fork fork() throws Exception {
    try (Ledger a = fixture.populatedLedger();
        Ledger b = fixture.forkedLedger()) {
      assertThat(b.root(3)).as("shared prefix").isEqualTo(a.root(3));
      assertThat(b.root(8)).as("diverged").isNotEqualTo(a.root(8));
      Bundle bundleA =
          BundleExporter.export(a, TestChain.SULPHATE, a.checkpoint(BundleFixture.LOG.signer()));
      Bundle bundleB =
          BundleExporter.export(b, TestChain.ORE_A, b.checkpoint(BundleFixture.LOG.signer()));
      fixture.observeByMine(b, TestChain.ORE_A, "999", "KGM", 2, 40);
      Bundle larger =
          BundleExporter.export(b, TestChain.ORE_A, b.checkpoint(BundleFixture.LOG.signer()));
      return new Fork(bundleA, bundleB, larger);
    }
  }

  @Test
  void rememberedCheckpoints_remembersTheFirstCheckpointItSees() throws Exception {
    Bundle bundle = BundleFixture.simple();

    BundleVerifier.verify(bundle, trust, remembering());

    assertThat(Files.readAllBytes(remembered())).isEqualTo(bundle.checkpoint().toBytes());
    BundleVerifier.verify(bundle, trust, remembering()); // the same checkpoint again is fine
    assertThat(evidence()).isEmpty();
  }

  @Test
  void rememberedCheckpoints_rejectsAnotherTreeOfTheSameSizeAsASplitViewAndKeepsBothCheckpoints()
      throws Exception {
    Fork fork = fork();
    BundleVerifier.verify(fork.a(), trust, remembering());

    Finding f = failureOf(fork.b());

    assertThat(f.failure()).isEqualTo(Failure.SPLIT_VIEW);
    assertThat(f.detail()).contains("same size");
    assertThat(Files.readAllBytes(remembered())).isEqualTo(fork.a().checkpoint().toBytes());
    assertThat(evidence()).hasSize(1);
    assertThat(Files.readString(evidence().get(0)))
        .contains(text(fork.a().checkpoint()), text(fork.b().checkpoint()), "split view");
  }

  /** B's larger checkpoint carries a valid proof from B's own size 8, which does not extend A's. */
  @Test
  void rememberedCheckpoints_rejectsALargerCheckpointOfTheForkDespiteItsOwnConsistencyProof()
      throws Exception {
    Fork fork = fork();
    assertThat(fork.bLarger().earlier())
        .extracting(e -> e.checkpoint().checkpoint().size())
        .containsExactly(8L);
    BundleVerifier.verify(fork.bLarger(), trust, null); // valid on its own
    BundleVerifier.verify(fork.a(), trust, remembering());

    Finding f = failureOf(fork.bLarger());

    assertThat(f.failure()).isEqualTo(Failure.SPLIT_VIEW);
    assertThat(f.detail()).contains("does not extend the remembered one");
    assertThat(Files.readAllBytes(remembered())).isEqualTo(fork.a().checkpoint().toBytes());
    assertThat(Files.readString(evidence().get(0)))
        .contains(text(fork.a().checkpoint()), text(fork.bLarger().checkpoint()));
  }

  @Test
  void rememberedCheckpoints_rejectsASmallerCheckpointOfTheSameLogAsARollback() throws Exception {
    Bundle atEight;
    Bundle atTwelve;
    try (Ledger ledger = fixture.populatedLedger()) {
      atEight =
          BundleExporter.export(
              ledger, TestChain.SULPHATE, ledger.checkpoint(BundleFixture.LOG.signer()));
      fixture.observeSulphate(ledger, 4, 10);
      atTwelve =
          BundleExporter.export(
              ledger, TestChain.SULPHATE, ledger.checkpoint(BundleFixture.LOG.signer()));
    }
    assertThat(atTwelve.checkpoint().checkpoint().size()).isEqualTo(12);
    BundleVerifier.verify(atTwelve, trust, remembering());
    BundleVerifier.verify(atEight, trust, null); // validly signed, only older

    Finding f = failureOf(atEight);

    assertThat(f.failure()).isEqualTo(Failure.ROLLBACK);
    assertThat(f.expected()).startsWith("size 12");
    assertThat(f.actual()).startsWith("size 8");
    assertThat(Files.readAllBytes(remembered())).isEqualTo(atTwelve.checkpoint().toBytes());
    assertThat(Files.readString(evidence().get(0)))
        .contains(text(atTwelve.checkpoint()), text(atEight.checkpoint()), "rollback");
  }

  @Test
  void rememberedCheckpoints_acceptsGrowthProvenByAConsistencyProofAndRemembersTheNewSize()
      throws Exception {
    Bundle atEight;
    Bundle atFifteen;
    try (Ledger ledger = fixture.populatedLedger()) {
      atEight =
          BundleExporter.export(
              ledger, TestChain.SULPHATE, ledger.checkpoint(BundleFixture.LOG.signer()));
      fixture.observeSulphate(ledger, 7, 10);
      atFifteen =
          BundleExporter.export(
              ledger, TestChain.SULPHATE, ledger.checkpoint(BundleFixture.LOG.signer()));
    }
    BundleVerifier.verify(atEight, trust, remembering());

    BundleVerifier.Verified v = BundleVerifier.verify(atFifteen, trust, remembering());

    assertThat(v.checkpoint().size()).isEqualTo(15);
    assertThat(SignedCheckpoint.parse(Files.readAllBytes(remembered())).checkpoint().size())
        .isEqualTo(15);
    assertThat(evidence()).isEmpty();

    Bundle stripped = BundleFixture.withEarlier(atFifteen, List.of());
    Path fresh = dir.resolve("fresh");
    BundleVerifier.verify(atEight, trust, new RememberedCheckpoints(fresh));
    Finding f =
        BundleFixture.verificationFailure(
            () -> BundleVerifier.verify(stripped, trust, new RememberedCheckpoints(fresh)));
    assertThat(f.failure()).isEqualTo(Failure.SPLIT_VIEW);
    assertThat(f.detail()).contains("no consistency proof from the remembered size 8 to 15");
    assertThat(
            SignedCheckpoint.parse(
                    Files.readAllBytes(new RememberedCheckpoints(fresh).fileFor(TestChain.ORIGIN)))
                .checkpoint()
                .size())
        .isEqualTo(8);
  }

  @Test
  void rememberedCheckpoints_isNotConsultedWhenTheBundleFailsVerification() {
    Bundle broken = BundleFixture.without(BundleFixture.simple(), 0);

    assertThat(
            BundleFixture.verificationFailure(
                    () -> BundleVerifier.verify(broken, trust, remembering()))
                .failure())
        .isEqualTo(Failure.INCOMPLETE_BUNDLE);
    assertThat(remembered()).doesNotExist();
  }

  @Test
  void rememberedCheckpoints_refusesARememberedCheckpointThatNoLongerVerifies() throws Exception {
    Bundle bundle = BundleFixture.simple();
    BundleVerifier.verify(bundle, trust, remembering());
    byte[] stored = Files.readAllBytes(remembered());
    stored[stored.length - 5] ^= 1; // inside the signature
    Files.write(remembered(), stored);

    assertThatThrownBy(() -> BundleVerifier.verify(bundle, trust, remembering()))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("remembered checkpoint");
  }
}
