package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.epcis.Gs1Key.Kind;
import io.lotledger.error.LedgerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GS1 Digital Link URI Syntax 1.2 in both directions, its EPC URN equivalents (GS1 EPC Tag Data
 * Standard 2.x), and the identifiers the demo chains in {@code ledger-examples} actually use.
 */
class DigitalLinkTest {

  // GS1 Digital Link URI Syntax 1.2 uses GTIN 09506000134352 with lot ABC123 throughout.
  private static final String SPEC_GTIN = "09506000134352";

  @Test
  void parse_readsTheSpecExampleAsAnLgtin() throws Exception {
    Gs1Key key = DigitalLink.parse("https://id.gs1.org/01/09506000134352/10/ABC123");

    assertThat(key.kind()).isEqualTo(Kind.LGTIN);
    assertThat(key.key()).isEqualTo(SPEC_GTIN);
    assertThat(key.lot()).contains("ABC123");
    assertThat(key.serial()).isEmpty();
  }

  @Test
  void lgtin_movesTheIndicatorDigitToTheFrontOfTheItemReference() throws Exception {
    Gs1Key key = Gs1Key.parse("https://id.gs1.org/01/09506000134352/10/ABC123");

    assertThat(key.toUrn(7)).isEqualTo("urn:epc:class:lgtin:9506000.013435.ABC123");
    assertThat(Gs1Key.parse("urn:epc:class:lgtin:9506000.013435.ABC123")).isEqualTo(key);
    assertThat(Gs1Key.parse("urn:epc:class:lgtin:9506000.013435.ABC123").toDigitalLink())
        .isEqualTo("https://id.gs1.org/01/09506000134352/10/ABC123");
  }

  @ParameterizedTest
  @CsvSource({
    "https://id.gs1.org/01/09506000134352/10/ABC123, 7, urn:epc:class:lgtin:9506000.013435.ABC123",
    // GS1 EPC TDS SGTIN example: (01) 80614141123458 (21) 6789AB, indicator 8.
    "https://id.gs1.org/01/80614141123458/21/6789AB, 7, urn:epc:id:sgtin:0614141.812345.6789AB",
    // GS1 EPC TDS SSCC example: (00) 106141412345678908, extension digit 1.
    "https://id.gs1.org/00/106141412345678908, 7, urn:epc:id:sscc:0614141.1234567890",
    // GS1 EPC TDS SGLN example: (414) 0614141123452 (254) 5678.
    "https://id.gs1.org/414/0614141123452/254/5678, 7, urn:epc:id:sgln:0614141.12345.5678",
    "https://id.gs1.org/414/0614141123452, 7, urn:epc:id:sgln:0614141.12345.0",
    "https://id.gs1.org/417/0614141123452, 7, urn:epc:id:pgln:0614141.12345",
    // Prefix-length extremes: 6 and 12 digits (EPC TDS 2.x); a 12-digit GLN prefix leaves no
    // reference.
    "https://id.gs1.org/01/09506000134352/10/ABC123, 6, urn:epc:class:lgtin:950600.0013435.ABC123",
    "https://id.gs1.org/01/09506000134352/10/ABC123, 12, urn:epc:class:lgtin:950600013435.0.ABC123",
    "https://id.gs1.org/00/106141412345678908, 12, urn:epc:id:sscc:061414123456.17890",
    "https://id.gs1.org/414/0614141123452, 12, urn:epc:id:sgln:061414112345..0",
  })
  void everyForm_roundTripsBetweenDigitalLinkAndUrn(String link, int prefixLength, String urn)
      throws Exception {
    Gs1Key fromLink = Gs1Key.parse(link);
    Gs1Key fromUrn = Gs1Key.parse(urn);

    assertThat(fromUrn).isEqualTo(fromLink);
    assertThat(fromLink.toUrn(prefixLength)).isEqualTo(urn);
    assertThat(fromUrn.toDigitalLink()).isEqualTo(link);
    assertThat(EpcUrn.parse(fromLink.toUrn(prefixLength))).isEqualTo(fromLink);
    assertThat(DigitalLink.parse(fromUrn.toDigitalLink())).isEqualTo(fromUrn);
  }

