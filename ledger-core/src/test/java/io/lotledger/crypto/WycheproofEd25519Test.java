package io.lotledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Ed25519 verification vector of Project Wycheproof ({@code ed25519_test.json}, copied into
 * {@code src/test/resources/vectors/wycheproof} with its SOURCE.txt and LICENSE) judged by the rule
 * that {@link Ed25519PublicKey} documents: a group's key goes through {@link
 * Ed25519PublicKey#parse} (what actor registration does), then each signature through {@link
 * Ed25519PublicKey#verify}.
 *
 * <p>"valid" must be accepted and "invalid" rejected. A key refused by {@code parse} would reject
 * every signature under it; no key in this file is refused, and {@link
 * #parse_acceptsEveryGroupKey()} says so explicitly so that a change in that fact cannot pass
 * unnoticed.
 */
class WycheproofEd25519Test {
  private static final String RESOURCE = "/vectors/wycheproof/ed25519_test.json";

  /** The file's own count; asserted so that a truncated or swapped file cannot pass silently. */
  private static final int EXPECTED_TESTS = 151;

  private static final HexFormat HEX = HexFormat.of();

  /** One test case with the key of its group. */
  record Vector(
      int tcId,
      String comment,
      String result,
      List<String> flags,
      byte[] publicKey,
      byte[] message,
      byte[] signature) {
    String name() {
      String text = comment.isEmpty() ? String.join(",", flags) : comment;
      return "tcId " + tcId + " (" + result + "): " + text;
    }
  }

  private static JsonNode file() {
    try (InputStream in = WycheproofEd25519Test.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as("classpath resource %s", RESOURCE).isNotNull();
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Vector> load() {
    List<Vector> vectors = new ArrayList<>();
    for (JsonNode group : file().get("testGroups")) {
      byte[] key = HEX.parseHex(group.get("publicKey").get("pk").asText());
      for (JsonNode t : group.get("tests")) {
        List<String> flags = new ArrayList<>();
        t.get("flags").forEach(f -> flags.add(f.asText()));
        vectors.add(
            new Vector(
                t.get("tcId").asInt(),
                t.get("comment").asText(),
                t.get("result").asText(),
                flags,
                key,
                HEX.parseHex(t.get("msg").asText()),
                HEX.parseHex(t.get("sig").asText())));
      }
    }
    return vectors;
  }

  static Stream<Arguments> vectors() {
    return load().stream().map(v -> Arguments.of(Named.of(v.name(), v)));
  }

  /**
   * Whether lotledger accepts the signature: the key must parse, then the signature must verify.
   */
  private static boolean accepted(Vector v) {
    Ed25519PublicKey key;
    try {
      key = Ed25519PublicKey.parse(v.publicKey());
    } catch (InvalidKeyException e) {
      return false; // a refused key cannot be registered, so nothing is ever accepted under it
    }
    return key.verify(v.signature(), v.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_agreesWithWycheproof(Vector v) {
    switch (v.result()) {
      case "valid" -> assertThat(accepted(v)).as("%s must be accepted", v.name()).isTrue();
      case "invalid" -> assertThat(accepted(v)).as("%s must be rejected", v.name()).isFalse();
      // Wycheproof marks as "acceptable" what RFC 8032 leaves to the implementation (e.g. the
      // cofactored vs cofactorless equation, small-order keys). This version of the file has none
      // (see file_holdsNoAcceptableVectors); should an update add some, decide each by our
      // documented
      // rule and add it here with the reason, instead of letting it pass either way.
      default -> throw new AssertionError(v.name() + ": unexpected result '" + v.result() + "'");
    }
  }

  @Test
  void file_holdsExactly151Vectors() {
    JsonNode file = file();
    assertThat(file.get("algorithm").asText()).isEqualTo("EDDSA");
    assertThat(file.get("numberOfTests").asInt()).isEqualTo(EXPECTED_TESTS);
    List<Vector> vectors = load();
    assertThat(vectors).hasSize(EXPECTED_TESTS);
    assertThat(vectors).extracting(Vector::tcId).doesNotHaveDuplicates();
    assertThat(vectors.stream().filter(v -> v.result().equals("valid"))).hasSize(88);
    assertThat(vectors.stream().filter(v -> v.result().equals("invalid"))).hasSize(63);
  }

  @Test
  void file_holdsNoAcceptableVectors() {
    // If this fails, the file gained "acceptable" vectors: classify them in
    // verify_agreesWithWycheproof.
    assertThat(load()).extracting(Vector::result).containsOnly("valid", "invalid");
  }

  @Test
  void parse_acceptsEveryGroupKey() throws InvalidKeyException {
    // Stated explicitly: every public key in this file is canonical and of full prime order, so no
    // vector here is decided by key refusal; every verdict above comes from verify(sig, msg).
    JsonNode groups = file().get("testGroups");
    assertThat(groups).hasSize(78);
    for (JsonNode group : groups) {
      String hex = group.get("publicKey").get("pk").asText();
      assertThat(Ed25519PublicKey.parse(HEX.parseHex(hex)).toHex()).isEqualTo(hex);
    }
  }
}
