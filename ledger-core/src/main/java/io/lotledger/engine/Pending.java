package io.lotledger.engine;

import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.event.RegistryEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One submission: the entries of one append (auto-linked when {@code signer} is given) or of one
 * {@code Ledger.appendAll} batch, completed through {@code future}. The committer owns it while it
 * is queued or parked; a re-signing thread owns it while it is out, and hands it back through the
 * queue.
 */
final class Pending {
  static final Pending STOP = new Pending(List.of(), null, false, List.of());

  final List<Event> events;

  /**
   * The signer of auto-linked entries, which may re-link and re-sign them; null for entries signed
   * elsewhere.
   */
  final ActorSigner signer;

  /** Whether rejections name a position ({@code Ledger.appendAll}). */
  final boolean batch;

  final CompletableFuture<List<Entry>> future = new CompletableFuture<>();

  /** The lots and EPCIS eventIDs the events touch: what orders it against others. */
  final Set<Object> scope = new HashSet<>();

  /** Whether an event is a registry change, ordered against every other append. */
  final boolean barrier;

  List<SignedEntry> entries;
  int relinks;
  State state = State.QUEUED;

  /** Why re-signing failed, when it did (set by the re-signing thread before handing back). */
  LedgerException resignFailure;

  Pending(List<Event> events, ActorSigner signer, boolean batch, List<SignedEntry> entries) {
    this.events = events;
    this.signer = signer;
    this.batch = batch;
    this.entries = entries;
    boolean registry = false;
    for (Event e : events) {
      scope.addAll(e.lots());
      if (e.context() != null && e.context().eventId() != null) {
        scope.add(e.context().eventId());
      }
      registry |= e instanceof RegistryEvent;
    }
    this.barrier = registry;
  }

  /** Fails this submission. */
  void fail(Throwable failure) {
    state = State.DONE;
    future.completeExceptionally(failure);
  }

  enum State {
    /** Submitted, not judged yet. */
    QUEUED,
    /** Waiting behind an append that is out being re-signed. */
    PARKED,
    /** Out being re-linked and re-signed. */
    OUT,
    /** Back from re-signing, in the queue. */
    RETURNED,
    /** Judged: accepted into the current group, or failed. */
    DONE
  }
}
