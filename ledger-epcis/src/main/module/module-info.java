/**
 * GS1 EPCIS 2.0 and CBV 2.0 for lotledger: import and export of EPCIS 2.0 JSON-LD documents, CBV 2.0
 * event hash IDs, GS1 Digital Link and EPC URN identifiers, validation against the EPCIS 2.0 JSON schema.
 */
module io.lotledger.epcis {
  requires transitive io.lotledger.core;
  requires com.fasterxml.jackson.databind;
  requires com.networknt.schema;

  exports io.lotledger.epcis;
}
