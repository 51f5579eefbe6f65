package io.lotledger.report;

import static io.lotledger.testing.RecyclingChain.BLACK_MASS;
import static io.lotledger.testing.RecyclingChain.CONCENTRATE;
import static io.lotledger.testing.RecyclingChain.EOL;
import static io.lotledger.testing.RecyclingChain.ORE;
import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static io.lotledger.testing.RecyclingChain.SCRAP;
import static io.lotledger.testing.RecyclingChain.SULPHATE_A;
import static io.lotledger.testing.RecyclingChain.SULPHATE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.report.ReportPage.Edge;
import io.lotledger.report.ReportPage.Node;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Policy;
import io.lotledger.testing.RecyclingChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link HtmlReport} and {@link ProvenanceLayout} without a browser: the markup, its escaping and
 * its geometry.
 */
class ReportRendererTest {
  private static final Pattern SVG_SIZE =
      Pattern.compile("<svg [^>]*width=\"([\\d.]+)\" height=\"([\\d.]+)\"");

  private static Node node(List<Node> nodes, LotId lot) {
    return nodes.stream().filter(n -> n.lot().equals(lot.uri())).findFirst().orElseThrow();
  }

  private static String report(RecordFn record, LotId lot) throws LedgerException {
    RecyclingChain chain = new RecyclingChain();
    try (Ledger ledger = chain.newLedger()) {
      record.record(ledger, chain);
      return ProvenanceReport.from(ledger, lot, Policy.NONE).html();
    }
  }

  @FunctionalInterface
  interface RecordFn {
    void record(Ledger ledger, RecyclingChain chain) throws LedgerException;
  }

  @Test
  void recyclingChain_drawsTheSevenLotsInLayersFromTheOriginsToThePrecursor()
      throws LedgerException {
    String html = report((l, c) -> c.record(l), PRECURSOR);

    List<Node> nodes = ReportPage.nodes(html);
    assertThat(nodes)
        .extracting(Node::lot, Node::layer)
        .containsExactlyInAnyOrder(
            tuple(ORE.uri(), 0),
            tuple(SCRAP.uri(), 0),
            tuple(EOL.uri(), 0),
            tuple(CONCENTRATE.uri(), 1),
            tuple(BLACK_MASS.uri(), 1),
            tuple(SULPHATE_A.uri(), 2),
            tuple(PRECURSOR.uri(), 3));
    assertThat(html)
        .doesNotContain("data-lot=\"" + SULPHATE_B.uri()); // a sibling output, not an ancestor
    assertThat(ReportPage.edges(html))
        .extracting(Edge::from, Edge::to)
        .containsExactlyInAnyOrder(
            tuple(ORE.uri(), CONCENTRATE.uri()),
            tuple(SCRAP.uri(), CONCENTRATE.uri()),
            tuple(CONCENTRATE.uri(), SULPHATE_A.uri()),
            tuple(SULPHATE_A.uri(), PRECURSOR.uri()),
            tuple(BLACK_MASS.uri(), PRECURSOR.uri()),
            tuple(EOL.uri(), BLACK_MASS.uri()));
    assertThat(node(nodes, PRECURSOR).classes())
        .contains("target")
        .doesNotContain("finding", "origin");
    assertThat(node(nodes, ORE).classes()).contains("origin");
    // An id longer than a box line keeps its end, from a separator on; the tooltip has it whole.
    assertThat(node(nodes, ORE).lines().get(0))
        .isEqualTo("\u2026epc:class:lgtin:4012345.077777.ORE-CD-01");
    assertThat(html).contains("<title>" + ORE.uri() + "\nby Test refinery");

    // The hand-computed roll-up of RecyclingChain, custody and balances, in the boxes.
    assertThat(node(nodes, PRECURSOR).lines())
        .contains(
            "urn:epc:class:lgtin:4012345.077777.PCAM-1",
            "by Test refinery",
            "qty 500 KGM \u00b7 balance 500 KGM",
            "held by Test refinery",
            "origins CD, DE, FI",
            "carbon 2.44 kg CO2e/kg",
            "Co 0.25 pre 0.32 post 0.36",
            "Ni 0.1 pre 0 post 0.6",
            "\u2713 verified, no findings");
    assertThat(node(nodes, BLACK_MASS).lines())
        .contains("qty 200 KGM \u00b7 balance 100 KGM", "carbon 0.7 kg CO2e/kg", "origin DE");
    assertThat(node(nodes, SULPHATE_A).lines())
        .contains("qty 500 KGM \u00b7 balance 0 KGM", "held by nobody", "carbon 2.1 kg CO2e/kg");
    assertThat(html)
        .contains("<span class=\"ok\" id=\"integrity\">verified</span>")
        .contains("<p class=\"ok\">None: every declared claim");
    // Events 2..12 touch these lots; the genesis and the registration do not.
    assertThat(html)
        .contains("<tr class=\"event\" data-index=\"2\">", "<tr class=\"event\" data-index=\"12\">")
        .doesNotContain("<tr class=\"event\" data-index=\"1\">");
  }

