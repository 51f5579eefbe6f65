package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.entry.EntryCodec;
import io.lotledger.event.ActorId;
import io.lotledger.log.NodeHash;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.NoteKey;
import io.lotledger.note.NoteSignature;
import io.lotledger.note.NoteSigner;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.note.SignedNote;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.testing.TestChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bundles built from valid parts put together wrongly: proofs attached to other entries, entries
 * left out, checkpoints and earlier checkpoints of other keys, logs or histories, a trust file for
 * another ledger. Each fails with the {@link Failure} kind that names what is wrong.
 */
class BundleVerifierTest {
  private final BundleFixture fixture = new BundleFixture();
  private final TrustAnchors trust = fixture.trust();
  private final Bundle standard = BundleFixture.standard();
  private final Bundle simple = BundleFixture.simple();

  private Finding failureOf(Bundle bundle, TrustAnchors anchors) {
    return BundleFixture.verificationFailure(() -> BundleVerifier.verify(bundle, anchors, null));
  }

  private Finding failureOf(Bundle bundle) {
    return failureOf(bundle, trust);
  }

  @Test
  void verify_acceptsTheUntamperedBundles() throws Exception {
    assertThat(BundleVerifier.verify(standard, trust, null).entries()).isEqualTo(11);
    assertThat(BundleVerifier.verify(simple, trust, null).provenanceEntries()).isEqualTo(5);
  }

  // ------------------------------------------------------------------ proofs attached to other
  // entries

  @Test
  void verify_rejectsEveryPairOfEntriesWithTheirInclusionProofsSwapped() {
    List<Bundle.Item> items = standard.items();
    for (int i = 0; i < items.size(); i++) {
      for (int j = i + 1; j < items.size(); j++) {
        List<Bundle.Item> swapped = new ArrayList<>(items);
        Bundle.Item a = items.get(i);
        Bundle.Item b = items.get(j);
        swapped.set(i, new Bundle.Item(a.index(), a.rawEntry(), b.path()));
        swapped.set(j, new Bundle.Item(b.index(), b.rawEntry(), a.path()));

        Finding f = failureOf(BundleFixture.withItems(standard, swapped));

        assertThat(f.failure())
            .as("paths of %d and %d swapped", i, j)
            .isEqualTo(Failure.BAD_INCLUSION_PROOF);
        assertThat(f.index()).isEqualTo(a.index());
      }
    }
  }

  @Test
  void verify_rejectsEveryPairOfEntriesSwappedUnderTheirIndexesAndProofs() throws Exception {
    List<Bundle.Item> items = standard.items();
    for (int i = 0; i < items.size(); i++) {
      for (int j = i + 1; j < items.size(); j++) {
        List<Bundle.Item> swapped = new ArrayList<>(items);
        Bundle.Item a = items.get(i);
        Bundle.Item b = items.get(j);
        swapped.set(i, new Bundle.Item(a.index(), b.rawEntry(), a.path()));
        swapped.set(j, new Bundle.Item(b.index(), a.rawEntry(), b.path()));

        Finding f = failureOf(BundleFixture.withItems(standard, swapped));

        assertThat(f.failure())
            .as("entries %d and %d swapped", i, j)
            .isEqualTo(Failure.BAD_INCLUSION_PROOF);
        assertThat(f.index()).isEqualTo(a.index());
        assertThat(f.hash()).isEqualTo(EntryCodec.decode(b.rawEntry()).hash());
      }
    }
  }

  @Test
  void verify_rejectsAnEntryMovedToAnotherIndexWithItsOwnProof() {
    List<Bundle.Item> items = new ArrayList<>(standard.items());
    Bundle.Item nine = items.get(9);
    items.remove(8);
    items.set(
        8,
        new Bundle.Item(8, nine.rawEntry(), nine.path())); // entry 9's bytes and proof, at index 8

    Finding f = failureOf(BundleFixture.withItems(standard, items));

    assertThat(f.failure()).isEqualTo(Failure.BAD_INCLUSION_PROOF);
    assertThat(f.index()).isEqualTo(8);
  }

