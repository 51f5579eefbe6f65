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
 * Roots and proofs built over {@link Subtrees} agree with the RFC 9162 definitions computed
 * naively, verify with our verifier for every (index, size) and (size1, size2) up to 40 leaves, and
 * fail for the wrong leaf; plus the RFC 6962 known answers.
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
    assertThat(TreeHasher.EMPTY_ROOT.toHex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  /**
   * The RFC 6962 reference tree (the eight leaves of the Certificate Transparency /
   * transparency-dev test data) and its published roots for sizes 1 to 8.
   */
  @Test
  void smallTreeRoots_matchTheRfc6962ReferenceTree() throws Exception {
    String[] leafData = {
      "",
      "00",
      "10",
      "2021",
      "3031",
      "40414243",
      "5051525354555657",
      "606162636465666768696a6b6c6d6e6f"
    };
    String[] roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };
    List<NodeHash> leaves = new ArrayList<>();
    for (String d : leafData) {
      leaves.add(TreeHasher.leaf(HEX.parseHex(d)));
    }
    ProofBuilder builder = new ProofBuilder(Subtrees.ofLeaves(leaves));
    for (int n = 1; n <= 8; n++) {
      assertThat(builder.root(n).toHex())
          .as("root of the first %d leaves", n)
          .isEqualTo(roots[n - 1]);
    }
  }

  @Test
  void leafAndNodeHashes_matchRfc6962KnownAnswers() {
    // transparency-dev/merkle rfc6962 hasher tests: leaf of the empty string and of "L123456".
    assertThat(TreeHasher.leaf(new byte[0]).toHex())
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
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
          assertThatThrownBy(() -> proof.verify(all.get(other), root))
              .as("leaf %d proved at %d of %d", other, idx, size)
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

    assertThatThrownBy(
            () -> proofInA.verify(b.get(3), new ProofBuilder(Subtrees.ofLeaves(b)).root(7)))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("leads to root");
  }
}