  @Test
  void overClaimedPrecursor_isTheOneNodeMarkedFinding_withDeclaredAgainstComputed()
      throws LedgerException {
    String html = report(ReportFixtures::recordOverClaimedRecycling, PRECURSOR);

    List<Node> nodes = ReportPage.nodes(html);
    assertThat(nodes)
        .filteredOn(n -> n.classes().contains("finding"))
        .extracting(Node::lot)
        .containsExactly(PRECURSOR.uri());
    assertThat(node(nodes, PRECURSOR).lines())
        .contains(
            "carbon 2.44 kg CO2e/kg (declared 2.4)",
            "Co 0.25 pre 0.32 post 0.36",
            "   declared pre 0.32 post 0.4",
            "\u2713 verified",
            "\u2717 " + Failure.RECYCLED_POST_CONSUMER_ABOVE_COMPUTED,
            "  Co declared 0.4 computed 0.36",
            "\u2717 " + Failure.CARBON_FOOTPRINT_BELOW_COMPUTED,
            "  declared 2.4 computed 2.44");
    assertThat(html)
        .contains(
            "<li class=\"finding\" data-kind=\"RECYCLED_POST_CONSUMER_ABOVE_COMPUTED\" data-lot=\""
                + PRECURSOR.uri()
                + "\">",
            "<li class=\"finding\" data-kind=\"CARBON_FOOTPRINT_BELOW_COMPUTED\"");
  }

  @Test
  void hostileIdsAndNames_areEscapedInTextAndAttributes_andThePageLoadsNothing()
      throws LedgerException {
    String html = report(ReportFixtures::recordHostile, ReportFixtures.HOSTILE_LOT);

    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("A&B'C")
        .doesNotContain("%3E&amp;x\"")
        .contains("data-lot=\"urn:epc:class:lgtin:4012345.077777.A&amp;B&#39;C\"")
        .contains("data-from=\"urn:example:lot:%3Cscript%3E&amp;amp;x\"")
        .contains("by &lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;&amp;&#39;</text>")
        .contains("<title>Provenance of urn:epc:class:lgtin:4012345.077777.A&amp;B&#39;C</title>");
    List<Node> nodes = ReportPage.nodes(html);
    assertThat(nodes)
        .extracting(Node::lot)
        .containsExactlyInAnyOrder(
            ReportFixtures.HOSTILE_LOT.uri(), ReportFixtures.HOSTILE_INPUT.uri());
    assertThat(node(nodes, ReportFixtures.HOSTILE_LOT).lines())
        .contains("by " + ReportFixtures.HOSTILE_NAME);
    // Self-contained: no script, no stylesheet or image to fetch, and a policy that forbids
    // fetching anything.
    assertThat(html)
        .doesNotContain("<link", "<img", "<iframe", "@import", "src=", "href=\"http")
        .contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
  }

