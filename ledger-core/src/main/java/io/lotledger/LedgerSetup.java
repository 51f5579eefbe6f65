package io.lotledger;

import io.lotledger.engine.EntrySigning;
import io.lotledger.engine.RollbackGuard;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Finding;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.LedgerStoreProvider;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.WriteBatch;
import io.lotledger.state.StoredLedger;
import io.lotledger.state.Transition;
import io.lotledger.store.memory.InMemoryLedgerStore;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a ledger lives and how it runs; then {@link #open()} it or {@link #create} it. Start from
 * {@link Ledger#in(Path)} (embedded RocksDB in a directory), {@link Ledger#inMemory()} or {@link
 * Ledger#on(LedgerStore)} (a store of your own):
 *
 * <pre>{@code
 * try (Ledger ledger = Ledger.in(dir).create("ledger.example.com", root, "Example Ltd")) { ... }
 * try (Ledger ledger = Ledger.in(dir).options(LedgerOptions.DEFAULT.withDurability(Durability.BATCHED)).open()) { ... }
 * Ledger scratch = Ledger.inMemory().create("scratch", root, "Root");
 * Ledger custom = Ledger.on(store).recordsIn(dir).open();
 * }</pre>
 *
 * <p>Immutable: each method returns a new setup.
 */
public final class LedgerSetup {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerSetup.class);
  private final Path directory;
  private final LedgerStore store;
  private final Path records;
  private final LedgerOptions options;
  private final boolean readOnly;

  private LedgerSetup(
      Path directory, LedgerStore store, Path records, LedgerOptions options, boolean readOnly) {
    this.directory = directory;
    this.store = store;
    this.records = records;
    this.options = options;
    this.readOnly = readOnly;
  }

  private LedgerSetup(Path directory, LedgerStore store, Path records, LedgerOptions options) {
    this(directory, store, records, options, false);
  }

  /**
   * The same setup, opened for reading beside a process that may be writing the ledger (a writer or
   * a replicator holds it): no lock is taken, and the ledger reads its store as it was when it
   * opened — every batch the writer had written by then, each whole, and nothing later; it
   * verifies, traces and reports on that state. Appends and checkpoints fail with ILLEGAL_STATE.
   * For a ledger {@link Ledger#in(Path) in a directory} only, and only {@link #open()}.
   */
  public LedgerSetup readOnly() {
    if (directory == null) {
      throw new IllegalStateException("only a ledger in a directory (Ledger.in) opens read-only");
    }
    return new LedgerSetup(directory, store, records, options, true);
  }

  static LedgerSetup in(Path directory) {
    return new LedgerSetup(
        Objects.requireNonNull(directory, "directory"), null, directory, LedgerOptions.DEFAULT);
  }

  static LedgerSetup on(LedgerStore store) {
    return new LedgerSetup(
        null, Objects.requireNonNull(store, "store"), null, LedgerOptions.DEFAULT);
  }

  static LedgerSetup inMemory() {
    return new LedgerSetup(null, null, null, LedgerOptions.DEFAULT);
  }

  /** The same setup with {@code options} (group commit, durability, clock). */
  public LedgerSetup options(LedgerOptions options) {
    return new LedgerSetup(
        directory, store, records, Objects.requireNonNull(options, "options"), readOnly);
  }

  /**
   * The same setup keeping the ledger's own records (how many entries it acknowledged, the latest
   * checkpoint it signed) in {@code directory}, beside a store of your own: opening then refuses a
   * store that lost entries. A ledger {@link Ledger#in(Path) in a directory} keeps them there
   * already.
   */
  public LedgerSetup recordsIn(Path directory) {
    if (store == null) {
      throw new IllegalStateException(
          "records are kept beside a store of your own (Ledger.on), not "
              + (this.directory != null
                  ? "beside a directory's store, which keeps them already"
                  : "an in-memory ledger"));
    }
    return new LedgerSetup(null, store, Objects.requireNonNull(directory, "directory"), options);
  }

  /**
   * Opens the existing ledger; the ledger owns its store and closes it.
   *
   * @throws LedgerException NOT_FOUND if there is no ledger there
   * @throws io.lotledger.verify.RollbackException if the store holds fewer entries than the ledger
   *     acknowledged, or fewer than, or a history other than, the latest checkpoint it signed
   */
  public Ledger open() throws LedgerException {
    if (directory != null) {
      LedgerStoreProvider provider = provider();
      if (!provider.exists(directory)) {
        throw new LedgerException(LedgerException.Code.NOT_FOUND, "no ledger in " + directory);
      }
      if (readOnly) {
        // The records first, then the store: the store then holds at least what they say.
        RollbackGuard guard = RollbackGuard.reading(directory);
        return opened(provider.openReadOnly(directory), guard, true);
      }
      return opened(provider.open(directory, false), RollbackGuard.in(directory), false);
    }
    if (store == null) {
      throw new LedgerException(
          LedgerException.Code.NOT_FOUND, "an in-memory ledger has nothing to open: create it");
    }
    return opened(store, records == null ? null : RollbackGuard.in(records), false);
  }

  /**
   * Creates a ledger named {@code origin} (its log origin: the first line of every checkpoint it
   * signs, C2SP tlog-checkpoint) whose root actor — the trust anchor that registers every other
   * actor — is {@code root}, displayed as {@code rootName}. The genesis entry is the root's
   * self-signed registration.
   *
   * @throws LedgerException ILLEGAL_STATE if a ledger is there already; INVALID_INPUT for an origin
   *     that cannot name a log (1-256 printable ASCII characters without spaces or '+')
   */
  public Ledger create(String origin, ActorSigner root, String rootName) throws LedgerException {
    if (readOnly) {
      throw new IllegalStateException("a read-only setup opens a ledger; it creates none");
    }
    LedgerStore target;
    Path recordsIn;
    if (directory != null) {
      RollbackGuard.refuseCreatingOver(directory);
      // A store without a genesis entry (left by a create that failed half-way) is empty: reuse it.
      target = provider().open(directory, true);
      recordsIn = directory;
    } else {
      target = store != null ? store : new InMemoryLedgerStore();
      recordsIn = records;
    }
    try {
      requireOrigin(origin);
      StoredLedger empty = new StoredLedger(target);
      if (empty.holdsLedger()) {
        throw new LedgerException(
            LedgerException.Code.ILLEGAL_STATE, "a ledger already exists in this store");
      }
      SignedEntry genesis =
          EntrySigning.genesis(
              origin,
              root,
              rootName,
              OffsetDateTime.ofInstant(options.clock().instant(), ZoneOffset.UTC));
      WriteBatch batch = new WriteBatch();
      Finding f = Transition.accept(genesis, 0, empty, StoredLedger.changes(batch));
      if (f != null) {
        throw new AppendRejectedException(f);
      }
      target.write(batch, true);
    } catch (LedgerException | RuntimeException e) {
      closeQuietly(target);
      throw e;
    }
    return opened(target, recordsIn == null ? null : RollbackGuard.in(recordsIn), false);
  }

  /**
   * The store driver used for directories: {@value Ledger#DEFAULT_PROVIDER}, unless another is the
   * only one present.
   */
  static LedgerStoreProvider provider() {
    return LedgerStoreProvider.find(Ledger.DEFAULT_PROVIDER);
  }

  /** The ledger on {@code store}, which it then owns; the store is closed if that fails. */
  private Ledger opened(LedgerStore store, RollbackGuard guard, boolean readOnly)
      throws LedgerException {
    try {
      return new Ledger(store, options, guard, readOnly);
    } catch (LedgerException | RuntimeException e) {
      closeQuietly(store);
      throw e;
    }
  }

  /** Refuses an origin that cannot name a ledger (and its log key, C2SP signed-note key names). */
  private static void requireOrigin(String origin) throws LedgerException {
    if (origin == null
        || origin.isEmpty()
        || origin.length() > 256
        || !origin.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '+')) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT,
          "origin must be 1-256 printable ASCII characters without spaces or '+' (it names the log key), not '"
              + origin
              + "'");
    }
  }

  private static void closeQuietly(LedgerStore store) {
    try {
      store.close();
    } catch (StoreException | RuntimeException e) {
      LOG.warn("closing store after a failed open: {}", e.getMessage());
    }
  }
}
