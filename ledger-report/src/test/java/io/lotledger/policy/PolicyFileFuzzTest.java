package io.lotledger.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link PolicyFile#parse}, which reads the policy JSON that {@code ledger check --policy}
 * is handed. Contract: any bytes either give a {@link io.lotledger.rules.Policy} or a {@link
 * PolicyFileException} (naming the file and the field's path or the position in the text).
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code PolicyFileFuzzTestInputs/}, which
 * holds docs/policies); {@code fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class PolicyFileFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] bytes) {
    try {
      PolicyFile.parse(bytes, "fuzz.json");
    } catch (PolicyFileException e) {
      // refused, naming the field
    }
  }
}
