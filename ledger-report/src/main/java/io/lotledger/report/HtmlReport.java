package io.lotledger.report;

import io.lotledger.entry.Entry;
import io.lotledger.event.ActorId;
import io.lotledger.event.ElementShare;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.rules.CheckFinding;
import io.lotledger.rules.CheckReport;
import io.lotledger.rules.Composition;
import io.lotledger.rules.ElementBalance;
import io.lotledger.rules.LotState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Renders a {@link ProvenanceReport} as one self-contained HTML5 document: a summary, the integrity
 * status and check findings, the provenance graph as inline SVG laid out by {@link
 * ProvenanceLayout} (origins in the left column, the lot in the right one), and a table of the
 * events.
 *
 * <p>The document loads nothing: styles are inline, there is no script, and a
 * Content-Security-Policy of {@code default-src 'none'} keeps a browser from fetching anything or
 * running script even if a text got through unescaped. Every text from the ledger (lot and actor
 * ids, actor names, findings) is untrusted and escaped for HTML text and attributes alike. Box
 * texts are cut to {@link #LINE_CHARS} characters of a monospace face so they fit their box; each
 * box's {@code <title>} (its tooltip) holds the full texts.
 *
 * <p>Markup meant for machines: every lot is {@code <g class="node ..." data-lot="URI"
 * data-layer="N">} with the classes {@code target} (the lot), {@code origin} (no inputs), {@code
 * external} (not tracked on this ledger), {@code finding} (a check finding about the lot) and
 * {@code unverified} (named by the entry where integrity fails); every edge is {@code <path
 * class="edge" data-from="INPUT" data-to="OUTPUT">}; every event row is {@code <tr class="event"
 * data-index="N">}. The output depends on the report alone.
 */
final class HtmlReport {
  static final double NODE_WIDTH = 300;

  /**
   * Characters per box line: 11 px DejaVu Sans Mono advances 6.62 px, and (300 - 2 x 8) / 6.62 =
   * 42.9.
   */
  static final int LINE_CHARS = 42;

  private static final double LINE_HEIGHT = 14;
  private static final double PAD = 8;
  private static final int MAX_ELEMENTS = 6;
  private static final int MAX_FINDINGS = 3;

  /** One text line of a node box: its CSS class and its text, already cut to fit. */
  record Line(String css, String text) {}

  private HtmlReport() {}

  static String render(ProvenanceReport report) {
    List<ProvenanceReport.LotView> lots = report.views();
    Map<LotId, Integer> index = new HashMap<>();
    for (int i = 0; i < lots.size(); i++) {
      index.put(lots.get(i).lot(), i);
    }
    List<List<Line>> lines = new ArrayList<>();
    double[] heights = new double[lots.size()];
    for (int i = 0; i < lots.size(); i++) {
      lines.add(lines(report, lots.get(i)));
      heights[i] = 2 * PAD + lines.get(i).size() * LINE_HEIGHT;
    }
    List<ProvenanceLayout.Edge> edges = new ArrayList<>();
    for (ProvenanceReport.Link l : report.links()) {
      edges.add(new ProvenanceLayout.Edge(index.get(l.input()), index.get(l.output())));
    }
    ProvenanceLayout layout = ProvenanceLayout.of(NODE_WIDTH, heights, edges);

    StringBuilder b = new StringBuilder(64 * 1024);
    head(b, report);
    summary(b, report, layout);
    findings(b, report, index);
    b.append(
        "<section id=\"graph\"><h2>Provenance graph</h2>\n<p class=\"legend\">Origins on the left, the lot on the "
            + "right; an arrow runs from each transformation input to its output. <span class=\"key finding\">red</span>: a "
            + "check finding; <span class=\"key unverified\">orange dashes</span>: integrity broken; <span class=\"key "
            + "external\">grey dashes</span>: not tracked on this ledger. Hover a box for its full texts.</p>\n");
    svg(b, report, layout, lines);
    b.append("</section>\n");
    events(b, report);
    return b.append("</body>\n</html>\n").toString();
  }

  // ---------------------------------------------------------------- node texts

  private static List<Line> lines(ProvenanceReport report, ProvenanceReport.LotView v) {
    List<Line> out = new ArrayList<>();
    out.add(new Line("id", shortId(v.lot().uri())));
    if (v.maker() != null) {
      out.add(new Line("", "by " + actor(report, v.maker())));
    }
    LotState s = v.summary().state();
    if (s == null) {
      out.add(new Line("", "external: not tracked on this ledger"));
    } else {
      String unit = s.quantified() ? " " + s.unit() : "";
      out.add(
          new Line(
              "",
              s.quantified()
                  ? "qty "
                      + plain(s.produced().add(s.received()))
                      + unit
                      + " \u00b7 balance "
                      + plain(s.balance())
                      + unit
                  : "no quantity (custody only)"));
      StringJoiner held = new StringJoiner(", ");
      s.holdings().keySet().forEach(a -> held.add(actor(report, a)));
      out.add(
          new Line(
              "",
              "held by "
                  + (s.holdings().isEmpty() ? "nobody" : held)
                  + (s.inTransit().isEmpty()
                      ? ""
                      : " \u00b7 " + s.inTransit().size() + " in transit")));
    }
    if (!v.origins().isEmpty()) {
      out.add(
          new Line(
              "",
              (v.origins().size() == 1 ? "origin " : "origins ") + String.join(", ", v.origins())));
    }
    Composition c = v.summary().composition();
    BigDecimal declaredCarbon = v.declared().carbonFootprint();
    String carbon =
        c.carbonFootprint() == null
            ? "carbon unknown"
            : "carbon "
                + (c.carbonLowerBound() ? "\u2265" : "")
                + num(c.carbonFootprint())
                + " kg CO2e/kg";
    if (declaredCarbon != null
        && (c.carbonFootprint() == null || declaredCarbon.compareTo(c.carbonFootprint()) != 0)) {
      carbon += " (declared " + num(declaredCarbon) + ")";
    }
    out.add(new Line("", carbon));
    int shown = 0;
    List<ElementBalance> present = c.elements().stream().filter(e -> !e.absent()).toList();
    for (ElementBalance e : present) {
      if (shown++ == MAX_ELEMENTS) {
        out.add(new Line("", "+ " + (present.size() - MAX_ELEMENTS) + " more elements"));
        break;
      }
      out.add(
          new Line(
              "",
              e.element()
                  + " "
                  + num(e.massFraction())
                  + " pre "
                  + num(e.recycledPreConsumer())
                  + " post "
                  + num(e.recycledPostConsumer())));
      ElementShare d = declaredShare(v.declared(), e.element());
      if (d != null
          && (differs(d.recycledPreConsumer(), e.recycledPreConsumer())
              || differs(d.recycledPostConsumer(), e.recycledPostConsumer()))) {
        out.add(
            new Line(
                "declared",
                "   declared pre "
                    + num(d.recycledPreConsumer())
                    + " post "
                    + num(d.recycledPostConsumer())));
      }
    }
    if (report.verified()) {
      out.add(
          new Line(
              "ok", v.findings().isEmpty() ? "\u2713 verified, no findings" : "\u2713 verified"));
    } else if (report.integrityLots().contains(v.lot())) {
      out.add(
          new Line(
              "bad",
              "\u2717 integrity: " + report.integrity().orElseThrow().failure().description()));
    } else {
      out.add(new Line("warn", "? not verified (provenance broken)"));
    }
    for (int i = 0; i < v.findings().size(); i++) {
      if (i == MAX_FINDINGS) {
        out.add(
            new Line("bad", "\u2717 + " + (v.findings().size() - MAX_FINDINGS) + " more findings"));
        break;
      }
      CheckFinding f = v.findings().get(i);
      out.add(new Line("bad", "\u2717 " + f.kind().name()));
      out.add(new Line("bad", "  " + evidence(f)));
    }
    return out.stream().map(l -> new Line(l.css(), cut(l.text()))).toList();
  }

  /** Everything a box shows, uncut: its tooltip. */
  private static String tooltip(ProvenanceReport report, ProvenanceReport.LotView v) {
    StringBuilder t = new StringBuilder(v.lot().uri());
    if (v.maker() != null) {
      t.append("\nby ")
          .append(actor(report, v.maker()))
          .append(" (")
          .append(v.maker().uri())
          .append(')');
    }
    t.append("\nbalance: ").append(v.summary().describe());
    t.append("\ncomputed: ").append(v.summary().describeComposition());
    LotMasterData d = v.declared();
    if (!d.isEmpty()) {
      t.append("\ndeclared:");
      if (d.originCountry() != null) {
        t.append(" origin ").append(d.originCountry());
      }
      d.elements()
          .forEach(
              e ->
                  t.append(' ')
                      .append(e.element())
                      .append(' ')
                      .append(plain(e.massFraction()))
                      .append(" pre ")
                      .append(plain(e.recycledPreConsumer()))
                      .append(" post ")
                      .append(plain(e.recycledPostConsumer()))
                      .append(';'));
      if (d.carbonFootprint() != null) {
        t.append(" carbon ").append(plain(d.carbonFootprint())).append(" kg CO2e/kg");
      }
      d.certifications().forEach(cert -> t.append("\ncertification ").append(cert.uri()));
    }
    if (report.verified()) {
      t.append("\nintegrity: verified");
    } else {
      t.append("\nintegrity: ").append(report.integrity().orElseThrow());
    }
    v.findings().forEach(f -> t.append("\nfinding: ").append(f));
    return t.toString();
  }

  private static String evidence(CheckFinding f) {
    StringBuilder b = new StringBuilder();
    if (f.element() != null) {
      b.append(f.element()).append(' ');
    }
    if (f.declared() != null) {
      b.append("declared ").append(f.declared()).append(' ');
    }
    if (f.computed() != null) {
      b.append("computed ").append(f.computed()).append(' ');
    }
    if (f.expected() != null) {
      b.append("expected ").append(f.expected());
    }
    return b.length() == 0 ? f.detail() : b.toString().strip();
  }

  private static ElementShare declaredShare(LotMasterData d, String element) {
    return d.elements().stream().filter(e -> e.element().equals(element)).findFirst().orElse(null);
  }

  private static boolean differs(BigDecimal declared, BigDecimal computed) {
    return declared != null && (computed == null || declared.compareTo(computed) != 0);
  }

  // ---------------------------------------------------------------- document parts

  private static void head(StringBuilder b, ProvenanceReport r) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"ledger report\">\n")
        .append("<title>Provenance of ")
        .append(esc(r.lot().uri()))
        .append("</title>\n<style>\n")
        .append(
            "body{font:14px/1.4 system-ui,-apple-system,\"Segoe UI\",\"DejaVu Sans\",sans-serif;margin:16px 24px;color:#1c2833}\n")
        .append("h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:20px 0 6px}\n")
        .append(
            "code,.mono{font-family:\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:12px}\n")
        .append(
            "dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0}dt{color:#5d6d7e}dd{margin:0}\n")
        .append(".bad{color:#c62828}.ok{color:#2e7d32}.warn{color:#ef6c00}\n")
        .append(
            ".key{padding:0 4px;border:2px solid}.key.finding{border-color:#c62828}.key.unverified{border:2px dashed #ef6c00}")
        .append(".key.external{border:2px dashed #90a4ae}\n")
        .append("ol.findings li{margin:2px 0;word-break:break-all}\n")
        .append(
            "div.graph{overflow:auto;max-height:85vh;border:1px solid #cfd8dc;background:#fbfcfd}\n")
        .append(
            "svg text{font:11px \"DejaVu Sans Mono\",Menlo,Consolas,monospace;fill:#263238;white-space:pre}\n")
        .append("svg text.id{font-weight:bold}svg text.bad{fill:#c62828}svg text.ok{fill:#2e7d32}")
        .append("svg text.warn{fill:#ef6c00}svg text.declared{fill:#6a1b9a}\n")
        .append(
            ".node rect{fill:#fff;stroke:#90a4ae;stroke-width:1.2}.node.origin rect{fill:#f1f8e9}")
        .append(
            ".node.target rect{stroke:#1565c0;stroke-width:2.5}.node.external rect{fill:#fafafa;stroke-dasharray:5 3}\n")
        .append(".node.unverified rect{stroke:#ef6c00;stroke-width:3;stroke-dasharray:6 3}")
        .append(
            ".node.finding rect{fill:#fff5f5;stroke:#c62828;stroke-width:3}.node:hover rect{stroke-width:3.5}\n")
        .append(
            ".edge{fill:none;stroke:#78909c;stroke-width:1.2}.edge.back{stroke-dasharray:4 3}\n")
        .append(
            "table.events{border-collapse:collapse;font-size:12px}table.events th,table.events td{border:1px solid #dfe6e9;")
        .append(
            "padding:2px 6px;text-align:left;vertical-align:top}table.events th{background:#eceff1;position:sticky;top:0}\n")
        .append("</style>\n</head>\n<body>\n");
  }

  private static void summary(StringBuilder b, ProvenanceReport r, ProvenanceLayout layout) {
    CheckReport check = r.check().orElse(null);
    b.append("<header><h1>Provenance of <span class=\"mono\">")
        .append(esc(r.lot().uri()))
        .append("</span></h1>\n");
    b.append("<dl class=\"summary\">\n");
    item(b, "Ledger", esc(r.origin()) + ", " + r.ledgerSize() + " entries");
    item(
        b,
        "Ancestry",
        r.views().size()
            + " lots (the lot and "
            + (r.views().size() - 1)
            + " it was made from), "
            + r.links().size()
            + " transformation edges, "
            + layout.layers()
            + " layers");
    item(b, "Events", r.events().size() + " entries touch these lots");
    item(
        b,
        "Integrity",
        r.verified()
            ? "<span class=\"ok\" id=\"integrity\">verified</span>: signatures, hash links and signing keys of every entry "
                + "of the lot and its ancestors, and the store's history, parents and custody records against them"
            : "<span class=\"bad\" id=\"integrity\">broken</span>: "
                + esc(r.integrity().orElseThrow().toString()));
    item(
        b,
        "Check",
        check == null
            ? "<span class=\"warn\">not run</span>: claims are weighed only over a provenance "
                + "that verifies"
            : (check.passed()
                    ? "<span class=\"ok\">passed</span>"
                    : "<span class=\"bad\">"
                        + check.findings().size()
                        + (check.findings().size() == 1 ? " finding" : " findings")
                        + "</span>")
                + ", policy "
                + esc(r.policy())
                + ", "
                + check.lotStates()
                + " lot states");
    b.append("</dl></header>\n");
  }

  private static void item(StringBuilder b, String term, String html) {
    b.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static void findings(StringBuilder b, ProvenanceReport r, Map<LotId, Integer> index) {
    b.append("<section id=\"findings\"><h2>Findings</h2>\n");
    if (!r.verified()) {
      b.append("<p class=\"bad\">The provenance does not verify: ")
          .append(esc(r.integrity().orElseThrow().toString()))
          .append("</p>\n");
    } else if (r.findings().isEmpty()) {
      b.append(
          "<p class=\"ok\">None: every declared claim in the ancestry is backed by the records.</p>\n");
    } else {
      b.append("<ol class=\"findings\">\n");
      for (CheckFinding f : r.findings()) {
        b.append("<li class=\"finding\" data-kind=\"")
            .append(f.kind().name())
            .append("\" data-lot=\"")
            .append(esc(f.lot().uri()))
            .append("\"><a href=\"#n")
            .append(index.get(f.lot()))
            .append("\"><code>")
            .append(f.kind().name())
            .append("</code></a> (")
            .append(esc(f.kind().description()))
            .append(") ")
            .append(esc(f.toString().substring(f.kind().name().length()).strip()))
            .append("</li>\n");
      }
      b.append("</ol>\n");
    }
    CheckReport check = r.check().orElse(null);
    if (check != null && !check.notes().isEmpty()) {
      b.append("<details><summary>")
          .append(check.notes().size())
          .append(" notes on gaps in the records</summary><ul>\n");
      check.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
      b.append("</ul></details>\n");
    }
    b.append("</section>\n");
  }

  private static void svg(
      StringBuilder b, ProvenanceReport r, ProvenanceLayout layout, List<List<Line>> lines) {
    String w = num(Math.ceil(layout.width()));
    String h = num(Math.ceil(layout.height()));
    b.append("<div class=\"graph\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" role=\"img\" aria-label=\"provenance graph of ")
        .append(esc(r.lot().uri()))
        .append("\">\n")
        .append(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" ")
        .append(
            "orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#78909c\"/></marker></defs>\n<g class=\"edges\">\n");
    List<ProvenanceReport.LotView> lots = r.views();
    Set<LotId> made = new HashSet<>();
    r.links().forEach(l -> made.add(l.output()));
    for (ProvenanceLayout.Route route : layout.routes()) {
      b.append("<path class=\"edge")
          .append(route.backward() ? " back" : "")
          .append("\" data-from=\"")
          .append(esc(lots.get(route.edge().from()).lot().uri()))
          .append("\" data-to=\"")
          .append(esc(lots.get(route.edge().to()).lot().uri()))
          .append("\" d=\"")
          .append(path(route.points()))
          .append("\" marker-end=\"url(#arrow)\"/>\n");
    }
    b.append("</g>\n<g class=\"nodes\">\n");
    for (int i = 0; i < lots.size(); i++) {
      ProvenanceReport.LotView v = lots.get(i);
      ProvenanceLayout.Box box = layout.boxes().get(i);
      StringBuilder css = new StringBuilder("node");
      css.append(v.lot().equals(r.lot()) ? " target" : "");
      css.append(made.contains(v.lot()) ? "" : " origin");
      css.append(v.tracked() ? "" : " external");
      css.append(v.findings().isEmpty() ? "" : " finding");
      css.append(r.integrityLots().contains(v.lot()) ? " unverified" : "");
      b.append("<g id=\"n")
          .append(i)
          .append("\" class=\"")
          .append(css)
          .append("\" data-lot=\"")
          .append(esc(v.lot().uri()))
          .append("\" data-layer=\"")
          .append(box.layer())
          .append("\" transform=\"translate(")
          .append(num(box.x()))
          .append(' ')
          .append(num(box.y()))
          .append(")\">");
      b.append("<title>").append(esc(tooltip(r, v))).append("</title>");
      b.append("<rect width=\"")
          .append(num(box.width()))
          .append("\" height=\"")
          .append(num(box.height()))
          .append("\" rx=\"4\"/>");
      List<Line> ls = lines.get(i);
      for (int k = 0; k < ls.size(); k++) {
        Line l = ls.get(k);
        b.append("<text x=\"")
            .append(num(PAD))
            .append("\" y=\"")
            .append(num(PAD + (k + 1) * LINE_HEIGHT - 3))
            .append('"')
            .append(l.css().isEmpty() ? "" : " class=\"" + l.css() + "\"")
            .append('>')
            .append(esc(l.text()))
            .append("</text>");
      }
      b.append("</g>\n");
    }
    b.append("</g>\n</svg></div>\n");
  }

  /**
   * Cubic curves between columns, leaving and entering horizontally; straight lines through a
   * column.
   */
  private static String path(List<ProvenanceLayout.Point> p) {
    StringBuilder d =
        new StringBuilder("M").append(num(p.get(0).x())).append(',').append(num(p.get(0).y()));
    for (int k = 1; k < p.size(); k++) {
      ProvenanceLayout.Point a = p.get(k - 1);
      ProvenanceLayout.Point z = p.get(k);
      if (k % 2 == 0) {
        d.append(" L").append(num(z.x())).append(',').append(num(z.y()));
      } else {
        double dx = Math.max(Math.abs(z.x() - a.x()) / 2, 30);
        d.append(" C")
            .append(num(a.x() + dx))
            .append(',')
            .append(num(a.y()))
            .append(' ')
            .append(num(z.x() - dx))
            .append(',')
            .append(num(z.y()))
            .append(' ')
            .append(num(z.x()))
            .append(',')
            .append(num(z.y()));
      }
    }
    return d.toString();
  }

  private static void events(StringBuilder b, ProvenanceReport r) {
    b.append(
            "<section id=\"events\"><h2>Events</h2>\n<table class=\"events\"><thead><tr><th>#</th><th>time</th><th>event</th>")
        .append("<th>bizStep</th><th>actor</th><th>lots</th><th>entry</th></tr></thead><tbody>\n");
    for (Entry e : r.events()) {
      String action = EventDescription.action(e.event());
      b.append("<tr class=\"event\" data-index=\"")
          .append(e.index())
          .append("\"><td>")
          .append(e.index())
          .append("</td><td>")
          .append(esc(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.event().time())))
          .append("</td><td>")
          .append(EventDescription.type(e.event()))
          .append(action == null ? "" : " " + action)
          .append("</td><td>")
          .append(esc(Objects.toString(e.event().context().bizStep(), "")))
          .append("</td><td title=\"")
          .append(esc(e.body().actor().uri()))
          .append("\">")
          .append(esc(actor(r, e.body().actor())))
          .append("</td><td>");
      String sep = "";
      for (EventDescription.Role role : EventDescription.roles(e.event())) {
        b.append(sep)
            .append(role.role().equals("lot") ? "" : role.role() + " ")
            .append("<span class=\"mono\" title=\"")
            .append(esc(role.lot().uri()))
            .append("\">")
            .append(esc(shortId(role.lot().uri())))
            .append("</span> ")
            .append(esc(role.quantity().stated().map(Object::toString).orElse("")));
        sep = "<br>";
      }
      b.append("</td><td><code title=\"")
          .append(e.hash().toHex())
          .append("\">")
          .append(e.hash().shortHex())
          .append("</code></td></tr>\n");
    }
    b.append("</tbody></table></section>\n");
  }

  // ---------------------------------------------------------------- text helpers

  /** The actor's registered name, else its URI. */
  private static String actor(ProvenanceReport r, ActorId actor) {
    String name = r.actorNames().get(actor);
    return name == null ? actor.uri() : name;
  }

  /**
   * An id cut to a box line: an ellipsis, then the id's end from a separator on (the end tells lots
   * of one product apart: the lot number of an EPC class URN or a GS1 Digital Link).
   */
  static String shortId(String uri) {
    if (uri.length() <= LINE_CHARS) {
      return uri;
    }
    String tail = uri.substring(uri.length() - (LINE_CHARS - 1));
    for (int i = 0; i < tail.length() / 3; i++) {
      if (":/.".indexOf(tail.charAt(i)) >= 0) {
        return "\u2026" + tail.substring(i + 1);
      }
    }
    return "\u2026" + tail;
  }

  private static String cut(String text) {
    return text.length() <= LINE_CHARS ? text : text.substring(0, LINE_CHARS - 1) + "\u2026";
  }

  /** An exact decimal as written, without trailing zeros; "?" when unknown. */
  private static String plain(BigDecimal v) {
    return v == null ? "?" : v.stripTrailingZeros().toPlainString();
  }

  /** A decimal for a box line: at most four places (the tooltip has it exact); "?" when unknown. */
  private static String num(BigDecimal v) {
    return v == null
        ? "?"
        : plain(v.setScale(Math.min(4, Math.max(0, v.scale())), RoundingMode.HALF_EVEN));
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * Text safe in HTML text and in double- or single-quoted attributes: {@code & < > " '} as
   * character references, control characters (never valid in an id or name, but a store may be
   * corrupt) as U+FFFD.
   */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c != '\n' && c != '\t' && Character.isISOControl(c) ? '\ufffd' : c);
      }
    }
    return b.toString();
  }
}
