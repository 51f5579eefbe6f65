package io.lotledger.benchmarks;

import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.error.LedgerException;
import io.lotledger.examples.synthetic.SyntheticChain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A realistic RocksDB ledger of a given number of entries, generated once under the benchmark
 * directory and reused by later runs: what the whole-ledger verification and Merkle benchmarks
 * read.
 *
 * <p><b>Where.</b> {@code <lotledger.bench.dir>/ledger-<entries>-v<VERSION>}, where the system
 * property {@code lotledger.bench.dir} defaults to {@code <java.io.tmpdir>/lotledger-bench}. A
 * sibling file {@code ledger-<entries>-v<VERSION>.complete} (Java properties: what was generated
 * and how long it took) is written only after the ledger was generated and closed; a directory
 * without it (an interrupted generation) is deleted and generated again. Delete the directory to
 * force a new one.
 *
 * <p><b>Shape.</b> Exactly {@code entries} entries of the synthetic supply chain that {@code ledger
 * bench} records too ({@link SyntheticChain}: a root, six registered actors, then events from
 * {@value #PRODUCERS} producer threads, each on its own lots, every event honest under the custody
 * and mass-balance rules), with {@value #COMMISSION_PERCENT} % of the entries commissionings of
 * origin lots and the other kinds drawn in the proportions of {@link #MIX}. At 100,000 entries that
 * is 35.0 % commissionings, 25.6 % observations (inspections and transport reports), 14.5 %
 * transformations, 13.5 % shipments and 11.5 % receipts, 49,458 lots. (Version 2 of the fixture,
 * with its own generator, had 35 / 26 / 20 / 10 / 9 % and 54,881 lots: this generator's
 * transformations are bounded by the goods that reach the processors, so the mix gives them up to
 * shipments and receipts; transformations, shipments and receipts together stay at 39 to 40 %.) The
 * interleaving of the producers, and so the order of the entries, differs between generations; the
 * set of entries does not (but for the genesis entry's time).
 *
 * <p><b>How.</b> {@link Durability#NO_SYNC}, {@link Ledger#appendAsync} with a bounded window of
 * appends in flight per producer (512 for two); an append touching a lot first waits for the
 * previous append to that lot, so it links to a committed head and is never re-signed by the
 * committer.
 *
 * <p>Run alone (to generate ahead of a benchmark run, or to time generation):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.lotledger.benchmarks.LedgerFixture 1000000 [100000 ...]
 * </pre>
 */
public final class LedgerFixture {
  /** Bump when the generator changes, so that old ledgers are not reused. */
  static final int VERSION = 3;

  static final int PRODUCERS = 2;

  /** Origin lots commissioned, in percent of the entries. */
  static final int COMMISSION_PERCENT = 35;

  /**
   * The other kinds of event, drawn at the steps that are neither commissionings nor due receipts.
   */
  static final SyntheticChain.Mix MIX = new SyntheticChain.Mix(65, 25, 3);

  private LedgerFixture() {}

  /**
   * The benchmark directory: {@code lotledger.bench.dir}, else {@code
   * java.io.tmpdir/lotledger-bench}.
   */
  static Path baseDirectory() {
    String dir = System.getProperty("lotledger.bench.dir");
    return dir != null
        ? Path.of(dir)
        : Path.of(System.getProperty("java.io.tmpdir"), "lotledger-bench");
  }

  /**
   * The directory of the ledger of {@code entries} entries, generated now unless a complete one
   * exists.
   */
  static synchronized Path ensure(long entries) throws IOException, LedgerException {
    if (entries < 1 + SyntheticChain.ACTORS.size() + 16) {
      throw new IllegalArgumentException(
          "a fixture ledger needs at least "
              + (1 + SyntheticChain.ACTORS.size() + 16)
              + " entries, not "
              + entries);
    }
    Path base = baseDirectory();
    Files.createDirectories(base);
    String name = "ledger-" + entries + "-v" + VERSION;
    Path dir = base.resolve(name);
    Path marker = base.resolve(name + ".complete");
    if (Files.isRegularFile(marker) && Files.isDirectory(dir)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(marker)) {
        p.load(in);
      }
      if (String.valueOf(entries).equals(p.getProperty("entries"))) {
        System.out.println(
            "\nLedgerFixture: reusing " + dir + " (" + p.getProperty("summary") + ")");
        return dir;
      }
    }
    Files.deleteIfExists(marker);
    deleteTree(dir);
    System.out.println("\nLedgerFixture: generating " + entries + " entries in " + dir + " ...");
    long start = System.nanoTime();
    SyntheticChain.Summary stats = generate(dir, entries);
    double seconds = (System.nanoTime() - start) / 1e9;
    long bytes = sizeOf(dir);
    String summary =
        String.format(
            java.util.Locale.ROOT,
            "%d entries: %d commissionings, %d observations, %d transformations, %d shipments, %d receipts, %d lots; "
                + "%.1f MB on disk; generated in %.1f s (%.0f entries/s)",
            entries,
            stats.originLots(),
            stats.observations(),
            stats.derivedLots(),
            stats.shipments(),
            stats.receipts(),
            stats.originLots() + stats.derivedLots(),
            bytes / 1e6,
            seconds,
            entries / seconds);
    Properties p = new Properties();
    p.setProperty("entries", String.valueOf(entries));
    p.setProperty("version", String.valueOf(VERSION));
    p.setProperty("summary", summary);
    Path tmp = base.resolve(name + ".complete.tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, "lotledger benchmark fixture; delete this file or the directory to regenerate");
    }
    Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("LedgerFixture: " + summary);
    return dir;
  }

  private static SyntheticChain.Summary generate(Path dir, long entries) throws LedgerException {
    LedgerOptions options = LedgerOptions.DEFAULT.withDurability(Durability.NO_SYNC);
    SyntheticChain chain =
        new SyntheticChain(entries, (int) (entries * COMMISSION_PERCENT / 100), PRODUCERS, MIX);
    try (Ledger ledger =
        Ledger.in(dir)
            .options(options)
            .create(SyntheticChain.ORIGIN, SyntheticChain.root(), SyntheticChain.rootName())) {
      long[] last = {System.nanoTime()};
      SyntheticChain.Summary summary =
          chain.record(
              ledger,
              committed -> {
                if (System.nanoTime() - last[0] > 10_000_000_000L) {
                  last[0] = System.nanoTime();
                  System.out.println("LedgerFixture: " + committed + " / " + entries + " entries");
                }
              });
      if (ledger.size() != entries) {
        throw new IllegalStateException("generated " + ledger.size() + " entries, not " + entries);
      }
      return summary;
    }
  }

  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /**
   * Generates (or finds) the fixture ledgers named on the command line, e.g. {@code 1000000
   * 100000}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: LedgerFixture <entries> [<entries> ...]   (-Dlotledger.bench.dir=... to choose the disk)");
      System.exit(2);
    }
    for (String a : args) {
      System.out.println(ensure(Long.parseLong(a.replace("_", ""))));
    }
  }
}
