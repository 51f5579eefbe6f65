package io.lotledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.Table;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.testing.StoreSnapshot;
import io.lotledger.testing.TestChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caller-supplied {@link Signer}s (an HSM or KMS adapter): one that signs with the wrong key or
 * returns garbage gets nothing acknowledged, and one that is slow or blocks delays only its own
 * appends, never the committer that orders everybody's.
 *
 * <p>Races are staged with latches; the bounded waits ({@link #GUARD}) only keep a broken build
 * from hanging, they measure nothing.
 */
class CallerSignerTest {
  private static final long GUARD = 20;
  private final TestChain chain = new TestChain();
  private InMemoryLedgerStore store;
  private Ledger ledger;
  private final List<CountDownLatch> releaseOnTearDown = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    store = new InMemoryLedgerStore();
    ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
  }

  @AfterEach
  void tearDown() throws Exception {
    releaseOnTearDown.forEach(CountDownLatch::countDown); // never leave a signer blocked
    ledger.close();
  }

  // ------------------------------------------------------------------ signers under test

  /**
   * Claims {@code claimed}'s public key and signs with {@code key}'s for signatures {@code badFrom}
   * onwards (0-based; before that, with {@code claimed}'s): an adapter wired to the wrong key. Runs
   * {@code beforeSigning} with the call's number first.
   */
  private static final class ScriptedSigner implements Signer {
    private final Signer claimed;
    private final Signer key;
    private final int badFrom;
    private final IntConsumer beforeSigning;
    private final AtomicInteger calls = new AtomicInteger();

    ScriptedSigner(Signer claimed, Signer key, int badFrom, IntConsumer beforeSigning) {
      this.claimed = claimed;
      this.key = key;
      this.badFrom = badFrom;
      this.beforeSigning = beforeSigning;
    }

    @Override
    public byte[] sign(byte[] message) {
      int call = calls.getAndIncrement();
      beforeSigning.accept(call);
      return call >= badFrom ? key.sign(message) : claimed.sign(message);
    }

    @Override
    public Ed25519PublicKey publicKey() {
      return claimed.publicKey();
    }
  }

  /**
   * The refinery's actor with a signer that holds its key but signs with the mine's from call
   * {@code badFrom}.
   */
  private ActorSigner refineryWiredToMineKeyFrom(int badFrom, IntConsumer beforeSigning) {
    return new ActorSigner(
        chain.refinery.actor(),
        new ScriptedSigner(chain.refinery.signer(), chain.mine.signer(), badFrom, beforeSigning));
  }

  /**
   * The refinery's actor and key behind a caller-supplied signer that runs {@code beforeSigning}
   * first.
   */
  private ActorSigner refineryThrough(IntConsumer beforeSigning) {
    return refineryWiredToMineKeyFrom(Integer.MAX_VALUE, beforeSigning);
  }

  private CountDownLatch latch() {
    CountDownLatch l = new CountDownLatch(1);
    releaseOnTearDown.add(l);
    return l;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(GUARD, TimeUnit.SECONDS)) {
        throw new AssertionError("a latch was not released within the guard");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Event observe(LotId lot, int hours) {
    return ObjectEvent.observe(
        List.of(LotQuantity.of(lot)),
        TestChain.T0.plusDays(5).plusHours(hours),
        EventContext.of("inspecting", null));
  }

  private static Event commission(String lot) {
    return ObjectEvent.add(
        List.of(LotQuantity.of(lot, "1", "KGM")),
        null,
        TestChain.T0.plusDays(5),
        EventContext.of("commissioning", null));
  }

  /**
   * Asserts that {@code append} is refused with a bad signature by the refinery's key, and that
   * nothing changed.
   */
  private void assertBadSignatureUnchanged(int position, AppendTest.ThrowingAppend append)
      throws Exception {
    Map<Table, List<String>> before = StoreSnapshot.of(store);
    long size = ledger.size();

    assertThatThrownBy(append::run)
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.BAD_SIGNATURE);
              assertThat(e.finding().detail())
                  .contains(chain.refinery.publicKey().toHex(), ScriptedSigner.class.getName());
              assertThat(e.position()).isEqualTo(position);
            });

    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    assertThat(ledger.size()).isEqualTo(size);
    ledger.verify();
  }

  // ------------------------------------------------------------------ defect 2: bad signatures

  @Test
  void append_bySignerThatSignsWithAnotherKey_isRefusedAsBadSignature_andChangesNothing()
      throws Exception {
    ActorSigner wrongKey = refineryWiredToMineKeyFrom(0, call -> {});

    assertBadSignatureUnchanged(-1, () -> ledger.append(observe(TestChain.SULPHATE, 1), wrongKey));
  }

  @Test
  void append_bySignerThatReturnsGarbage_isRefusedAsBadSignature_andChangesNothing()
      throws Exception {
    Signer garbage =
        new Signer() {
          @Override
          public byte[] sign(byte[] message) {
            return new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
          }

          @Override
          public Ed25519PublicKey publicKey() {
            return chain.refinery.publicKey();
          }
        };
    ActorSigner refinery = new ActorSigner(chain.refinery.actor(), garbage);

    assertThatThrownBy(() -> ledger.append(observe(TestChain.SULPHATE, 1), refinery))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.BAD_SIGNATURE));
    assertThat(ledger.size()).isEqualTo(8);
    ledger.verify();
  }

  @Test
  void appendAll_bySignerThatGoesWrongAtTheThirdEvent_isRefusedAtPosition2_andChangesNothing()
      throws Exception {
    ActorSigner wrongFromThird = refineryWiredToMineKeyFrom(2, call -> {});
    List<Event> events =
        List.of(
            observe(TestChain.SULPHATE, 1),
            observe(TestChain.SULPHATE, 2),
            observe(TestChain.SULPHATE, 3));

    assertBadSignatureUnchanged(2, () -> ledger.appendAll(events, wrongFromThird));
  }

  @Test
  void append_whoseReSigningAfterARaceReturnsABadSignature_isRefused_andTheLedgerStillVerifies()
      throws Exception {
    CountDownLatch signing = latch();
    CountDownLatch headMoved = latch();
    // The first signature is good but links to a head that moves before it is committed; the one
    // made
    // when it is re-linked is by the wrong key.
    ActorSigner goesWrongWhenRelinking =
        refineryWiredToMineKeyFrom(
            1,
            call -> {
              if (call == 0) {
                signing.countDown();
                await(headMoved);
              }
            });

    CompletableFuture<Entry> racing =
        CompletableFuture.supplyAsync(
                () -> ledger.appendAsync(observe(TestChain.SULPHATE, 1), goesWrongWhenRelinking))
            .thenCompose(f -> f);
    await(signing);
    Entry winner = ledger.append(observe(TestChain.SULPHATE, 2), chain.refinery);
    headMoved.countDown();

    assertThat(racing)
        .failsWithin(GUARD, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.BAD_SIGNATURE);
              assertThat(e.finding().detail()).contains(chain.refinery.publicKey().toHex());
            });
    assertThat(ledger.size()).isEqualTo(winner.index() + 1);
    assertThat(ledger.head(TestChain.SULPHATE)).contains(winner.hash());
    ledger.verify();
  }

  @Test
  void create_withRootSignerThatSignsWithAnotherKey_isRefusedAsBadSignature() {
    ActorSigner root =
        new ActorSigner(
            chain.root.actor(),
            new ScriptedSigner(chain.root.signer(), chain.mine.signer(), 0, call -> {}));

    assertThatThrownBy(() -> Ledger.inMemory().create(TestChain.ORIGIN, root, "root"))
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.BAD_SIGNATURE);
              assertThat(e.finding().index()).isZero();
              assertThat(e.finding().detail()).contains(chain.root.publicKey().toHex());
            });
  }

  @Test
  void checkpoint_byLogKeySignerThatSignsWithAnotherKey_isRefused_andNothingIsStored()
      throws Exception {
    Signer logKey = TestChain.signer("urn:unused:log", 11).signer();
    Signer wiredWrong = new ScriptedSigner(logKey, chain.mine.signer(), 0, call -> {});

    assertThatThrownBy(() -> ledger.checkpoint(wiredWrong))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.BAD_CHECKPOINT);
              assertThat(e.finding().detail()).contains(logKey.publicKey().toHex(), "size 8");
            });
    assertThat(ledger.checkpoints()).isEmpty();
    assertThat(ledger.logKey()).isEmpty();

    assertThat(ledger.checkpoint(logKey).checkpoint().size()).isEqualTo(8);
  }

  // ------------------------------------------------------------------ defect 3: the committer runs
  // no caller code

  @Test
  void aSignerBlockedWhileReSigningAfterARace_doesNotStopAnotherCallersAppend() throws Exception {
    CountDownLatch signing = latch();
    CountDownLatch headMoved = latch();
    CountDownLatch reSigning = latch();
    CountDownLatch release = latch();
    ActorSigner slowHsm =
        refineryThrough(
            call -> {
              if (call == 0) { // signed against a head that then moves: must be re-linked
                signing.countDown();
                await(headMoved);
              } else if (call == 1) { // the re-signing blocks, as a stuck HSM would
                reSigning.countDown();
                await(release);
              }
            });

    CompletableFuture<Entry> racing =
        CompletableFuture.supplyAsync(
                () -> ledger.appendAsync(observe(TestChain.SULPHATE, 1), slowHsm))
            .thenCompose(f -> f);
    await(signing);
    Entry winner = ledger.append(observe(TestChain.SULPHATE, 2), chain.refinery);
    headMoved.countDown();
    await(reSigning);

    // Another caller's append commits while the HSM is stuck: the committer is not the one waiting.
    Entry other =
        ledger
            .appendAsync(commission("urn:lotledger:test:other-caller"), chain.mine)
            .get(GUARD, TimeUnit.SECONDS);
    assertThat(other.index()).isEqualTo(winner.index() + 1);
    assertThat(racing).isNotDone();

    release.countDown();
    Entry relinked = racing.get(GUARD, TimeUnit.SECONDS);
    assertThat(relinked.index()).isEqualTo(other.index() + 1);
    assertThat(relinked.signed().body().links().get(0).prev()).isEqualTo(winner.hash());
    ledger.verify();
  }

  @Test
  void anAppendToTheSameLot_waitsBehindOneBeingReSigned_soThatLotOrderIsSubmissionOrder()
      throws Exception {
    CountDownLatch signing = latch();
    CountDownLatch headMoved = latch();
    CountDownLatch reSigning = latch();
    CountDownLatch release = latch();
    ActorSigner slowHsm =
        refineryThrough(
            call -> {
              if (call == 0) {
                signing.countDown();
                await(headMoved);
              } else if (call == 1) {
                reSigning.countDown();
                await(release);
              }
            });

    CompletableFuture<Entry> first =
        CompletableFuture.supplyAsync(
                () -> ledger.appendAsync(observe(TestChain.SULPHATE, 1), slowHsm))
            .thenCompose(f -> f);
    await(signing);
    ledger.append(observe(TestChain.SULPHATE, 2), chain.refinery);
    headMoved.countDown();
    await(reSigning);
    CompletableFuture<Entry> second =
        ledger.appendAsync(observe(TestChain.SULPHATE, 3), chain.refinery);
    Entry unrelated =
        ledger
            .appendAsync(commission("urn:lotledger:test:unrelated"), chain.mine)
            .get(GUARD, TimeUnit.SECONDS);
    assertThat(second).isNotDone();

    release.countDown();
    assertThat(first.get(GUARD, TimeUnit.SECONDS).index()).isEqualTo(unrelated.index() + 1);
    assertThat(second.get(GUARD, TimeUnit.SECONDS).index()).isEqualTo(unrelated.index() + 2);
    ledger.verify();
  }

  @Test
  void aSignerBlockedWhileSigningABatch_doesNotStopAnotherCallersAppend() throws Exception {
    CountDownLatch signing = latch();
    CountDownLatch release = latch();
    ActorSigner slowHsm =
        refineryThrough(
            call -> {
              if (call == 0) {
                signing.countDown();
                await(release);
              }
            });

    CompletableFuture<List<Entry>> batch =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ledger.appendAll(
                    List.of(observe(TestChain.SULPHATE, 1), observe(TestChain.SULPHATE, 2)),
                    slowHsm);
              } catch (LedgerException e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            });
    await(signing);

    Entry other =
        ledger
            .appendAsync(commission("urn:lotledger:test:other-caller"), chain.mine)
            .get(GUARD, TimeUnit.SECONDS);
    assertThat(batch).isNotDone();

    release.countDown();
    assertThat(batch.get(GUARD, TimeUnit.SECONDS))
        .extracting(Entry::index)
        .containsExactly(other.index() + 1, other.index() + 2);
    ledger.verify();
  }

  @Test
  void aBatchWhoseLotHeadMovedWhileItWasSigned_isReLinkedWhole_andCommitsAfterTheWinner()
      throws Exception {
    CountDownLatch signing = latch();
    CountDownLatch headMoved = latch();
    ActorSigner slowHsm =
        refineryThrough(
            call -> {
              if (call == 0) {
                signing.countDown();
                await(headMoved);
              }
            });

    CompletableFuture<List<Entry>> batch =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                // The first signature links the lot to the head seen then, which moves before the
                // batch is judged.
                return ledger.appendAll(
                    List.of(
                        observe(TestChain.SULPHATE, 1),
                        commission("urn:lotledger:test:batch-new"),
                        observe(TestChain.SULPHATE, 2)),
                    slowHsm);
              } catch (LedgerException e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            });
    await(signing);
    Entry winner = ledger.append(observe(TestChain.SULPHATE, 3), chain.refinery);
    headMoved.countDown();

    List<Entry> entries = batch.get(GUARD, TimeUnit.SECONDS);
    assertThat(entries)
        .extracting(Entry::index)
        .containsExactly(winner.index() + 1, winner.index() + 2, winner.index() + 3);
    assertThat(entries.get(0).signed().body().links().get(0).prev()).isEqualTo(winner.hash());
    assertThat(entries.get(2).signed().body().links().get(0).prev())
        .isEqualTo(entries.get(0).hash());
    ledger.verify();
  }

  @Test
  void racingAppendsBatchesAndRegistrations_onASharedLot_throughCallerSigners_allCommitAndVerify()
      throws Exception {
    ActorSigner refinery = refineryThrough(call -> {}); // checked, re-signed off the committer
    int rounds = 30;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int id = t;
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < rounds; i++) {
                  ledger.append(observe(TestChain.SULPHATE, id * 100 + i), refinery);
                }
                return null;
              }));
    }
    work.add(
        pool.submit(
            () -> {
              for (int i = 0; i < rounds; i++) {
                ledger.appendAll(
                    List.of(
                        observe(TestChain.SULPHATE, 300 + i),
                        commission("urn:lotledger:test:race-" + i),
                        observe(TestChain.SULPHATE, 400 + i)),
                    refinery);
              }
              return null;
            }));
    work.add(
        pool.submit(
            () -> {
              for (int i = 0; i < rounds; i++) {
                ActorSigner newcomer =
                    TestChain.signer("urn:lotledger:actor:newcomer-" + i, 100 + i);
                ledger.append(
                    new io.lotledger.event.RegistryEvent.ActorRegistered(
                        newcomer.actor(), "n" + i, newcomer.publicKey(), TestChain.T0),
                    chain.root);
              }
              return null;
            }));
    for (java.util.concurrent.Future<?> f : work) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(ledger.size()).isEqualTo(8 + 2 * rounds + 3 * rounds + rounds);
    assertThat(ledger.history(TestChain.SULPHATE)).hasSize(1 + 2 * rounds + 2 * rounds);
    ledger.verify();
  }
}