  @Test
  void sgln_extensionZeroMeansNoExtension_nonZeroIsKept() throws Exception {
    Gs1Key bare = Gs1Key.parse("urn:epc:id:sgln:0614141.12345.0");
    Gs1Key extended = Gs1Key.parse("urn:epc:id:sgln:0614141.12345.400");

    assertThat(bare.extension()).isEmpty();
    assertThat(bare.toDigitalLink()).isEqualTo("https://id.gs1.org/414/0614141123452");
    assertThat(Gs1Key.parse("https://id.gs1.org/414/0614141123452/254/0")).isEqualTo(bare);
    assertThat(extended.extension()).contains("400");
    assertThat(extended.toDigitalLink()).isEqualTo("https://id.gs1.org/414/0614141123452/254/400");
    assertThat(extended).isNotEqualTo(bare);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://id.gs1.org/01/09506000134352/10/ABC123",
        "http://id.gs1.org/01/09506000134352/10/ABC123",
        "https://brand.example.com/01/09506000134352/10/ABC123",
        "https://brand.example.com:8443/products/dl/01/09506000134352/10/ABC123",
        "https://brand.example.com/01/09506000134352/10/ABC123?17=261231&linkType=gs1:pip",
        "https://brand.example.com/01/09506000134352/10/ABC123#top",
        "https://brand.example.com/01/09506000134352/10/ABC123/",
        "https://id.gs1.org/gtin/09506000134352/lot/ABC123",
        "HTTPS://id.gs1.org/01/09506000134352/10/ABC123",
        "https://id.gs1.org/01/9506000134352/10/ABC123",
      })
  void parse_acceptsAnyHostStemQueryAndGtinLength_andNormalisesToOneKey(String link)
      throws Exception {
    assertThat(Gs1Key.parse(link).toDigitalLink())
        .isEqualTo("https://id.gs1.org/01/09506000134352/10/ABC123");
  }

  @Test
  void parse_padsGtin8And12ToGtin14() throws Exception {
    assertThat(DigitalLink.parse("https://id.gs1.org/01/95012346/21/1").key())
        .isEqualTo("00000095012346");
    assertThat(DigitalLink.parse("https://id.gs1.org/01/614141000036/21/1").key())
        .isEqualTo("00614141000036");
  }

  @Test
  void toDigitalLink_usesABrandStem() throws Exception {
    Gs1Key key = Gs1Key.lgtin(SPEC_GTIN, "ABC123");

    assertThat(key.toDigitalLink("https://brand.example.com/"))
        .isEqualTo("https://brand.example.com/01/09506000134352/10/ABC123");
    assertThat(key.toDigitalLink("https://brand.example.com/dl"))
        .isEqualTo("https://brand.example.com/dl/01/09506000134352/10/ABC123");
    assertThatThrownBy(() -> key.toDigitalLink("ftp://brand.example.com"))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessageContaining("ftp://brand.example.com");
    assertThatThrownBy(() -> key.toDigitalLink("https://brand.example.com/?x=1"))
        .isInstanceOf(Gs1FormatException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // decoded lot | Digital Link segment | EPC URN component
        "A/B           | A%2FB                | A%2FB",
        "50%           | 50%25                | 50%25",
        "a&b           | a%26b                | a%26b",
        "x?y           | x%3Fy                | x%3Fy",
        "<b>           | %3Cb%3E              | %3Cb%3E",
        "q\"q          | q%22q                | q%22q",
        "(1)+2,3       | %281%29%2B2%2C3      | (1)+2,3",
        "k:v;w=1*2!'   | k%3Av%3Bw%3D1%2A2%21%27 | k:v;w=1*2!'",
        "A.B-C_D       | A.B-C_D              | A.B-C_D",
      })
  void percentEncoding_roundTripsEverySymbolOfSet82(String lot, String segment, String component)
      throws Exception {
    Gs1Key key = Gs1Key.lgtin(SPEC_GTIN, lot);

    assertThat(key.toDigitalLink())
        .isEqualTo("https://id.gs1.org/01/" + SPEC_GTIN + "/10/" + segment);
    assertThat(key.toUrn(7)).isEqualTo("urn:epc:class:lgtin:9506000.013435." + component);
    assertThat(Gs1Key.parse(key.toDigitalLink())).isEqualTo(key);
    assertThat(Gs1Key.parse(key.toUrn(7))).isEqualTo(key);
  }

  @Test
  void parse_acceptsLiteralSubDelimitersAndLowerCaseEscapes() throws Exception {
    assertThat(DigitalLink.parse("https://id.gs1.org/01/09506000134352/21/(1)+2,a%2fb").serial())
        .contains("(1)+2,a/b");
  }

  @Test
  void parse_rejectsAWrongCheckDigit_namingTheKeyAndBothDigits() {
    assertThatThrownBy(() -> Gs1Key.parse("https://id.gs1.org/01/09506000134353/10/ABC123"))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessageStartingWith("GTIN 09506000134353: check digit 3, expected 2")
        .hasMessageContaining("https://id.gs1.org/01/09506000134353/10/ABC123")
        .satisfies(
            e -> {
              Gs1FormatException f = (Gs1FormatException) e;
              assertThat(f.element()).isEqualTo("GTIN");
              assertThat(f.input()).isEqualTo("https://id.gs1.org/01/09506000134353/10/ABC123");
              assertThat(f.code()).isEqualTo(LedgerException.Code.INVALID_INPUT);
            });
    assertThatThrownBy(() -> Gs1Key.parse("https://id.gs1.org/00/106141412345678909"))
        .hasMessageStartingWith("SSCC 106141412345678909: check digit 9, expected 8");
    assertThatThrownBy(() -> Gs1Key.parse("https://id.gs1.org/414/0614141123453"))
        .hasMessageStartingWith("GLN 0614141123453: check digit 3, expected 2");
    assertThatThrownBy(() -> Gs1Key.parse("https://id.gs1.org/417/0614141123451"))
        .hasMessageStartingWith("party GLN 0614141123451: check digit 1, expected 2");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "https://id.gs1.org/01/0950600013435/10/A    | GTIN 0950600013435: check digit 5, expected 9",
        "https://id.gs1.org/01/095060001343521/10/A  | GTIN 095060001343521: 15 digits, expected 8, 12, 13 or 14",
        "https://id.gs1.org/01/1234567/10/A          | GTIN 1234567: 7 digits, expected 8, 12, 13 or 14",
        "https://id.gs1.org/00/10614141234567890     | SSCC 10614141234567890: 17 digits, expected 18",
        "https://id.gs1.org/414/06141411234520       | GLN 06141411234520: 14 digits, expected 13",
        "https://id.gs1.org/417/061414112345         | party GLN 061414112345: 12 digits, expected 13",
        "https://id.gs1.org/01/0950600013435X/10/A   | GTIN 0950600013435X: character 'X' (U+0058) at index 13 is not a digit",
        "https://id.gs1.org/01/09506000134352/10/ABCDEFGHIJKLMNOPQRSTU | lot (AI 10) 'ABCDEFGHIJKLMNOPQRSTU': 21 characters, at most 20",
        "https://id.gs1.org/414/0614141123452/254/ABCDEFGHIJKLMNOPQRSTU | GLN extension (AI 254) 'ABCDEFGHIJKLMNOPQRSTU': 21 characters, at most 20",
      })
  void parse_rejectsWrongLengthsAndDigits(String link, String message) {
    assertThatThrownBy(() -> Gs1Key.parse(link))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "https://id.gs1.org/01/09506000134352/10/AB%20C  | lot (AI 10) 'AB C': character ' ' (U+0020) at index 2 is outside the GS1 AI encodable character set 82",
        "https://id.gs1.org/01/09506000134352/21/a~b     | serial (AI 21) 'a~b': character '~' (U+007E) at index 1 is outside",
        "https://id.gs1.org/01/09506000134352/21/a%23b   | serial (AI 21) 'a#b': character '#' (U+0023) at index 1 is outside",
        "https://id.gs1.org/01/09506000134352/10/%C3%A9  | lot (AI 10) ",
        "https://id.gs1.org/01/09506000134352/10/é       | lot (AI 10) 'é': character 'é' (U+00E9) at index 0 must be percent-encoded",
        "https://id.gs1.org/01/09506000134352/10/a\"b    | lot (AI 10) 'a\"b': character '\"' (U+0022) at index 1 must be percent-encoded",
        "https://id.gs1.org/01/09506000134352/10/50%     | lot (AI 10) '50%': '%' at index 2 does not start a %XX escape",
        "https://id.gs1.org/01/09506000134352/10/50%2G   | lot (AI 10) '50%2G': '%' at index 2 does not start a %XX escape",
        "https://id.gs1.org/414/0614141123452/254/%7C    | GLN extension (AI 254) '|': character '|' (U+007C) at index 0 is outside",
      })
  void parse_rejectsCharactersOutsideSet82AndBadEscapes(String link, String message) {
    assertThatThrownBy(() -> Gs1Key.parse(link))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessageStartingWith(message)
        .hasMessageEndingWith("in '" + link + "'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "https://id.gs1.org/01/09506000134352                   | names a GTIN without lot (AI 10) or serial (AI 21)",
        "https://id.gs1.org/01/09506000134352/10/ABC/21/1       | carries both lot (AI 10) and serial (AI 21)",
        "https://id.gs1.org/01/09506000134352/22/V1/10/ABC      | has no supported GS1 key path",
        "https://id.gs1.org/8004/0614141ABC                     | has no supported GS1 key path",
        "https://id.gs1.org/                                    | has no supported GS1 key path",
        "https://id.gs1.org/00/106141412345678908/21/1          | has no supported GS1 key path",
        "ftp://id.gs1.org/01/09506000134352/10/ABC123           | does not start with http:// or https://",
        "https:///01/09506000134352/10/ABC123                   | has no host",
        "id.gs1.org/01/09506000134352/10/ABC123                 | does not start with http:// or https://",
      })
  void parse_rejectsPathsThatAreNotOneSupportedKey(String link, String message) {
    assertThatThrownBy(() -> Gs1Key.parse(link))
        .isInstanceOf(Gs1FormatException.class)
        .hasMessageContaining(message);
  }

  // The identifiers of the demo chains: every complete Digital Link and EPC URN literal in
  // ledger-examples/src/main must parse and convert to the other form and back unchanged.

  private static final Pattern EXAMPLE_LITERAL =
      Pattern.compile(
          "\"(https://id\\.gs1\\.org/[0-9A-Za-z/%._-]+"
              + "|urn:epc:(?:class|id):(?:lgtin|sgtin|sscc|sgln|pgln):[0-9A-Za-z%._-]*)\"");

  @Test
  void examples_everyDigitalLinkAndUrnParsesAndConvertsConsistently() throws Exception {
    List<String> identifiers = exampleIdentifiers();
    assertThat(identifiers).hasSizeGreaterThan(40);

    for (String id : identifiers) {
      Gs1Key key = Gs1Key.parse(id);
      // The demos use 7-digit company prefixes throughout.
      String urn = key.toUrn(7);
      String link = key.toDigitalLink();

      assertThat(Gs1Key.parse(urn)).as(id).isEqualTo(key);
      assertThat(Gs1Key.parse(link)).as(id).isEqualTo(key);
      assertThat(id).isIn(urn, link);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "urn:epc:class:lgtin:7090011.010001.SM-2409-04, https://id.gs1.org/01/07090011100014/10/SM-2409-04",
    "https://id.gs1.org/01/07090014400012/10/FIL-260310-1, urn:epc:class:lgtin:7090014.040001.FIL-260310-1",
    "https://id.gs1.org/01/04012350100015/10/CATH-2606-A1, urn:epc:class:lgtin:4012350.010001.CATH-2606-A1",
    "urn:epc:id:sscc:7090014.0000000417, https://id.gs1.org/00/070900140000004173",
    "urn:epc:id:sgtin:4000002.070002.HSG-000481, https://id.gs1.org/01/04000002700027/21/HSG-000481",
    "urn:epc:id:sgln:7090015.00020.0, https://id.gs1.org/414/7090015000204",
    "urn:epc:id:pgln:4061234.00000, https://id.gs1.org/417/4061234000002",
    "urn:epc:id:pgln:7612345.00000, https://id.gs1.org/417/7612345000008",
  })
  void examples_convertToTheExpectedOtherForm(String given, String other) throws Exception {
    Gs1Key key = Gs1Key.parse(given);

    assertThat(Gs1Key.parse(other)).isEqualTo(key);
    assertThat(other.startsWith("urn:") ? key.toUrn(7) : key.toDigitalLink()).isEqualTo(other);
  }

  @Test
  void examples_partyUrnsAgreeWithTheCompanyGlnsTheDemosPrintOnDocuments() throws Exception {
    // MetalsChain: RECYCLER_GLN and SECOND_BUYER_GLN name the same parties as their PGLN URNs.
    assertThat(Gs1Key.parse("urn:epc:id:pgln:4061234.00000").key()).isEqualTo("4061234000002");
    assertThat(Gs1Key.parse("urn:epc:id:pgln:7612345.00000").key()).isEqualTo("7612345000008");
  }

  private static List<String> exampleIdentifiers() throws IOException {
    Path sources = Path.of("..", "ledger-examples", "src", "main");
    assertThat(sources).as("ledger-examples sources next to ledger-epcis").isDirectory();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = EXAMPLE_LITERAL.matcher(Files.readString(file));
        while (m.find()) {
          String literal = m.group(1);
          // Prefixes completed by concatenation ("urn:epc:id:pgln:" + prefix + ...) are not
          // identifiers.
          if (!literal.endsWith(":") && !literal.endsWith(".")) {
            found.add(literal);
          }
        }
      }
    }
    return found;
  }
}
