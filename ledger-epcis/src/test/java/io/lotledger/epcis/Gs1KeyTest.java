package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.epcis.Gs1Key.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key value, its validation, EPC URN reading (GS1 EPC Tag Data Standard 2.x) and the GS1 mod-10
 * check digit (GS1 General Specifications §7.9.1).
 */
class Gs1KeyTest {

  @ParameterizedTest
  @CsvSource({
    // Key bodies and check digits as published in GS1 and EPC TDS examples.
    "0950600013435, 2",
    "8061414112345, 8",
    "10614141234567890, 8",
    "061414112345, 2",
    "9501234, 6",
    "0000000000000, 0",
  })
  void checkDigit_matchesPublishedKeys(String body, int checkDigit) {
    assertThat(Gs1Syntax.checkDigit(body)).isEqualTo(checkDigit);
  }

  @Test
  void checkDigit_detectsEverySingleDigitChange() {
    String gtin = "09506000134352";
    for (int i = 0; i < gtin.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d == gtin.charAt(i)) {
          continue;
        }
        String changed = gtin.substring(0, i) + d + gtin.substring(i + 1);
        assertThatThrownBy(() -> Gs1Key.lgtin(changed, "L1"))
            .as(changed)
            .isInstanceOf(Gs1FormatException.class)
            .hasMessageContaining("check digit");
      }
    }
  }

  @Test
  void factories_buildEachKind() throws Exception {
    assertThat(Gs1Key.lgtin("09506000134352", "ABC123").lot()).contains("ABC123");
    assertThat(Gs1Key.sgtin("09506000134352", "1").serial()).contains("1");
    assertThat(Gs1Key.sscc("106141412345678908").kind()).isEqualTo(Kind.SSCC);
    assertThat(Gs1Key.sgln("0614141123452", "").extension()).isEmpty();
    assertThat(Gs1Key.sgln("0614141123452", "0")).isEqualTo(Gs1Key.sgln("0614141123452", ""));
    assertThat(Gs1Key.pgln("0614141123452").kind()).isEqualTo(Kind.PGLN);
    assertThat(Gs1Key.lgtin("09506000134352", "A"))
        .isNotEqualTo(Gs1Key.sgtin("09506000134352", "A"));
  }

  @Test
  void constructor_rejectsBadComponentsUnchecked() {
    assertThatThrownBy(() -> new Gs1Key(Kind.LGTIN, "09506000134353", "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GTIN 09506000134353: check digit 3, expected 2")
        .hasCauseInstanceOf(Gs1FormatException.class);
    assertThatThrownBy(() -> new Gs1Key(Kind.LGTIN, "09506000134352", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lot (AI 10) is empty");
    assertThatThrownBy(() -> new Gs1Key(Kind.SSCC, "106141412345678908", "x"))
        .hasMessage("SSCC takes no qualifier, got 'x'");
    assertThatThrownBy(() -> new Gs1Key(Kind.SGLN, "0614141123452", "0"))
        .hasMessageContaining("'0' means no extension");
    assertThatThrownBy(() -> new Gs1Key(Kind.PGLN, "0614141123452", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be null");
  }

  @Test
  void factories_rejectNullWithTheCheckedException() {
    assertThatThrownBy(() -> Gs1Key.lgtin("09506000134352", null))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessageContaining("LGTIN needs a GTIN and a lot (AI 10)");
    assertThatThrownBy(() -> Gs1Key.parse(null)).isInstanceOf(Gs1FormatException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 5, 13, 14})
  void toUrn_rejectsCompanyPrefixLengthsOutside6To12(int length) throws Exception {
    Gs1Key key = Gs1Key.lgtin("09506000134352", "ABC123");

    assertThatThrownBy(() -> key.toUrn(length))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessage("company prefix length " + length + ": expected 6 to 12")
        .satisfies(
            e -> assertThat(((Gs1FormatException) e).element()).isEqualTo("company prefix length"));
  }

  @Test
  void toUrn_acceptsEveryPrefixLength6To12_andEveryResultReadsBack() throws Exception {
    Gs1Key[] keys = {
      Gs1Key.lgtin("09506000134352", "L.1/2"),
      Gs1Key.sgtin("80614141123458", "6789AB"),
      Gs1Key.sscc("106141412345678908"),
      Gs1Key.sgln("0614141123452", "5678"),
      Gs1Key.sgln("0614141123452", ""),
      Gs1Key.pgln("0614141123452"),
    };
    for (Gs1Key key : keys) {
      for (int length = 6; length <= 12; length++) {
        String urn = key.toUrn(length);
        assertThat(EpcUrn.parse(urn)).as(urn).isEqualTo(key);
        assertThat(urn.substring(urn.lastIndexOf(':') + 1).indexOf('.')).as(urn).isEqualTo(length);
      }
    }
  }

  @Test
  void parse_isIdempotentAcrossForms() throws Exception {
    String[] spellings = {
      "urn:epc:class:lgtin:9506000.013435.ABC123",
      "URN:EPC:CLASS:LGTIN:9506000.013435.ABC123",
      "urn:epc:class:lgtin:950600.0013435.ABC123",
      "https://id.gs1.org/01/09506000134352/10/ABC123",
      "https://example.org/x/gtin/9506000134352/lot/ABC123?linkType=all",
    };
    for (String spelling : spellings) {
      Gs1Key key = Gs1Key.parse(spelling);
      assertThat(key.toUrn(7)).as(spelling).isEqualTo("urn:epc:class:lgtin:9506000.013435.ABC123");
      assertThat(key.toString()).isEqualTo("https://id.gs1.org/01/09506000134352/10/ABC123");
    }
  }

  @Test
  void urn_lotMayContainDots_andEscapesOnlyTheTdsCharacters() throws Exception {
    Gs1Key key = Gs1Key.parse("urn:epc:class:lgtin:9506000.013435.A.B%2FC");

    assertThat(key.lot()).contains("A.B/C");
    assertThat(key.toDigitalLink()).isEqualTo("https://id.gs1.org/01/09506000134352/10/A.B%2FC");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "urn:epc:id:giai:0614141.12345                 | is not one of urn:epc:class:lgtin:",
        "urn:epc:id:lgtin:9506000.013435.ABC123        | is not one of urn:epc:class:lgtin:",
        "urn:epc:class:lgtin:9506000.013435            | expected 3 dot-separated components",
        "urn:epc:id:sscc:0614141.1234567890.1          | expected 2 dot-separated components",
        "urn:epc:id:pgln:0614141                       | expected 2 dot-separated components",
        "urn:epc:class:lgtin:95060.0013435.ABC123      | company prefix 95060: 5 digits, expected 6 to 12",
        "urn:epc:class:lgtin:9506000134352.0.ABC123    | company prefix 9506000134352: 13 digits, expected 6 to 12",
        "urn:epc:class:lgtin:9506000.13435.ABC123      | indicator and item reference '13435': 5 digits, expected 6 after a 7-digit company prefix",
        "urn:epc:class:lgtin:950600A.013435.ABC123     | company prefix 950600A: character 'A' (U+0041) at index 6 is not a digit",
        "urn:epc:id:sgtin:9506000.01343X.1             | indicator and item reference 01343X: character 'X'",
        "urn:epc:id:sscc:0614141.123456789             | extension digit and serial reference '123456789': 9 digits, expected 10",
        "urn:epc:id:sgln:0614141.1234.0                | location reference '1234': 4 digits, expected 5",
        "urn:epc:id:pgln:0614141.123456                | party reference '123456': 6 digits, expected 5",
        "urn:epc:class:lgtin:9506000.013435.           | lot (AI 10) is empty",
        "urn:epc:class:lgtin:9506000.013435.AB%20C     | lot (AI 10) 'AB C': character ' ' (U+0020) at index 2 is outside",
        "urn:epc:id:sgtin:9506000.013435.ABCDEFGHIJKLMNOPQRSTU | serial (AI 21) 'ABCDEFGHIJKLMNOPQRSTU': 21 characters, at most 20",
        "urn:epc:id:sgln:0614141.12345.a%zz            | GLN extension (AI 254) 'a%zz': '%' at index 1 does not start a %XX escape",
      })
  void urn_rejectsMalformedInput_namingThePart(String urn, String message) {
    assertThatThrownBy(() -> Gs1Key.parse(urn))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessageContaining(message)
        .hasMessageEndingWith("in '" + urn + "'")
        .satisfies(e -> assertThat(((Gs1FormatException) e).input()).isEqualTo(urn));
  }
}
