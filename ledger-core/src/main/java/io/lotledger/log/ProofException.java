package io.lotledger.log;

import io.lotledger.error.LedgerException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Merkle inclusion or consistency proof (RFC 9162 §2.1.3, §2.1.4) does not verify, or is
 * malformed. The message says which step failed; the accessors carry the evidence: the proof's
 * index and sizes, and when the proof led to the wrong root, the root {@link #expected()} and the
 * root {@link #calculated()} from the proof.
 */
public final class ProofException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /** Which proof failed; sizes are unsigned 64-bit, so no value of them can mean "none". */
  private enum Proof {
    NONE,
    INCLUSION,
    CONSISTENCY
  }

  /** Which proof failed. */
  private final Proof proof;

  /** The leaf index of an inclusion proof. */
  private final long index;

  /** The tree size of an inclusion proof. */
  private final long size;

  /** The first (older) tree size of a consistency proof. */
  private final long size1;

  /** The second (newer) tree size of a consistency proof. */
  private final long size2;

  private final transient NodeHash expected;
  private final transient NodeHash calculated;

  private ProofException(
      String message,
      Proof proof,
      long index,
      long size,
      long size1,
      long size2,
      NodeHash expected,
      NodeHash calculated) {
    super(Code.VERIFICATION_FAILED, message);
    this.proof = proof;
    this.index = index;
    this.size = size;
    this.size1 = size1;
    this.size2 = size2;
    this.expected = expected;
    this.calculated = calculated;
  }

  /** A hash that is not a node hash at all (wrong length), outside any one proof. */
  static ProofException malformed(String message) {
    return new ProofException(message, Proof.NONE, 0, 0, 0, 0, null, null);
  }

  /** The inclusion proof of leaf {@code index} in the tree of {@code size} leaves is malformed. */
  static ProofException inclusion(long index, long size, String message) {
    return new ProofException(message, Proof.INCLUSION, index, size, 0, 0, null, null);
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of {@code size} leads to the wrong root.
   */
  static ProofException inclusion(
      long index, long size, NodeHash expected, NodeHash calculated, String message) {
    return new ProofException(message, Proof.INCLUSION, index, size, 0, 0, expected, calculated);
  }

  /** The consistency proof from {@code size1} to {@code size2} leaves is malformed or refused. */
  static ProofException consistency(long size1, long size2, String message) {
    return new ProofException(message, Proof.CONSISTENCY, 0, 0, size1, size2, null, null);
  }

  /** The consistency proof from {@code size1} to {@code size2} leaves leads to the wrong root. */
  static ProofException consistency(
      long size1, long size2, NodeHash expected, NodeHash calculated, String message) {
    return new ProofException(message, Proof.CONSISTENCY, 0, 0, size1, size2, expected, calculated);
  }

  /** The leaf index of the failed inclusion proof (unsigned 64-bit); empty for other proofs. */
  public OptionalLong index() {
    return proof != Proof.INCLUSION ? OptionalLong.empty() : OptionalLong.of(index);
  }

  /** The tree size of the failed inclusion proof (unsigned 64-bit); empty for other proofs. */
  public OptionalLong size() {
    return proof != Proof.INCLUSION ? OptionalLong.empty() : OptionalLong.of(size);
  }

  /**
   * The smaller tree's size of the failed consistency proof (unsigned 64-bit); empty for other
   * proofs.
   */
  public OptionalLong size1() {
    return proof != Proof.CONSISTENCY ? OptionalLong.empty() : OptionalLong.of(size1);
  }

  /**
   * The larger tree's size of the failed consistency proof (unsigned 64-bit); empty for other
   * proofs.
   */
  public OptionalLong size2() {
    return proof != Proof.CONSISTENCY ? OptionalLong.empty() : OptionalLong.of(size2);
  }

  /**
   * The root the proof had to lead to (the trusted root), when the proof was well formed but led
   * elsewhere; for a consistency proof, the old or the new root, whichever was missed first.
   */
  public Optional<NodeHash> expected() {
    return Optional.ofNullable(expected);
  }

  /** The root the proof actually led to, when it was well formed but led elsewhere. */
  public Optional<NodeHash> calculated() {
    return Optional.ofNullable(calculated);
  }
}
