/**
 * The Merkle tree over a ledger's entries, as RFC 9162 §2 defines it: the tree hash with its
 * domain-separated leaf and node prefixes ({@link io.lotledger.log.TreeHasher}, §2.1.1), inclusion
 * proofs ({@link io.lotledger.log.InclusionProof}, §2.1.3) and consistency proofs ({@link
 * io.lotledger.log.ConsistencyProof}, §2.1.4), and the {@link io.lotledger.log.ProofBuilder} that
 * makes them from any {@link io.lotledger.log.Subtrees} source, stored ({@link
 * io.lotledger.log.StoredTree}) or in memory.
 *
 * <p>A proof that fails to verify throws {@link io.lotledger.log.ProofException}, which carries the
 * evidence: the hash expected, the hash calculated, and the sizes and index involved. Signed tree
 * heads are not here: a checkpoint is a signed note whose body names a tree, so it lives in {@code
 * io.lotledger.note}, which depends on this package and never the reverse.
 */
package io.lotledger.log;
