/**
 * What lotledger shows people and reads from them: the HTML provenance report of a lot, and the policy
 * file format a lot's check judges by.
 */
module io.lotledger.report {
  requires transitive io.lotledger.core;
  requires io.lotledger.epcis;
  requires com.fasterxml.jackson.databind;

  exports io.lotledger.policy;
  exports io.lotledger.report;
}
