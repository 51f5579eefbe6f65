/**
 * Four runnable supply chains on lotledger (battery, salmon, metals, e-waste), each with a planted
 * fraud, the recorder they share, and the synthetic supply-chain generator behind {@code ledger bench}
 * and the JMH fixtures.
 */
module io.lotledger.examples {
  requires transitive io.lotledger.core;

  exports io.lotledger.examples;
  exports io.lotledger.examples.battery;
  exports io.lotledger.examples.catalog;
  exports io.lotledger.examples.ewaste;
  exports io.lotledger.examples.metals;
  exports io.lotledger.examples.salmon;
  exports io.lotledger.examples.synthetic;
}
