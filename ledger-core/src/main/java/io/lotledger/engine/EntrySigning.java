package io.lotledger.engine;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Event;
import io.lotledger.event.LotId;
import io.lotledger.event.RegistryEvent;
import io.lotledger.rules.AppendRejectedException;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.spi.StoreException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns events into signed entries for one ledger, and refuses any entry whose signature does not
 * verify under the key it names: a faulty {@link Signer} (an HSM or KMS adapter signing with
 * another key, or returning garbage) must not get an entry acknowledged, because that entry would
 * fail every later verification of the ledger.
 *
 * <p>Signatures made by the built-in {@link Ed25519Signer} are not checked: it is our own final
 * class, derives its public key from the seed it signs with (RFC 8032 §5.1.5) and signs
 * deterministically, and checking costs about twice its signing (see {@code
 * AppendBenchmark.inMemoryCallerSigner}). Every other {@link Signer} is caller code and is checked.
 *
 * <p>Runs on the thread that calls it: the appending caller's, or the committer's re-signing pool;
 * never the committer's own thread, which must not wait for callers' signers.
 */
public final class EntrySigning {
  private EntrySigning() {}

  /** The lot heads a new entry links to; null for a lot the ledger has not seen. */
  @FunctionalInterface
  public interface Heads {
    EntryHash head(LotId lot) throws StoreException;
  }

  /**
   * Signs {@code events} in order as {@code signer} for ledger {@code origin}: each lot an event
   * touches is linked to the entry of an earlier event in the list that touched it last, or else to
   * {@code heads}. The entries are meant for indexes {@code firstIndex} onwards (the evidence a
   * rejection carries). More than one entry is returned as {@link EncodedEntries}, decoded on
   * access.
   *
   * @param batch whether the events are one {@code Ledger#appendAll} batch, whose rejections name a
   *     position
   * @throws AppendRejectedException with {@link Failure#BAD_SIGNATURE} if a signature does not
   *     verify
   * @throws LedgerException if the signer fails, or {@code heads} cannot be read
   */
  public static List<SignedEntry> sign(
      String origin,
      List<Event> events,
      ActorSigner signer,
      Heads heads,
      long firstIndex,
      boolean batch)
      throws LedgerException {
    Map<LotId, EntryHash> linked = new HashMap<>(); // heads after the earlier events of the list
    // A batch keeps only the bytes of what it signed (EncodedEntries); one entry stays as signed.
    boolean compact = events.size() > 1;
    List<SignedEntry> out = compact ? null : new ArrayList<>(1);
    byte[][] encoded = compact ? new byte[events.size()][] : null;
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      Map<LotId, EntryHash> links = new HashMap<>();
      for (LotId lot : event.lots()) {
        EntryHash h = linked.containsKey(lot) ? linked.get(lot) : heads.head(lot);
        if (h != null) {
          links.put(lot, h);
        }
      }
      EntryBody body = EntryBody.of(origin, signer.actor(), signer.publicKey(), event, links::get);
      SignedEntry entry = checked(signed(body, signer), signer, firstIndex + i, batch ? i : -1);
      for (LotId lot : event.lots()) {
        linked.put(lot, entry.hash());
      }
      if (compact) {
        encoded[i] = entry.encoded();
      } else {
        out.add(entry);
      }
    }
    return compact ? new EncodedEntries(encoded) : out;
  }

  /**
   * The genesis entry of ledger {@code origin}: its root actor's self-signed registration, checked.
   */
  public static SignedEntry genesis(
      String origin, ActorSigner root, String rootName, OffsetDateTime time)
      throws LedgerException {
    Event registration =
        new RegistryEvent.ActorRegistered(root.actor(), rootName, root.publicKey(), time);
    EntryBody body = new EntryBody(origin, root.actor(), root.publicKey(), List.of(), registration);
    return checked(signed(body, root), root, 0, -1);
  }

  /** {@link EntryCodec#sign}, with a failure of the signer (caller code) wrapped. */
  public static SignedEntry signed(EntryBody body, ActorSigner signer) throws LedgerException {
    try {
      return EntryCodec.sign(body, signer.signer());
    } catch (RuntimeException e) {
      throw new LedgerException(
          LedgerException.Code.INVALID_INPUT, "signer " + signer + " failed: " + e, e);
    }
  }

  /**
   * Returns {@code entry} if its signature verifies under its key or {@code signer} is the built-in
   * {@link Ed25519Signer}.
   *
   * @param index the index the entry would take
   * @param position its position in an {@code Ledger#appendAll} batch, or -1
   * @throws AppendRejectedException with {@link Failure#BAD_SIGNATURE} naming the key and the
   *     signer
   */
  public static SignedEntry checked(SignedEntry entry, ActorSigner signer, long index, int position)
      throws AppendRejectedException {
    if (signer.signer() instanceof Ed25519Signer || entry.signatureValid()) {
      return entry;
    }
    String key = entry.body().key().toHex();
    throw new AppendRejectedException(
        new Finding(
            Failure.BAD_SIGNATURE,
            index,
            entry.hash(),
            null,
            "the signature that "
                + signer.signer().getClass().getName()
                + " returned for "
                + signer.actor()
                + " does not verify under its key "
                + key
                + "; nothing was appended",
            "valid Ed25519 signature by " + key,
            "invalid"),
        position);
  }
}
