/**
 * What runs a ledger behind {@code Ledger}: the committer (ordering, group commit, one atomic write
 * per group, re-signing appends that lost a race for a head), entry signing and its checks, the
 * Merkle log's signed checkpoints, and the records a ledger keeps beside its store (the latest
 * checkpoint it signed, how many entries it acknowledged). Internal: not exported from the module.
 */
package io.lotledger.engine;
