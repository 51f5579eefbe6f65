package io.lotledger.report.embedding;

import static io.lotledger.testing.RecyclingChain.ORE;
import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.policy.PolicyFile;
import io.lotledger.report.ProvenanceReport;
import io.lotledger.rules.CheckFinding;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Policy;
import io.lotledger.testing.RecyclingChain;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an application embeds the report without the CLI, through the public API only (this package
 * is outside {@code io.lotledger.report}): read a policy, read the report on a lot from its ledger,
 * write the page.
 */
class EmbeddingExampleTest {
  @TempDir Path tmp;

  @Test
  void anApplication_readsAPolicyAndWritesTheReportOfALot() throws Exception {
    // The policy could come from an upload as well as a file: any stream, named for its errors.
    byte[] upload =
        """
        {"version": 1, "name": "cobalt-90", "rules": [{"type": "minimumRecycledShare", "element": "Co", "minimum": 0.9}]}"""
            .getBytes(StandardCharsets.UTF_8);
    Policy policy = PolicyFile.read(new ByteArrayInputStream(upload), "cobalt-90.json");

    RecyclingChain chain = new RecyclingChain();
    Path page = tmp.resolve("provenance.html");
    ProvenanceReport report;
    try (Ledger ledger = chain.newLedger()) {
      chain.record(ledger); // ore, scrap and end-of-life batteries refined into a cathode precursor
      report = ProvenanceReport.from(ledger, PRECURSOR, policy);
      report.writeTo(page);
    }

    // The figures an application may show beside the page...
    assertThat(report.lot()).isEqualTo(PRECURSOR);
    assertThat(report.lots()).hasSize(7).startsWith(PRECURSOR).contains(ORE);
    assertThat(report.verified()).isTrue();
    assertThat(report.integrity()).isEmpty();
    assertThat(report.findings())
        .extracting(CheckFinding::kind, CheckFinding::lot)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Failure.RECYCLED_SHARE_BELOW_MINIMUM, PRECURSOR));
    // ... and the page: the lot, its rolled-up carbon and cobalt shares, the policy and its
    // finding.
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html)
        .isEqualTo(report.html())
        .contains("<title>Provenance of " + PRECURSOR.uri() + "</title>")
        .contains(">carbon 2.44 kg CO2e/kg</text>", ">Co 0.25 pre 0.32 post 0.36</text>")
        .contains("policy cobalt-90")
        .contains(
            "data-kind=\"RECYCLED_SHARE_BELOW_MINIMUM\" data-lot=\"" + PRECURSOR.uri() + "\"");
  }
}
