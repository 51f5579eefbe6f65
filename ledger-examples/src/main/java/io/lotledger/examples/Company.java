package io.lotledger.examples;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.entry.ActorSigner;
import io.lotledger.event.ActorId;
import io.lotledger.event.BizTransaction;
import io.lotledger.event.Party;
import io.lotledger.event.SensorReading;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;

/**
 * One organisation of an example chain: its display name, its signer (actor id = party GLN, GS1 EPC
 * Tag Data Standard {@code urn:epc:id:pgln:}), the GLN of its site (read point and business
 * location, {@code urn:epc:id:sgln:}) and its 13-digit GLN, which names its business documents.
 *
 * <p>The signer's Ed25519 seed is SHA-256("lotledger {demo} demo key: " + party GLN URI):
 * reproducible, and therefore worthless as a secret.
 *
 * @param name the display name
 * @param signer the company's actor and signing key
 * @param site the GLN URI of its site ({@code urn:epc:id:sgln:})
 * @param gln its 13-digit GLN
 */
public record Company(String name, ActorSigner signer, String site, String gln) {

  /**
   * A company of demo {@code demo} whose party is {@code urn:epc:id:pgln:{companyPrefix}.00000} and
   * whose site is {@code urn:epc:id:sgln:{companyPrefix}.{siteRef}.0}.
   */
  public static Company of(
      String demo, String name, String companyPrefix, String siteRef, String gln) {
    return new Company(
        name,
        demoSigner(demo, "urn:epc:id:pgln:" + companyPrefix + ".00000"),
        "urn:epc:id:sgln:" + companyPrefix + "." + siteRef + ".0",
        gln);
  }

  /** The party GLN URI: the actor id, and the party named in sources and destinations. */
  public String party() {
    return signer.actor().uri();
  }

  /** The company's actor id: its party GLN URI, as its signer signs. */
  public ActorId actor() {
    return signer.actor();
  }

  /**
   * This company as a CBV 2.0 source/destination of {@code type} (owning_party, possessing_party).
   */
  public Party as(String type) {
    return new Party(type, party());
  }

  /** This company's site as a CBV 2.0 source/destination of type location. */
  public Party location() {
    return new Party("location", site);
  }

  /**
   * A CBV 2.0 business transaction id issued by this company:
   * urn:epcglobal:cbv:bt:{GLN}:{document}.
   */
  public BizTransaction document(String type, String number) {
    return document(type, gln, number);
  }

  /**
   * A CBV 2.0 business transaction id issued by the holder of {@code gln}, which need not be an
   * actor.
   */
  public static BizTransaction document(String type, String gln, String number) {
    return new BizTransaction(type, "urn:epcglobal:cbv:bt:" + gln + ":" + number);
  }

  /**
   * This company's data logger {@code serial}, a GIAI ({@code
   * urn:epc:id:giai:{companyPrefix}.{serial}}).
   */
  public String logger(String serial) {
    String prefix = party().substring("urn:epc:id:pgln:".length(), party().lastIndexOf('.'));
    return "urn:epc:id:giai:" + prefix + "." + serial;
  }

  /**
   * A gs1:Temperature reading in degrees Celsius (UN/CEFACT CEL) from this company's logger
   * TL-0042.
   */
  public SensorReading temperature(String celsius, OffsetDateTime time) {
    return temperature(celsius, time, "TL-0042");
  }

  /**
   * A gs1:Temperature reading in degrees Celsius (UN/CEFACT CEL) from this company's logger {@code
   * serial}.
   */
  public SensorReading temperature(String celsius, OffsetDateTime time, String serial) {
    return new SensorReading(
        "gs1:Temperature", new BigDecimal(celsius), "CEL", time, logger(serial));
  }

  /**
   * The signer of {@code actor} in demo {@code demo}: seed SHA-256("lotledger {demo} demo key: " +
   * actor).
   */
  public static ActorSigner demoSigner(String demo, String actor) {
    try {
      byte[] seed =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("lotledger " + demo + " demo key: " + actor).getBytes(StandardCharsets.UTF_8));
      return new ActorSigner(new ActorId(actor), Ed25519Signer.fromSeed(seed));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("SHA-256 and 32-byte Ed25519 seeds are always available", e);
    }
  }
}
