package io.lotledger.event;

import java.util.List;

/**
 * The "where" and "why" of an EPCIS 2.0 event, shared by every event kind: business step and
 * disposition (CBV 2.0 terms such as {@code commissioning}, {@code shipping}, {@code in_transit},
 * or URIs), read point and business location, source and destination parties, business
 * transactions, sensor readings and namespaced extensions. Absent strings are null; absent lists
 * are empty.
 *
 * @param bizStep the business step (a CBV 2.0 term such as {@code shipping}, or a URI), or null
 * @param disposition the disposition (a CBV 2.0 term such as {@code in_transit}, or a URI), or null
 * @param readPoint where the event was observed, a URI (typically an SGLN), or null
 * @param bizLocation where the lots are afterwards, a URI, or null
 * @param sources the source parties (CBV owning_party, possessing_party, location)
 * @param destinations the destination parties
 * @param bizTransactions the business transactions (purchase orders, despatch advices ...)
 * @param sensorReadings the sensor reports
 * @param extensions the namespaced extension fields
 * @param shipment the RFC 6920 {@code ni:///sha-256;} reference to the shipping entry a receipt
 *     answers, or null
 * @param eventId the event's EPCIS eventID, a URI, or null
 * @param imported whether the event was imported (from an EPCIS document) rather than performed by
 *     its signer
 */
public record EventContext(
    String bizStep,
    String disposition,
    String readPoint,
    String bizLocation,
    List<Party> sources,
    List<Party> destinations,
    List<BizTransaction> bizTransactions,
    List<SensorReading> sensorReadings,
    List<Extension> extensions,
    String shipment,
    String eventId,
    boolean imported) {

  /** The context that states nothing: no strings, empty lists, not imported. */
  public static final EventContext EMPTY =
      new EventContext(null, null, null, null, null, null, null, null, null, null, null, false);

  /** A context of an event its signer performs (not {@link #imported()}). */
  public EventContext(
      String bizStep,
      String disposition,
      String readPoint,
      String bizLocation,
      List<Party> sources,
      List<Party> destinations,
      List<BizTransaction> bizTransactions,
      List<SensorReading> sensorReadings,
      List<Extension> extensions,
      String shipment,
      String eventId) {
    this(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        false);
  }

  /**
   * Copies the lists; null lists become empty.
   *
   * @throws IllegalArgumentException if {@code bizStep} or {@code disposition} is over 256
   *     characters or not printable, {@code readPoint}, {@code bizLocation} or {@code eventId} is
   *     not an absolute URI of at most 512 characters, or {@code shipment} is not an RFC 6920
   *     {@code ni:///sha-256;} entry reference
   */
  public EventContext {
    Uris.text("bizStep", bizStep, 256);
    Uris.text("disposition", disposition, 256);
    if (readPoint != null) {
      Uris.require("readPoint", readPoint);
    }
    if (bizLocation != null) {
      Uris.require("bizLocation", bizLocation);
    }
    sources = sources == null ? List.of() : List.copyOf(sources);
    destinations = destinations == null ? List.of() : List.copyOf(destinations);
    bizTransactions = bizTransactions == null ? List.of() : List.copyOf(bizTransactions);
    sensorReadings = sensorReadings == null ? List.of() : List.copyOf(sensorReadings);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
    if (shipment != null && !NI_SHA256.matcher(shipment).matches()) {
      throw new IllegalArgumentException(
          "shipment must be an RFC 6920 ni:///sha-256;<base64url> entry reference, not "
              + shipment);
    }
    if (eventId != null) {
      Uris.require("eventID", eventId);
    }
  }

  /** RFC 6920 §3 named-information URI of a SHA-256 digest: 32 bytes, base64url without padding. */
  private static final java.util.regex.Pattern NI_SHA256 =
      java.util.regex.Pattern.compile("ni:///sha-256;[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

  /**
   * A context with just a business step and a disposition (CBV 2.0 terms or URIs; either may be
   * null).
   */
  public static EventContext of(String bizStep, String disposition) {
    return EMPTY.withBizStep(bizStep).withDisposition(disposition);
  }

  /** This context with business step {@code v} (null for none); the rest unchanged. */
  public EventContext withBizStep(String v) {
    return new EventContext(
        v,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /** This context with disposition {@code v} (null for none); the rest unchanged. */
  public EventContext withDisposition(String v) {
    return new EventContext(
        bizStep,
        v,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /** This context with read point {@code v}, a URI (null for none); the rest unchanged. */
  public EventContext withReadPoint(String v) {
    return new EventContext(
        bizStep,
        disposition,
        v,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /** This context with business location {@code v}, a URI (null for none); the rest unchanged. */
  public EventContext withBizLocation(String v) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        v,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /** This context with source parties {@code v} (copied; null for none); the rest unchanged. */
  public EventContext withSources(List<Party> v) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        v,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /**
   * This context with destination parties {@code v} (copied; null for none); the rest unchanged.
   */
  public EventContext withDestinations(List<Party> v) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        v,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /**
   * This context with business transactions {@code v} (copied; null for none); the rest unchanged.
   */
  public EventContext withBizTransactions(List<BizTransaction> v) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        v,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /** This context with sensor readings {@code v} (copied; null for none); the rest unchanged. */
  public EventContext withSensorReadings(List<SensorReading> v) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        v,
        extensions,
        shipment,
        eventId,
        imported);
  }

  /** This context with extensions {@code v} (copied; null for none); the rest unchanged. */
  public EventContext withExtensions(List<Extension> v) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        v,
        shipment,
        eventId,
        imported);
  }

  /**
   * For a receiving event: the shipping entry whose goods it takes delivery of, as an RFC 6920
   * named-information URI of that entry's hash ({@code EntryHash.toNi()}).
   */
  public EventContext withShipment(String ni) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        ni,
        eventId,
        imported);
  }

  /**
   * The event's EPCIS 2.0 eventID (§7.4.1): an absolute URI naming this event, unique in the ledger
   * (an append that repeats one is refused). Events imported from EPCIS carry their CBV 2.0 event
   * hash ID ({@code ni:///sha-256;...?ver=CBV2.0}), which makes re-importing a document a no-op.
   */
  public EventContext withEventId(String id) {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        id,
        imported);
  }

  /**
   * Marks the event as <em>imported</em>: recorded by another system (an EPCIS 2.0 capture) and
   * brought into this ledger by the signer, who vouches that this is the record it received, not
   * that it performed the event. An imported event moves no custody and no balance ({@code
   * LotRules}); the lots it names stay external unless the ledger's own events track them. It is
   * signed like any other event, keeps its eventID, history and transformation edges, and {@code
   * check} weighs it.
   */
  public EventContext asImported() {
    return new EventContext(
        bizStep,
        disposition,
        readPoint,
        bizLocation,
        sources,
        destinations,
        bizTransactions,
        sensorReadings,
        extensions,
        shipment,
        eventId,
        true);
  }
}
