package io.lotledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failed proof names its evidence: the index and sizes it was about and, when it led to the wrong
 * root, the root expected and the root calculated. In a tree of 7 leaves the last hash of both the
 * inclusion path of leaf 3 and the consistency proof from size 3 is the subtree of leaves 4-6, so a
 * proof with that hash replaced by X leads to MTH = node(root of 4, X), which the tests predict.
 */
class ProofExceptionTest {
  private static final NodeHash X =
      TreeHasher.leaf("not a subtree of this log".getBytes(StandardCharsets.US_ASCII));

  private final ProofBuilder builder = new ProofBuilder(Subtrees.ofLeaves(leaves(7)));

  private static List<NodeHash> leaves(int n) {
    List<NodeHash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TreeHasher.leaf(("leaf " + i).getBytes(StandardCharsets.US_ASCII)));
    }
    return out;
  }

  private static List<NodeHash> withLastReplaced(List<NodeHash> path) {
    List<NodeHash> out = new ArrayList<>(path);
    out.set(out.size() - 1, X);
    return out;
  }

  @Test
  void tamperedInclusionProof_carriesIndexSizeAndBothRoots() throws Exception {
    InclusionProof honest = builder.inclusion(3, 7);
    InclusionProof tampered = new InclusionProof(3, 7, withLastReplaced(honest.path()));
    NodeHash root = builder.root(7);

    ProofException e =
        catchThrowableOfType(() -> tampered.verify(leaves(7).get(3), root), ProofException.class);

    assertThat(e.index()).hasValue(3);
    assertThat(e.size()).hasValue(7);
    assertThat(e.size1()).isEmpty();
    assertThat(e.size2()).isEmpty();
    assertThat(e.expected()).contains(root);
    assertThat(e.calculated()).contains(TreeHasher.node(builder.root(4), X));
    assertThat(e.getMessage())
        .contains(root.toString(), TreeHasher.node(builder.root(4), X).toString());
  }

  @Test
  void tamperedConsistencyProof_carriesBothSizesAndTheMissedRoot() throws Exception {
    ConsistencyProof honest = builder.consistency(3, 7);
    ConsistencyProof tampered = new ConsistencyProof(3, 7, withLastReplaced(honest.path()));
    NodeHash root3 = builder.root(3);
    NodeHash root7 = builder.root(7);

    ProofException e =
        catchThrowableOfType(() -> tampered.verify(root3, root7), ProofException.class);

    // The replaced hash lies right of the old tree: the old root still checks out, the new one does
    // not.
    assertThat(e.size1()).hasValue(3);
    assertThat(e.size2()).hasValue(7);
    assertThat(e.index()).isEmpty();
    assertThat(e.size()).isEmpty();
    assertThat(e.expected()).contains(root7);
    assertThat(e.calculated()).contains(TreeHasher.node(builder.root(4), X));
    assertThat(e.getMessage()).contains("new root");
  }

  @Test
  void consistencyProofAgainstAnotherOldRoot_namesTheOldRootAsExpected() throws Exception {
    ConsistencyProof honest = builder.consistency(3, 7);
    NodeHash otherOld = new ProofBuilder(Subtrees.ofLeaves(List.of(X, X, X))).root(3);

    ProofException e =
        catchThrowableOfType(() -> honest.verify(otherOld, builder.root(7)), ProofException.class);

    assertThat(e.expected()).contains(otherOld);
    assertThat(e.calculated()).contains(builder.root(3));
  }

  @Test
  void malformedInclusionProof_carriesItsSizesButNoRoots() throws Exception {
    InclusionProof honest = builder.inclusion(3, 7);
    InclusionProof cut = new InclusionProof(3, 7, honest.path().subList(0, 2));

    ProofException e =
        catchThrowableOfType(
            () -> cut.verify(leaves(7).get(3), builder.root(7)), ProofException.class);

    assertThat(e.getMessage()).contains("shorter than the tree is deep");
    assertThat(e.index()).hasValue(3);
    assertThat(e.size()).hasValue(7);
    assertThat(e.expected()).isEmpty();
    assertThat(e.calculated()).isEmpty();
  }

  @Test
  void malformedHash_belongsToNoProof() {
    ProofException e =
        catchThrowableOfType(() -> NodeHash.parse("root", new byte[31]), ProofException.class);

    assertThat(e.index()).isEmpty();
    assertThat(e.size1()).isEmpty();
    assertThat(e.expected()).isEmpty();
  }
}
