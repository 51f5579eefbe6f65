package io.lotledger.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendered report page read back through its machine markup ({@link HtmlReport}): the lot boxes
 * and the edges of the provenance graph. For the report's tests and {@code ledger report}'s.
 */
public final class ReportPage {
  private static final Pattern NODE =
      Pattern.compile(
          "<g id=\"n\\d+\" class=\"([^\"]*)\" data-lot=\"([^\"]*)\" data-layer=\"(\\d+)\" transform=\"translate\\(([\\d.]+) ([\\d.]+)\\)\">"
              + "<title>[^<]*</title><rect width=\"([\\d.]+)\" height=\"([\\d.]+)\"[^>]*/>(.*?)</g>");
  private static final Pattern EDGE =
      Pattern.compile(
          "<path class=\"edge\" data-from=\"([^\"]*)\" data-to=\"([^\"]*)\" d=\"M([\\d.]+),([\\d.]+) [^\"]*?([\\d.]+),([\\d.]+)\"");
  private static final Pattern TEXT = Pattern.compile("<text [^>]*>([^<]*)</text>");

  /** A node as drawn: classes, lot, layer, box and its text lines (unescaped). */
  public record Node(
      List<String> classes,
      String lot,
      int layer,
      double x,
      double y,
      double w,
      double h,
      List<String> lines) {}

  /** An edge as drawn: its lots and its first and last points. */
  public record Edge(String from, String to, double x0, double y0, double x1, double y1) {}

  private ReportPage() {}

  /** Every lot box of {@code html}, in document order. */
  public static List<Node> nodes(String html) {
    List<Node> nodes = new ArrayList<>();
    Matcher m = NODE.matcher(html);
    while (m.find()) {
      List<String> lines = new ArrayList<>();
      Matcher t = TEXT.matcher(m.group(8));
      while (t.find()) {
        lines.add(unescape(t.group(1)));
      }
      nodes.add(
          new Node(
              List.of(m.group(1).split(" ")),
              unescape(m.group(2)),
              Integer.parseInt(m.group(3)),
              Double.parseDouble(m.group(4)),
              Double.parseDouble(m.group(5)),
              Double.parseDouble(m.group(6)),
              Double.parseDouble(m.group(7)),
              lines));
    }
    return nodes;
  }

  /** Every edge of {@code html}, in document order. */
  public static List<Edge> edges(String html) {
    List<Edge> edges = new ArrayList<>();
    Matcher m = EDGE.matcher(html);
    while (m.find()) {
      edges.add(
          new Edge(
              unescape(m.group(1)),
              unescape(m.group(2)),
              Double.parseDouble(m.group(3)),
              Double.parseDouble(m.group(4)),
              Double.parseDouble(m.group(5)),
              Double.parseDouble(m.group(6))));
    }
    return edges;
  }

  /**
   * The text an HTML text or attribute value stands for (the character references the report
   * writes).
   */
  public static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