  @Test
  void verify_rejectsAnEntryAtOrBeyondTheCheckpointSize() throws Exception {
    Bundle beyond;
    try (Ledger ledger = fixture.populatedLedger()) {
      SignedCheckpoint cp = ledger.checkpoint(BundleFixture.LOG.signer());
      fixture.observeSulphate(ledger, 1, 10);
      Bundle atEight = BundleExporter.export(ledger, TestChain.SULPHATE, cp);
      List<Bundle.Item> items = new ArrayList<>(atEight.items());
      items.add(
          new Bundle.Item(
              8,
              ledger.entry(8).orElseThrow().signed().encoded(),
              ledger.inclusionProof(8, 9).path()));
      beyond = BundleFixture.withItems(atEight, items);
    }

    Finding f = failureOf(beyond);

    assertThat(f.failure()).isEqualTo(Failure.BAD_INCLUSION_PROOF);
    assertThat(f.index()).isEqualTo(8);
    assertThat(f.detail()).contains("beyond the checkpoint");
  }

  @Test
  void verify_rejectsProofsForALargerTreeUnderAnEarlierCheckpoint() {
    Bundle older =
        BundleFixture.withEarlier(
            BundleFixture.withCheckpoint(standard, standard.earlier().get(0).checkpoint()),
            List.of());

    Finding f = failureOf(older);

    assertThat(f.failure()).isEqualTo(Failure.BAD_INCLUSION_PROOF);
    assertThat(f.index()).isZero();
  }

  // ------------------------------------------------------------------ omissions

  @Test
  void verify_rejectsABundleMissingAnOreCommissioningAndNamesTheOre() throws Exception {
    Finding f = failureOf(BundleFixture.without(simple, 3));

    assertThat(f.failure()).isEqualTo(Failure.INCOMPLETE_BUNDLE);
    assertThat(f.lot()).isEqualTo(TestChain.ORE_A);
    assertThat(f.index()).isEqualTo(5); // the shipment, which links the commissioning
    assertThat(f.expected())
        .isEqualTo(EntryCodec.decode(simple.items().get(3).rawEntry()).hash().toHex());
  }

  @Test
  void verify_rejectsABundleMissingTheOtherOresCommissioning() {
    Finding f = failureOf(BundleFixture.without(simple, 4));

    assertThat(f.failure()).isEqualTo(Failure.INCOMPLETE_BUNDLE);
    assertThat(f.lot()).isEqualTo(TestChain.ORE_B);
    assertThat(f.index()).isEqualTo(5); // the shipment of both ores links ORE_B's commissioning
  }

  @Test
  void verify_rejectsABundleMissingEntryZero() {
    Finding f = failureOf(BundleFixture.without(simple, 0));

    assertThat(f.failure()).isEqualTo(Failure.INCOMPLETE_BUNDLE);
    assertThat(f.index()).isZero();
    assertThat(f.detail()).contains("root actor");
  }

  @Test
  void verify_rejectsABundleMissingTheRegistrationOfASigner() {
    Finding f =
        failureOf(
            BundleFixture.without(simple, 2)); // registers the refinery, which signs from entry 6

    assertThat(f.failure()).isEqualTo(Failure.UNKNOWN_KEY);
    assertThat(f.index()).isEqualTo(6);
  }

  @Test
  void verify_rejectsABundleWithoutAnyEntryOfItsLot() {
    Finding f = failureOf(BundleFixture.without(simple, 7));

    assertThat(f.failure()).isEqualTo(Failure.INCOMPLETE_BUNDLE);
    assertThat(f.lot()).isEqualTo(TestChain.SULPHATE);
    assertThat(f.detail()).contains("no entry of its lot");
  }

  // ------------------------------------------------------------------ trust

  @Test
  void verify_rejectsALedgerWhoseRootKeyIsNotTheTrustedOne() {
    TrustAnchors otherKey =
        new TrustAnchors(
            trust.origin(), trust.logKey(), trust.root(), fixture.chain.mine.publicKey());

    Finding f = failureOf(simple, otherKey);

    assertThat(f.failure()).isEqualTo(Failure.UNTRUSTED_ROOT);
    assertThat(f.index()).isZero();
  }

