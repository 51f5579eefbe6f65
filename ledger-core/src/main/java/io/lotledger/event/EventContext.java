package io.lotledger.event;

import java.util.List;

/**
 * The "where" and "why" of an EPCIS 2.0 event, shared by every event kind: business step and
 * disposition (CBV 2.0 terms such as {@code commissioning}, {@code shipping}, {@code in_transit}, or
 * URIs), read point and business location, source and destination parties, business transactions,
 * sensor readings and namespaced extensions. Absent strings are null; absent lists are empty.
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
    List<Extension> extensions) {

  public static final EventContext EMPTY =
      new EventContext(null, null, null, null, null, null, null, null, null);

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
  }

  public static EventContext of(String bizStep, String disposition) {
    return EMPTY.withBizStep(bizStep).withDisposition(disposition);
  }

  public EventContext withBizStep(String v) {
    return new EventContext(v, disposition, readPoint, bizLocation, sources, destinations, bizTransactions, sensorReadings, extensions);
  }

  public EventContext withDisposition(String v) {
    return new EventContext(bizStep, v, readPoint, bizLocation, sources, destinations, bizTransactions, sensorReadings, extensions);
  }

  public EventContext withReadPoint(String v) {
    return new EventContext(bizStep, disposition, v, bizLocation, sources, destinations, bizTransactions, sensorReadings, extensions);
  }

  public EventContext withBizLocation(String v) {
    return new EventContext(bizStep, disposition, readPoint, v, sources, destinations, bizTransactions, sensorReadings, extensions);
  }

  public EventContext withSources(List<Party> v) {
    return new EventContext(bizStep, disposition, readPoint, bizLocation, v, destinations, bizTransactions, sensorReadings, extensions);
  }

  public EventContext withDestinations(List<Party> v) {
    return new EventContext(bizStep, disposition, readPoint, bizLocation, sources, v, bizTransactions, sensorReadings, extensions);
  }

  public EventContext withBizTransactions(List<BizTransaction> v) {
    return new EventContext(bizStep, disposition, readPoint, bizLocation, sources, destinations, v, sensorReadings, extensions);
  }

  public EventContext withSensorReadings(List<SensorReading> v) {
    return new EventContext(bizStep, disposition, readPoint, bizLocation, sources, destinations, bizTransactions, v, extensions);
  }

  public EventContext withExtensions(List<Extension> v) {
    return new EventContext(bizStep, disposition, readPoint, bizLocation, sources, destinations, bizTransactions, sensorReadings, v);
  }
}
