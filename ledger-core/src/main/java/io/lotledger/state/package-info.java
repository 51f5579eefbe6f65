/**
 * A ledger's state and its one transition function. Internal: not exported from the module.
 *
 * <p>{@link io.lotledger.state.LedgerState} reads the state in domain terms (origin, root, keys,
 * actors, heads, lot states, event IDs, Merkle nodes); {@link io.lotledger.state.Transition} judges
 * an entry against it and reports the changes it makes to a {@link
 * io.lotledger.state.StateChanges}. The append path ({@link io.lotledger.state.PendingState} layers
 * over the store), the whole-ledger verifier ({@link io.lotledger.state.StoreAudit}), the per-lot
 * verifier and the bundle verifier all run it. {@link io.lotledger.state.StoreLayout} is the only
 * code that knows how the state is laid out in a store's tables; {@link
 * io.lotledger.state.StoredLedger} reads and writes it in domain terms.
 */
package io.lotledger.state;