  @Test
  void verify_rejectsALedgerWhoseRootActorIsNotTheTrustedOne() {
    TrustAnchors otherActor =
        new TrustAnchors(
            trust.origin(),
            trust.logKey(),
            new ActorId("urn:lotledger:actor:impostor"),
            trust.rootKey());

    assertThat(failureOf(simple, otherActor).failure()).isEqualTo(Failure.UNTRUSTED_ROOT);
  }

  @Test
  void verify_rejectsABundleOfAnotherOrigin() {
    String other = "other.lotledger.io/ledger";
    TrustAnchors otherLedger =
        new TrustAnchors(
            other, NoteKey.of(other, BundleFixture.LOG.publicKey()), trust.root(), trust.rootKey());

    Finding f = failureOf(simple, otherLedger);
    Finding relabelled = failureOf(BundleFixture.withOrigin(simple, other));

    assertThat(f.failure()).isEqualTo(Failure.WRONG_ORIGIN);
    assertThat(f.expected()).isEqualTo(other);
    assertThat(f.actual()).isEqualTo(TestChain.ORIGIN);
    assertThat(relabelled.failure()).isEqualTo(Failure.WRONG_ORIGIN);
  }

  /** The same log key, trusted for another origin, does not vouch for this log's checkpoints. */
  @Test
  void verify_rejectsACheckpointOfAnotherLogSignedWithTheSameKey() {
    String other = "other.lotledger.io/ledger";
    TrustAnchors otherLedger =
        new TrustAnchors(
            other, NoteKey.of(other, BundleFixture.LOG.publicKey()), trust.root(), trust.rootKey());

    Finding f = failureOf(BundleFixture.withOrigin(simple, other), otherLedger);

    assertThat(f.failure()).isEqualTo(Failure.BAD_CHECKPOINT);
    assertThat(f.detail()).contains("origin");
  }

  @Test
  void verify_rejectsACheckpointSignedByAnotherKey() {
    SignedCheckpoint stranger =
        SignedCheckpoint.sign(simple.checkpoint().checkpoint(), BundleFixture.STRANGER.signer());

    Finding f = failureOf(BundleFixture.withCheckpoint(simple, stranger));

    assertThat(f.failure()).isEqualTo(Failure.BAD_CHECKPOINT);
    assertThat(f.detail()).contains("no signature by a trusted key");
  }

  @Test
  void verify_rejectsACheckpointWithAForgedSignatureUnderTheLogKeysNameAndId() {
    SignedCheckpoint cp = simple.checkpoint();
    NoteSignature real = cp.note().signatures().get(0);
    byte[] forged = real.signature();
    forged[10] ^= 1;
    SignedNote note =
        new SignedNote(
            cp.note().text(),
            List.of(real, NoteSignature.of(real.keyName(), real.keyId(), forged)));

    Finding f =
        failureOf(
            BundleFixture.withCheckpoint(simple, new SignedCheckpoint(cp.checkpoint(), note)));

    assertThat(f.failure()).isEqualTo(Failure.BAD_CHECKPOINT);
    assertThat(f.detail()).contains("does not verify");
  }

  /**
   * C2SP signed-note: signatures by keys the verifier does not know are ignored (witness
   * cosignatures).
   */
  @Test
  void verify_ignoresACosignatureByAnUntrustedWitness() throws Exception {
    SignedCheckpoint cp = simple.checkpoint();
    NoteSigner witness = NoteSigner.of("witness.example/w1", BundleFixture.STRANGER.signer());
    SignedCheckpoint cosigned = cp.withSignature(witness.sign(cp.note().text()));

    BundleVerifier.Verified v =
        BundleVerifier.verify(BundleFixture.withCheckpoint(simple, cosigned), trust, null);

    assertThat(v.checkpoint()).isEqualTo(cp.checkpoint());
    assertThat(cosigned.note().signatures()).hasSize(2);
  }

