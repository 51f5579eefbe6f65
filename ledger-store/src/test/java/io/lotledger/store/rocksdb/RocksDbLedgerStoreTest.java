package io.lotledger.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.LedgerStoreContract;
import io.lotledger.spi.LedgerStoreProvider;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import io.lotledger.state.StoreLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/**
 * The RocksDB driver against the shared contract, plus what only an on-disk store can get wrong.
 */
class RocksDbLedgerStoreTest extends LedgerStoreContract {
  @TempDir Path tmp;
  private final AtomicInteger stores = new AtomicInteger();

  @Override
  protected LedgerStore newStore() throws Exception {
    return RocksDbLedgerStore.open(tmp.resolve("store-" + stores.incrementAndGet()), true);
  }

  @Override
  protected LedgerStore reopen(LedgerStore closed) throws Exception {
    return RocksDbLedgerStore.open(((RocksDbLedgerStore) closed).directory(), false);
  }

  private Path populatedDirectory() throws Exception {
    Path dir = tmp.resolve("populated");
    try (RocksDbLedgerStore store = RocksDbLedgerStore.open(dir, true)) {
      store.write(
          new WriteBatch().put(Table.META, StoreLayout.META_SIZE, StoreLayout.u64(1)), true);
    }
    return dir;
  }

  // ------------------------------------------------------------------ opening bad directories

