package io.lotledger.verify;

import io.lotledger.LedgerException;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.Link;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.LotId;
import io.lotledger.event.RegistryEvent;
import io.lotledger.spi.KeyLayout;
import io.lotledger.spi.KeyLayout.KeyRecord;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.Table;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Verifies one lot's provenance in a stored ledger without reading the rest of it: the walk behind
 * {@link ChainVerifier#verifyLot}. Not thread-safe; the store may be read concurrently.
 */
final class AncestryVerifier {
  private final LedgerStore store;

  AncestryVerifier(LedgerStore store) {
    this.store = store;
  }

  /** A hash link still to follow in {@link #verify}: the entry must sit below {@code before}. */
  private record Ref(EntryHash hash, long before, LotId lot, String from) {}

  /**
   * Verifies one lot's provenance: walks back from the lot's head along every hash link (its own
   * chain and, through transformations, its inputs' chains), and through the registry entries that
   * added and revoked each signing key. Each reached entry must be the one its referrer names (its
   * hash), sit at a lower index, be canonical, correctly signed by a key valid at its index, and
   * touch the lot its referrer links. Unrelated lots are not read.
   *
   * @throws LedgerException with code NOT_FOUND if the ledger has never seen {@code lot}
   */
  public void verify(LotId lot) throws LedgerException {
    byte[] head = store.get(Table.HEADS, KeyLayout.headKey(lot));
    if (head == null) {
      throw new LedgerException(LedgerException.Code.NOT_FOUND, "no lot " + lot + " in this ledger");
    }
    byte[] originBytes = store.get(Table.META, KeyLayout.META_ORIGIN);
    String origin = originBytes == null ? null : KeyLayout.utf8(originBytes);

    ArrayDeque<Ref> work = new ArrayDeque<>();
    work.add(new Ref(EntryHash.of(head), Long.MAX_VALUE, lot, "head of " + lot));
    Map<EntryHash, SignedEntry> done = new java.util.HashMap<>();
    Map<EntryHash, Long> doneIndex = new java.util.HashMap<>();
    while (!work.isEmpty()) {
      Ref ref = work.poll();
      SignedEntry seen = done.get(ref.hash());
      if (seen != null) {
        // Verified already; this referrer's own conditions (order, lot) still have to hold.
        long at = doneIndex.get(ref.hash());
        if (at >= ref.before()) {
          throw fail(Failure.LINK_MISMATCH, at, ref.hash(), ref.lot(), ref.from() + " names a later entry", "index < " + ref.before(), String.valueOf(at));
        }
        if (ref.lot() != null && !seen.body().linksByLot().containsKey(ref.lot())) {
          throw fail(Failure.LINK_MISMATCH, at, ref.hash(), ref.lot(), ref.from() + " names an entry that does not touch the lot", ref.lot().uri(), "absent");
        }
        continue;
      }
      byte[] indexBytes = store.get(Table.HASHES, ref.hash().toBytes());
      if (indexBytes == null) {
        throw fail(Failure.LINK_MISMATCH, -1, ref.hash(), ref.lot(),
            ref.from() + " names an entry the ledger does not hold", ref.hash().toHex(), "missing");
      }
      long index = KeyLayout.u64(indexBytes);
      byte[] bytes = store.get(Table.ENTRIES, KeyLayout.entryKey(index));
      if (bytes == null || !ref.hash().equals(EntryHash.ofEntry(bytes))) {
        throw fail(Failure.STORE_MISMATCH, index, ref.hash(), ref.lot(),
            "entry " + index + " is not the entry " + ref.from() + " names",
            ref.hash().toHex(), bytes == null ? "missing" : EntryHash.ofEntry(bytes).toHex());
      }
      if (index >= ref.before()) {
        throw fail(Failure.LINK_MISMATCH, index, ref.hash(), ref.lot(),
            ref.from() + " names a later entry", "index < " + ref.before(), String.valueOf(index));
      }
      SignedEntry entry;
      try {
        entry = EntryCodec.decode(bytes);
      } catch (EntryFormatException e) {
        throw fail(Failure.MALFORMED_ENTRY, index, ref.hash(), null, e.getMessage(), null, null);
      }
      if (ref.lot() != null && !entry.body().linksByLot().containsKey(ref.lot())) {
        throw fail(Failure.LINK_MISMATCH, index, ref.hash(), ref.lot(),
            ref.from() + " names an entry that does not touch the lot", ref.lot().uri(), "absent");
      }
      if (origin != null && !origin.equals(entry.body().origin())) {
        throw fail(Failure.WRONG_ORIGIN, index, ref.hash(), null, "entry was signed for another ledger", origin, entry.body().origin());
      }
      if (!entry.signatureValid()) {
        throw fail(Failure.BAD_SIGNATURE, index, ref.hash(), null,
            "signature does not verify under key " + entry.body().key().toHex(), "valid Ed25519 signature", "invalid");
      }
      done.put(ref.hash(), entry);
      doneIndex.put(ref.hash(), index);
      if (index == 0) {
        if (!(entry.body().event() instanceof RegistryEvent.ActorRegistered reg)
            || !reg.actor().equals(entry.body().actor()) || !reg.key().equals(entry.body().key())) {
          throw fail(Failure.BAD_GENESIS, 0, ref.hash(), null, "entry 0 is not the root's self-signed registration",
              "self-signed ActorRegistered", entry.body().event().getClass().getSimpleName());
        }
      } else {
        byte[] keyValue = store.get(Table.KEYS, entry.body().key().toBytes());
        if (keyValue == null) {
          throw fail(Failure.UNKNOWN_KEY, index, ref.hash(), null, "signing key is not registered", "a registered key", entry.body().key().toHex());
        }
        KeyRecord key = KeyLayout.keyRecord(keyValue);
        if (!key.actor().equals(entry.body().actor())) {
          throw fail(Failure.KEY_ACTOR_MISMATCH, index, ref.hash(), null, "key is registered to another actor", key.actor().uri(), entry.body().actor().uri());
        }
        if (!key.validAt(index)) {
          throw fail(Failure.KEY_REVOKED, index, ref.hash(), null, "key is not valid at this index",
              "added before and not revoked at " + index,
              "added at " + key.addedAt() + (key.revoked() ? ", revoked at " + key.revokedAt() : ""));
        }
        // The key record is derived data: prove it from the registry entries it cites, and verify those too.
        work.add(registryRef(key.addedAt(), entry, false, "key registration cited by entry " + index));
        if (key.revoked()) {
          work.add(registryRef(key.revokedAt(), entry, true, "key revocation cited by entry " + index));
        }
      }
      for (Link link : entry.body().links()) {
        if (link.prev() != null) {
          work.add(new Ref(link.prev(), index, link.lot(), "entry " + index + "'s link for " + link.lot()));
        }
      }
    }
  }

  private Ref registryRef(long registryIndex, SignedEntry signed, boolean revocation, String from) throws LedgerException {
    byte[] bytes = store.get(Table.ENTRIES, KeyLayout.entryKey(registryIndex));
    if (bytes == null) {
      throw fail(Failure.STORE_MISMATCH, registryIndex, null, null, from + " is missing", "an entry", "missing");
    }
    SignedEntry reg;
    try {
      reg = EntryCodec.decode(bytes);
    } catch (EntryFormatException e) {
      throw fail(Failure.MALFORMED_ENTRY, registryIndex, EntryHash.ofEntry(bytes), null, e.getMessage(), null, null);
    }
    boolean rightKind = revocation
        ? reg.body().event() instanceof RegistryEvent.KeyRevoked
        : reg.body().event() instanceof RegistryEvent.ActorRegistered || reg.body().event() instanceof RegistryEvent.KeyAdded;
    if (!rightKind
        || !(reg.body().event() instanceof RegistryEvent r)
        || !r.key().equals(signed.body().key())
        || !r.actor().equals(signed.body().actor())) {
      throw fail(Failure.STORE_MISMATCH, registryIndex, reg.hash(), null,
          from + " does not concern key " + signed.body().key().toHex(),
          "a registry entry for the key", reg.body().event().getClass().getSimpleName());
    }
    return new Ref(reg.hash(), Long.MAX_VALUE, null, from);
  }

  private static VerificationException fail(
      Failure failure, long index, EntryHash hash, LotId lot, String detail, String expected, String actual) {
    return new VerificationException(new Finding(failure, index, hash, lot, detail, expected, actual));
  }
}
