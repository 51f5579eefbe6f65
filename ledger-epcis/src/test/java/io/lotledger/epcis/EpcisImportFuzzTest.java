package io.lotledger.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lotledger.Ledger;
import io.lotledger.entry.ActorSigner;
import io.lotledger.error.LedgerException;
import io.lotledger.testing.TestChain;

/**
 * Fuzzes EPCIS 2.0 JSON-LD import, the door through which other systems' records enter a ledger:
 * {@link EpcisImport#into} on a fresh in-memory ledger, and {@link EventHashId#fromDocument}, which
 * {@code ledger epcis-hash} runs on its own. Contract: a document is either imported whole or
 * refused with a {@link LedgerException} ({@link EpcisFormatException} for a malformed document,
 * {@link io.lotledger.rules.AppendRejectedException} for one that breaks a ledger rule); importing
 * the same document again adds nothing.
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code EpcisImportFuzzTestInputs/}); {@code
 * fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class EpcisImportFuzzTest {
  private static final ActorSigner IMPORTER = TestChain.signer("urn:lotledger:actor:importer", 41);

  @FuzzTest(maxDuration = "60s")
  void importInto(byte[] json) throws LedgerException {
    try (Ledger ledger = Ledger.inMemory().create("epcis.fuzz/ledger", IMPORTER, "importer")) {
      try {
        EpcisImport.into(ledger, IMPORTER, json);
      } catch (LedgerException e) {
        return; // refused whole: malformed, or against a ledger rule
      }
      assertThat(EpcisImport.into(ledger, IMPORTER, json).added())
          .as("the same document again")
          .isEmpty();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void eventHashIds(byte[] json) {
    try {
      EventHashId.fromDocument(json);
    } catch (EpcisFormatException e) {
      // refused, naming the event and field
    }
  }
}
