package io.lotledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.spi.ForwardingLedgerStore;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.testing.StoreSnapshot;
import io.lotledger.testing.TestChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AppendTest {
  private final TestChain chain = new TestChain();
  private InMemoryLedgerStore store;
  private Ledger ledger;

  @BeforeEach
  void setUp() throws Exception {
    store = new InMemoryLedgerStore();
    ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
  }

  @AfterEach
  void tearDown() throws Exception {
    ledger.close();
  }

  private static Event observe(LotId lot, int hours) {
    return ObjectEvent.observe(
        List.of(LotQuantity.of(lot)),
        TestChain.T0.plusHours(hours),
        EventContext.of("inspecting", null));
  }

  /**
   * Asserts that {@code append} is rejected with {@code failure} and that the store did not change.
   */
  private void assertRejectedUnchanged(Failure failure, ThrowingAppend append) throws Exception {
    Map<Table, List<String>> before = StoreSnapshot.of(store);
    long size = ledger.size();

    assertThatThrownBy(append::run)
        .isInstanceOfSatisfying(
            AppendRejectedException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(failure);
              assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED);
            });

    assertThat(StoreSnapshot.of(store)).isEqualTo(before);
    assertThat(ledger.size()).isEqualTo(size);
    ledger.verify();
  }

  @FunctionalInterface
  interface ThrowingAppend {
    void run() throws Exception;
  }

  @Test
  void append_withStaleHead_isRejectedAndChangesNothing() throws Exception {
    SignedEntry stale = ledger.prepare(observe(TestChain.SULPHATE, 200), chain.refinery);
    ledger.append(observe(TestChain.SULPHATE, 201), chain.refinery); // moves the head

    assertRejectedUnchanged(Failure.LINK_MISMATCH, () -> ledger.append(stale));
  }

  @Test
  void append_withBadSignature_isRejectedAndChangesNothing() throws Exception {
    SignedEntry good = ledger.prepare(observe(TestChain.SULPHATE, 200), chain.refinery);
    byte[] sig = good.signature();
    sig[10] ^= 1;
    SignedEntry forged = EntryCodec.assemble(EntryCodec.encodeBody(good.body()), sig);

    assertRejectedUnchanged(Failure.BAD_SIGNATURE, () -> ledger.append(forged));
  }

  @Test
  void append_byUnregisteredKey_isRejectedAndChangesNothing() throws Exception {
    ActorSigner stranger = TestChain.signer("urn:lotledger:actor:stranger", 9);

    assertRejectedUnchanged(
        Failure.UNKNOWN_KEY, () -> ledger.append(observe(TestChain.SULPHATE, 200), stranger));
  }

  @Test
  void append_withAnotherActorsKey_isRejectedAndChangesNothing() throws Exception {
    ActorSigner impostor = new ActorSigner(chain.refinery.actor(), chain.mine.signer());

    assertRejectedUnchanged(
        Failure.KEY_ACTOR_MISMATCH,
        () -> ledger.append(observe(TestChain.SULPHATE, 200), impostor));
  }

  @Test
  void append_ofMalformedBytes_isRejectedAndChangesNothing() throws Exception {
    assertRejectedUnchanged(
        Failure.MALFORMED_ENTRY, () -> ledger.append(new byte[] {0x0a, 0x05, 1, 2}));
  }

  @Test
  void append_signedForAnotherLedger_isRejectedAndChangesNothing() throws Exception {
    var head = ledger.head(TestChain.SULPHATE).orElseThrow();
    EntryBody body =
        EntryBody.of(
            "another-ledger",
            chain.refinery.actor(),
            chain.refinery.publicKey(),
            observe(TestChain.SULPHATE, 200),
            lot -> head);
    SignedEntry foreign = EntryCodec.sign(body, chain.refinery.signer());

    assertRejectedUnchanged(Failure.WRONG_ORIGIN, () -> ledger.append(foreign));
  }

  @Test
  void append_ofTheSameEntryTwice_isRejectedAsDuplicate() throws Exception {
    SignedEntry registration = EntryCodec.decode(ledger.entry(1).orElseThrow().signed().encoded());

    assertRejectedUnchanged(Failure.DUPLICATE_ENTRY, () -> ledger.append(registration));
  }

  @Test
  void append_registrationByNonRoot_isRejectedAndChangesNothing() throws Exception {
    ActorSigner newcomer = TestChain.signer("urn:lotledger:actor:newcomer", 7);
    Event reg =
        new RegistryEvent.ActorRegistered(
            newcomer.actor(), "n", newcomer.publicKey(), TestChain.T0);

    assertRejectedUnchanged(Failure.UNAUTHORIZED, () -> ledger.append(reg, chain.mine));
  }

  @Test
  void append_reusingAnotherActorsKey_isRejectedAndChangesNothing() throws Exception {
    Event addKey =
        new RegistryEvent.KeyAdded(chain.refinery.actor(), chain.mine.publicKey(), TestChain.T0);

    assertRejectedUnchanged(Failure.UNAUTHORIZED, () -> ledger.append(addKey, chain.refinery));
  }

  @Test
  void keyRotation_newKeySignsOldKeyRevokedEarlierEntriesStayValid() throws Exception {
    ActorSigner rotated =
        new ActorSigner(chain.refinery.actor(), TestChain.signer("urn:unused", 42).signer());
    ledger.append(
        new RegistryEvent.KeyAdded(chain.refinery.actor(), rotated.publicKey(), TestChain.T0),
        chain.refinery);
    Entry before = ledger.append(observe(TestChain.SULPHATE, 300), chain.refinery);
    Entry revocation =
        ledger.append(
            new RegistryEvent.KeyRevoked(
                chain.refinery.actor(), chain.refinery.publicKey(), TestChain.T0),
            rotated);

    assertRejectedUnchanged(
        Failure.KEY_REVOKED, () -> ledger.append(observe(TestChain.SULPHATE, 301), chain.refinery));

    Entry after = ledger.append(observe(TestChain.SULPHATE, 302), rotated);
    assertThat(after.index()).isEqualTo(revocation.index() + 1);
    assertThat(before.index()).isLessThan(revocation.index());
    ledger.verify();
    ledger.verifyLot(TestChain.SULPHATE);
  }

  @Test
  void verify_reportsAnEntrySignedAfterItsKeysRevocationWhenForcedIntoTheStore() throws Exception {
    // Sign with the refinery's key, then revoke it, then force the stale entry in behind the API.
    SignedEntry late = ledger.prepare(observe(TestChain.ORE_B, 300), chain.refinery);
    ledger.append(
        new RegistryEvent.KeyRevoked(
            chain.refinery.actor(), chain.refinery.publicKey(), TestChain.T0),
        chain.root);
    long index = ledger.size();
    io.lotledger.spi.WriteBatch batch = new io.lotledger.spi.WriteBatch();
    io.lotledger.state.Transition.apply(
        late,
        index,
        new io.lotledger.state.StoredLedger(store),
        io.lotledger.state.StoredLedger.changes(batch));
    store.write(batch, false);

    assertThatThrownBy(() -> new io.lotledger.verify.ChainVerifier(store).verify())
        .isInstanceOfSatisfying(
            io.lotledger.rules.VerificationException.class,
            e -> {
              assertThat(e.finding().failure()).isEqualTo(Failure.KEY_REVOKED);
              assertThat(e.finding().index()).isEqualTo(index);
            });
  }

  @Test
  void concurrentAppends_toDistinctAndSharedLots_loseNothingAndVerify() throws Exception {
    int threads = 8;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Entry> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  LotId lot =
                      id % 2 == 0 ? TestChain.SULPHATE : new LotId("urn:x:lot:" + id + ":" + i);
                  Event e =
                      id % 2 == 0
                          ? observe(lot, i)
                          : ObjectEvent.add(
                              List.of(LotQuantity.of(lot.uri(), "1", "KGM")),
                              null,
                              TestChain.T0,
                              EventContext.of("commissioning", null));
                  acknowledged.add(ledger.append(e, id % 2 == 0 ? chain.refinery : chain.mine));
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(ledger.size()).isEqualTo(8 + threads * perThread);
    assertThat(acknowledged).extracting(Entry::index).doesNotHaveDuplicates();
    for (Entry e : acknowledged) {
      assertThat(ledger.entry(e.index()).orElseThrow().hash()).isEqualTo(e.hash());
    }
    assertThat(ledger.history(TestChain.SULPHATE)).hasSize(1 + (threads / 2) * perThread);
    ledger.verify();
  }

  @Test
  void groupCommitWithLinger_writesPipelinedAppendsInFullGroups() throws Exception {
    // The committer is held inside the write of a first, single append while the others queue up,
    // so
    // the groups that follow do not depend on how threads are scheduled or on the clock: 250 queued
    // appends of at most 100 per group are exactly three writes (the last, of 50, after the linger
    // expires with nothing more to take). Without grouping they would be 250 writes.
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean holdNextWrite = new AtomicBoolean();
    List<Integer> groups = Collections.synchronizedList(new ArrayList<>());
    LedgerStore gated =
        new ForwardingLedgerStore(new InMemoryLedgerStore()) {
          @Override
          public void write(WriteBatch b, boolean sync) throws StoreException {
            groups.add((int) b.puts().stream().filter(put -> put.table() == Table.ENTRIES).count());
            if (holdNextWrite.compareAndSet(true, false)) {
              writing.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while held", e);
              }
            }
            super.write(b, sync);
          }
        };
    LedgerOptions options =
        LedgerOptions.DEFAULT.withMaxBatch(100).withLinger(java.time.Duration.ofMillis(200));
    try (Ledger grouped =
        Ledger.on(gated).options(options).create(TestChain.ORIGIN, chain.root, "root")) {
      chain.registerActors(grouped);
      holdNextWrite.set(true);
      CompletableFuture<Entry> first =
          grouped.appendAsync(commission("urn:x:linger:first"), chain.mine);
      assertThat(writing.await(30, TimeUnit.SECONDS))
          .as("the committer reached the held write")
          .isTrue();
      groups.clear();

      List<CompletableFuture<Entry>> futures = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        futures.add(grouped.appendAsync(commission("urn:x:linger:" + i), chain.mine));
      }
      release.countDown();
      first.get(30, TimeUnit.SECONDS);
      for (var f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }

      assertThat(groups)
          .as("entries per write for 250 queued appends of at most 100 per group")
          .containsExactly(100, 100, 50);
      assertThat(grouped.size()).isEqualTo(3 + 1 + 250);
      grouped.verify();
    }
  }

  private static Event commission(String lot) {
    return ObjectEvent.add(
        List.of(LotQuantity.of(lot, "1", "KGM")),
        null,
        TestChain.T0,
        EventContext.of("commissioning", null));
  }

  @Test
  void callbacks_thatAppendOrClose_doNotStallTheCommitter() throws Exception {
    Event first = observe(TestChain.SULPHATE, 500);
    Event second = observe(TestChain.SULPHATE, 501);
    // A callback that appends and waits: run on the committer thread it would wait for itself.
    CompletableFuture<Entry> nested =
        ledger
            .appendAsync(first, chain.refinery)
            .thenApply(
                e -> {
                  try {
                    return ledger.append(second, chain.refinery);
                  } catch (LedgerException x) {
                    throw new java.util.concurrent.CompletionException(x);
                  }
                });
    assertThat(nested.get(20, TimeUnit.SECONDS).index()).isEqualTo(9);

    CompletableFuture<Void> closing =
        ledger
            .appendAsync(observe(TestChain.SULPHATE, 502), chain.refinery)
            .thenAccept(
                e -> {
                  try {
                    ledger.close();
                  } catch (LedgerException x) {
                    throw new java.util.concurrent.CompletionException(x);
                  }
                });
    closing.get(20, TimeUnit.SECONDS);
    assertThatThrownBy(() -> ledger.append(observe(TestChain.SULPHATE, 503), chain.refinery))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.ILLEGAL_STATE));
  }

  @Test
  void concurrentCloses_whileAppending_completeEveryFuture() throws Exception {
    List<CompletableFuture<Entry>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(
          ledger.appendAsync(
              ObjectEvent.add(
                  List.of(LotQuantity.of("urn:x:close:" + i, "1", "KGM")),
                  null,
                  TestChain.T0,
                  EventContext.of("commissioning", null)),
              chain.mine));
    }
    ExecutorService closers = Executors.newFixedThreadPool(2);
    List<Future<?>> closes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      closes.add(
          closers.submit(
              () -> {
                ledger.close();
                return null;
              }));
    }
    for (Future<?> c : closes) {
      c.get(20, TimeUnit.SECONDS);
    }
    closers.shutdown();
    for (CompletableFuture<Entry> f : futures) {
      // Committed or refused as closed; never left waiting.
      assertThat(f).succeedsWithin(java.time.Duration.ofSeconds(20)).isNotNull();
    }
  }

  @Test
  void append_afterClose_failsWithIllegalState() throws Exception {
    ledger.close();

    assertThatThrownBy(() -> ledger.append(observe(TestChain.SULPHATE, 1), chain.refinery))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.ILLEGAL_STATE));
  }
}
