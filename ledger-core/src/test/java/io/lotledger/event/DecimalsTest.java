package io.lotledger.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

  @Property(tries = 2000)
  void parseCanonical_acceptsExactlyWhatFormatPrints(
      @ForAll @BigRange(min = "-1000000000", max = "1000000000") @Scale(6) BigDecimal value) {
    String text = Decimals.format(value);

    assertThat(Decimals.parseCanonical("x", text)).isEqualByComparingTo(value);
    assertThat(Decimals.canonicalShape(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.50", "01", "-0", "+1", "1.", ".5", "1e3", "1E-2", "0.0", "-0.0", "00.5", "1.2.3", "",
        "-", "١"
      })
  void parseCanonical_rejectsEveryOtherSpelling(String text) {
    assertThatThrownBy(() -> Decimals.parseCanonical("amount", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "7", "-7", "12.5", "0.0042", "-0.5", "1000"})
  void parseCanonical_acceptsCanonicalSpellings(String text) {
    assertThat(Decimals.parseCanonical("amount", text).toPlainString()).isEqualTo(text);
  }

  // Found by fuzzing EntryCodec.decode (docs/reliability.md): rescaling 1E+999999999 to scale 0
  // expands
  // it to a billion digits, so an entry of a few hundred bytes held the decoder for minutes.
  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "-1E+2147483647", "1e-999999999", "1e39"})
  void canonical_refusesOutOfRangeExponentsWithoutExpandingThem(String text) {
    assertThatThrownBy(() -> Decimals.canonical("quantity", new BigDecimal(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds 38 digits or 18 decimals");
    assertThatThrownBy(() -> Decimals.parseCanonical("quantity", text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e37", "12345678901234567890123456789012345678", "1e-18"})
  void canonical_acceptsTheLargestAndSmallestInRange(String text) {
    assertThat(Decimals.canonical("quantity", new BigDecimal(text)))
        .isEqualByComparingTo(new BigDecimal(text));
  }
}
