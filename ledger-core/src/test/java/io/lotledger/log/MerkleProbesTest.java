package io.lotledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The 196 RFC 6962 / RFC 9162 proof probes of transparency-dev/merkle (copied into
 * src/test/resources/vectors/merkle with SOURCE.txt and LICENSE): each inclusion and consistency
 * probe must verify exactly when its {@code wantErr} is false. A hash of the wrong length counts as
 * a rejection at parse time, as it would be in a bundle.
 */
class MerkleProbesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Path> probes(String kind) throws Exception {
    Path root = Path.of(MerkleProbesTest.class.getResource("/vectors/merkle/" + kind).toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static byte[] b64(JsonNode n) {
    return n == null || n.isNull() ? new byte[0] : Base64.getDecoder().decode(n.asText());
  }

  private static List<NodeHash> path(JsonNode proof) throws ProofException {
    List<NodeHash> out = new ArrayList<>();
    if (proof != null && !proof.isNull()) {
      for (JsonNode p : proof) {
        out.add(NodeHash.parse("proof hash", b64(p)));
      }
    }
    return out;
  }

  /** Sizes and indexes are uint64 in the probes; Jackson gives a BigInteger above 2^63. */
  private static long u64(JsonNode n) {
    return n.bigIntegerValue().longValue();
  }

  private static boolean inclusionVerifies(JsonNode t) {
    try {
      InclusionProof proof =
          new InclusionProof(u64(t.get("leafIdx")), u64(t.get("treeSize")), path(t.get("proof")));
      proof.verify(
          NodeHash.parse("leaf hash", b64(t.get("leafHash"))),
          NodeHash.parse("root", b64(t.get("root"))));
      return true;
    } catch (ProofException e) {
      return false;
    }
  }

  private static boolean consistencyVerifies(JsonNode t) {
    try {
      List<byte[]> path = new ArrayList<>();
      if (t.get("proof") != null && !t.get("proof").isNull()) {
        t.get("proof").forEach(p -> path.add(b64(p)));
      }
      ConsistencyProof.verify(
          u64(t.get("size1")), u64(t.get("size2")), path, b64(t.get("root1")), b64(t.get("root2")));
      return true;
    } catch (ProofException e) {
      return false;
    }
  }

  @TestFactory
  Stream<DynamicTest> inclusionProbes() throws Exception {
    return probes("inclusion").stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.getParent().getFileName() + "/" + p.getFileName(),
                    () -> {
                      JsonNode t = JSON.readTree(p.toFile());
                      assertThat(inclusionVerifies(t))
                          .as(t.get("desc").asText())
                          .isEqualTo(!t.get("wantErr").asBoolean());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> consistencyProbes() throws Exception {
    return probes("consistency").stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.getParent().getFileName() + "/" + p.getFileName(),
                    () -> {
                      JsonNode t = JSON.readTree(p.toFile());
                      assertThat(consistencyVerifies(t))
                          .as(t.get("desc").asText())
                          .isEqualTo(!t.get("wantErr").asBoolean());
                    }));
  }

  @Test
  void theProbeSetIsComplete() throws Exception {
    assertThat(probes("inclusion")).hasSize(98);
    assertThat(probes("consistency")).hasSize(98);
    long happy =
        Stream.concat(probes("inclusion").stream(), probes("consistency").stream())
            .filter(
                p -> {
                  try {
                    return !JSON.readTree(p.toFile()).get("wantErr").asBoolean();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .count();
    assertThat(happy).as("probes that must verify").isGreaterThan(5);
  }

  @Test
  void nodeHash_parseRejectsWrongLengthWithATypedError() {
    assertThatThrownBy(() -> NodeHash.parse("root", new byte[12]))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("root must be 32 bytes, not 12");
  }
}
