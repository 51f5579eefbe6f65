package io.lotledger.report;

import static io.lotledger.testing.RecyclingChain.ORE;
import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.examples.Scenario;
import io.lotledger.examples.catalog.Scenarios;
import io.lotledger.rules.Failure;
import io.lotledger.testing.RecyclingChain;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Report pages ({@link ProvenanceReport#html()}, what {@code ledger report} writes) as a browser
 * renders them: headless Chromium loads each page and dumps its DOM (the markup as parsed), a probe
 * page measures the laid-out SVG through the DOM geometry API (boxes apart, texts inside their
 * boxes, edges attached to their boxes, CSS applied), and a screenshot is saved as {@code
 * target/report-NAME.png} and read back for the finding's red outline.
 *
 * <p>Needs {@code chromium} ({@code /usr/bin/chromium} or on the PATH; on Debian {@code apt-get
 * install chromium}). Without it every test fails saying so, unless {@code LEDGER_SKIP_BROWSER=1},
 * which skips them.
 */
class ReportBrowserTest {
  private static final long TIMEOUT_SECONDS = 120;
  private static final int WIDTH = 1600;
  private static final int HEIGHT = 1200;
  private static final Pattern CLASSED = Pattern.compile("<(\\w+) ([^>]*)>");
  private static final Pattern PROBE =
      Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL);

  /** Reads the probe's JSON with whole numbers as {@code Long}. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

  @TempDir static Path shared;
  private static Path chromium;

  /** Every test needs the browser: each is skipped or fails (so reported) without it. */
  @BeforeEach
  void requireChromium() {
    if (chromium == null) {
      chromium = locate();
    }
    if (chromium == null) {
      String message =
          "chromium not found at /usr/bin/chromium or on the PATH: install it (Debian: apt-get install -y chromium)"
              + " or set LEDGER_SKIP_BROWSER=1 to skip the browser tests";
      if ("1".equals(System.getenv("LEDGER_SKIP_BROWSER"))) {
        Assumptions.abort(message);
      }
      fail(message);
    }
  }

  private static Path locate() {
    Path usual = Path.of("/usr/bin/chromium");
    if (Files.isExecutable(usual)) {
      return usual;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void overClaimedRecycling_rendersSevenBoxes_thePrecursorOutlinedRed_withItsFindings()
      throws Exception {
    Path page =
        report(
            "recycling",
            (ledger, chain) -> ReportFixtures.recordOverClaimedRecycling(ledger, chain),
            PRECURSOR.uri());

    String dom = dumpDom(page);
    List<Map<String, String>> nodes = elementsWithClass(dom, "node");
    assertThat(nodes)
        .extracting(n -> n.get("data-lot"))
        .containsExactlyInAnyOrder(
            PRECURSOR.uri(),
            ORE.uri(),
            RecyclingChain.SCRAP.uri(),
            RecyclingChain.EOL.uri(),
            RecyclingChain.CONCENTRATE.uri(),
            RecyclingChain.SULPHATE_A.uri(),
            RecyclingChain.BLACK_MASS.uri());
    assertThat(nodes)
        .filteredOn(n -> classes(n).contains("finding"))
        .extracting(n -> n.get("data-lot"))
        .containsExactly(PRECURSOR.uri());
    assertThat(elementsWithClass(dom, "edge")).hasSize(6);
    assertThat(dom)
        .contains(
            ">\u2717 " + Failure.RECYCLED_POST_CONSUMER_ABOVE_COMPUTED + "</text>",
            ">  Co declared 0.4 computed 0.36</text>",
            ">carbon 2.44 kg CO2e/kg (declared 2.4)</text>",
            ">Co 0.25 pre 0.32 post 0.36</text>",
            ">origins CD, DE, FI</text>");
    assertThat(elementsWithClass(dom, "finding"))
        .filteredOn(e -> e.get("tag").equals("li"))
        .hasSize(2);

    Map<String, Object> probe = probe(page);
    assertGeometry(probe, 7, 6);
    assertThat(probe.get("findingStroke")).isEqualTo("rgb(198, 40, 40)");
    assertThat(probe.get("plainStroke")).isEqualTo("rgb(144, 164, 174)");

    BufferedImage shot = screenshot(page, "recycling");
    assertThat(redOutline(shot, box(probe, "findingBox")))
        .as("the precursor's box has a red outline")
        .isTrue();
    assertThat(redOutline(shot, box(probe, "plainBox"))).as("an origin's box has none").isFalse();
  }

  @Test
  void threeHundredLotAncestry_rendersEveryBoxApart_scrollable_withTheUnderDeclaredLotHighlighted()
      throws Exception {
    Path page =
        report(
            "wide",
            (ledger, chain) -> ReportFixtures.recordWideAncestry(ledger, chain, 5),
            ReportFixtures.WIDE_FINAL.uri());

    String dom = dumpDom(page);
    List<Map<String, String>> nodes = elementsWithClass(dom, "node");
    assertThat(nodes).hasSize(ReportFixtures.WIDE_LOTS); // 299 ancestors + the lot
    assertThat(nodes)
        .filteredOn(n -> classes(n).contains("finding"))
        .extracting(n -> n.get("data-lot"))
        .containsExactly(ReportFixtures.WIDE_UNDER_DECLARED.uri());
    assertThat(nodes)
        .filteredOn(n -> classes(n).contains("target"))
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.get("data-layer"))
                    .isEqualTo(String.valueOf(ReportFixtures.LEVELS.length)));
    assertThat(dom).contains(">\u2717 " + Failure.CARBON_FOOTPRINT_BELOW_COMPUTED + "</text>");

    Map<String, Object> probe = probe(page);
    assertGeometry(probe, ReportFixtures.WIDE_LOTS, elementsWithClass(dom, "edge").size());
    assertThat(probe.get("scrolls")).as("the graph scrolls inside its frame").isEqualTo(true);

    screenshot(page, "wide");
  }

  static List<String> demos() {
    return Scenarios.names();
  }

  /**
   * Issue 5's "done when": the report of each demo's final lot opens in Chromium showing the whole
   * DAG.
   */
  @ParameterizedTest
  @MethodSource("demos")
  void everyDemosFinalLot_rendersItsWholeAncestry(String demo) throws Exception {
    Path dir = Files.createDirectories(shared.resolve("demo-" + demo));
    Scenario scenario = Scenarios.create(demo, false);
    Set<String> expected = new TreeSet<>();
    Path page = dir.resolve("report.html");
    try (Ledger ledger =
        Ledger.in(dir.resolve("data"))
            .options(scenario.options())
            .create(scenario.origin(), scenario.root(), scenario.rootName())) {
      LotId finalLot = scenario.record(ledger).finalLot();
      expected.add(finalLot.uri());
      ledger.ancestors(finalLot).forEach(l -> expected.add(l.uri()));
      ProvenanceReport.from(ledger, finalLot).writeTo(page);
    }

    String dom = dumpDom(page);
    List<Map<String, String>> nodes = elementsWithClass(dom, "node");
    assertThat(nodes)
        .extracting(n -> n.get("data-lot"))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(nodes)
        .filteredOn(n -> classes(n).contains("finding"))
        .as("an honest demo has no findings")
        .isEmpty();
    assertGeometry(probe(page), expected.size(), elementsWithClass(dom, "edge").size());
    screenshot(page, "demo-" + demo);
  }

  @Test
  void hostileIdsAndNames_reachTheDomAsTextNotMarkup() throws Exception {
    Path page = report("hostile", ReportFixtures::recordHostile, ReportFixtures.HOSTILE_LOT.uri());

    String dom = dumpDom(page);
    assertThat(elementsWithClass(dom, "node"))
        .extracting(n -> n.get("data-lot"))
        .containsExactlyInAnyOrder(
            ReportFixtures.HOSTILE_LOT.uri(), ReportFixtures.HOSTILE_INPUT.uri());
    Map<String, Object> probe = probe(page);
    assertThat(probe.get("scripts")).isEqualTo(0L);
    assertThat(probe.get("texts").toString()).contains("by " + ReportFixtures.HOSTILE_NAME);
  }

  // ---------------------------------------------------------------- the pages

  @FunctionalInterface
  interface Fixture {
    void record(Ledger ledger, RecyclingChain chain) throws LedgerException;
  }

  /**
   * Records a RocksDB ledger with {@code fixture} and writes the report on {@code lot} to
   * NAME/report.html.
   */
  private static Path report(String name, Fixture fixture, String lot)
      throws LedgerException, IOException {
    Path dir = Files.createDirectories(shared.resolve(name));
    RecyclingChain chain = new RecyclingChain();
    Path page = dir.resolve("report.html");
    try (Ledger ledger =
        Ledger.create(dir.resolve("data"), RecyclingChain.ORIGIN, chain.root, "Test consortium")) {
      fixture.record(ledger, chain);
      ProvenanceReport.from(ledger, new LotId(lot)).writeTo(page);
    }
    return page;
  }

  private static String dumpDom(Path page) throws Exception {
    return chromium(page.getParent(), "--dump-dom", page.toUri().toString());
  }

  /**
   * Loads the page in a frame of the window's size and measures it: boxes in SVG user units (from
   * each node's transform and rect), the rendered width of each text, each edge's end points, the
   * computed stroke of a finding's box and of a plain one, and their boxes in window pixels.
   */
  private static Map<String, Object> probe(Path page) throws Exception {
    Path probe = page.resolveSibling("probe.html");
    Files.writeString(
        probe,
        PROBE_PAGE
            .replace("REPORT", page.getFileName().toString())
            .replace("WIDTH", String.valueOf(WIDTH))
            .replace("HEIGHT", String.valueOf(HEIGHT)),
        StandardCharsets.UTF_8);
    String dom =
        chromium(
            page.getParent(),
            "--allow-file-access-from-files",
            "--dump-dom",
            probe.toUri().toString());
    Matcher m = PROBE.matcher(dom);
    assertThat(m.find()).as("probe output in %s", dom).isTrue();
    Map<String, Object> result =
        JSON.readValue(
            ReportPage.unescape(m.group(1)), new TypeReference<Map<String, Object>>() {});
    assertThat(result).as("probe error").doesNotContainKey("error");
    return result;
  }

  private static void assertGeometry(Map<String, Object> probe, int nodes, int edges) {
    assertThat(probe.get("nodes")).isEqualTo((long) nodes);
    assertThat(probe.get("edges")).isEqualTo((long) edges);
    assertThat((List<?>) probe.get("overlaps")).as("boxes that overlap").isEmpty();
    assertThat((List<?>) probe.get("overflows")).as("texts wider than their box").isEmpty();
    assertThat((List<?>) probe.get("detached")).as("edges not joining their boxes").isEmpty();
    assertThat(probe.get("svgCovers")).as("the svg covers every box").isEqualTo(true);
    assertThat(probe.get("font").toString()).startsWith("\"DejaVu Sans Mono\"");
  }

  /** Saves a WIDTH x HEIGHT screenshot of the page as target/report-NAME.png and reads it back. */
  private static BufferedImage screenshot(Path page, String name) throws Exception {
    Path png = Path.of("target", "report-" + name + ".png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    chromium(
        page.getParent(),
        "--hide-scrollbars",
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--screenshot=" + png,
        page.toUri().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a PNG at %s", png).isNotNull();
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    return image;
  }

  /**
   * Whether a pixel on the left side of the box (window pixels: left, top, width, height) is the
   * finding red.
   */
  private static boolean redOutline(BufferedImage image, double[] box) {
    int x0 = (int) Math.floor(box[0]);
    int yMid = (int) Math.round(box[1] + box[3] / 2);
    assertThat(x0 >= 2 && x0 + 2 < image.getWidth() && yMid >= 0 && yMid < image.getHeight())
        .as("box %s in the window", java.util.Arrays.toString(box))
        .isTrue();
    for (int x = x0 - 2; x <= x0 + 2; x++) {
      for (int y = yMid - 2; y <= yMid + 2; y++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 170 && g < 90 && b < 90) {
          return true;
        }
      }
    }
    return false;
  }

  private static double[] box(Map<String, Object> probe, String key) {
    List<?> values = (List<?>) probe.get(key);
    assertThat(values).as(key).hasSize(4);
    return values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }

  /**
   * Runs chromium headless with a fresh profile under {@code dir}; its stdout, or a failure naming
   * what went wrong.
   */
  private static String chromium(Path dir, String... args) throws Exception {
    Path profile = Files.createTempDirectory(dir, "profile");
    Path out = dir.resolve("chromium.out");
    Path err = dir.resolve("chromium.err");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--no-default-browser-check",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    assertThat(p.exitValue())
        .as("chromium exit code for %s; stderr: %s", command, Files.readString(err))
        .isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- reading the dumped DOM

  /**
   * Every element whose class list holds {@code css}: its attributes (unescaped) and its tag as
   * "tag".
   */
  private static List<Map<String, String>> elementsWithClass(String dom, String css) {
    List<Map<String, String>> found = new ArrayList<>();
    Matcher m = CLASSED.matcher(dom);
    while (m.find()) {
      Map<String, String> attributes = new java.util.HashMap<>();
      Matcher a = Pattern.compile("([\\w-]+)=\"([^\"]*)\"").matcher(m.group(2));
      while (a.find()) {
        attributes.put(a.group(1), ReportPage.unescape(a.group(2)));
      }
      attributes.put("tag", m.group(1));
      if (classes(attributes).contains(css)) {
        found.add(attributes);
      }
    }
    return found;
  }

  private static List<String> classes(Map<String, String> element) {
    return List.of(element.getOrDefault("class", "").split(" "));
  }

  /**
   * Loads REPORT in a frame without scrollbars, so its layout is the screenshot's, and writes what
   * it measured.
   */
  private static final String PROBE_PAGE =
      """
      <!DOCTYPE html>
      <html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style>
      <script>
      function rectOf(el) { var b = el.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; }
      function measure(frame) {
        var r = {};
        try {
          var doc = frame.contentDocument;
          var boxes = [];
          r.overflows = []; r.overlaps = []; r.detached = []; r.texts = [];
          doc.querySelectorAll('g.node').forEach(function (g) {
            var rect = g.querySelector('rect');
            var m = g.transform.baseVal.consolidate().matrix;
            var b = {lot: g.getAttribute('data-lot'), x: m.e, y: m.f, w: rect.width.baseVal.value, h: rect.height.baseVal.value};
            boxes.push(b);
            g.querySelectorAll('text').forEach(function (t) {
              r.texts.push(t.textContent);
              if (t.x.baseVal.getItem(0).value + t.getComputedTextLength() > b.w) { r.overflows.push(b.lot + ': ' + t.textContent); }
            });
          });
          r.nodes = boxes.length;
          for (var i = 0; i < boxes.length; i++) {
            for (var j = i + 1; j < boxes.length; j++) {
              var a = boxes[i], c = boxes[j];
              if (a.x < c.x + c.w && c.x < a.x + a.w && a.y < c.y + c.h && c.y < a.y + a.h) { r.overlaps.push(a.lot + ' / ' + c.lot); }
            }
          }
          var byLot = {}, right = 0, bottom = 0;
          boxes.forEach(function (b) { byLot[b.lot] = b; right = Math.max(right, b.x + b.w); bottom = Math.max(bottom, b.y + b.h); });
          r.edges = 0;
          doc.querySelectorAll('path.edge').forEach(function (p) {
            r.edges++;
            var from = byLot[p.getAttribute('data-from')], to = byLot[p.getAttribute('data-to')];
            var s = p.getPointAtLength(0), e = p.getPointAtLength(p.getTotalLength());
            var joined = from && to && Math.abs(s.x - from.x - from.w) < 0.5 && s.y >= from.y && s.y <= from.y + from.h
                && Math.abs(e.x - to.x) < 0.5 && e.y >= to.y && e.y <= to.y + to.h;
            if (!joined) { r.detached.push(p.getAttribute('data-from') + ' -> ' + p.getAttribute('data-to')); }
          });
          var svg = doc.querySelector('div.graph svg');
          r.svgCovers = svg.width.baseVal.value >= right && svg.height.baseVal.value >= bottom;
          var graph = doc.querySelector('div.graph');
          r.scrolls = graph.scrollHeight > graph.clientHeight || graph.scrollWidth > graph.clientWidth;
          var finding = doc.querySelector('g.node.finding rect'), plain = doc.querySelector('g.node.origin:not(.finding) rect');
          if (finding) { r.findingStroke = getComputedStyle(finding).stroke; r.findingBox = rectOf(finding); }
          if (plain) { r.plainStroke = getComputedStyle(plain).stroke; r.plainBox = rectOf(plain); }
          r.font = getComputedStyle(doc.querySelector('g.node text')).fontFamily;
          r.scripts = doc.querySelectorAll('script').length;
        } catch (e) { r.error = String(e); }
        document.getElementById('probe').textContent = JSON.stringify(r);
      }
      </script></head>
      <body><pre id="probe">not loaded</pre>
      <iframe src="REPORT" width="WIDTH" height="HEIGHT" scrolling="no" onload="measure(this)"></iframe>
      </body></html>
      """;
}
