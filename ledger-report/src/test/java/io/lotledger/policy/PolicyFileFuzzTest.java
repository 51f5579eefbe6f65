package io.lotledger.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link PolicyFile#parse}, which reads the policy JSON that {@code ledger check --policy} is
 * handed. Contract: any bytes either give a {@link io.lotledger.rules.Policy} or a {@link CliException}
 * (a usage error naming the file and the field's path).
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code PolicyFileFuzzTestInputs/}, which holds
 * docs/policies); {@code fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class PolicyFileFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] bytes) {
    try {
      PolicyFile.parse(bytes, "fuzz.json");
    } catch (CliException e) {
      // refused, naming the field
    }
  }
}
