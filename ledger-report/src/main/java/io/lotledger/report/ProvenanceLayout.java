package io.lotledger.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A left-to-right layered drawing of a provenance graph, after Sugiyama, Tagawa and Toda, "Methods
 * for visual understanding of hierarchical system structures" (IEEE SMC 11(2), 1981): each node
 * goes into the column of its longest path from an origin (a node without inputs), so every edge
 * points right; an edge that spans several columns passes through a placeholder in each column
 * between, so it runs through the gaps between boxes rather than across them; barycentre sweeps
 * reorder each column to reduce crossings (the best order seen is kept); and each column's vertical
 * positions are the closest, by least squares, to its neighbours' centres that keep the boxes
 * apart, which is an isotonic regression solved exactly by pool-adjacent-violators.
 *
 * <p>Boxes never overlap: columns are disjoint in x and each column's boxes are at least {@link
 * #NODE_GAP} apart in y. The drawing's size covers every box plus {@link #MARGIN}. A cycle (which a
 * ledger's ancestry never has) is broken where found; its closing edges are routed directly and
 * reported by {@link Route#backward()}. Immutable once built; building is O((V + E) log V) per
 * sweep.
 */
final class ProvenanceLayout {
  /** Horizontal space between columns, where edges bend. */
  static final double LAYER_GAP = 96;

  /** Least vertical space between two boxes, or a box and an edge passing through its column. */
  static final double NODE_GAP = 14;

  /** Space around the drawing. */
  static final double MARGIN = 20;

  /** Height an edge passing through a column takes in it. */
  private static final double PASS_HEIGHT = 4;

  private static final int SWEEPS = 24;
  private static final int PLACEMENT_ROUNDS = 6;

  /** An edge from node {@code from} to node {@code to}, by index. */
  record Edge(int from, int to) {}

  record Point(double x, double y) {}

  /** Where a node is drawn: its column ({@code layer}), rank in the column, and box. */
  record Box(int layer, int order, double x, double y, double width, double height) {
    boolean overlaps(Box o) {
      return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
    }
  }

  /**
   * An edge's polyline: from the right side of its source box, through the gap it takes in each
   * column between, to the left side of its target box; {@code backward} for an edge closing a
   * cycle.
   */
  record Route(Edge edge, List<Point> points, boolean backward) {
    Route {
      points = List.copyOf(points);
    }
  }

  private final List<Box> boxes;
  private final List<Route> routes;
  private final int layers;
  private final long crossings;
  private final double width;
  private final double height;

  private ProvenanceLayout(
      List<Box> boxes,
      List<Route> routes,
      int layers,
      long crossings,
      double width,
      double height) {
    this.boxes = List.copyOf(boxes);
    this.routes = List.copyOf(routes);
    this.layers = layers;
    this.crossings = crossings;
    this.width = width;
    this.height = height;
  }

  /** Box of node {@code i}, in the order of the heights given. */
  List<Box> boxes() {
    return boxes;
  }

  /** One route per distinct edge given (self-loops and repeats are dropped), in the order given. */
  List<Route> routes() {
    return routes;
  }

  int layers() {
    return layers;
  }

  /**
   * Edge crossings between adjacent columns in the chosen order (placeholders counted as nodes).
   */
  long crossings() {
    return crossings;
  }

  double width() {
    return width;
  }

  double height() {
    return height;
  }

  /**
   * Lays out nodes of the given box {@code heights}, all {@code nodeWidth} wide, joined by {@code
   * edges}. The order of the nodes is the first order tried within each column.
   */
  static ProvenanceLayout of(double nodeWidth, double[] heights, List<Edge> edges) {
    int n = heights.length;
    Set<Edge> distinct = new LinkedHashSet<>();
    for (Edge e : edges) {
      if (e.from() < 0 || e.from() >= n || e.to() < 0 || e.to() >= n) {
        throw new IllegalArgumentException("edge " + e + " names a node outside 0.." + (n - 1));
      }
      if (e.from() != e.to()) {
        distinct.add(e);
      }
    }
    List<Edge> unique = List.copyOf(distinct);
    int[] layer = layering(n, unique);
    return new Builder(nodeWidth, heights, unique, layer).build();
  }

  /**
   * Longest path from an origin, by Kahn's topological order; when only nodes on cycles remain, the
   * lowest-numbered is taken as if its unplaced inputs were not there.
   */
  private static int[] layering(int n, List<Edge> edges) {
    List<List<Integer>> succ = adjacency(n);
    List<List<Integer>> pred = adjacency(n);
    int[] waiting = new int[n];
    for (Edge e : edges) {
      succ.get(e.from()).add(e.to());
      pred.get(e.to()).add(e.from());
      waiting[e.to()]++;
    }
    int[] layer = new int[n];
    boolean[] placed = new boolean[n];
    Deque<Integer> ready = new ArrayDeque<>();
    for (int v = 0; v < n; v++) {
      if (waiting[v] == 0) {
        ready.add(v);
      }
    }
    int next = 0;
    for (int count = 0; count < n; count++) {
      if (ready.isEmpty()) {
        while (placed[next]) {
          next++;
        }
        ready.add(next);
      }
      int v = ready.poll();
      placed[v] = true;
      for (int p : pred.get(v)) {
        if (placed[p]) {
          layer[v] = Math.max(layer[v], layer[p] + 1);
        }
      }
      for (int s : succ.get(v)) {
        if (--waiting[s] == 0 && !placed[s]) {
          ready.add(s);
        }
      }
    }
    return layer;
  }

  private static List<List<Integer>> adjacency(int n) {
    List<List<Integer>> lists = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }

  /** The drawing in progress: real nodes 0..n-1, then one placeholder per column an edge passes. */
  private static final class Builder {
    private final double nodeWidth;
    private final int n;
    private final List<Edge> edges;
    private final List<Integer> vertexLayer = new ArrayList<>();
    private final List<Double> vertexHeight = new ArrayList<>();
    private final List<List<Integer>> up = new ArrayList<>();
    private final List<List<Integer>> down = new ArrayList<>();

    /** Per edge, its vertices from source to target; just the two ends for a backward edge. */
    private final List<int[]> chains = new ArrayList<>();

    private List<List<Integer>> columns = new ArrayList<>();
    private int[] rank;
    private double[] top;

    Builder(double nodeWidth, double[] heights, List<Edge> edges, int[] layer) {
      this.nodeWidth = nodeWidth;
      this.n = heights.length;
      this.edges = edges;
      for (int v = 0; v < n; v++) {
        addVertex(layer[v], heights[v]);
      }
      for (Edge e : edges) {
        int from = e.from();
        int to = e.to();
        if (layer[to] <= layer[from]) {
          chains.add(new int[] {from, to});
          continue;
        }
        int[] chain = new int[layer[to] - layer[from] + 1];
        chain[0] = from;
        for (int l = layer[from] + 1; l < layer[to]; l++) {
          chain[l - layer[from]] = addVertex(l, PASS_HEIGHT);
        }
        chain[chain.length - 1] = to;
        for (int i = 1; i < chain.length; i++) {
          down.get(chain[i - 1]).add(chain[i]);
          up.get(chain[i]).add(chain[i - 1]);
        }
        chains.add(chain);
      }
    }

    private int addVertex(int layer, double height) {
      int v = vertexLayer.size();
      vertexLayer.add(layer);
      vertexHeight.add(height);
      up.add(new ArrayList<>());
      down.add(new ArrayList<>());
      while (columns.size() <= layer) {
        columns.add(new ArrayList<>());
      }
      columns.get(layer).add(v);
      return v;
    }

    ProvenanceLayout build() {
      rank = new int[vertexLayer.size()];
      renumber();
      long best = crossings();
      List<List<Integer>> bestColumns = copy(columns);
      for (int sweep = 0; sweep < SWEEPS && best > 0; sweep++) {
        boolean downward = sweep % 2 == 0;
        for (int i = 1; i < columns.size(); i++) {
          int l = downward ? i : columns.size() - 1 - i;
          reorder(columns.get(l), downward ? up : down);
        }
        long c = crossings();
        if (c < best) {
          best = c;
          bestColumns = copy(columns);
        }
      }
      columns = bestColumns;
      renumber();
      place();
      return result(best);
    }

    /**
     * Sorts a column by the mean rank of each vertex's neighbours in the column before (stable).
     */
    private void reorder(List<Integer> column, List<List<Integer>> neighbours) {
      Map<Integer, Double> key = new HashMap<>();
      for (int v : column) {
        List<Integer> ns = neighbours.get(v);
        double sum = 0;
        for (int u : ns) {
          sum += rank[u];
        }
        key.put(v, ns.isEmpty() ? rank[v] : sum / ns.size());
      }
      column.sort(Comparator.comparingDouble(key::get));
      for (int i = 0; i < column.size(); i++) {
        rank[column.get(i)] = i;
      }
    }

    private void renumber() {
      for (List<Integer> column : columns) {
        for (int i = 0; i < column.size(); i++) {
          rank[column.get(i)] = i;
        }
      }
    }

    /**
     * Crossings between each pair of adjacent columns: inversions among their edges, by a Fenwick
     * tree.
     */
    private long crossings() {
      long total = 0;
      for (int l = 0; l + 1 < columns.size(); l++) {
        List<int[]> segments = new ArrayList<>();
        for (int u : columns.get(l)) {
          for (int v : down.get(u)) {
            segments.add(new int[] {rank[u], rank[v]});
          }
        }
        segments.sort(Comparator.<int[]>comparingInt(s -> s[0]).thenComparingInt(s -> s[1]));
        int size = columns.get(l + 1).size();
        long[] tree = new long[size + 1];
        long seen = 0;
        for (int[] s : segments) {
          long notAbove = 0;
          for (int i = s[1] + 1; i > 0; i -= i & -i) {
            notAbove += tree[i];
          }
          total += seen - notAbove;
          for (int i = s[1] + 1; i <= size; i += i & -i) {
            tree[i]++;
          }
          seen++;
        }
      }
      return total;
    }

    /**
     * Vertical positions: stacked, then pulled toward neighbours' centres, column by column, both
     * ways.
     */
    private void place() {
      top = new double[vertexLayer.size()];
      for (List<Integer> column : columns) {
        double y = 0;
        for (int v : column) {
          top[v] = y;
          y += vertexHeight.get(v) + NODE_GAP;
        }
      }
      for (int round = 0; round < PLACEMENT_ROUNDS; round++) {
        for (int l = 1; l < columns.size(); l++) {
          align(columns.get(l), up);
        }
        for (int l = columns.size() - 2; l >= 0; l--) {
          align(columns.get(l), down);
        }
      }
      double min = Arrays.stream(top).min().orElse(0);
      for (int v = 0; v < top.length; v++) {
        top[v] += MARGIN - min;
      }
    }

    /**
     * Moves a column's vertices as close as possible (least squares) to the mean centre of their
     * neighbours while keeping order and gaps: with offsets o_i of the stacked column, z_i = top_i
     * - o_i must not decrease, so z is the isotonic regression of the targets, by
     * pool-adjacent-violators.
     */
    private void align(List<Integer> column, List<List<Integer>> neighbours) {
      int size = column.size();
      double[] offset = new double[size];
      double[] target = new double[size];
      double o = 0;
      for (int i = 0; i < size; i++) {
        int v = column.get(i);
        double h = vertexHeight.get(v);
        List<Integer> ns = neighbours.get(v);
        double centre = top[v] + h / 2;
        if (!ns.isEmpty()) {
          centre = 0;
          for (int u : ns) {
            centre += top[u] + vertexHeight.get(u) / 2;
          }
          centre /= ns.size();
        }
        offset[i] = o;
        target[i] = centre - h / 2 - o;
        o += h + NODE_GAP;
      }
      double[] blockSum = new double[size];
      int[] blockCount = new int[size];
      int blocks = 0;
      for (int i = 0; i < size; i++) {
        blockSum[blocks] = target[i];
        blockCount[blocks] = 1;
        blocks++;
        while (blocks > 1
            && blockSum[blocks - 2] / blockCount[blocks - 2]
                > blockSum[blocks - 1] / blockCount[blocks - 1]) {
          blockSum[blocks - 2] += blockSum[blocks - 1];
          blockCount[blocks - 2] += blockCount[blocks - 1];
          blocks--;
        }
      }
      int i = 0;
      for (int b = 0; b < blocks; b++) {
        double z = blockSum[b] / blockCount[b];
        for (int k = 0; k < blockCount[b]; k++, i++) {
          top[column.get(i)] = z + offset[i];
        }
      }
    }

    private double columnX(int layer) {
      return MARGIN + layer * (nodeWidth + LAYER_GAP);
    }

    private ProvenanceLayout result(long crossings) {
      List<Box> boxes = new ArrayList<>(n);
      double bottom = 0;
      for (int v = 0; v < vertexLayer.size(); v++) {
        bottom = Math.max(bottom, top[v] + vertexHeight.get(v));
      }
      for (int v = 0; v < n; v++) {
        boxes.add(
            new Box(
                vertexLayer.get(v),
                rank[v],
                columnX(vertexLayer.get(v)),
                top[v],
                nodeWidth,
                vertexHeight.get(v)));
      }
      double[] outPort = ports(true);
      double[] inPort = ports(false);
      List<Route> routes = new ArrayList<>(edges.size());
      for (int c = 0; c < chains.size(); c++) {
        int[] chain = chains.get(c);
        int from = chain[0];
        int to = chain[chain.length - 1];
        List<Point> points = new ArrayList<>();
        points.add(new Point(columnX(vertexLayer.get(from)) + nodeWidth, outPort[c]));
        for (int i = 1; i < chain.length - 1; i++) {
          int d = chain[i];
          double y = top[d] + PASS_HEIGHT / 2;
          points.add(new Point(columnX(vertexLayer.get(d)), y));
          points.add(new Point(columnX(vertexLayer.get(d)) + nodeWidth, y));
        }
        points.add(new Point(columnX(vertexLayer.get(to)), inPort[c]));
        routes.add(new Route(edges.get(c), points, vertexLayer.get(to) <= vertexLayer.get(from)));
      }
      int layerCount = Math.max(1, columns.size());
      double w = 2 * MARGIN + layerCount * nodeWidth + (layerCount - 1) * LAYER_GAP;
      return new ProvenanceLayout(
          boxes, routes, columns.size(), crossings, w, n == 0 ? 2 * MARGIN : bottom + MARGIN);
    }

    /**
     * Per chain, the height where it leaves its source ({@code outgoing}) or enters its target:
     * each node's edges share its side evenly, top to bottom in the order of the vertex at their
     * other end, so edges fan out of and into a box without crossing there.
     */
    private double[] ports(boolean outgoing) {
      List<List<Integer>> byNode = adjacency(n);
      for (int c = 0; c < chains.size(); c++) {
        int[] chain = chains.get(c);
        byNode.get(outgoing ? chain[0] : chain[chain.length - 1]).add(c);
      }
      double[] port = new double[chains.size()];
      for (int v = 0; v < n; v++) {
        List<Integer> here = byNode.get(v);
        here.sort(
            Comparator.comparingDouble(
                c -> {
                  int[] chain = chains.get(c);
                  int other = outgoing ? chain[1] : chain[chain.length - 2];
                  return top[other] + vertexHeight.get(other) / 2;
                }));
        for (int i = 0; i < here.size(); i++) {
          port[here.get(i)] = top[v] + vertexHeight.get(v) * (i + 1) / (here.size() + 1);
        }
      }
      return port;
    }

    private static List<List<Integer>> copy(List<List<Integer>> columns) {
      List<List<Integer>> c = new ArrayList<>(columns.size());
      columns.forEach(col -> c.add(new ArrayList<>(col)));
      return c;
    }
  }
}
