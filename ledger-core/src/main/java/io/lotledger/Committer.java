package io.lotledger;

import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.spi.WriteBatch;
import io.lotledger.verify.ChainRules;
import io.lotledger.verify.Failure;
import io.lotledger.verify.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that orders a ledger's appends: it takes what callers submitted, judges each against
 * the state the ones before it leave ({@link ChainRules}), and writes each group as one atomic batch
 * with one fsync ({@link Durability}). Callers' futures are completed on other threads, so their
 * callbacks never run on (or block) the committer.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread; {@link #stop} once, by the ledger.
 */
final class Committer {
  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
  /** Most times an auto-linked append is re-linked and re-signed after losing a race for a head. */
  private static final int MAX_RELINKS = 64;

  private final LedgerStore store;
  private final LedgerOptions options;
  private final String origin;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long size;
  private volatile boolean stopped;

  Committer(LedgerStore store, LedgerOptions options, String origin, long size) {
    this.store = store;
    this.options = options;
    this.origin = origin;
    this.size = size;
    this.thread = new Thread(this::commitLoop, "lotledger-committer-" + origin);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Entries committed so far (published after each group's write). */
  long size() {
    return size;
  }

  /**
   * Queues {@code entry} for ordering; {@code event} and {@code signer} are given for auto-linked
   * appends, which are re-linked and re-signed when another append moved a head first.
   */
  CompletableFuture<Entry> submit(SignedEntry entry, Event event, ActorSigner signer) {
    CompletableFuture<Entry> future = new CompletableFuture<>();
    submit(new Pending(entry, event, signer, future));
    return published(future);
  }

  /** Waits for an append's outcome, unwrapping the ledger's own exceptions. */
  static <T> T await(CompletableFuture<T> future) throws LedgerException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException(LedgerException.Code.ILLEGAL_STATE, "interrupted while appending", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LedgerException le) {
        throw le;
      }
      throw new LedgerException(LedgerException.Code.STORAGE, "append failed: " + e.getCause(), e.getCause());
    }
  }

  /** Commits what was submitted before, fails what arrives after, and waits for the thread to end. */
  void stop() {
    stopped = true;
    queue.add(Pending.STOP);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  interface Heads {
    EntryHash head(LotId lot) throws StoreException;
  }

  /** Signs {@code event} for ledger {@code origin}, linking each lot it touches to the head {@code heads} gives. */
  static SignedEntry signLinked(String origin, Event event, ActorSigner signer, Heads heads) throws LedgerException {
    Map<LotId, EntryHash> links = new TreeMap<>();
    for (LotId lot : event.lots()) {
      EntryHash h = heads.head(lot);
      if (h != null) {
        links.put(lot, h);
      }
    }
    EntryBody body = EntryBody.of(origin, signer.actor(), signer.publicKey(), event, links::get);
    return EntryCodec.sign(body, signer.signer());
  }

  /**
   * Daemon threads that complete the futures callers hold. The committer never runs callers' code:
   * a callback that appends, waits or closes the ledger would otherwise stop the committer itself.
   */
  private static final java.util.concurrent.ExecutorService CALLBACKS =
      java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lotledger-callbacks");
        t.setDaemon(true);
        return t;
      });

  private static <T> CompletableFuture<T> published(CompletableFuture<T> internal) {
    CompletableFuture<T> out = new CompletableFuture<>();
    internal.whenComplete((entry, failure) -> CALLBACKS.execute(() -> {
      if (failure != null) {
        out.completeExceptionally(failure);
      } else {
        out.complete(entry);
      }
    }));
    return out;
  }

  private void submit(Pending p) {
    if (stopped) {
      p.fail(new LedgerException(LedgerException.Code.ILLEGAL_STATE, "ledger " + origin + " is closed"));
      return;
    }
    queue.add(p);
    if (stopped && queue.remove(p)) {
      p.fail(new LedgerException(LedgerException.Code.ILLEGAL_STATE, "ledger " + origin + " is closed"));
    }
  }

  /**
   * Queues {@code events}, to be signed by {@code signer} and committed all together or not at all: each
   * is judged against the state the ones before it leave, and the first that breaks a rule fails the
   * whole batch with {@link AppendRejectedException#position()} naming it.
   */
  CompletableFuture<List<Entry>> submitAll(List<Event> events, ActorSigner signer) {
    CompletableFuture<List<Entry>> all = new CompletableFuture<>();
    submit(new Pending(null, null, signer, null, List.copyOf(events), all));
    return published(all);
  }

  /**
   * One submission: a signed entry (with its event and signer when auto-linked), completed through
   * {@code future}, or a batch of events, completed through {@code batchFuture}.
   */
  private record Pending(SignedEntry entry, Event event, ActorSigner signer, CompletableFuture<Entry> future,
      List<Event> batch, CompletableFuture<List<Entry>> batchFuture) {
    static final Pending STOP = new Pending(null, null, null, null, null, null);

    Pending(SignedEntry entry, Event event, ActorSigner signer, CompletableFuture<Entry> future) {
      this(entry, event, signer, future, null, null);
    }

    /** Fails this submission, whichever kind it is. */
    void fail(Throwable failure) {
      if (batch != null) {
        batchFuture.completeExceptionally(failure);
      } else {
        future.completeExceptionally(failure);
      }
    }
  }

  /** The committer: orders, judges and writes appends, one atomic batch per group. */
  private void commitLoop() {
    int maxBatch = options.durability() == Durability.PER_APPEND ? 1 : options.maxBatch();
    List<Pending> group = new ArrayList<>(maxBatch);
    while (true) {
      group.clear();
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops the committer, through STOP
      }
      queue.drainTo(group, maxBatch - 1);
      long lingerNanos = options.linger().toNanos();
      if (lingerNanos > 0 && group.size() < maxBatch && !group.contains(Pending.STOP)) {
        // Wait a little for more appends so that one fsync covers a fuller group.
        long deadline = System.nanoTime() + lingerNanos;
        try {
          for (long left = lingerNanos; group.size() < maxBatch && left > 0; left = deadline - System.nanoTime()) {
            Pending more = queue.poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (more == null) {
              break;
            }
            group.add(more);
            queue.drainTo(group, maxBatch - group.size());
            if (more == Pending.STOP) {
              break;
            }
          }
        } catch (InterruptedException e) {
          // only close() stops the committer; commit what we have
        }
      }
      boolean stop = group.removeIf(p -> p == Pending.STOP);
      if (!group.isEmpty()) {
        try {
          commitGroup(group);
        } catch (Throwable t) {
          // The committer must survive anything, or every later append would wait for ever.
          LOG.error("ledger {}: committing a group failed", origin, t);
          LedgerException failure = new LedgerException(LedgerException.Code.STORAGE, "commit failed: " + t, t);
          group.forEach(p -> p.fail(failure));
        }
      }
      if (stop) {
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Pending p : rest) {
          if (p != Pending.STOP) {
            p.fail(new LedgerException(LedgerException.Code.ILLEGAL_STATE, "ledger " + origin + " is closed"));
          }
        }
        return;
      }
    }
  }

  private void commitGroup(List<Pending> group) {
    Overlay overlay = new Overlay(store);
    WriteBatch batch = new WriteBatch();
    List<Pending> accepted = new ArrayList<>(group.size());
    List<Runnable> completions = new ArrayList<>(group.size()); // run once the group is durable
    long next = size;
    for (Pending p : group) {
      if (p.batch != null) {
        // The batch's records go to a layer of their own, dropped whole if one event is rejected; when
        // all pass, the layer stays on top of the group's (nothing is copied: a batch can be a whole
        // EPCIS document, and its records are most of what an import holds in memory).
        Overlay layer = new Overlay(overlay);
        WriteBatch mine = new WriteBatch();
        List<Entry> done = commitBatch(p, next, layer, mine);
        if (done != null) {
          overlay = layer;
          if (batch.isEmpty()) {
            batch = mine;
          } else {
            for (WriteBatch.Put put : mine.puts()) {
              batch.put(put.table(), put.key(), put.value());
            }
          }
          accepted.add(p);
          completions.add(() -> p.batchFuture.complete(done));
          next += done.size();
        }
        continue;
      }
      try {
        SignedEntry entry = p.entry;
        WriteBatch derived = new WriteBatch();
        Finding f = judge(entry, next, overlay, derived);
        for (int attempt = 0; needsRelink(f, p) && attempt < MAX_RELINKS; attempt++) {
          // An auto-linked append lost a race for a head (or an identical event won it): link it to
          // the new head and sign again.
          Overlay state = overlay;
          entry = signLinked(origin, p.event, p.signer, lot -> {
            byte[] h = state.get(Table.HEADS, KeyLayout.headKey(lot));
            return h == null ? null : EntryHash.of(h);
          });
          derived = new WriteBatch();
          f = judge(entry, next, overlay, derived);
        }
        if (f != null) {
          p.fail(new AppendRejectedException(f));
          continue;
        }
        for (WriteBatch.Put put : derived.puts()) {
          batch.put(put.table(), put.key(), put.value());
          overlay.put(put.table(), put.key(), put.value());
        }
        accepted.add(p);
        Entry committed = new Entry(next, entry);
        completions.add(() -> p.future.complete(committed));
        next++;
      } catch (LedgerException e) {
        p.fail(e);
      } catch (RuntimeException e) {
        p.fail(new LedgerException(LedgerException.Code.INVALID_INPUT, "append failed: " + e.getMessage(), e));
      }
    }
    if (accepted.isEmpty()) {
      return;
    }
    try {
      store.write(batch, options.durability() != Durability.NO_SYNC);
    } catch (StoreException | RuntimeException e) {
      LOG.error("ledger {}: writing {} entries failed; none was acknowledged", origin, accepted.size(), e);
      LedgerException failure = e instanceof StoreException se ? se
          : new StoreException("writing " + accepted.size() + " entries failed: " + e.getMessage(), e);
      accepted.forEach(p -> p.fail(failure));
      return;
    }
    size = next;
    completions.forEach(Runnable::run);
  }

  /**
   * Judges a batch's events in order on {@code local}, a fresh overlay over the group's, putting their
   * records in it and in {@code mine}; returns the entries when all pass, null (the batch failed) when
   * one breaks a rule.
   */
  private List<Entry> commitBatch(Pending p, long first, Overlay local, WriteBatch mine) {
    // Only each entry's bytes are kept (those of its ENTRIES record): the signed form is dropped once judged.
    byte[][] encoded = new byte[p.batch.size()][];
    long next = first;
    try {
      for (int i = 0; i < p.batch.size(); i++) {
        SignedEntry entry = signLinked(origin, p.batch.get(i), p.signer, lot -> {
          byte[] h = local.get(Table.HEADS, KeyLayout.headKey(lot));
          return h == null ? null : EntryHash.of(h);
        });
        WriteBatch derived = new WriteBatch();
        Finding f = judge(entry, next, local, derived);
        if (f != null) {
          p.fail(new AppendRejectedException(f, i));
          return null;
        }
        for (WriteBatch.Put put : derived.puts()) {
          mine.put(put.table(), put.key(), put.value());
          local.put(put.table(), put.key(), put.value());
          if (put.table() == Table.ENTRIES) {
            encoded[i] = put.value();
          }
        }
        if (encoded[i] == null) {
          throw new IllegalStateException("the rules stored no ENTRIES record for entry " + next);
        }
        next++;
      }
    } catch (LedgerException e) {
      p.fail(e);
      return null;
    } catch (RuntimeException e) {
      p.fail(new LedgerException(LedgerException.Code.INVALID_INPUT, "append failed: " + e.getMessage(), e));
      return null;
    }
    return new AppendedEntries(first, encoded);
  }

  private static boolean needsRelink(Finding f, Pending p) {
    return f != null
        && p.event != null
        && !p.event.lots().isEmpty()
        && (f.failure() == Failure.LINK_MISMATCH || f.failure() == Failure.DUPLICATE_ENTRY);
  }

  /**
   * Chain rules plus duplicate detection; fills {@code derived} with what an accepted entry stores.
   * Signatures were checked on the submitting thread (or made by us).
   */
  private Finding judge(SignedEntry entry, long index, Overlay state, WriteBatch derived) throws StoreException {
    byte[] existing = state.get(Table.HASHES, KeyLayout.hashKey(entry.hash()));
    if (existing != null) {
      long at = KeyLayout.u64(existing);
      return new Finding(Failure.DUPLICATE_ENTRY, index, entry.hash(), null, "the same entry is already at index " + at,
          "a new entry", "entry " + at);
    }
    return ChainRules.apply(entry, index, state, derived);
  }

  /**
   * The store as it will be after the group's accepted entries: pending puts shadow stored values.
   * Holds only the tables the rules read: the others (entries, history, lot lists,
   * edges) are only written, and keeping them here too would double what a large batch holds.
   */
  private static final class Overlay implements ChainRules.Reader {
    private static final Set<Table> WRITTEN_ONLY =
        java.util.EnumSet.of(Table.ENTRIES, Table.HISTORY, Table.LOTS, Table.PARENTS, Table.CHILDREN, Table.CHECKPOINTS);

    private final ChainRules.Reader below;
    private final Map<Table, TreeMap<byte[], byte[]>> pending = new java.util.EnumMap<>(Table.class);

    Overlay(LedgerStore store) {
      this.below = store::get;
    }

    Overlay(Overlay below) {
      this.below = below;
    }

    void put(Table table, byte[] key, byte[] value) {
      if (WRITTEN_ONLY.contains(table)) {
        return;
      }
      pending.computeIfAbsent(table, t -> new TreeMap<>(Arrays::compareUnsigned)).put(key, value);
    }

    @Override
    public byte[] get(Table table, byte[] key) throws StoreException {
      if (WRITTEN_ONLY.contains(table)) {
        throw new IllegalStateException("the rules read " + table + ", which a commit's overlay does not hold");
      }
      TreeMap<byte[], byte[]> t = pending.get(table);
      byte[] v = t == null ? null : t.get(key);
      return v != null ? v : below.get(table, key);
    }
  }
}
