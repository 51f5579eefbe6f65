package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.examples.catalog.Scenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ledger demo NAME [--with-fraud]} for every example, through {@link LedgerCli#run}. */
class DemoCommandTest {
  @TempDir Path tmp;

  static java.util.List<String> names() {
    return Scenarios.names();
  }

  @ParameterizedTest
  @MethodSource("names")
  void demo_recordsVerifiesAndNamesTheFinalLot_honestAndWithFraud(String name) {
    for (boolean fraud : new boolean[] {false, true}) {
      Path dir = tmp.resolve(name + (fraud ? "-fraud" : ""));
      LedgerCliTest.Result r =
          fraud
              ? LedgerCliTest.ledger("demo", name, "--with-fraud", "--data", dir.toString())
              : LedgerCliTest.ledger("demo", name, "--data", dir.toString());

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("final lot: "));
      String finalLot =
          r.outLines().stream()
              .filter(l -> l.startsWith("final lot: "))
              .findFirst()
              .orElseThrow()
              .substring("final lot: ".length());
      assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith("verified: "));
      if (fraud) {
        assertThat(r.out()).as("the fraud is reported as caught").containsPattern("(?i)fraud");
      }
      // The ledger it wrote verifies from the command line and traces the final lot.
      assertThat(LedgerCliTest.ledger("verify", "--data", dir.toString()).code()).isZero();
      assertThat(LedgerCliTest.ledger("trace", finalLot, "--data", dir.toString()).code()).isZero();
      // Its final lot's provenance exports as EPCIS 2.0 that the official schema accepts.
      Path epcis = tmp.resolve(name + (fraud ? "-fraud" : "") + ".jsonld");
      LedgerCliTest.Result exported =
          LedgerCliTest.ledger(
              "export", finalLot, "--epcis", "--out", epcis.toString(), "--data", dir.toString());
      assertThat(exported.code()).as(exported.err()).isZero();
      try {
        assertThat(
                io.lotledger.epcis.EpcisSchema.validate(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(epcis.toFile())))
            .as("schema violations of %s's EPCIS export", name)
            .isEmpty();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void demo_unknownOrMissingName_exitsTwoWithOneLine() {
    LedgerCliTest.assertOneLineError(
        LedgerCliTest.ledger("demo", "tea", "--data", tmp.resolve("t").toString()), 2);
    LedgerCliTest.Result missing = LedgerCliTest.ledger("demo");
    LedgerCliTest.assertOneLineError(missing, 2);
    assertThat(missing.err()).contains("battery").contains("salmon");
  }
}
