/**
 * GS1 EPCIS 2.0 interoperability (EPCIS 2.0, CBV 2.0, GS1 Digital Link 1.2): identifiers in EPC URN
 * and Digital Link form, and CBV 2.0 event hash IDs. Depends on ledger-core; the core depends on
 * nothing here, so it stays free of JSON libraries.
 */
package io.lotledger.epcis;
