package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.testing.TestChain;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Ledgers, bundles and trust anchors for the bundle tests. Every key comes from a fixed seed and
 * every ledger from a fixed clock, so two ledgers built the same way hold identical bytes.
 */
final class BundleFixture {
  /** The key that signs the test ledgers' checkpoints. */
  static final ActorSigner LOG = TestChain.signer("urn:lotledger:log", 77);

  /** A key no trust file names. */
  static final ActorSigner STRANGER = TestChain.signer("urn:lotledger:stranger", 99);

  static final LedgerOptions OPTIONS =
      LedgerOptions.DEFAULT.withClock(InstantSource.fixed(TestChain.T0.toInstant()));

  final TestChain chain = new TestChain();

  /** A ledger holding only its genesis entry, in {@code store}. */
  Ledger emptyLedger(InMemoryLedgerStore store) throws LedgerException {
    return Ledger.on(store).options(OPTIONS).create(TestChain.ORIGIN, chain.root, "Test root");
  }

  /** The {@link TestChain} ledger of 8 entries, in {@code store}. */
  Ledger populatedLedger(InMemoryLedgerStore store) throws LedgerException {
    Ledger ledger = emptyLedger(store);
    chain.populate(ledger);
    return ledger;
  }

  Ledger populatedLedger() throws LedgerException {
    return populatedLedger(new InMemoryLedgerStore());
  }

  /**
   * A ledger that shares the {@link TestChain} ledger's first three entries (genesis and the two
   * registrations, byte for byte) and then diverges: the mine commissions ore A with another
   * quantity and observes it four times. 8 entries, like the populated ledger.
   */
  Ledger forkedLedger() throws LedgerException {
    Ledger ledger = emptyLedger(new InMemoryLedgerStore());
    chain.registerActors(ledger);
    ledger.append(
        ObjectEvent.add(
            List.of(LotQuantity.of(TestChain.ORE_A.uri(), "999", "KGM")),
            LotMasterData.NONE,
            TestChain.T0.plusHours(1),
            EventContext.of("commissioning", "active")),
        chain.mine);
    observeByMine(ledger, TestChain.ORE_A, "999", "KGM", 4, 20);
    return ledger;
  }

  /** What a verifier of the test ledgers trusts. */
  TrustAnchors trust() {
    return new TrustAnchors(
        TestChain.ORIGIN,
        NoteKey.of(TestChain.ORIGIN, LOG.publicKey()),
        chain.root.actor(),
        chain.root.publicKey());
  }

  /**
   * Appends {@code n} observations of the cobalt sulphate by the refinery, day {@code day} onwards.
   */
  void observeSulphate(Ledger ledger, int n, int day) throws LedgerException {
    for (int i = 0; i < n; i++) {
      ledger.append(
          ObjectEvent.observe(
              List.of(LotQuantity.of(TestChain.SULPHATE.uri(), "600", "KGM")),
              TestChain.T0.plusDays(day + i),
              EventContext.of("inspecting", "active")),
          chain.refinery);
    }
  }

  /** Appends {@code n} observations of {@code lot} by the mine, day {@code day} onwards. */
  void observeByMine(Ledger ledger, LotId lot, String amount, String unit, int n, int day)
      throws LedgerException {
    for (int i = 0; i < n; i++) {
      ledger.append(
          ObjectEvent.observe(
              List.of(LotQuantity.of(lot.uri(), amount, unit)),
              TestChain.T0.plusDays(day + i),
              EventContext.of("inspecting", "active")),
          chain.mine);
    }
  }

  /**
   * The bundle most adversarial tests attack: the cobalt sulphate's provenance as of the checkpoint
   * at size 11, with consistency proofs from the earlier checkpoints at sizes 8 and 9. Its 11
   * entries are every entry of the ledger (the lot's whole ancestry, the registry and its later
   * observations).
   */
  Bundle standardBundle() throws LedgerException {
    try (Ledger ledger = populatedLedger()) {
      ledger.checkpoint(LOG.signer());
      observeSulphate(ledger, 1, 10);
      ledger.checkpoint(LOG.signer());
      observeSulphate(ledger, 2, 11);
      SignedCheckpoint cp = ledger.checkpoint(LOG.signer());
      return BundleExporter.export(ledger, TestChain.SULPHATE, cp);
    }
  }

