package io.lotledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers for {@link Sha256}: the one-block and two-block examples of FIPS 180-4 (NIST's
 * published SHA-256 examples, formerly FIPS 180-2 Appendix B.1 and B.2) and the empty message of
 * the NIST CAVP SHA256ShortMsg vectors (Len = 0); and the multi-part variants against the one-shot
 * hash.
 */
class Sha256Test {
  private static final HexFormat HEX = HexFormat.of();

  private static final byte[] ABC = ascii("abc");

  /**
   * The 448-bit message of the two-block example: padding pushes it into a second 512-bit block.
   */
  private static final byte[] TWO_BLOCK =
      ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");

  @Test
  void hash_matchesFips180OneBlockExample() {
    assertThat(HEX.formatHex(Sha256.hash(ABC)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hash_matchesKnownAnswerForTheEmptyMessage() {
    assertThat(HEX.formatHex(Sha256.hash(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void hash_matchesFips180TwoBlockExample() {
    assertThat(TWO_BLOCK).hasSize(56); // 448 bits
    assertThat(HEX.formatHex(Sha256.hash(TWO_BLOCK)))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void hash_returnsA32ByteDigestAndResetsBetweenCalls() {
    // The digest instance is reused per thread: a second call must not see the first call's input.
    byte[] first = Sha256.hash(TWO_BLOCK);
    byte[] second = Sha256.hash(TWO_BLOCK);
    assertThat(first).hasSize(Sha256.LENGTH).isEqualTo(second).isNotSameAs(second);
    assertThat(HEX.formatHex(Sha256.hash(ABC)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hashWithPrefix_equalsHashOfTheConcatenation() {
    // Every split of the two-block message, including an empty prefix and an empty rest, and splits
    // on
    // either side of the 64-byte block boundary once padded.
    for (int split = 0; split <= TWO_BLOCK.length; split++) {
      byte[] prefix = Arrays.copyOfRange(TWO_BLOCK, 0, split);
      byte[] rest = Arrays.copyOfRange(TWO_BLOCK, split, TWO_BLOCK.length);
      assertThat(Sha256.hash(prefix, rest))
          .as("split at %d", split)
          .isEqualTo(Sha256.hash(TWO_BLOCK));
    }
    assertThat(HEX.formatHex(Sha256.hash(ascii("a"), ascii("bc"))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hashWithPrefix_isNotTheHashOfEitherPartAlone() {
    // Guards against an implementation that drops the prefix (or the data).
    byte[] prefix = ascii("lotledger/entry/v1\0");
    byte[] data = ascii("body");
    assertThat(Sha256.hash(prefix, data))
        .isNotEqualTo(Sha256.hash(data))
        .isNotEqualTo(Sha256.hash(prefix));
  }

  @Test
  void hashOfThreeParts_equalsHashOfTheConcatenation() {
    assertThat(HEX.formatHex(Sha256.hash(ascii("a"), ascii("b"), ascii("c"))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.hash(new byte[0], TWO_BLOCK, new byte[0])).isEqualTo(Sha256.hash(TWO_BLOCK));
    assertThat(Sha256.hash(new byte[] {0x00}, ascii("x"), ascii("y")))
        .isEqualTo(Sha256.hash(new byte[] {0x00, 'x', 'y'}));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
