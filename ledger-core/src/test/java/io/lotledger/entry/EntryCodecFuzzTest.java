package io.lotledger.entry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link EntryCodec#decode}, the parser every entry read from a store, a bundle or a peer
 * goes through. Contract: any bytes either decode or throw {@link EntryFormatException}; whatever
 * decodes is canonical, so re-encoding its body and re-assembling the envelope gives the input back
 * byte for byte.
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code EntryCodecFuzzTestInputs/}); {@code
 * fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class EntryCodecFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decode(byte[] bytes) throws EntryFormatException {
    SignedEntry entry;
    try {
      entry = EntryCodec.decode(bytes);
    } catch (EntryFormatException e) {
      return; // the documented refusal
    }
    byte[] body = EntryCodec.encodeBody(entry.body());
    assertThat(EntryCodec.assemble(body, entry.signature()).encoded())
        .as("decode then encode")
        .isEqualTo(bytes);
    assertThat(entry.hash()).isEqualTo(EntryHash.ofEntry(bytes));
    entry.signatureValid(); // must answer, not throw, for any key the body names
  }
}
