package io.lotledger.event;

/** EPCIS 2.0 action: ADD commissions (or packs), OBSERVE reports, DELETE destroys (or unpacks). */
public enum Action {
  /** Creates the lots (EPCIS 2.0 ADD), or packs children into a parent. */
  ADD,
  /** Reports the lots as seen, without changing them (EPCIS 2.0 OBSERVE). */
  OBSERVE,
  /** Destroys the lots (EPCIS 2.0 DELETE), or unpacks children from a parent. */
  DELETE
}
