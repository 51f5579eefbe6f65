package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.assertOneLineError;
import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.cli.LedgerCliTest.Result;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger bench} end to end, through {@link LedgerCli#run}: one small real run, and the
 * argument checks.
 */
class BenchCliTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path tmp;

  @Test
  void bench_smallLedger_reportsEveryFigureAsJsonDrawsThePngAndKeepsTheLedgerItMeasured()
      throws Exception {
    Path data = tmp.resolve("bench-ledger");
    Path chart = tmp.resolve("bench.png");

    Result r =
        ledger(
            "bench",
            "--entries",
            "300",
            "--lots",
            "10",
            "--threads",
            "2",
            "--json",
            "--data",
            data.toString(),
            "--chart",
            chart.toString());

    assertThat(r.code()).as("stderr: %s", r.err()).isZero();
    assertThat(r.outLines()).as("stdout is the JSON object alone").hasSize(1);
    Map<String, Object> json = JsonReader.object(r.out());
    for (String key :
        List.of(
            "appendPerSec",
            "verifyPerSec",
            "rawVerifyPerSec",
            "verifyToRawRatio",
            "entries",
            "verifiedEntries",
            "lots",
            "threads",
            "cores",
            "rawVerifyMessageBytes")) {
      assertThat(json.get(key)).as(key).isInstanceOf(Number.class);
      assertThat(new BigDecimal(json.get(key).toString())).as(key).isPositive();
    }
    assertThat(json)
        .containsEntry("entries", 300L)
        .containsEntry("verifiedEntries", 300L)
        .containsEntry("lots", 10L)
        .containsEntry("threads", 2L)
        .containsEntry("durability", "group")
        .containsEntry("cores", (long) Runtime.getRuntime().availableProcessors())
        .containsEntry("data", data.toString())
        .containsEntry("chart", chart.toString());
    assertThat((String) json.get("jdk")).startsWith(System.getProperty("java.version") + " (");
    assertThat((String) json.get("cpu")).isNotBlank();
    BigDecimal ratio = (BigDecimal) json.get("verifyToRawRatio");
    long verify = (Long) json.get("verifyPerSec");
    long raw = (Long) json.get("rawVerifyPerSec");
    assertThat(ratio.doubleValue())
        .isCloseTo((double) verify / raw, org.assertj.core.data.Percentage.withPercentage(1));

    // The ledger it measured holds exactly the entries asked for, and verifies.
    try (Ledger ledger = Ledger.open(data)) {
      assertThat(ledger.size()).isEqualTo(300);
      assertThat(ledger.lots()).hasSize(10 + ((Long) json.get("derivedLots")).intValue());
      ledger.verify();
    }

    byte[] png = Files.readAllBytes(chart);
    assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(BenchChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(BenchChart.HEIGHT);
  }

  @Test
  void benchChartTitle_namesEntriesThreadsCpuAndJdk() {
    BenchCommand.Result result =
        new BenchCommand.Result(
            20_000,
            20_000,
            1_000,
            5_000,
            6,
            2,
            2,
            "group",
            2_000_000_000L,
            1_000_000_000L,
            8_000,
            1_000_000_000L,
            500,
            "17.0.15 (OpenJDK 64-Bit Server VM)",
            "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
            2,
            null,
            null);

    assertThat(BenchChart.title(result))
        .contains(
            "20,000 entries", "2 threads", "Intel Xeon Gold 6338 CPU @ 2.00GHz", "| JDK 17.0.15")
        .doesNotContain("OpenJDK");
    assertThat(result.appendPerSec()).isEqualTo(10_000);
    assertThat(result.verifyPerSec()).isEqualTo(20_000);
    assertThat(result.rawVerifyPerSec()).isEqualTo(8_000);
    assertThat(result.verifyToRawRatio()).isEqualByComparingTo("2.5");
  }

  @Test
  void bench_entriesOutOfRange_exitsTwoWithOneLine() {
    Result zero = ledger("bench", "--entries", "0");
    assertOneLineError(zero, 2);
    assertThat(zero.err()).contains("--entries", "0");
    assertOneLineError(ledger("bench", "--entries", "50000001"), 2);
    assertOneLineError(ledger("bench", "--entries", "many"), 2);
  }

  @Test
  void bench_threadsOrLotsOutOfRange_exitTwoWithOneLine() {
    Result zero = ledger("bench", "--threads", "0");
    assertOneLineError(zero, 2);
    assertThat(zero.err()).contains("--threads", "0");
    assertOneLineError(ledger("bench", "--threads", "257"), 2);
    assertOneLineError(ledger("bench", "--lots", "0"), 2);
    assertOneLineError(ledger("bench", "--durability", "fast"), 2);
  }

  @Test
  void bench_chartInAMissingDirectory_exitsTwoBeforeAnyWork() {
    Path chart = tmp.resolve("no-such-dir").resolve("bench.png");

    Result r = ledger("bench", "--chart", chart.toString());

    assertOneLineError(r, 2);
    assertThat(r.err()).contains("does not exist");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void bench_existingChartWithoutForce_exitsTwoAndLeavesTheFile() throws Exception {
    Path chart = Files.writeString(tmp.resolve("bench.png"), "keep me", StandardCharsets.UTF_8);

    Result r = ledger("bench", "--chart", chart.toString());

    assertOneLineError(r, 2);
    assertThat(r.err()).contains("already exists", "--force");
    assertThat(Files.readString(chart)).isEqualTo("keep me");
  }

  @Test
  void bench_nonEmptyDataDirectory_exitsTwoAndLeavesIt() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("notes.txt"), "mine");

    Result r = ledger("bench", "--data", data.toString());

    assertOneLineError(r, 2);
    assertThat(r.err()).contains("not empty");
    assertThat(data.resolve("notes.txt")).hasContent("mine");
  }
}
