/**
 * {@link io.lotledger.error.LedgerException}, with the code that says what kind of failure it is:
 * what every lotledger package throws.
 */
package io.lotledger.error;
