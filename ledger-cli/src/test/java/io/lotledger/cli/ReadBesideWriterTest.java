package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.examples.battery.BatteryChain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading commands work while another process holds the ledger for writing (its RocksDB lock):
 * they open it read-only and see it as it was when they opened it.
 */
class ReadBesideWriterTest {
  @TempDir Path tmp;

  @Test
  void lotsTraceVerifyCheckAndReport_runWhileAWriterProcessHoldsTheLedger() throws Exception {
    Path data = tmp.resolve("ledger");
    assertThat(ledger("demo", "battery", "--data", data.toString()).code()).isZero();
    String lot = BatteryChain.CELLS.uri();

    Process writer =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    HoldingWriter.class.getName(),
                    data.toString(),
                    "3",
                    lot))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("the writer's first line").isEqualTo("holding 45");

      // A second writer is refused by the lock: what every command met before.
      LedgerCliTest.Result checkpoint = ledger("checkpoint", "--data", data.toString());
      assertThat(checkpoint.code()).isNotZero();
      assertThat(checkpoint.err()).contains("LOCK");

      LedgerCliTest.Result verify = ledger("verify", "--data", data.toString());
      assertThat(verify.code()).as(verify.err()).isZero();
      assertThat(verify.out()).isEqualTo("ok: 45 entries verified\n");
      LedgerCliTest.Result lots = ledger("lots", "--data", data.toString());
      assertThat(lots.code()).as(lots.err()).isZero();
      assertThat(lots.out()).contains(lot);
      LedgerCliTest.Result trace = ledger("trace", lot, "--data", data.toString(), "--json");
      assertThat(trace.code()).as(trace.err()).isZero();
      assertThat(trace.out()).contains("\"inspecting\"");
      LedgerCliTest.Result report =
          ledger(
              "report", lot, "--data", data.toString(), "--html", tmp.resolve("r.html").toString());
      assertThat(report.code()).as(report.err()).isZero();
      assertThat(report.out()).contains("integrity verified");
    } finally {
      writer.getOutputStream().close();
      if (!writer.waitFor(60, TimeUnit.SECONDS)) {
        writer.destroyForcibly().waitFor();
      }
    }
    assertThat(writer.exitValue()).isZero();
    // The writer closed the ledger cleanly; it opens for writing again and verifies.
    assertThat(ledger("verify", "--data", data.toString()).code()).isZero();
  }
}
