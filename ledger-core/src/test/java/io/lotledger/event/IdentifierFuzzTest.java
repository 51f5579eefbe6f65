package io.lotledger.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lotledger.entry.EntryHash;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the identifier readers the CLI and the chain rules apply to outside text: {@link
 * LotId#parse}, {@link ActorId#parse}, {@link EntryHash#parse} (hex) and {@link EntryHash#fromNi}
 * (RFC 6920 shipment references). Contract: each either returns or throws {@link
 * IllegalArgumentException}; a parsed hash prints back to the input.
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code IdentifierFuzzTestInputs/}); {@code
 * fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class IdentifierFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void identifiers(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      assertThat(LotId.parse(text).uri()).isEqualTo(text);
    } catch (IllegalArgumentException e) {
      // refused
    }
    try {
      assertThat(ActorId.parse(text).uri()).isEqualTo(text);
    } catch (IllegalArgumentException e) {
      // refused
    }
    try {
      assertThat(EntryHash.parse(text).toHex()).isEqualToIgnoringCase(text);
    } catch (IllegalArgumentException e) {
      // refused
    }
    try {
      assertThat(EntryHash.fromNi(text).toNi()).isEqualTo(text);
    } catch (IllegalArgumentException e) {
      // refused
    }
  }
}
