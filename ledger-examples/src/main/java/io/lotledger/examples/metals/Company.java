package io.lotledger.examples.metals;

import io.lotledger.ActorSigner;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Party;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One organisation of the copper chain: its display name, its signer (actor id = party GLN, GS1 EPC
 * Tag Data Standard {@code urn:epc:id:pgln:}), the GLN of its site (read point and business location,
 * {@code urn:epc:id:sgln:}) and its 13-digit GLN with check digit, which names its business documents.
 *
 * <p>The signer's Ed25519 seed is SHA-256("lotledger metals demo key: " + party GLN URI):
 * reproducible, and therefore worthless as a secret.
 */
record Company(String name, ActorSigner signer, String site, String gln) {

  /** A company whose party is {@code urn:epc:id:pgln:{companyPrefix}.00000} and whose site is {@code siteRef}. */
  Company(String name, String companyPrefix, String siteRef, String gln) {
    this(name, demoSigner("urn:epc:id:pgln:" + companyPrefix + ".00000"),
        "urn:epc:id:sgln:" + companyPrefix + "." + siteRef + ".0", gln);
  }

  /** The party GLN URI: the actor id, and the party named in sources and destinations. */
  String party() {
    return signer.actor().uri();
  }

  ActorId actor() {
    return signer.actor();
  }

  /** This company as a CBV 2.0 source/destination of {@code type} (owning_party, possessing_party). */
  Party as(String type) {
    return new Party(type, party());
  }

  /** This company's site as a CBV 2.0 source/destination of type location. */
  Party location() {
    return new Party("location", site);
  }

  /** A CBV 2.0 business transaction id issued by this company: urn:epcglobal:cbv:bt:{GLN}:{document}. */
  BizTransaction document(String type, String number) {
    return document(type, gln, number);
  }

  /** A CBV 2.0 business transaction id issued by the holder of {@code gln}, which need not be an actor. */
  static BizTransaction document(String type, String gln, String number) {
    return new BizTransaction(type, "urn:epcglobal:cbv:bt:" + gln + ":" + number);
  }

  private static ActorSigner demoSigner(String actor) {
    try {
      byte[] seed = MessageDigest.getInstance("SHA-256")
          .digest(("lotledger metals demo key: " + actor).getBytes(StandardCharsets.UTF_8));
      return new ActorSigner(new ActorId(actor), Ed25519Signer.fromSeed(seed));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("SHA-256 and 32-byte Ed25519 seeds are always available", e);
    }
  }
}
