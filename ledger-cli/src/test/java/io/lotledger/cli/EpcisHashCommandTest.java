package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger epcis-hash}: the reference CBV 2.0 hash IDs, one a line; bad input exits 2 with one
 * line.
 */
class EpcisHashCommandTest {
  /**
   * The CBV 2.0 reference examples, copied into ledger-epcis with their SOURCE.txt (tests run in
   * ledger-cli).
   */
  private static final Path FIXTURES =
      Path.of("..", "ledger-epcis", "src", "test", "resources", "epcis-hash");

  @TempDir Path tmp;

  @Test
  void epcisHash_printsTheReferenceIdOfEveryEventInDocumentOrder() throws Exception {
    Path doc = FIXTURES.resolve("epcisDocWithVariousEventTypes.jsonld");
    List<String> expected =
        Files.readAllLines(
                FIXTURES.resolve("epcisDocWithVariousEventTypes.hashes"), StandardCharsets.UTF_8)
            .stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();

    LedgerCliTest.Result r = LedgerCliTest.ledger("epcis-hash", doc.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines()).hasSize(13).containsExactlyElementsOf(expected);
  }

  @Test
  void epcisHash_malformedMissingOrOversizedDocument_exitsTwoWithOneLine() throws Exception {
    Path bad =
        Files.writeString(
            tmp.resolve("bad.jsonld"),
            "{\"type\": \"EPCISDocument\", \"epcisBody\": ",
            StandardCharsets.UTF_8);
    LedgerCliTest.assertOneLineError(LedgerCliTest.ledger("epcis-hash", bad.toString()), 2);
    LedgerCliTest.assertOneLineError(
        LedgerCliTest.ledger("epcis-hash", tmp.resolve("absent.jsonld").toString()), 2);
    Path big = tmp.resolve("big.jsonld");
    Files.write(big, new byte[16 * 1024 * 1024 + 1]);
    LedgerCliTest.Result r = LedgerCliTest.ledger("epcis-hash", big.toString());
    LedgerCliTest.assertOneLineError(r, 2);
    assertThat(r.err()).contains("larger than");
  }
}
