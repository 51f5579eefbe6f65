package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the GS1 identifier readers that EPCIS import and the CLI apply to outside text: {@link
 * Gs1Key#parse}, {@link EpcUrn#parse} and {@link DigitalLink#parse}. Contract: any text either
 * parses or throws {@link Gs1FormatException}; a parsed key's canonical Digital Link parses back to
 * the same key.
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code Gs1FuzzTestInputs/}); {@code
 * fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class Gs1FuzzTest {
  @FuzzTest(maxDuration = "60s")
  void gs1Key(byte[] bytes) throws Gs1FormatException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    roundTrip(() -> Gs1Key.parse(text));
    roundTrip(() -> EpcUrn.parse(text));
    roundTrip(() -> DigitalLink.parse(text));
  }

  private interface Parse {
    Gs1Key run() throws Gs1FormatException;
  }

  private static void roundTrip(Parse parse) throws Gs1FormatException {
    Gs1Key key;
    try {
      key = parse.run();
    } catch (Gs1FormatException e) {
      return;
    }
    assertThat(DigitalLink.parse(key.toDigitalLink()))
        .as("parse, Digital Link, parse")
        .isEqualTo(key);
  }
}
