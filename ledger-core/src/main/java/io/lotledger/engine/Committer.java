package io.lotledger.engine;

import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.WriteBatch;
import io.lotledger.state.LedgerState;
import io.lotledger.state.PendingState;
import io.lotledger.state.StateChanges;
import io.lotledger.state.StoredLedger;
import io.lotledger.state.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that orders a ledger's appends: it takes what callers submitted, judges each
 * against the state the ones before it leave ({@link Transition}), and writes each group as one
 * atomic batch with one fsync ({@link Durability}). Callers' futures are completed on other
 * threads, so their callbacks never run on (or block) the committer.
 *
 * <p><b>The committer never runs callers' code</b>, their {@link io.lotledger.crypto.Signer}s
 * included: a slow HSM would otherwise stall every append of every caller. Entries arrive signed
 * (on the caller's thread, {@link EntrySigning}); when an auto-linked append, or an {@code
 * Ledger#appendAll} batch, finds that a lot's head moved since it was signed (it lost a race), the
 * committer sends it back to be re-linked to the heads it now sees and re-signed on a pool thread,
 * at most {@value #MAX_RELINKS} times, and judges it again when it returns: a compare-and-set.
 *
 * <p><b>Order.</b> Appends are judged in the order they were submitted, except that while one is
 * out being re-signed, later appends that share a lot or an EPCIS eventID with it wait behind it
 * (they are "parked"), and so does every registry change (which can change whose signatures are
 * valid), and everything after a waiting registry change. Appends with nothing in common with it go
 * ahead. So appends that share a lot are committed in submission order, as links, custody and mass
 * balance need. Registry changes are ordered against everything because the rules read the registry
 * beyond the signer's own key (a shipment's buyer may or may not be an actor of the ledger): the
 * price is that a signer stuck while re-signing holds up a registry change, and what follows it,
 * until it returns.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread; {@link #stop} once, by the ledger.
 * Fields marked "committer only" are touched by the committer thread alone.
 */
public final class Committer {
  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

  /**
   * Most times an auto-linked append (or batch) is re-linked and re-signed after losing a race for
   * a head.
   */
  private static final int MAX_RELINKS = 64;

  private final LedgerStore store;
  private final GroupCommit options;
  private final String origin;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile long size;

  /** Set when a store write failed with an unknown outcome: every later append fails with it. */
  private volatile StoreException broken;

  private volatile boolean stopped;

  /** Appends waiting behind one being re-signed, in submission order (committer only). */
  private final ArrayDeque<Pending> parked = new ArrayDeque<>();

  /** What the appends out being re-signed or parked hold (committer only). */
  private final Holds held = new Holds();

  /** Appends out being re-signed (committer only). */
  private int out;

  /**
   * How appends are grouped into store writes.
   *
   * @param maxBatch the most appends one write carries (1: one write, and one sync, per append)
   * @param linger how long the committer waits for more appends to fill a group
   * @param sync whether each write is synced to disk before its appends are acknowledged
   */
  public record GroupCommit(int maxBatch, java.time.Duration linger, boolean sync) {}

  /**
   * A committer appending to {@code store}, which holds {@code size} entries of ledger {@code
   * origin}.
   */
  public Committer(LedgerStore store, GroupCommit options, String origin, long size) {
    this.store = store;
    this.options = options;
    this.origin = origin;
    this.size = size;
    this.thread = new Thread(this::commitLoop, "lotledger-committer-" + origin);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Entries committed so far (published after each group's write). */
  public long size() {
    return size;
  }

  /**
   * Queues {@code entry} for ordering; {@code event} and {@code signer} are given for auto-linked
   * appends, which are re-linked and re-signed when another append moved a head first.
   */
  public CompletableFuture<Entry> submit(SignedEntry entry, Event event, ActorSigner signer) {
    List<Event> events = List.of(event != null ? event : entry.body().event());
    Pending p = new Pending(events, event != null ? signer : null, false, List.of(entry));
    submit(p);
    return published(p.future, all -> all.get(0));
  }

  /**
   * Queues {@code entries}, signed by {@code signer} for {@code events} (one each, linked to each
   * other as {@link EntrySigning#sign} links them), to be committed all together or not at all:
   * each is judged against the state the ones before it leave, and the first that breaks a rule
   * fails the whole batch with {@link AppendRejectedException#position()} naming it.
   */
  public CompletableFuture<List<Entry>> submitAll(
      List<Event> events, ActorSigner signer, List<SignedEntry> entries) {
    // EncodedEntries are not copied: a copy would decode every entry of what may be a whole
    // document.
    Pending p =
        new Pending(
            List.copyOf(events),
            signer,
            true,
            entries instanceof EncodedEntries ? entries : List.copyOf(entries));
    submit(p);
    return published(p.future, all -> all);
  }

  /** Waits for an append's outcome, unwrapping the ledger's own exceptions. */
  public static <T> T await(CompletableFuture<T> future) throws LedgerException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException(
          LedgerException.Code.ILLEGAL_STATE, "interrupted while appending", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LedgerException le) {
        throw le;
      }
      throw new LedgerException(
          LedgerException.Code.STORAGE, "append failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Commits what was submitted before (waiting for appends out being re-signed to return), fails
   * what arrives after, and waits for the thread to end.
   */
  public void stop() {
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

  /**
   * Daemon threads that complete the futures callers hold. The committer never runs callers' code:
   * a callback that appends, waits or closes the ledger would otherwise stop the committer itself.
   */
  private static final ExecutorService CALLBACKS = daemons("lotledger-callbacks");

  /**
   * Daemon threads that re-link and re-sign appends that lost a race for a head, with the caller's
   * signer, which may be slow (an HSM) or block: never on the committer.
   */
  private static final ExecutorService RESIGNING = daemons("lotledger-resigning");

  private static ExecutorService daemons(String name) {
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  private static <T> CompletableFuture<T> published(
      CompletableFuture<List<Entry>> internal, Function<List<Entry>, T> view) {
    CompletableFuture<T> out = new CompletableFuture<>();
    internal.whenComplete(
        (entries, failure) ->
            CALLBACKS.execute(
                () -> {
                  if (failure != null) {
                    out.completeExceptionally(failure);
                  } else {
                    out.complete(view.apply(entries));
                  }
                }));
    return out;
  }

  private void submit(Pending p) {
    if (broken != null) {
      p.fail(broken);
      return;
    }
    if (stopped) {
      p.fail(closed());
      return;
    }
    queue.add(p);
    if (stopped && queue.remove(p)) {
      p.fail(closed());
    }
  }

  private LedgerException closed() {
    return new LedgerException(
        LedgerException.Code.ILLEGAL_STATE, "ledger " + origin + " is closed");
  }

  /** The committer: orders, judges and writes appends, one atomic batch per group. */
  private void commitLoop() {
    int maxBatch = options.maxBatch();
    List<Pending> group = new ArrayList<>(maxBatch);
    boolean stopping = false;
    while (true) {
      if (stopping && out == 0) {
        // parked is empty too: an append waits only behind one that is out.
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.stream().filter(p -> p != Pending.STOP).forEach(p -> p.fail(closed()));
        return;
      }
      group.clear();
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops the committer, through STOP
      }
      queue.drainTo(group, maxBatch - 1);
      long lingerNanos = options.linger().toNanos();
      if (lingerNanos > 0
          && group.size() < maxBatch
          && !stopping
          && !group.contains(Pending.STOP)) {
        // Wait a little for more appends so that one fsync covers a fuller group.
        long deadline = System.nanoTime() + lingerNanos;
        try {
          for (long left = lingerNanos;
              group.size() < maxBatch && left > 0;
              left = deadline - System.nanoTime()) {
            Pending more = queue.poll(left, TimeUnit.NANOSECONDS);
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
      // What was submitted before STOP is committed; what after, refused, except appends coming
      // back
      // from re-signing, which were submitted before.
      List<Pending> work = new ArrayList<>(group.size());
      for (Pending p : group) {
        if (p == Pending.STOP) {
          stopping = true;
        } else if (stopping && p.state != Pending.State.RETURNED) {
          p.fail(closed());
        } else {
          work.add(p);
        }
      }
      if (!work.isEmpty()) {
        Group g = new Group(store, size);
        try {
          commitGroup(work, g);
        } catch (Throwable t) {
          // The committer must survive anything, or every later append would wait for ever.
          LOG.error("ledger {}: committing a group failed", origin, t);
          LedgerException failure =
              new LedgerException(LedgerException.Code.STORAGE, "commit failed: " + t, t);
          g.accepted.forEach(p -> p.fail(failure));
          for (Pending p : work) {
            if (p.state == Pending.State.RETURNED) {
              out--;
              release(p);
            }
            if (p.state == Pending.State.QUEUED || p.state == Pending.State.RETURNED) {
              p.fail(failure);
            }
          }
        }
      }
    }
  }

  /** The state of one group being judged: what it will write, and the entries it accepted. */
  private static final class Group {
    PendingState pending;
    WriteBatch batch = new WriteBatch();
    final List<Pending> accepted = new ArrayList<>();
    final List<Runnable> completions = new ArrayList<>(); // run once the group is durable
    long next;

    Group(LedgerStore store, long size) {
      this.pending = new PendingState(new StoredLedger(store));
      this.next = size;
    }
  }

  private void commitGroup(List<Pending> work, Group g) {
    for (Pending p : work) {
      if (p.state == Pending.State.RETURNED) {
        p.state = Pending.State.DONE;
        out--;
        release(p);
        if (p.resignFailure != null) {
          p.fail(p.resignFailure);
        } else {
          judge(p, g);
        }
        // What waited behind it may go now, in order.
        List<Pending> waiting = new ArrayList<>(parked);
        parked.clear();
        waiting.forEach(this::release);
        for (Pending q : waiting) {
          admit(q, g);
        }
      } else {
        admit(p, g);
      }
    }
    if (g.accepted.isEmpty()) {
      return;
    }
    try {
      store.write(g.batch, options.sync());
    } catch (StoreException | RuntimeException e) {
      // The write may have reached the store in part or whole (its fsync failed after the log
      // write, say):
      // appending on from a size that may be stale could overwrite entries, so the ledger stops
      // (fail-stop,
      // as RocksDB does after a background error) and reopening reads what the store holds.
      LOG.error(
          "ledger {}: writing {} appends failed; their outcome is unknown and the ledger accepts no more appends",
          origin,
          g.accepted.size(),
          e);
      broken =
          new StoreException(
              "ledger "
                  + origin
                  + " stopped accepting appends after a failed write, whose "
                  + "outcome is unknown (the entries may or may not be stored): close and reopen it; cause: "
                  + e.getMessage(),
              e);
      g.accepted.forEach(p -> p.fail(broken));
      return;
    }
    size = g.next;
    g.completions.forEach(Runnable::run);
  }

  /** Judges {@code p} now, or parks it behind an append out being re-signed that it must follow. */
  private void admit(Pending p, Group g) {
    if (mustWait(p)) {
      p.state = Pending.State.PARKED;
      parked.add(p);
      hold(p);
    } else {
      judge(p, g);
    }
  }

  private boolean mustWait(Pending p) {
    if (out == 0) {
      return false; // nothing is held: an append is parked only behind one that is out
    }
    return held.blocks(p.scope) || (p.barrier && (out > 0 || !parked.isEmpty()));
  }

  private void hold(Pending p) {
    held.hold(p.scope, p.barrier);
  }

  private void release(Pending p) {
    held.release(p.scope, p.barrier);
  }

  /**
   * Judges {@code p}'s entries in order on a private overlay over the group; when all pass, adds
   * their records to the group and accepts {@code p}; when one fails, fails {@code p} and leaves
   * the group untouched, or, when the failure is a head that moved since {@code p} was signed,
   * sends {@code p} back to be re-linked and re-signed.
   */
  private void judge(Pending p, Group g) {
    p.state = Pending.State.DONE;
    if (broken != null) {
      p.fail(broken);
      return;
    }
    // One entry needs no private layer: it reports its changes only once it passed. A batch's
    // entries
    // go on a layer over the group's, which the group takes only once they all passed.
    boolean single = p.entries.size() == 1;
    PendingState local = single ? g.pending : new PendingState(g.pending);
    WriteBatch mine = single ? g.batch : new WriteBatch();
    StateChanges changes = StoredLedger.changes(mine).andThen(local);
    // A batch keeps only each entry's bytes (its ENTRIES record): it can be a whole EPCIS document,
    // and
    // decoded entries take about twice the memory. A single append keeps its entry as signed.
    byte[][] encoded = single ? null : new byte[p.entries.size()][];
    Entry only = null;
    long first = g.next;
    long next = first;
    try {
      for (int i = 0; i < p.entries.size(); i++) {
        // Each entry of a batch is read once; its bytes then live on only in the batch's write.
        SignedEntry entry =
            p.entries instanceof EncodedEntries batch ? batch.take(i) : p.entries.get(i);
        Finding f = judge(entry, next, local, changes);
        if (f != null) {
          if (lostRace(f, p, i) && p.relinks < MAX_RELINKS) {
            sendBack(p, g);
          } else {
            p.fail(p.batch ? new AppendRejectedException(f, i) : new AppendRejectedException(f));
          }
          return;
        }
        if (single) {
          only = new Entry(next, entry);
        } else if ((encoded[i] = StoredLedger.lastEntryIn(mine)) == null) {
          throw new IllegalStateException("the rules stored no entry for entry " + next);
        }
        next++;
      }
    } catch (LedgerException e) {
      p.fail(e);
      return;
    } catch (RuntimeException e) {
      p.fail(
          new LedgerException(
              LedgerException.Code.INVALID_INPUT, "append failed: " + e.getMessage(), e));
      return;
    }
    if (!single) {
      // The batch's layer stays on top of the group's: nothing is copied but the puts themselves.
      g.pending = local;
      if (g.batch.isEmpty()) {
        g.batch = mine;
      } else {
        for (WriteBatch.Put put : mine.puts()) {
          g.batch.put(put.table(), put.key(), put.value());
        }
      }
      p.entries = List.of(); // the signed forms are no longer needed; the bytes are in the batch
    }
    g.accepted.add(p);
    List<Entry> committed = single ? List.of(only) : new AppendedEntries(first, encoded);
    g.completions.add(() -> p.future.complete(committed));
    g.next = next;
  }

  /**
   * Whether entry {@code i} of an auto-linked {@code p} failed only because it lost a race: a head
   * it links to moved (or an identical entry, signed against the same heads, won).
   */
  private static boolean lostRace(Finding f, Pending p, int i) {
    return p.signer != null
        && !p.events.get(i).lots().isEmpty()
        && (f.failure() == Failure.LINK_MISMATCH || f.failure() == Failure.DUPLICATE_ENTRY);
  }

  /**
   * Hands {@code p} to a re-signing thread, with the heads of its lots as the group leaves them so
   * far: no later append can move them before {@code p} returns, since appends that share its lots
   * wait.
   */
  private void sendBack(Pending p, Group g) throws StoreException {
    Map<LotId, EntryHash> heads = new HashMap<>();
    for (Object k : p.scope) {
      if (k instanceof LotId lot) {
        EntryHash h = g.pending.head(lot);
        if (h != null) {
          heads.put(lot, h);
        }
      }
    }
    long firstIndex = g.next;
    p.relinks++;
    p.state = Pending.State.OUT;
    out++;
    hold(p);
    try {
      RESIGNING.execute(
          () -> {
            try {
              p.entries =
                  EntrySigning.sign(origin, p.events, p.signer, heads::get, firstIndex, p.batch);
            } catch (LedgerException e) {
              p.resignFailure = e;
            } catch (Throwable t) {
              // Whatever a caller's signer throws (an Error, a checked exception thrown sneakily),
              // the append
              // must come back, or everything held behind it, and close(), would wait for ever.
              p.resignFailure =
                  new LedgerException(LedgerException.Code.INVALID_INPUT, "append failed: " + t, t);
            } finally {
              p.state = Pending.State.RETURNED;
              queue.add(p); // even when closing: it was submitted before
            }
          });
    } catch (RuntimeException e) { // the pool refused the task (no thread could be started)
      out--;
      release(p);
      p.fail(
          new LedgerException(
              LedgerException.Code.STORAGE, "append failed: cannot re-sign it: " + e, e));
    }
  }

  /**
   * Chain rules plus duplicate detection; fills {@code derived} with what an accepted entry stores.
   * Signatures were checked where the entries were signed ({@link EntrySigning}) or submitted.
   */
  private Finding judge(SignedEntry entry, long index, LedgerState state, StateChanges changes)
      throws StoreException {
    long at = state.indexOf(entry.hash());
    if (at >= 0) {
      return new Finding(
          Failure.DUPLICATE_ENTRY,
          index,
          entry.hash(),
          null,
          "the same entry is already at index " + at,
          "a new entry",
          "entry " + at);
    }
    return Transition.accept(entry, index, state, changes);
  }
}
