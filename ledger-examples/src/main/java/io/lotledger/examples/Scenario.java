package io.lotledger.examples;

import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import java.util.List;

/**
 * A runnable supply-chain example: records one realistic chain on a fresh ledger with the public
 * API only, optionally with the fraud the scenario shows being caught. {@code ledger demo NAME}
 * runs it.
 *
 * <p>Implementations are immutable and reproducible: actor keys come from fixed seeds and the
 * ledger clock from {@link #options()}, so every entry after the genesis has the same bytes in
 * every run.
 */
public interface Scenario {
  /** The demo's name on the command line, e.g. {@code salmon}. */
  String name();

  /**
   * What {@code ledger demo NAME --help} says: the chain, then the planted fraud and how it is
   * caught.
   */
  List<String> description();

  /** The origin (ledger name) the scenario's ledger is created with. */
  String origin();

  /** The root actor (trust anchor) that creates the ledger and registers the other actors. */
  ActorSigner root();

  /** The root actor's display name, registered in the genesis entry. */
  String rootName();

  /** Ledger options with the scenario's fixed clock, so the genesis entry is reproducible too. */
  LedgerOptions options();

  /** Records the chain on {@code ledger}, which must hold only its genesis entry. */
  Outcome record(Ledger ledger) throws LedgerException;

  /**
   * The due-diligence policy the final lot is meant to be checked against ({@code ledger check LOT
   * --policy FILE}), relative to the repository root; null when the scenario has none.
   */
  default String policyFile() {
    return null;
  }

  /**
   * What a recording produced.
   *
   * @param finalLot the finished product, whose provenance the demo invites the user to trace
   * @param highlights lines worth printing: domain outcomes (computed shares, quantities) and each
   *     planted fraud with how it was caught (rejected on append, or which command reports it)
   * @param entries how many entries the ledger holds after the recording, the genesis included
   * @param lots every lot recorded
   * @param actors every actor, the root first
   */
  record Outcome(
      long entries,
      List<LotId> lots,
      List<ActorId> actors,
      LotId finalLot,
      List<String> highlights) {
    /** Copies the lists. */
    public Outcome {
      lots = List.copyOf(lots);
      actors = List.copyOf(actors);
      highlights = List.copyOf(highlights);
    }
  }
}
