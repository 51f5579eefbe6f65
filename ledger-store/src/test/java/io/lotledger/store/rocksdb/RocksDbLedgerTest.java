package io.lotledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.testing.TestChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ledger on RocksDB: reopening, concurrent appends and rejected appends, checked on disk. */
class RocksDbLedgerTest {
  private static final LotId SHARED = new LotId("urn:lotledger:test:shared");

  @TempDir Path dir;
  private final TestChain chain = new TestChain();

  private static ObjectEvent observe(LotId lot, int n) {
    return ObjectEvent.observe(
        List.of(LotQuantity.of(lot.uri(), "1", "KGM")),
        TestChain.T0.plusMinutes(n),
        EventContext.of("inspecting", "active"));
  }

  private static ObjectEvent commission(LotId lot) {
    return ObjectEvent.add(
        List.of(LotQuantity.of(lot.uri(), "100", "KGM")),
        LotMasterData.NONE,
        TestChain.T0,
        EventContext.of("commissioning", "active"));
  }

  // ------------------------------------------------------------------ reopening

  @Test
  void reopen_afterCleanClose_hasTheSameState_andAppendsContinueAtTheNextIndex() throws Exception {
    Map<LotId, Optional<EntryHash>> heads = new HashMap<>();
    Map<LotId, List<EntryHash>> histories = new HashMap<>();
    List<EntryHash> entries = new ArrayList<>();
    List<LotId> lots;
    try (Ledger ledger = Ledger.create(dir, TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      lots = ledger.lots();
      for (LotId lot : lots) {
        heads.put(lot, ledger.head(lot));
        histories.put(lot, ledger.history(lot).stream().map(Entry::hash).toList());
      }
      for (long i = 0; i < ledger.size(); i++) {
        entries.add(ledger.entry(i).orElseThrow().hash());
      }
    }
    assertThat(Ledger.exists(dir)).isTrue();

    try (Ledger ledger = Ledger.open(dir)) {
      assertThat(ledger.size()).isEqualTo(8);
      assertThat(ledger.origin()).isEqualTo(TestChain.ORIGIN);
      assertThat(ledger.rootActor()).isEqualTo(chain.root.actor());
      assertThat(ledger.lots())
          .containsExactly(TestChain.ORE_A, TestChain.ORE_B, TestChain.SULPHATE)
          .isEqualTo(lots);
      for (LotId lot : lots) {
        assertThat(ledger.head(lot)).as("head of %s", lot).isEqualTo(heads.get(lot));
        assertThat(ledger.history(lot).stream().map(Entry::hash).toList())
            .as("history of %s", lot)
            .isEqualTo(histories.get(lot));
      }
      for (int i = 0; i < entries.size(); i++) {
        assertThat(ledger.entry(i).orElseThrow().hash()).isEqualTo(entries.get(i));
        assertThat(ledger.entry(entries.get(i)).orElseThrow().index()).isEqualTo(i);
      }
      assertThat(ledger.parents(TestChain.SULPHATE))
          .containsExactlyInAnyOrder(TestChain.ORE_A, TestChain.ORE_B);
      ledger.verify();

      Entry next = ledger.append(observe(TestChain.SULPHATE, 1), chain.refinery);

      assertThat(next.index()).isEqualTo(8);
      assertThat(next.body().links()).containsExactly(new Link(TestChain.SULPHATE, entries.get(7)));
      assertThat(ledger.size()).isEqualTo(9);
      ledger.verify();
    }

    try (Ledger ledger = Ledger.open(dir)) {
      assertThat(ledger.size()).isEqualTo(9);
      assertThat(ledger.history(TestChain.SULPHATE))
          .extracting(Entry::index)
          .containsExactly(7L, 8L);
      assertThat(ledger.audit()).isEmpty();
    }
  }

  @Test
  void create_onADirectoryThatHoldsALedger_isRefusedAndLeavesItIntact() throws Exception {
    try (Ledger ledger = Ledger.create(dir, TestChain.ORIGIN, chain.root, "root")) {
      chain.registerActors(ledger);
    }

    assertThatThrownBy(() -> Ledger.create(dir, "other.origin", chain.mine, "mine"))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.ILLEGAL_STATE));
    try (Ledger ledger = Ledger.open(dir)) {
      assertThat(ledger.size()).isEqualTo(3);
      assertThat(ledger.origin()).isEqualTo(TestChain.ORIGIN);
    }
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void concurrentAppends_toDistinctAndSharedLots_areAllStoredExactlyOnce_andVerify()
      throws Exception {
    int threads = 8;
    int perThread = 30;
    List<Entry> appended = new ArrayList<>();
    try (Ledger ledger = Ledger.create(dir, TestChain.ORIGIN, chain.root, "root")) {
      chain.registerActors(ledger);
      ledger.append(commission(SHARED), chain.mine);
      long base = ledger.size();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<Entry>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          // Half the threads race for one lot's head; auto-linking must re-link the losers.
          LotId lot = t < threads / 2 ? new LotId("urn:lotledger:test:own-" + t) : SHARED;
          ActorSigner signer = t % 2 == 0 ? chain.mine : chain.refinery;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<Entry> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                      mine.add(
                          ledger.append(
                              i == 0 && !lot.equals(SHARED)
                                  ? commission(lot)
                                  : observe(lot, id * 1000 + i),
                              signer));
                    }
                    return mine;
                  }));
        }
        start.countDown();
        for (Future<List<Entry>> r : results) {
          appended.addAll(r.get(120, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(ledger.size()).isEqualTo(base + threads * perThread);
      assertThat(appended).hasSize(threads * perThread);
      assertThat(appended)
          .extracting(Entry::index)
          .doesNotHaveDuplicates()
          .allSatisfy(i -> assertThat(i).isBetween(base, ledger.size() - 1));
      for (Entry e : appended) {
        assertThat(ledger.entry(e.index()).orElseThrow().hash())
            .as("entry %d", e.index())
            .isEqualTo(e.hash());
      }
      List<Entry> shared = ledger.history(SHARED);
      assertThat(shared).hasSize(1 + threads / 2 * perThread);
      for (int i = 1; i < shared.size(); i++) {
        assertThat(shared.get(i).body().linksByLot().get(SHARED).prev())
            .as("link of shared entry %d", i)
            .isEqualTo(shared.get(i - 1).hash());
      }
      assertThat(ledger.head(SHARED)).contains(shared.get(shared.size() - 1).hash());
      ledger.verify();
    }

    try (Ledger ledger = Ledger.open(dir)) {
      for (Entry e : appended) {
        assertThat(ledger.entry(e.index()).orElseThrow().hash()).isEqualTo(e.hash());
      }
      assertThat(ledger.audit()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ rejected appends

  @Test
  void rejectedAppend_ofAnEntryLinkingAStaleHead_leavesEveryColumnFamilyUnchanged()
      throws Exception {
    RocksDbLedgerStore store = RocksDbLedgerStore.open(dir, true);
    EntryHash staleHash;
    try (Ledger ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      SignedEntry stale = ledger.prepare(observe(TestChain.ORE_B, 1), chain.mine);
      staleHash = stale.hash();
      Entry winner = ledger.append(observe(TestChain.ORE_B, 2), chain.mine);
      Map<Table, Map<String, String>> before = snapshot(store);

      assertThatThrownBy(() -> ledger.append(stale))
          .isInstanceOfSatisfying(
              AppendRejectedException.class,
              e -> {
                assertThat(e.finding().failure()).isEqualTo(Failure.LINK_MISMATCH);
                assertThat(e.finding().index()).isEqualTo(9);
                assertThat(e.finding().lot()).isEqualTo(TestChain.ORE_B);
                assertThat(e.finding().expected()).isEqualTo(winner.hash().toHex());
                assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED);
              });

      assertThat(snapshot(store)).isEqualTo(before);
      assertThat(ledger.size()).isEqualTo(9);
      assertThat(ledger.entry(stale.hash())).isEmpty();
      assertThat(before.get(Table.ENTRIES)).hasSize(9);
    }
    try (RocksDbLedgerStore reopened = RocksDbLedgerStore.open(dir, false)) {
      assertThat(reopened.get(Table.HASHES, StoreLayout.hashKey(staleHash))).isNull();
      assertThat(StoreLayout.u64(reopened.get(Table.META, StoreLayout.META_SIZE))).isEqualTo(9);
    }
  }

  @Test
  void rejectedAppends_ofADuplicateAndOfAnUnregisteredSigner_leaveEveryColumnFamilyUnchanged()
      throws Exception {
    RocksDbLedgerStore store = RocksDbLedgerStore.open(dir, true);
    try (Ledger ledger = Ledger.on(store).create(TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      Entry last = ledger.entry(7).orElseThrow();
      ActorSigner stranger = TestChain.signer("urn:lotledger:actor:stranger", 9);
      Map<Table, Map<String, String>> before = snapshot(store);

      assertThatThrownBy(() -> ledger.append(last.signed()))
          .isInstanceOfSatisfying(
              AppendRejectedException.class,
              e -> assertThat(e.finding().failure()).isEqualTo(Failure.DUPLICATE_ENTRY));
      assertThatThrownBy(() -> ledger.append(observe(TestChain.SULPHATE, 3), stranger))
          .isInstanceOfSatisfying(
              AppendRejectedException.class,
              e -> {
                assertThat(e.finding().failure()).isEqualTo(Failure.UNKNOWN_KEY);
                assertThat(e.finding().index()).isEqualTo(8);
              });

      assertThat(snapshot(store)).isEqualTo(before);
      assertThat(ledger.size()).isEqualTo(8);
      ledger.verify();
    }
  }

  /** Every record of every column family, hex key to hex value. */
  private static Map<Table, Map<String, String>> snapshot(LedgerStore store) throws StoreException {
    HexFormat hex = HexFormat.of();
    Map<Table, Map<String, String>> all = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      Map<String, String> records = new TreeMap<>();
      store.scan(
          t, StoreLayout.EMPTY, (k, v) -> records.put(hex.formatHex(k), hex.formatHex(v)) == null);
      all.put(t, records);
    }
    return all;
  }
}