  @Test
  void threeHundredLotAncestry_hasNoOverlappingBoxes_fitsTheSvg_andEveryEdgeJoinsItsBoxes()
      throws LedgerException {
    String html =
        report((l, c) -> ReportFixtures.recordWideAncestry(l, c, 5), ReportFixtures.WIDE_FINAL);

    List<Node> nodes = ReportPage.nodes(html);
    assertThat(nodes).hasSize(ReportFixtures.WIDE_LOTS);
    int last = nodes.stream().mapToInt(Node::layer).max().orElseThrow();
    assertThat(node(nodes, ReportFixtures.WIDE_FINAL).layer())
        .isEqualTo(last)
        .isEqualTo(ReportFixtures.LEVELS.length);
    assertThat(nodes)
        .filteredOn(n -> n.layer() == 0)
        .hasSize(ReportFixtures.LEVELS[0])
        .allSatisfy(n -> assertThat(n.classes()).contains("origin"));
    assertThat(nodes)
        .filteredOn(n -> n.classes().contains("finding"))
        .extracting(Node::lot)
        .containsExactly(ReportFixtures.WIDE_UNDER_DECLARED.uri());

    List<String> overlapping = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node a = nodes.get(i);
      for (int j = i + 1; j < nodes.size(); j++) {
        Node b = nodes.get(j);
        if (a.x() < b.x() + b.w()
            && b.x() < a.x() + a.w()
            && a.y() < b.y() + b.h()
            && b.y() < a.y() + a.h()) {
          overlapping.add(a.lot() + " / " + b.lot());
        }
      }
    }
    assertThat(overlapping).as("boxes that overlap").isEmpty();
    assertThat(nodes)
        .flatExtracting(Node::lines)
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(HtmlReport.LINE_CHARS));
    Matcher size = SVG_SIZE.matcher(html);
    assertThat(size.find()).isTrue();
    double width = Double.parseDouble(size.group(1));
    double height = Double.parseDouble(size.group(2));
    assertThat(nodes)
        .allSatisfy(
            n ->
                assertThat(
                        n.x() + n.w() <= width
                            && n.y() + n.h() <= height
                            && n.x() >= 0
                            && n.y() >= 0)
                    .as("box of %s inside the %s x %s drawing", n.lot(), width, height)
                    .isTrue());

    Map<String, Node> byLot = new HashMap<>();
    nodes.forEach(n -> byLot.put(n.lot(), n));
    List<Edge> edges = ReportPage.edges(html);
    assertThat(edges).hasSizeGreaterThan(ReportFixtures.WIDE_LOTS - 1);
    assertThat(edges)
        .allSatisfy(
            e -> {
              Node from = byLot.get(e.from());
              Node to = byLot.get(e.to());
              assertThat(to.layer()).isGreaterThan(from.layer());
              assertThat(e.x0())
                  .isCloseTo(from.x() + from.w(), org.assertj.core.data.Offset.offset(0.1));
              assertThat(e.y0()).isBetween(from.y(), from.y() + from.h());
              assertThat(e.x1()).isCloseTo(to.x(), org.assertj.core.data.Offset.offset(0.1));
              assertThat(e.y1()).isBetween(to.y(), to.y() + to.h());
            });
  }

  @Test
  void layout_barycentreSweepsUncrossTwoEdgesGivenInCrossedOrder() {
    // Origins A (0), B (1); outputs X (2), Y (3) with A -> Y and B -> X: in the given order they
    // cross once.
    ProvenanceLayout layout =
        ProvenanceLayout.of(
            100,
            new double[] {40, 40, 40, 40},
            List.of(new ProvenanceLayout.Edge(0, 3), new ProvenanceLayout.Edge(1, 2)));

    assertThat(layout.crossings()).isZero();
    List<ProvenanceLayout.Box> boxes = layout.boxes();
    assertThat(boxes).extracting(ProvenanceLayout.Box::layer).containsExactly(0, 0, 1, 1);
    assertThat(boxes.get(3).y() < boxes.get(2).y())
        .as("Y beside A, above X")
        .isEqualTo(boxes.get(0).y() < boxes.get(1).y());
  }

  @Test
  void layout_longEdgePassesThroughTheGapNotAcrossABox_andACycleIsBrokenNotFollowedForever() {
    // 0 -> 1 -> 2 and 0 -> 2: the long edge passes column 1 beside box 1, on a horizontal run of
    // its own.
    ProvenanceLayout layout =
        ProvenanceLayout.of(
            100,
            new double[] {40, 200, 40},
            List.of(
                new ProvenanceLayout.Edge(0, 1),
                new ProvenanceLayout.Edge(1, 2),
                new ProvenanceLayout.Edge(0, 2)));
    ProvenanceLayout.Route longEdge = layout.routes().get(2);
    ProvenanceLayout.Box middle = layout.boxes().get(1);
    assertThat(longEdge.points()).hasSize(4);
    double passY = longEdge.points().get(1).y();
    assertThat(passY < middle.y() || passY > middle.y() + middle.height())
        .as("passes beside the middle box")
        .isTrue();

    ProvenanceLayout cycle =
        ProvenanceLayout.of(
            100,
            new double[] {40, 40},
            List.of(new ProvenanceLayout.Edge(0, 1), new ProvenanceLayout.Edge(1, 0)));
    assertThat(cycle.routes())
        .extracting(ProvenanceLayout.Route::backward)
        .containsExactly(false, true);
  }
}