  @Test
  void open_withoutCreate_missingDirectory_failsNamingIt() {
    Path dir = tmp.resolve("nothing-here");

    assertThatThrownBy(() -> RocksDbLedgerStore.open(dir, false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("not a directory");
    assertThat(dir).doesNotExist();
  }

  @Test
  void open_withoutCreate_directoryOfRandomFiles_failsAndLeavesItAlone() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("random"));
    Files.write(dir.resolve("notes.txt"), "not a database".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("000001.sst"), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> RocksDbLedgerStore.open(dir, false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("no CURRENT file");
    assertThatThrownBy(() -> Ledger.open(dir))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.NOT_FOUND));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("notes.txt", "000001.sst");
    }
  }

  @Test
  void open_truncatedCurrentFile_failsWithStoreException() throws Exception {
    Path dir = populatedDirectory();
    byte[] current = Files.readAllBytes(dir.resolve("CURRENT"));
    Files.write(dir.resolve("CURRENT"), java.util.Arrays.copyOf(current, 4));

    for (boolean create : new boolean[] {false, true}) {
      assertThatThrownBy(() -> RocksDbLedgerStore.open(dir, create))
          .as("create=%s", create)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("CURRENT");
    }
    assertThatThrownBy(() -> Ledger.open(dir))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.STORAGE));
  }

  @Test
  void open_currentNamingAMissingManifest_failsWithStoreException() throws Exception {
    Path dir = populatedDirectory();
    Files.write(dir.resolve("CURRENT"), "MANIFEST-999999\n".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> RocksDbLedgerStore.open(dir, false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void open_corruptManifest_failsWithStoreException() throws Exception {
    Path dir = populatedDirectory();
    String manifest = Files.readString(dir.resolve("CURRENT"), StandardCharsets.US_ASCII).trim();
    Path file = dir.resolve(manifest);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) ~bytes[i];
    }
    Files.write(file, bytes);

    assertThatThrownBy(() -> RocksDbLedgerStore.open(dir, false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void open_foreignRocksDbWithOtherColumnFamilies_failsNamingThem() throws Exception {
    Path dir = tmp.resolve("foreign");
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options =
        new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      RocksDB db =
          RocksDB.open(
              options,
              dir.toString(),
              List.of(
                  new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                  new ColumnFamilyDescriptor("meta".getBytes(StandardCharsets.UTF_8)),
                  new ColumnFamilyDescriptor("blobs".getBytes(StandardCharsets.UTF_8))),
              handles);
      handles.forEach(ColumnFamilyHandle::close);
      db.close();
    }

    assertThatThrownBy(() -> RocksDbLedgerStore.open(dir, false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("unknown column families [blobs]")
        .hasMessageContaining("missing column families [entries, hashes");
  }

  @Test
  void open_directoryAlreadyOpen_failsUntilTheFirstStoreCloses() throws Exception {
    Path dir = tmp.resolve("locked");
    try (RocksDbLedgerStore first = RocksDbLedgerStore.open(dir, true)) {
      first.write(
          new WriteBatch().put(Table.META, StoreLayout.META_SIZE, StoreLayout.u64(3)), true);

      assertThatThrownBy(() -> RocksDbLedgerStore.open(dir, false))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("lock");
      assertThat(first.get(Table.META, StoreLayout.META_SIZE))
          .as("the first store is unharmed")
          .isEqualTo(StoreLayout.u64(3));
    }
    try (RocksDbLedgerStore second = RocksDbLedgerStore.open(dir, false)) {
      assertThat(second.get(Table.META, StoreLayout.META_SIZE)).isEqualTo(StoreLayout.u64(3));
    }
  }

  @Test
  void open_withCreate_onExistingStore_keepsItsRecords() throws Exception {
    Path dir = populatedDirectory();

    try (RocksDbLedgerStore store = RocksDbLedgerStore.open(dir, true)) {
      assertThat(store.get(Table.META, StoreLayout.META_SIZE)).isEqualTo(StoreLayout.u64(1));
    }
  }

  // ------------------------------------------------------------------ provider

  @Test
  void provider_isFoundThroughServiceLoader_andRecognisesItsDirectories() throws Exception {
    List<LedgerStoreProvider> providers = new ArrayList<>();
    ServiceLoader.load(LedgerStoreProvider.class).forEach(providers::add);
    assertThat(providers).extracting(LedgerStoreProvider::name).containsExactly("rocksdb");
    LedgerStoreProvider provider = providers.get(0);
    Path dir = tmp.resolve("via-provider");

    assertThat(provider.exists(dir)).isFalse();
    try (LedgerStore store = provider.open(dir, true)) {
      assertThat(store).isInstanceOf(RocksDbLedgerStore.class);
    }
    assertThat(provider.exists(dir)).isTrue();
    assertThat(provider.exists(Files.createDirectories(tmp.resolve("empty")))).isFalse();
  }

  // ------------------------------------------------------------------ close and scan bounds

  @Test
  void close_fromInsideOwnScanVisitor_failsAndLeavesTheStoreUsable() throws Exception {
    RocksDbLedgerStore store = RocksDbLedgerStore.open(tmp.resolve("reentrant"), true);
    try {
      store.write(new WriteBatch().put(Table.LOTS, new byte[] {1}, new byte[] {2}), true);
      List<Throwable> thrown = new ArrayList<>();

      store.scan(
          Table.LOTS,
          StoreLayout.EMPTY,
          (k, v) -> {
            try {
              store.close();
            } catch (StoreException e) {
              thrown.add(e);
            }
            return true;
          });

      assertThat(thrown)
          .singleElement()
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
          .hasMessageContaining("from inside one of its own calls");
      assertThat(store.get(Table.LOTS, new byte[] {1})).containsExactly(2);
    } finally {
      store.close();
    }
  }

  @Test
  void successor_isTheLeastKeyAfterEveryKeyWithThePrefix() {
    assertThat(RocksDbLedgerStore.successor(new byte[] {1, 2})).containsExactly(1, 3);
    assertThat(RocksDbLedgerStore.successor(new byte[] {1, (byte) 0xFF})).containsExactly(2);
    assertThat(RocksDbLedgerStore.successor(new byte[] {(byte) 0x7F})).containsExactly(0x80);
    assertThat(RocksDbLedgerStore.successor(new byte[] {(byte) 0xFF, (byte) 0xFF})).isNull();
    assertThat(RocksDbLedgerStore.successor(new byte[0])).isNull();
  }
}
