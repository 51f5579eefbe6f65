package io.lotledger.examples.ewaste;

import io.lotledger.Ledger;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryHash;
import io.lotledger.error.LedgerException;
import io.lotledger.event.Action;
import io.lotledger.event.ActorId;
import io.lotledger.event.Cbv;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.Extension;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Data-erasure certificates for IT equipment, recorded as EPCIS 2.0 events, and the rule that a
 * device is never resold before one was recorded for it.
 *
 * <p><b>The event.</b> GS1 CBV 2.0 has no business step for media sanitisation, so a certificate is
 * an ObjectEvent OBSERVE naming the device, with the user-defined business step {@link #BIZ_STEP}
 * and disposition {@link #SANITIZED} (EPCIS 2.0 §7.3.5 allows any URI there), carrying as
 * namespaced extensions (EPCIS 2.0 §9.1) the standard and method applied, here NIST SP 800-88
 * (Guidelines for Media Sanitization) <em>Purge</em> by cryptographic erase as IEEE 2883-2022
 * specifies it for NVMe drives, and the id of the certificate the erasure software issued.
 *
 * <p><b>The rule.</b> The ledger's append rules judge custody and quantities, not promises: a
 * device shipped with its owner's data still on it is a perfectly balanced shipment. {@link
 * #uncertifiedResales(Ledger)} therefore checks the promise an ITAD company makes its clients (and,
 * as their processor, owes them under GDPR Art. 28(3)(g) and Art. 32): every serialised device
 * shipped onward by anyone other than the owner who put it on the ledger carries an erasure
 * certificate recorded <em>before</em> that shipment. A certificate recorded afterwards does not
 * count: the data left with the device.
 *
 * <p>Stateless and thread-safe.
 */
public final class DataErasure {
  /** The user-defined business step of an erasure certificate. */
  public static final String BIZ_STEP = "https://ns.lotledger.io/bizstep/data_erasure";

  /** The disposition of a device whose storage was sanitised and verified. */
  public static final String SANITIZED = "https://ns.lotledger.io/disp/sanitized";

  /** Where the certificate's extension fields live. */
  public static final String NS = "https://ns.lotledger.io/erasure#";

  /**
   * Extension names: the standard, its method (Clear, Purge, Destroy), the technique, the
   * certificate id.
   */
  public static final String STANDARD = "standard";

  /**
   * Extension name of the method of the standard applied: Clear, Purge or Destroy (NIST SP 800-88).
   */
  public static final String METHOD = "method";

  /** Extension name of the technique, such as cryptographic erase (IEEE 2883-2022). */
  public static final String TECHNIQUE = "technique";

  /** Extension name of the id of the certificate the erasure software issued. */
  public static final String CERTIFICATE = "certificate";

  /**
   * Serialised trade items: EPC SGTIN URNs and GS1 Digital Link URIs with AI 21 (serial number).
   */
  private static final Pattern SERIALISED =
      Pattern.compile("urn:epc:id:sgtin:.+|https?://[^/]+(/.*)?/01/[0-9]{14}/21/[^/?#]+([/?#].*)?");

  private DataErasure() {}

  /**
   * The certificate that {@code device}'s storage was purged to NIST SP 800-88 by cryptographic
   * erase, recorded at {@code site} (an SGLN) by whoever signs it.
   */
  public static ObjectEvent certificate(
      LotId device, String certificateId, OffsetDateTime time, String site) {
    return ObjectEvent.observe(
        List.of(LotQuantity.of(device.uri(), "1", "H87")),
        time,
        EventContext.of(BIZ_STEP, SANITIZED)
            .withReadPoint(site)
            .withBizLocation(site)
            .withExtensions(
                List.of(
                    new Extension(NS, STANDARD, "NIST SP 800-88"),
                    new Extension(NS, METHOD, "Purge"),
                    new Extension(
                        NS, TECHNIQUE, "cryptographic erase (NVMe Sanitize, IEEE 2883-2022)"),
                    new Extension(NS, CERTIFICATE, certificateId))));
  }

  /**
   * The certificate id {@code event} records, if it is an erasure certificate: an OBSERVE with
   * business step {@link #BIZ_STEP}, disposition {@link #SANITIZED} and a non-blank {@link
   * #CERTIFICATE} extension. An erasure that failed (any other disposition) certifies nothing.
   */
  public static Optional<String> certificateId(Event event) {
    if (!(event instanceof ObjectEvent o) || o.action() != Action.OBSERVE) {
      return Optional.empty();
    }
    EventContext c = o.context();
    if (!Cbv.isBizStep(c.bizStep(), BIZ_STEP) || !SANITIZED.equals(c.disposition())) {
      return Optional.empty();
    }
    return c.extensions().stream()
        .filter(
            x -> NS.equals(x.namespace()) && CERTIFICATE.equals(x.name()) && !x.value().isBlank())
        .map(Extension::value)
        .findFirst();
  }

  /** Whether {@code lot} names one serialised item (a device), not a batch. */
  public static boolean isSerialisedItem(LotId lot) {
    return SERIALISED.matcher(lot.uri()).matches();
  }

  /**
   * A device shipped onward without an erasure certificate recorded before the shipment.
   *
   * @param device the serialised item
   * @param entry the index of the shipping entry
   * @param shipment that entry's hash
   * @param shipper who signed the shipment
   * @param owner who put the device on the ledger (signed its first entry)
   */
  public record UncertifiedResale(
      LotId device, long entry, EntryHash shipment, ActorId shipper, ActorId owner) {
    @Override
    public String toString() {
      return device
          + " shipped by "
          + shipper
          + " in entry "
          + entry
          + " without a data-erasure certificate";
    }
  }

  /**
   * Every shipment of a serialised item, by an actor other than the one that signed the item's
   * first entry (its owner, handing it over for disposition), that no erasure certificate for the
   * item precedes in the ledger. In ledger order; empty when every resale was certified first.
   */
  public static List<UncertifiedResale> uncertifiedResales(Ledger ledger) throws LedgerException {
    List<UncertifiedResale> out = new ArrayList<>();
    for (LotId lot : ledger.lots()) {
      if (!isSerialisedItem(lot)) {
        continue;
      }
      List<Entry> history = ledger.history(lot);
      if (history.isEmpty()) {
        continue;
      }
      ActorId owner = history.get(0).body().actor();
      boolean certified = false;
      for (Entry e : history) {
        certified |= certificateId(e.event()).isPresent();
        ActorId signer = e.body().actor();
        if (!certified
            && Cbv.isBizStep(e.event().context().bizStep(), "shipping")
            && !signer.equals(owner)) {
          out.add(new UncertifiedResale(lot, e.index(), e.hash(), signer, owner));
        }
      }
    }
    out.sort(
        Comparator.comparingLong(UncertifiedResale::entry)
            .thenComparing(UncertifiedResale::device));
    return List.copyOf(out);
  }
}