  /**
   * A log key that signs, under this ledger's origin, the tree of a ledger created for another
   * origin (same root, same entries otherwise) does not make that ledger's entries this ledger's.
   */
  @Test
  void verify_rejectsEntriesOfALedgerCreatedForAnotherOriginUnderATrustedCheckpoint()
      throws Exception {
    Bundle foreign;
    try (Ledger other =
        Ledger.inMemory()
            .options(BundleFixture.OPTIONS)
            .create("other.lotledger.io/ledger", fixture.chain.root, "Test root")) {
      fixture.chain.populate(other);
      SignedCheckpoint own = other.checkpoint(BundleFixture.LOG.signer());
      Bundle exported = BundleExporter.export(other, TestChain.SULPHATE, own);
      SignedCheckpoint misused =
          SignedCheckpoint.sign(
              Checkpoint.of(TestChain.ORIGIN, 8, other.root(8)), BundleFixture.LOG.signer());
      foreign =
          new Bundle(TestChain.ORIGIN, TestChain.SULPHATE, misused, exported.items(), List.of());
    }

    Finding f = failureOf(foreign);

    assertThat(f.failure()).isEqualTo(Failure.WRONG_ORIGIN);
    assertThat(f.index()).isZero();
    assertThat(f.actual()).isEqualTo("other.lotledger.io/ledger");
  }

  // ------------------------------------------------------------------ earlier checkpoints

  @Test
  void verify_rejectsAnEarlierCheckpointSignedByAnotherKey() {
    Bundle.Earlier first = standard.earlier().get(0);
    SignedCheckpoint stranger =
        SignedCheckpoint.sign(first.checkpoint().checkpoint(), BundleFixture.STRANGER.signer());
    Bundle b =
        BundleFixture.withEarlier(
            standard,
            List.of(new Bundle.Earlier(stranger, first.path()), standard.earlier().get(1)));

    Finding f = failureOf(b);

    assertThat(f.failure()).isEqualTo(Failure.BAD_CHECKPOINT);
    assertThat(f.detail()).contains("earlier checkpoint #0");
  }

  @Test
  void verify_rejectsAnEarlierCheckpointWhoseConsistencyProofWasAltered() {
    Bundle.Earlier second = standard.earlier().get(1);
    List<NodeHash> path = new ArrayList<>(second.path());
    byte[] h = path.get(0).toBytes();
    h[0] ^= 1;
    path.set(0, NodeHash.of(h));
    Bundle b =
        BundleFixture.withEarlier(
            standard,
            List.of(standard.earlier().get(0), new Bundle.Earlier(second.checkpoint(), path)));

    Finding f = failureOf(b);

    assertThat(f.failure()).isEqualTo(Failure.SPLIT_VIEW);
    assertThat(f.detail()).contains("earlier checkpoint #1 (size 9)");
  }

  /** The log signed two histories: the bundle itself is evidence of a split view. */
  @Test
  void verify_rejectsAnEarlierCheckpointOfAForkedHistorySignedByTheSameLog() throws Exception {
    SignedCheckpoint forked;
    try (Ledger fork = fixture.forkedLedger()) {
      forked = fork.checkpoint(BundleFixture.LOG.signer());
    }
    assertThat(forked.checkpoint().size()).isEqualTo(8);
    Bundle b =
        BundleFixture.withEarlier(
            standard,
            List.of(
                new Bundle.Earlier(forked, standard.earlier().get(0).path()),
                standard.earlier().get(1)));

    Finding f = failureOf(b);

    assertThat(f.failure()).isEqualTo(Failure.SPLIT_VIEW);
    assertThat(f.detail()).contains("earlier checkpoint #0 (size 8)");
  }

  @Test
  void verify_rejectsAnEarlierCheckpointThatIsNotSmaller() {
    Bundle b =
        BundleFixture.withEarlier(
            standard, List.of(new Bundle.Earlier(standard.checkpoint(), List.of())));

    Finding f = failureOf(b);

    assertThat(f.failure()).isEqualTo(Failure.BAD_CHECKPOINT);
    assertThat(f.detail()).contains("not smaller");
  }
}
