package io.lotledger.examples.battery;

import io.lotledger.ActorSigner;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.SensorReading;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;

/**
 * One organisation of the battery chain: its display name, its signer (actor id = party GLN, GS1
 * EPC Tag Data Standard {@code urn:epc:id:pgln:}), the GLN of its site (read point and business
 * location, {@code urn:epc:id:sgln:}) and its 13-digit GLN, which names its business documents.
 *
 * <p>The signer's Ed25519 seed is SHA-256("lotledger battery demo key: " + party GLN URI):
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

  /** A CBV 2.0 business transaction id issued by this company: urn:epcglobal:cbv:bt:{GLN}:{document}. */
  BizTransaction document(String type, String number) {
    return new BizTransaction(type, "urn:epcglobal:cbv:bt:" + gln + ":" + number);
  }

  /** A gs1:Temperature reading in degrees Celsius (UN/CEFACT CEL) from this company's data logger (a GIAI). */
  SensorReading temperature(String celsius, OffsetDateTime time) {
    String companyPrefix = party().substring("urn:epc:id:pgln:".length(), party().lastIndexOf('.'));
    return new SensorReading("gs1:Temperature", new BigDecimal(celsius), "CEL", time,
        "urn:epc:id:giai:" + companyPrefix + ".TL-0042");
  }

  private static ActorSigner demoSigner(String actor) {
    try {
      byte[] seed = MessageDigest.getInstance("SHA-256")
          .digest(("lotledger battery demo key: " + actor).getBytes(StandardCharsets.UTF_8));
      return new ActorSigner(new ActorId(actor), Ed25519Signer.fromSeed(seed));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("SHA-256 and 32-byte Ed25519 seeds are always available", e);
    }
  }
}
