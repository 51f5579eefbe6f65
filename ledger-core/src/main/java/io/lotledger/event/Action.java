package io.lotledger.event;

/** EPCIS 2.0 action: ADD commissions (or packs), OBSERVE reports, DELETE destroys (or unpacks). */
public enum Action {
  ADD,
  OBSERVE,
  DELETE
}
