package io.lotledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roots and proofs built over {@link Subtrees} agree with the RFC 9162 definitions computed naively,
 * verify with our verifier for every (index, size) and (size1, size2) up to 40 leaves, and fail for the
 * wrong leaf; plus the RFC 6962 known answers.
 */
class ProofBuilderTest {
  private static final HexFormat HEX = HexFormat.of();

  private static List<NodeHash> leaves(int n) {
    List<NodeHash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TreeHasher.leaf(("leaf " + i).getBytes(StandardCharsets.US_ASCII)));
    }
    return out;
  }

  /** MTH straight from RFC 9162 §2.1.1, on lists. */
  private static NodeHash mth(List<NodeHash> d) {
    if (d.isEmpty()) {
      return NodeHash.of(Sha256.hash(new byte[0]));
    }
    if (d.size() == 1) {
      return d.get(0);
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return TreeHasher.node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  @Test
  void emptyTreeRoot_isSha256OfNothing() {
    assertThat(TreeHasher.EMPTY_ROOT.toHex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void leafAndNodeHashes_matchRfc6962KnownAnswers() {
    // transparency-dev/merkle rfc6962 hasher tests: leaf of the empty string and of "L123456".
    assertThat(TreeHasher.leaf(new byte[0]).toHex()).isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    assertThat(TreeHasher.leaf("L123456".getBytes(StandardCharsets.US_ASCII)).toHex())
        .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
  }

  @Test
  void rootAndProofs_agreeWithTheRfcDefinitionsAndVerifyForAllSmallTrees() throws Exception {
    List<NodeHash> all = leaves(40);
    ProofBuilder builder = new ProofBuilder(Subtrees.ofLeaves(all));
    for (int n = 1; n <= all.size(); n++) {
      NodeHash root = builder.root(n);
      assertThat(root).as("root of %d", n).isEqualTo(mth(all.subList(0, n)));
      for (int i = 0; i < n; i++) {
        InclusionProof proof = builder.inclusion(i, n);
        proof.verify(all.get(i), root);
        int other = (i + 1) % n;
        if (other != i) {
          int size = n;
          int idx = i;
          assertThatThrownBy(() -> proof.verify(all.get(other), root)).as("leaf %d proved at %d of %d", other, idx, size)
              .isInstanceOf(ProofException.class);
        }
      }
      for (int m = 1; m <= n; m++) {
        ConsistencyProof proof = builder.consistency(m, n);
        proof.verify(builder.root(m), root);
        if (m < n) {
          NodeHash wrongOld = builder.root(m == 1 ? 2 : m - 1);
          assertThatThrownBy(() -> proof.verify(wrongOld, root)).isInstanceOf(ProofException.class);
        }
      }
    }
  }

  @Test
  void inclusion_ofALeafInAnotherTreeFails() throws Exception {
    List<NodeHash> a = leaves(7);
    List<NodeHash> b = new ArrayList<>(a);
    b.set(5, TreeHasher.leaf(HEX.parseHex("00"))); // a sibling subtree of leaf 3 differs
    InclusionProof proofInA = new ProofBuilder(Subtrees.ofLeaves(a)).inclusion(3, 7);

    assertThatThrownBy(() -> proofInA.verify(b.get(3), new ProofBuilder(Subtrees.ofLeaves(b)).root(7)))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("leads to root");
  }
}
