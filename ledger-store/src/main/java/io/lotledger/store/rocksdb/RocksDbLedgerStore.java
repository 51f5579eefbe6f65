package io.lotledger.store.rocksdb;

import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LedgerStore} in an embedded RocksDB database: one column family per {@link Table} (named
 * {@link Table#id()}), keys in RocksDB's default bytewise order, which is unsigned byte order.
 *
 * <p>Each {@link #write} is one RocksDB write batch through the write-ahead log, so it is atomic
 * across a crash; with {@code sync} the log is fsynced before the call returns.
 *
 * <p>Thread-safe: RocksDB serves concurrent reads and writes itself; a read-write lock only keeps
 * {@link #close()} from freeing native handles while another thread is inside a call, which would
 * otherwise be a use-after-free that crashes the JVM rather than throwing.
 */
public final class RocksDbLedgerStore implements LedgerStore {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbLedgerStore.class);
  private static final String DEFAULT_CF =
      new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);
  private static volatile boolean nativeLoaded;

  private final Path directory;
  private final RocksDB db;
  private final Map<Table, ColumnFamilyHandle> handles;

  /** The default column family: RocksDB requires it open although no table lives in it. */
  private final ColumnFamilyHandle defaultHandle;

  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final BloomFilter bloomFilter;
  private final WriteOptions syncWrite;
  private final WriteOptions asyncWrite;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final boolean readOnly;
  private boolean closed; // guarded by lock

  private RocksDbLedgerStore(
      Path directory,
      RocksDB db,
      Map<Table, ColumnFamilyHandle> handles,
      ColumnFamilyHandle defaultHandle,
      DBOptions dbOptions,
      ColumnFamilyOptions cfOptions,
      BloomFilter bloomFilter,
      boolean readOnly) {
    this.readOnly = readOnly;
    this.directory = directory;
    this.db = db;
    this.handles = handles;
    this.defaultHandle = defaultHandle;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.bloomFilter = bloomFilter;
    this.syncWrite = new WriteOptions().setSync(true);
    this.asyncWrite = new WriteOptions().setSync(false);
  }

  /**
   * Opens the store in {@code directory}. With {@code create}, a missing directory, database or
   * column family is created; without it, the directory must already hold a ledger store.
   *
   * @throws StoreException if the directory holds no database (and not {@code create}), a foreign
   *     or corrupt one, or is locked by another open store
   */
  public static RocksDbLedgerStore open(Path directory, boolean create) throws StoreException {
    return open(directory, create, false);
  }

  /**
   * Opens the store in {@code directory} read-only, beside a process that may be writing to it (no
   * lock is taken): reads see the store as it was when it opened, at a write batch's boundary
   * (every batch the writer had written to its log, a torn last record aside), and nothing later;
   * writes fail.
   *
   * @throws StoreException if the directory holds no database, a foreign or corrupt one
   */
  public static RocksDbLedgerStore openReadOnly(Path directory) throws StoreException {
    return open(directory, false, true);
  }

  private static RocksDbLedgerStore open(Path directory, boolean create, boolean readOnly)
      throws StoreException {
    Objects.requireNonNull(directory, "directory");
    loadNative();
    Path dir = directory.toAbsolutePath().normalize();
    if (create) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StoreException("cannot create store directory " + dir + ": " + e, e);
      }
    } else {
      checkColumnFamilies(dir);
    }
    if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
      // RocksDB would start a new, empty database beside the remains of the old one.
      String remains = remains(dir);
      if (!remains.isEmpty()) {
        throw corrupt(dir, "its CURRENT file is missing, but " + remains + " remain", null);
      }
    }

    DBOptions dbOptions =
        new DBOptions()
            .setCreateIfMissing(create)
            .setCreateMissingColumnFamilies(create)
            .setParanoidChecks(true)
            // RocksDB's default (point-in-time) recovery stops replaying the write-ahead log at its
            // first bad
            // record and silently drops every valid record after it: acknowledged entries lost.
            // This mode
            // tolerates only a torn final record (a crash mid-write, never acknowledged) and
            // refuses to open
            // over corruption anywhere else, so a damaged log is reported, not rolled back.
            .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
            // RocksDB keeps up to 1000 info log files by default; a few are enough to diagnose.
            .setKeepLogFileNum(4);
    // Point lookups (hash index, heads, keys) dominate; a bloom filter spares a disk read per miss.
    BloomFilter bloomFilter = new BloomFilter(10);
    ColumnFamilyOptions cfOptions =
        new ColumnFamilyOptions()
            .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloomFilter));

    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (Table t : Table.values()) {
      descriptors.add(new ColumnFamilyDescriptor(cfName(t), cfOptions));
    }
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    RocksDB db;
    try {
      db =
          readOnly
              ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, opened)
              : RocksDB.open(dbOptions, dir.toString(), descriptors, opened);
    } catch (RocksDBException e) {
      opened.forEach(ColumnFamilyHandle::close);
      cfOptions.close();
      bloomFilter.close();
      dbOptions.close();
      if (isCorruption(e)) {
        throw corrupt(dir, describe(e), e);
      }
      throw new StoreException(
          "cannot open RocksDB ledger store in " + dir + ": " + describe(e), e);
    }
    Map<Table, ColumnFamilyHandle> handles = new EnumMap<>(Table.class);
    Table[] tables = Table.values();
    for (int i = 0; i < tables.length; i++) {
      handles.put(tables[i], opened.get(i + 1));
    }
    LOG.debug("opened RocksDB ledger store in {}", dir);
    return new RocksDbLedgerStore(
        dir, db, handles, opened.get(0), dbOptions, cfOptions, bloomFilter, readOnly);
  }

  /** The directory the database lives in. */
  public Path directory() {
    return directory;
  }

  @Override
  public byte[] get(Table table, byte[] key) throws StoreException {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    lock.readLock().lock();
    try {
      ensureOpen("get", table);
      return db.get(handles.get(table), key);
    } catch (RocksDBException e) {
      throw failure("get", table, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scan(Table table, byte[] prefix, Visitor visitor) throws StoreException {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(visitor, "visitor");
    lock.readLock().lock();
    try {
      ensureOpen("scan", table);
      byte[] limit = successor(prefix);
      // Declaration order matters: the iterator must be closed before the options and the bound.
      try (Slice upper = limit == null ? null : new Slice(limit);
          ReadOptions options = new ReadOptions();
          RocksIterator it =
              db.newIterator(
                  handles.get(table),
                  upper == null ? options : options.setIterateUpperBound(upper))) {
        for (it.seek(prefix); it.isValid(); it.next()) {
          byte[] key = it.key();
          if (!startsWith(key, prefix)) {
            break; // only reached when the prefix has no successor (all 0xFF)
          }
          if (!visitor.visit(key, it.value())) {
            break;
          }
        }
        // An iterator that stops early on an I/O error or corruption is invalid, not exhausted.
        it.status();
      }
    } catch (RocksDBException e) {
      throw failure("scan", table, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void write(WriteBatch batch, boolean sync) throws StoreException {
    Objects.requireNonNull(batch, "batch");
    // Null arrays would reach JNI; reject the whole batch before anything is applied.
    for (WriteBatch.Put p : batch.puts()) {
      if (p.table() == null || p.key() == null || p.value() == null) {
        throw new IllegalArgumentException("a put needs a table, a key and a value: " + p);
      }
    }
    if (readOnly) {
      throw new StoreException("the store in " + directory + " is open read-only");
    }
    lock.readLock().lock();
    try {
      ensureOpen("write", null);
      if (batch.isEmpty()) {
        return;
      }
      try (org.rocksdb.WriteBatch rocks = new org.rocksdb.WriteBatch()) {
        for (WriteBatch.Put p : batch.puts()) {
          rocks.put(handles.get(p.table()), p.key(), p.value());
        }
        db.write(sync ? syncWrite : asyncWrite, rocks);
      }
    } catch (RocksDBException e) {
      throw failure("write of " + batch.size() + " records", null, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Test hook: replaces or deletes ({@code value == null}) one record, bypassing the ledger, which
   * never deletes. Package-private so that only tamper tests reach it.
   */
  void tamper(Table table, byte[] key, byte[] value) throws StoreException {
    lock.readLock().lock();
    try {
      ensureOpen("tamper", table);
      if (value == null) {
        db.delete(handles.get(table), syncWrite, key);
      } else {
        db.put(handles.get(table), syncWrite, key, value);
      }
    } catch (RocksDBException e) {
      throw failure("tamper", table, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Waits for calls in progress, syncs the write-ahead log (so that unsynced writes survive a power
   * loss after a clean close), and releases every native handle. Idempotent.
   *
   * @throws StoreException if called from inside a {@link #scan} visitor of this store, or if
   *     RocksDB fails to close cleanly (the handles are released regardless)
   */
  @Override
  public void close() throws StoreException {
    if (lock.getReadHoldCount() > 0) {
      // Upgrading a read lock to a write lock deadlocks; fail instead.
      throw new StoreException(
          "cannot close RocksDB ledger store in "
              + directory
              + " from inside one of its own calls");
    }
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      RocksDBException first = null;
      try {
        if (!readOnly) {
          db.syncWal();
        }
      } catch (RocksDBException e) {
        first = e;
      }
      // RocksDB requires column family handles to go before the database, and options after it.
      handles.values().forEach(ColumnFamilyHandle::close);
      defaultHandle.close();
      try {
        db.closeE();
      } catch (RocksDBException e) {
        first = first == null ? e : first;
      }
      syncWrite.close();
      asyncWrite.close();
      cfOptions.close();
      bloomFilter.close();
      dbOptions.close();
      if (first != null) {
        throw new StoreException(
            "closing RocksDB ledger store in " + directory + " failed: " + describe(first), first);
      }
      LOG.debug("closed RocksDB ledger store in {}", directory);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "RocksDbLedgerStore[" + directory + "]";
  }

  // ------------------------------------------------------------------ internals

  private static byte[] cfName(Table table) {
    return table.id().getBytes(StandardCharsets.UTF_8);
  }

  private static synchronized void loadNative() throws StoreException {
    if (nativeLoaded) {
      return;
    }
    try {
      RocksDB.loadLibrary();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new StoreException("cannot load the RocksDB native library for this platform: " + e, e);
    }
    nativeLoaded = true;
  }

  /**
   * Without {@code create}, names what is wrong with the directory before RocksDB's own (terser)
   * errors: no database at all, or a database whose column families are not exactly the tables.
   */
  private static void checkColumnFamilies(Path dir) throws StoreException {
    if (!Files.isDirectory(dir)) {
      throw new StoreException("no RocksDB ledger store in " + dir + ": not a directory");
    }
    if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
      String remains = remains(dir);
      if (!remains.isEmpty()) {
        throw corrupt(dir, "its CURRENT file is missing, but " + remains + " remain", null);
      }
      throw new StoreException("no RocksDB ledger store in " + dir + ": no CURRENT file");
    }
    List<byte[]> names;
    try (Options options = new Options()) {
      names = RocksDB.listColumnFamilies(options, dir.toString());
    } catch (RocksDBException e) {
      throw corrupt(dir, describe(e), e);
    }
    if (names.isEmpty()) {
      // Every database has the default column family; RocksDB lists none when it cannot read the
      // manifest (a damaged CURRENT, say) and keeps the reason to itself. Opening will name it.
      return;
    }
    Set<String> found = new TreeSet<>();
    for (byte[] n : names) {
      found.add(new String(n, StandardCharsets.UTF_8));
    }
    found.remove(DEFAULT_CF);
    Set<String> expected = new LinkedHashSet<>();
    for (Table t : Table.values()) {
      expected.add(t.id());
    }
    Set<String> missing = new LinkedHashSet<>(expected);
    missing.removeAll(found);
    Set<String> foreign = new TreeSet<>(found);
    foreign.removeAll(expected);
    if (foreign.isEmpty() && !missing.isEmpty() && createdWith(dir).containsAll(missing)) {
      // RocksDB wrote every table into the options file when it created them; a manifest that no
      // longer
      // lists them all lost its tail.
      throw corrupt(
          dir,
          "its MANIFEST lists "
              + (expected.size() - missing.size())
              + " of the "
              + expected.size()
              + " tables it was created with (missing "
              + missing
              + ")",
          null);
    }
    if (!missing.isEmpty() || !foreign.isEmpty()) {
      throw new StoreException(
          "RocksDB database in "
              + dir
              + " is not a ledger store of this version: "
              + (missing.isEmpty() ? "" : "missing column families " + missing)
              + (missing.isEmpty() || foreign.isEmpty() ? "" : ", ")
              + (foreign.isEmpty() ? "" : "unknown column families " + foreign));
    }
  }

  private void ensureOpen(String operation, Table table) throws StoreException {
    if (closed) {
      throw new StoreException(
          operation
              + (table == null ? "" : " on table " + table.id())
              + " failed: RocksDB ledger store in "
              + directory
              + " is closed");
    }
  }

  private StoreException failure(String operation, Table table, RocksDBException e) {
    if (isCorruption(e)) {
      return corrupt(
          directory,
          describe(e)
              + " (in "
              + operation
              + (table == null ? "" : " on table " + table.id())
              + ")",
          e);
    }
    return new StoreException(
        "RocksDB "
            + operation
            + (table == null ? "" : " on table " + table.id())
            + " in "
            + directory
            + " failed: "
            + describe(e),
        e);
  }

  /** The one wording for a store that RocksDB (or this class) found damaged. */
  private static StoreException corrupt(Path dir, String detail, Throwable cause) {
    return new StoreException("the store in " + dir + " is corrupt: " + detail, cause);
  }

  private static boolean isCorruption(RocksDBException e) {
    return e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption;
  }

  /**
   * Names the RocksDB files in {@code dir} that outlive a lost CURRENT file, or "" when no MANIFEST
   * is among them.
   */
  private static String remains(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(
                  n ->
                      n.startsWith("MANIFEST-")
                          || n.startsWith("OPTIONS-")
                          || n.endsWith(".sst")
                          || n.endsWith(".log")
                          || n.equals("IDENTITY"))
              .sorted()
              .toList();
      // Without a MANIFEST there is no database to speak of, only stray files.
      return names.stream().anyMatch(n -> n.startsWith("MANIFEST-"))
          ? String.join(", ", names)
          : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The column families named in the newest {@code OPTIONS-*} file RocksDB keeps beside the
   * database (one {@code [CFOptions "name"]} section each), or none when it has no readable one.
   */
  private static Set<String> createdWith(Path dir) {
    Set<String> names = new TreeSet<>();
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      Path newest =
          files
              .filter(p -> p.getFileName().toString().matches("OPTIONS-[0-9]+"))
              .max(
                  java.util.Comparator.comparingLong(
                      p -> Long.parseLong(p.getFileName().toString().substring(8))))
              .orElse(null);
      if (newest == null || Files.size(newest) > 4 * 1024 * 1024) {
        return names;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "^\\[CFOptions \"([^\"]*)\"\\]", java.util.regex.Pattern.MULTILINE)
              .matcher(Files.readString(newest, StandardCharsets.UTF_8));
      while (m.find()) {
        names.add(m.group(1));
      }
    } catch (IOException | RuntimeException e) {
      // no evidence either way: the caller reports a foreign store
    }
    return names;
  }

  private static String describe(RocksDBException e) {
    // RocksDB's message already starts with the status, e.g. "Corruption: CURRENT file corrupted".
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e.getStatus() == null ? "unknown RocksDB error" : e.getStatus().getCodeString();
  }

  /**
   * The least key greater than every key starting with {@code prefix}, or null when there is none.
   */
  static byte[] successor(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] next = Arrays.copyOf(prefix, i + 1);
        next[i]++;
        return next;
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