  /** {@link #standardBundle()}, built once per test run (bundles are immutable). */
  static Bundle standard() {
    return Cached.STANDARD;
  }

  /**
   * The cobalt sulphate's provenance as of the checkpoint at size 8, without earlier checkpoints:
   * its last entry is the lot's newest, so every record of it is needed. Built once per test run.
   */
  static Bundle simple() {
    return Cached.SIMPLE;
  }

  private static final class Cached {
    static final Bundle STANDARD;
    static final Bundle SIMPLE;

    static {
      try {
        BundleFixture fixture = new BundleFixture();
        STANDARD = fixture.standardBundle();
        try (Ledger ledger = fixture.populatedLedger()) {
          SIMPLE =
              BundleExporter.export(ledger, TestChain.SULPHATE, ledger.checkpoint(LOG.signer()));
        }
      } catch (LedgerException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  // ------------------------------------------------------------------ rebuilding bundles

  static Bundle withItems(Bundle b, List<Bundle.Item> items) {
    return new Bundle(b.origin(), b.lot(), b.checkpoint(), items, b.earlier());
  }

  static Bundle withEarlier(Bundle b, List<Bundle.Earlier> earlier) {
    return new Bundle(b.origin(), b.lot(), b.checkpoint(), b.items(), earlier);
  }

  static Bundle withCheckpoint(Bundle b, SignedCheckpoint checkpoint) {
    return new Bundle(b.origin(), b.lot(), checkpoint, b.items(), b.earlier());
  }

  static Bundle withLot(Bundle b, LotId lot) {
    return new Bundle(b.origin(), lot, b.checkpoint(), b.items(), b.earlier());
  }

  static Bundle withOrigin(Bundle b, String origin) {
    return new Bundle(origin, b.lot(), b.checkpoint(), b.items(), b.earlier());
  }

  /** The bundle without the entry at {@code index}. */
  static Bundle without(Bundle b, long index) {
    List<Bundle.Item> items = new ArrayList<>(b.items());
    if (!items.removeIf(i -> i.index() == index)) {
      throw new AssertionError("the bundle holds no entry " + index);
    }
    return withItems(b, items);
  }

  /** The finding of the {@link VerificationException} that {@code call} must throw. */
  static Finding verificationFailure(ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).isInstanceOf(VerificationException.class);
    return ((VerificationException) t).finding();
  }

  /** The protobuf message of a bundle file (after the magic and version byte). */
  static io.lotledger.bundle.proto.Bundle message(byte[] file) throws Exception {
    return io.lotledger.bundle.proto.Bundle.parseFrom(
        Arrays.copyOfRange(file, Bundle.MAGIC.length + 1, file.length));
  }

  /** A bundle file holding {@code message} under the magic and version byte. */
  static byte[] file(io.lotledger.bundle.proto.Bundle message) {
    return file(message.toByteArray());
  }

  /** A bundle file holding {@code body} (any bytes) under the magic and version byte. */
  static byte[] file(byte[] body) {
    byte[] out = Arrays.copyOf(Bundle.MAGIC, Bundle.MAGIC.length + 1 + body.length);
    out[Bundle.MAGIC.length] = (byte) Bundle.VERSION;
    System.arraycopy(body, 0, out, Bundle.MAGIC.length + 1, body.length);
    return out;
  }

  /**
   * Asserts that {@code thrown} is what reading a malformed bundle or trust file throws: a plain
   * {@link LedgerException} of code {@code INVALID_INPUT}.
   */
  static void invalidInput(Throwable thrown) {
    assertThat(thrown).isExactlyInstanceOf(LedgerException.class);
    assertThat(((LedgerException) thrown).code())
        .as(thrown.getMessage())
        .isEqualTo(LedgerException.Code.INVALID_INPUT);
  }

  /** Asserts that {@code thrown} is a typed rejection: invalid input, or a verification failure. */
  static void rejected(Throwable thrown) {
    if (!(thrown instanceof VerificationException)) {
      invalidInput(thrown);
    }
  }

  /** Parses and verifies a bundle file without remembered checkpoints. */
  static BundleVerifier.Verified parseAndVerify(byte[] file, TrustAnchors trust)
      throws LedgerException {
    return BundleVerifier.verify(Bundle.parse(file), trust, null);
  }
}
