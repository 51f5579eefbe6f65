/**
 * GS1 EPCIS 2.0 interoperability (EPCIS 2.0, CBV 2.0, GS1 Digital Link 1.2): identifiers in EPC URN
 * and Digital Link form, CBV 2.0 event hash IDs, validation against the official EPCIS 2.0 JSON
 * schema ({@link io.lotledger.epcis.EpcisSchema}) and JSON-LD {@code @context} handling ({@link
 * io.lotledger.epcis.EpcisContext}), both from bundled copies, never the network. Depends on
 * ledger-core; the core depends on nothing here, so it stays free of JSON libraries.
 */
package io.lotledger.epcis;
