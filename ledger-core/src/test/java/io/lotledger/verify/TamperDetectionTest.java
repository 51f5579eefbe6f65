package io.lotledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.memory.InMemoryLedgerStore;
import io.lotledger.store.memory.StoreTampering;
import io.lotledger.testing.TestChain;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any change to the stored entries — a flipped bit anywhere, two entries swapped, one dropped, one
 * duplicated — is detected by the verifier and located at the entry where the log stops being what
 * was appended.
 */
class TamperDetectionTest {
  private static final int SIZE = 8;

  /** A populated ledger in a store the test can reach behind the ledger's back. */
  private static InMemoryLedgerStore populatedStore() throws Exception {
    TestChain chain = new TestChain();
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
    assertThat(ledger.size()).isEqualTo(SIZE);
    return store; // the ledger is not closed: closing would close the store
  }

  private static List<byte[]> entries(InMemoryLedgerStore store) throws Exception {
    List<byte[]> out = new ArrayList<>();
    store.scan(Table.ENTRIES, StoreLayout.EMPTY, (k, v) -> out.add(v));
    return out;
  }

  /**
   * Rewrites ENTRIES (only) to hold {@code entries} at 0..n-1, leaving every derived table as it
   * was.
   */
  private static void rewriteEntries(InMemoryLedgerStore store, List<byte[]> entries) {
    for (long i = 0; i < SIZE + 1; i++) {
      StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(i), null);
    }
    for (int i = 0; i < entries.size(); i++) {
      StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(i), entries.get(i));
    }
  }

  private static Finding firstFinding(InMemoryLedgerStore store) {
    VerificationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            VerificationException.class, () -> new ChainVerifier(store).verify());
    return e.finding();
  }

  @Property(tries = 300)
  void verify_locatesAnySingleBitFlipInAnyEntry(
      @ForAll @IntRange(min = 0, max = SIZE - 1) int index,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 0, max = 7) int bit)
      throws Exception {
    InMemoryLedgerStore store = populatedStore();
    byte[] entry = entries(store).get(index);
    entry[position % entry.length] ^= (byte) (1 << bit);
    StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(index), entry);

    Finding f = firstFinding(store);

    assertThat(f.index()).isEqualTo(index);
    assertThat(f.failure())
        .isIn(
            Failure.MALFORMED_ENTRY,
            Failure.BAD_SIGNATURE,
            Failure.STORE_MISMATCH,
            Failure.BAD_GENESIS,
            Failure.UNKNOWN_KEY,
            Failure.WRONG_ORIGIN,
            Failure.LINK_MISMATCH,
            Failure.KEY_ACTOR_MISMATCH);
    assertThat(new ChainVerifier(store).audit()).isNotEmpty();
  }

  @Property(tries = 60)
  void verify_locatesTwoSwappedEntries(
      @ForAll @IntRange(min = 0, max = SIZE - 1) int a,
      @ForAll @IntRange(min = 0, max = SIZE - 1) int b)
      throws Exception {
    if (a == b) {
      return;
    }
    InMemoryLedgerStore store = populatedStore();
    List<byte[]> entries = entries(store);
    byte[] t = entries.get(a);
    entries.set(a, entries.get(b));
    entries.set(b, t);
    rewriteEntries(store, entries);

    assertThat(firstFinding(store).index()).isEqualTo(Math.min(a, b));
  }

  @Property(tries = 30)
  void verify_locatesADroppedEntry(@ForAll @IntRange(min = 0, max = SIZE - 1) int dropped)
      throws Exception {
    InMemoryLedgerStore store = populatedStore();
    List<byte[]> entries = entries(store);
    entries.remove(dropped);
    rewriteEntries(store, entries);

    Finding f = firstFinding(store);

    // Dropping the last entry leaves a shorter log whose first disagreement is the missing
    // position.
    assertThat(f.index()).isIn((long) dropped, -1L);
    assertThat(new ChainVerifier(store).audit()).isNotEmpty();
  }

  @Property(tries = 30)
  void verify_locatesADuplicatedEntry(
      @ForAll @IntRange(min = 0, max = SIZE - 1) int copied,
      @ForAll @IntRange(min = 0, max = SIZE) int at)
      throws Exception {
    InMemoryLedgerStore store = populatedStore();
    List<byte[]> entries = entries(store);
    entries.add(at, entries.get(copied).clone());
    rewriteEntries(store, entries);

    Finding f = firstFinding(store);

    // The first position that differs from the honest log is where the copy went in, or (when the
    // copy directly follows its original) the original's old slot now holding a shifted entry.
    assertThat(f.index()).isBetween((long) Math.min(at, copied), (long) Math.max(at, copied) + 1);
  }

  @org.junit.jupiter.api.Test
  void verify_reportsAnEntryMissingInTheMiddleAsAGap() throws Exception {
    InMemoryLedgerStore store = populatedStore();
    StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(4), null);

    Finding f = firstFinding(store);

    assertThat(f.failure()).isIn(Failure.STORE_MISMATCH, Failure.INDEX_GAP);
    assertThat(new ChainVerifier(store).audit())
        .anySatisfy(x -> assertThat(x.failure()).isEqualTo(Failure.INDEX_GAP));
  }

  @org.junit.jupiter.api.Test
  void verify_reportsATamperedMerkleTreeNodeAtTheEntryThatWroteIt() throws Exception {
    InMemoryLedgerStore store = populatedStore();
    // Entry 5 (leaf 5) completes the level-1 node over leaves 4-5: (level 1, index 2).
    StoreTampering.tamper(store, Table.TREE, StoreLayout.treeKey(1, 2), new byte[32]);

    Finding f = firstFinding(store);

    assertThat(f.failure()).isEqualTo(Failure.STORE_MISMATCH);
    assertThat(f.index()).isEqualTo(5);
    assertThat(f.detail()).startsWith("tree record");
  }

  @org.junit.jupiter.api.Test
  void verify_findsTheSameFirstFailureWithOneThreadOrFourAcrossWindows() throws Exception {
    TestChain chain = new TestChain();
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
    for (int i = 0; i < 2 * ChainVerifier.WINDOW + 10; i++) {
      ledger.append(
          io.lotledger.event.ObjectEvent.observe(
              List.of(io.lotledger.event.LotQuantity.of(TestChain.SULPHATE)),
              TestChain.T0.plusMinutes(i),
              null),
          chain.refinery);
    }
    assertThat(new ChainVerifier(store, 1).audit()).isEmpty();
    assertThat(new ChainVerifier(store, 4).audit()).isEmpty();
    long victim = ChainVerifier.WINDOW + 5; // in the second window
    byte[] e = store.get(Table.ENTRIES, StoreLayout.entryKey(victim));
    e[e.length - 1] ^= 1;
    StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(victim), e);

    for (int threads : new int[] {1, 4}) {
      VerificationException thrown =
          org.junit.jupiter.api.Assertions.assertThrows(
              VerificationException.class, () -> new ChainVerifier(store, threads).verify());
      assertThat(thrown.finding().index()).as("threads=%d", threads).isEqualTo(victim);
      assertThat(thrown.finding().failure()).isEqualTo(Failure.BAD_SIGNATURE);
    }
  }

  @org.junit.jupiter.api.Test
  void audit_reportsARevocationOfAnUnknownKeyInsteadOfFailing() throws Exception {
    TestChain chain = new TestChain();
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
    io.lotledger.entry.ActorSigner stranger = TestChain.signer("urn:lotledger:actor:stranger", 9);
    // A correctly signed revocation of a key nobody registered, forced in behind the API.
    var body =
        io.lotledger.entry.EntryBody.of(
            TestChain.ORIGIN,
            chain.root.actor(),
            chain.root.publicKey(),
            new io.lotledger.event.RegistryEvent.KeyRevoked(
                stranger.actor(), stranger.publicKey(), TestChain.T0),
            lot -> null);
    var forged = io.lotledger.entry.EntryCodec.sign(body, chain.root.signer());
    io.lotledger.spi.WriteBatch batch = new io.lotledger.spi.WriteBatch();
    io.lotledger.state.Transition.apply(
        forged,
        SIZE,
        new io.lotledger.state.StoredLedger(store),
        io.lotledger.state.StoredLedger.changes(batch));
    store.write(batch, false);

    List<Finding> findings = new ChainVerifier(store).audit();

    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.failure()).isEqualTo(Failure.UNAUTHORIZED);
              assertThat(f.index()).isEqualTo(SIZE);
            });
    assertThat(firstFinding(store).failure()).isEqualTo(Failure.UNAUTHORIZED);
  }

  @org.junit.jupiter.api.Test
  void verifyLot_refusesAKeysRecordThatCitesARevocationAsTheKeysRegistration() throws Exception {
    TestChain chain = new TestChain();
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root");
    chain.populate(ledger);
    ledger.append(
        new io.lotledger.event.RegistryEvent.KeyRevoked(
            chain.refinery.actor(), chain.refinery.publicKey(), TestChain.T0),
        chain.root);
    long revokedAt = ledger.size() - 1;
    // Force an entry by the revoked key in, then rewrite its KEYS record as "added at the
    // revocation".
    var late =
        io.lotledger.entry.EntryCodec.sign(
            io.lotledger.entry.EntryBody.of(
                TestChain.ORIGIN,
                chain.refinery.actor(),
                chain.refinery.publicKey(),
                io.lotledger.event.ObjectEvent.observe(
                    List.of(io.lotledger.event.LotQuantity.of(TestChain.SULPHATE)),
                    TestChain.T0.plusDays(9),
                    null),
                lot -> headOf(store, lot)),
            chain.refinery.signer());
    io.lotledger.spi.WriteBatch batch = new io.lotledger.spi.WriteBatch();
    io.lotledger.state.Transition.apply(
        late,
        revokedAt + 1,
        new io.lotledger.state.StoredLedger(store),
        io.lotledger.state.StoredLedger.changes(batch));
    store.write(batch, false);
    StoreTampering.tamper(
        store,
        Table.KEYS,
        chain.refinery.publicKey().toBytes(),
        StoreLayout.keyValue(
            revokedAt, io.lotledger.state.RegisteredKey.NOT_REVOKED, chain.refinery.actor()));

    assertThatThrownBy(() -> new ChainVerifier(store).verifyLot(TestChain.SULPHATE))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.finding().failure()).isEqualTo(Failure.STORE_MISMATCH))
        .hasMessageContaining("does not concern key");
  }

  private static io.lotledger.entry.EntryHash headOf(
      InMemoryLedgerStore store, io.lotledger.event.LotId lot) {
    try {
      return io.lotledger.entry.EntryHash.of(store.get(Table.HEADS, StoreLayout.headKey(lot)));
    } catch (io.lotledger.spi.StoreException e) {
      throw new IllegalStateException(e);
    }
  }

  @org.junit.jupiter.api.Test
  void audit_collectsEveryFindingNotJustTheFirst() throws Exception {
    InMemoryLedgerStore store = populatedStore();
    byte[] e3 = entries(store).get(3);
    e3[e3.length - 1] ^= 1; // signature of entry 3
    StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(3), e3);
    StoreTampering.tamper(
        store, Table.HEADS, StoreLayout.headKey(TestChain.SULPHATE), new byte[32]);

    List<Finding> findings = new ChainVerifier(store).audit();

    assertThat(findings)
        .extracting(Finding::failure)
        .contains(Failure.BAD_SIGNATURE, Failure.STORE_MISMATCH);
    assertThat(findings).anySatisfy(f -> assertThat(f.lot()).isEqualTo(TestChain.SULPHATE));
    assertThatThrownBy(() -> new ChainVerifier(store).verify())
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("entry 3");
  }

  @org.junit.jupiter.api.Test
  void verifyLot_detectsATamperedAncestorButIgnoresUnrelatedEntries() throws Exception {
    InMemoryLedgerStore store = populatedStore();
    byte[] e3 = entries(store).get(3); // ORE_A's commissioning, an ancestor of SULPHATE
    e3[e3.length - 1] ^= 1;
    StoreTampering.tamper(store, Table.ENTRIES, StoreLayout.entryKey(3), e3);

    ChainVerifier verifier = new ChainVerifier(store);
    assertThatThrownBy(() -> verifier.verifyLot(TestChain.SULPHATE))
        .isInstanceOfSatisfying(
            VerificationException.class, e -> assertThat(e.finding().index()).isEqualTo(3));
  }
}
