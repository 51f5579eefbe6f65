package io.lotledger.cli;

import java.awt.Font;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The PNG bar chart of {@code ledger bench --chart}: append, verify and raw Ed25519 verify per
 * second, titled with what the figures depend on (entries, threads, durability, CPU, JDK). Drawn
 * headless.
 */
final class BenchChart {
  static final int WIDTH = 800;
  static final int HEIGHT = 500;

  private BenchChart() {}

  /** The PNG bytes of the chart of {@code result}. */
  static byte[] png(BenchCommand.Result result) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // no display needed, none used
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title(result))
            .yAxisTitle(
                "per second ("
                    + result.threads()
                    + (result.threads() == 1 ? " thread)" : " threads)"))
            .build();
    chart
        .getStyler()
        .setLabelsVisible(true)
        .setLegendVisible(false)
        .setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    chart.getStyler().setYAxisMin(0.0);
    chart.addSeries(
        "per second",
        List.of("append (entries)", "verify (entries)", "raw Ed25519 verify"),
        List.of(result.appendPerSec(), result.verifyPerSec(), result.rawVerifyPerSec()));
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  static String title(BenchCommand.Result r) {
    return String.format(
        Locale.ROOT,
        "lotledger bench: %,d entries, %d threads, %s durability | %s | JDK %s",
        r.entries(),
        r.threads(),
        r.durability(),
        shortCpu(r.cpu()),
        r.jdk().replaceFirst(" \\(.*", ""));
  }

  /**
   * The CPU model without trademark marks and repeated spaces, which only cost width in a title.
   */
  static String shortCpu(String cpu) {
    return cpu.replace("(R)", "")
        .replace("(TM)", "")
        .replace("(tm)", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
