package io.lotledger.cli;

import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.error.LedgerException;
import io.lotledger.examples.synthetic.SyntheticChain;
import io.lotledger.spi.LedgerStore;
import io.lotledger.store.rocksdb.RocksDbStoreProvider;
import io.lotledger.verify.ChainVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger bench}: builds a synthetic ledger ({@link SyntheticChain}) in embedded RocksDB and
 * measures, in one process, three rates: appending (signing on producer threads, group commit),
 * verifying the reopened ledger with {@link ChainVerifier} on the same number of threads, and, as
 * the baseline, raw BouncyCastle Ed25519 verification of one typical entry's signature with a
 * cached key. The ratio of the last two says how close whole-ledger verification comes to the cost
 * of its signatures.
 *
 * <p>This is a quick end-to-end figure for a given machine, not a substitute for the JMH benchmarks
 * in {@code benchmarks/}: one run, no forks, wall-clock time.
 */
@Command(
    name = "bench",
    description = {
      "Build a synthetic ledger and measure append, verify and raw Ed25519 verify rates on this machine.",
      "The ledger (in a new directory under java.io.tmpdir, deleted afterwards, or in --data DIR, kept) has "
          + "six actors registered by a root, --lots origin lots commissioned with master data, transformations "
          + "of 2-4 input lots into new lots (so ancestry has varying depth), inspections and shipments. "
          + "It is signed on --threads producer threads with a bounded window of appends in flight, "
          + "then reopened and verified with as many threads. The raw baseline verifies one typical entry's "
          + "signature in a loop on as many threads for about a second.",
      "Progress goes to stderr; the results (a table, or one JSON object with --json) to stdout."
    })
final class BenchCommand implements Callable<Integer> {
  static final long MAX_ENTRIES = 50_000_000L;
  static final int MAX_THREADS = 256;

  /** Untimed raw verifications first, so that the JIT has compiled the loop when timing starts. */
  static final long RAW_WARMUP_MILLIS = 250;

  static final long RAW_MEASURE_MILLIS = 1_000;

  @Option(
      names = "--entries",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Entries in the ledger, genesis included (1 to 50,000,000; default ${DEFAULT-VALUE}).")
  long entries;

  @Option(
      names = "--lots",
      paramLabel = "L",
      defaultValue = "1000",
      description =
          "Origin lots to commission (at least 1, fewer if --entries leaves no room; default ${DEFAULT-VALUE}).")
  int lots;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description =
          "Producer, verifier and raw-verify threads (1 to 256; default: the available processors).")
  Integer threads;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Build the ledger in DIR (absent or empty) and keep it; by default a temporary directory is used and deleted.")
  Path data;

  @Option(
      names = "--durability",
      paramLabel = "MODE",
      defaultValue = "group",
      description =
          "When appends are acknowledged: no-sync, group (one fsync per commit group) or per-append "
              + "(default ${DEFAULT-VALUE}).")
  String durability;

  @Option(
      names = "--json",
      description =
          "Print the results as one JSON object: {\"entries\", \"verifiedEntries\", "
              + "\"lots\", \"derivedLots\", \"maxAncestryDepth\", \"threads\", \"producers\", \"durability\", "
              + "\"appendPerSec\", \"appendSeconds\", \"verifyPerSec\", \"verifySeconds\", \"rawVerifyPerSec\", "
              + "\"rawVerifySeconds\", \"rawVerifyMessageBytes\", \"verifyToRawRatio\", \"jdk\", \"cpu\", \"cores\", "
              + "\"data\", \"chart\"}.")
  boolean json;

  @Option(
      names = "--chart",
      paramLabel = "FILE.png",
      description = "Also draw the rates as a PNG bar chart in FILE.png.")
  Path chart;

  @Option(names = "--force", description = "Overwrite the --chart file if it exists.")
  boolean force;

  @Spec CommandSpec spec;

  /** What one run measured, and on what. */
  record Result(
      long entries,
      long verifiedEntries,
      long lots,
      long derivedLots,
      int maxAncestryDepth,
      int threads,
      int producers,
      String durability,
      long appendNanos,
      long verifyNanos,
      long rawVerifies,
      long rawNanos,
      int rawMessageBytes,
      String jdk,
      String cpu,
      int cores,
      Path data,
      Path chart) {

    long appendPerSec() {
      return perSecond(entries, appendNanos);
    }

    long verifyPerSec() {
      return perSecond(verifiedEntries, verifyNanos);
    }

    long rawVerifyPerSec() {
      return perSecond(rawVerifies, rawNanos);
    }

    /**
     * Whole-ledger verification rate over raw signature verification rate, three significant
     * digits.
     */
    BigDecimal verifyToRawRatio() {
      double ratio =
          (double) verifiedEntries
              / Math.max(1, verifyNanos)
              * Math.max(1, rawNanos)
              / Math.max(1, rawVerifies);
      return new BigDecimal(ratio)
          .round(new MathContext(3, RoundingMode.HALF_EVEN))
          .stripTrailingZeros();
    }

    private static long perSecond(long count, long nanos) {
      return Math.round(count * 1e9 / Math.max(1, nanos));
    }
  }

  @Override
  public Integer call() throws CliException, LedgerException, IOException {
    int threadCount =
        threads == null
            ? Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors())
            : threads;
    Durability mode = validate(threadCount);
    PrintWriter out = spec.commandLine().getOut();

    Path dir;
    if (data != null) {
      DataDirectory target = new DataDirectory();
      target.dir = data;
      target.requireAbsentOrEmpty();
      dir = data;
    } else {
      dir = Files.createTempDirectory("lotledger-bench-");
    }
    try {
      Result result = run(dir, threadCount, mode);
      if (chart != null) {
        writeChart(result);
      }
      out.println(json ? json(result) : table(result));
      return LedgerCli.EXIT_OK;
    } finally {
      if (data == null) {
        deleteQuietly(dir);
      }
    }
  }

  /**
   * Checks every argument before any work, so that a slip costs nothing; returns the durability.
   */
  private Durability validate(int threadCount) throws CliException {
    if (entries < 1 || entries > MAX_ENTRIES) {
      throw CliException.usage(
          String.format(
              Locale.ROOT, "--entries must be between 1 and %,d, not %d", MAX_ENTRIES, entries));
    }
    if (lots < 1) {
      throw CliException.usage("--lots must be at least 1, not " + lots);
    }
    if (threadCount < 1 || threadCount > MAX_THREADS) {
      throw CliException.usage(
          "--threads must be between 1 and " + MAX_THREADS + ", not " + threadCount);
    }
    Durability mode =
        switch (durability) {
          case "no-sync" -> Durability.NO_SYNC;
          case "group" -> Durability.GROUP_COMMIT;
          case "per-append" -> Durability.PER_APPEND;
          default ->
              throw CliException.usage(
                  "--durability must be no-sync, group or per-append, not '" + durability + "'");
        };
    if (chart != null) {
      Path parent = chart.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw CliException.usage(
            "cannot write the chart " + chart + ": the directory " + parent + " does not exist");
      }
      if (Files.isDirectory(chart)) {
        throw CliException.usage("cannot write the chart " + chart + ": it is a directory");
      }
      if (Files.exists(chart) && !force) {
        throw CliException.usage(
            "the chart " + chart + " already exists; pass --force to overwrite it");
      }
    }
    return mode;
  }

  private Result run(Path dir, int threadCount, Durability mode) throws LedgerException {
    LedgerOptions options = LedgerOptions.DEFAULT.withDurability(mode);
    SyntheticChain chain = new SyntheticChain(entries, lots, threadCount);

    // From creating the store to the last acknowledgement; closing it (a flush) is not part of
    // appending.
    long start = System.nanoTime();
    SyntheticChain.Summary built;
    long appendNanos;
    try (Progress progress = Progress.start(spec, "append", entries, "entries");
        Ledger ledger =
            Ledger.in(dir)
                .options(options)
                .create(SyntheticChain.ORIGIN, SyntheticChain.root(), SyntheticChain.rootName())) {
      built = chain.record(ledger, progress::update);
      appendNanos = System.nanoTime() - start;
      progress.finish();
    }

    LedgerStore store = new RocksDbStoreProvider().open(dir, false);
    try (Ledger ledger = Ledger.on(store).options(options).open()) {
      Entry typical = typicalEntry(ledger);
      byte[] message = EntryCodec.signingInput(EntryCodec.encodeBody(typical.body()));
      long[] raw =
          rawVerify(typical.body().key(), typical.signed().signature(), message, threadCount);

      long verifyNanos;
      try (Progress progress = Progress.start(spec, "verify", ledger.size(), "entries")) {
        long verifyStart = System.nanoTime();
        new ChainVerifier(store, threadCount).progress(progress::update).verify();
        verifyNanos = System.nanoTime() - verifyStart;
        progress.finish();
      }
      return new Result(
          built.entries(),
          ledger.size(),
          built.originLots(),
          built.derivedLots(),
          built.maxDepth(),
          threadCount,
          built.producers(),
          durability,
          appendNanos,
          verifyNanos,
          raw[0],
          raw[1],
          message.length,
          jdk(),
          cpu(),
          Runtime.getRuntime().availableProcessors(),
          data,
          chart);
    }
  }

  /**
   * The entry of median size among up to 33 spread over the ledger (the genesis and registrations
   * too, if the ledger holds nothing else): what the raw baseline verifies.
   */
  static Entry typicalEntry(Ledger ledger) throws LedgerException {
    long size = ledger.size();
    long first =
        size > 8 ? 7 : 0; // after the genesis and the six registrations, when there are events
    int samples = (int) Math.min(33, size - first);
    List<Entry> spread = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      long index = first + (samples == 1 ? 0 : (size - 1 - first) * i / (samples - 1));
      spread.add(ledger.entry(index).orElseThrow());
    }
    spread.sort(Comparator.comparingInt(e -> e.signed().encodedLength()));
    return spread.get(spread.size() / 2);
  }

  /**
   * Verifies {@code signature} on {@code message} under the cached {@code key} in a tight loop on
   * {@code threadCount} threads: {@value #RAW_WARMUP_MILLIS} ms untimed, then {@value
   * #RAW_MEASURE_MILLIS} ms counted. Returns {total verifications, nanoseconds}, the time scaled so
   * that their ratio is the summed per-thread rate.
   */
  static long[] rawVerify(Ed25519PublicKey key, byte[] signature, byte[] message, int threadCount) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threadCount,
            r -> {
              Thread t = new Thread(r, "lotledger-bench-raw-verify");
              t.setDaemon(true);
              return t;
            });
    try {
      List<CompletableFuture<double[]>> runs = new ArrayList<>(threadCount);
      for (int i = 0; i < threadCount; i++) {
        runs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  long warmEnd = System.nanoTime() + RAW_WARMUP_MILLIS * 1_000_000L;
                  boolean valid = true;
                  while (System.nanoTime() < warmEnd) {
                    valid &= key.verify(signature, message);
                  }
                  long start = System.nanoTime();
                  long end = start + RAW_MEASURE_MILLIS * 1_000_000L;
                  long count = 0;
                  long now;
                  do {
                    valid &= key.verify(signature, message);
                    count++;
                    now = System.nanoTime();
                  } while (now < end);
                  if (!valid) {
                    // Also keeps the results live, so the loop cannot be optimised away.
                    throw new IllegalStateException(
                        "a ledger entry's signature failed to verify in the raw baseline");
                  }
                  return new double[] {count, now - start};
                },
                pool));
      }
      double perSecond = 0;
      long total = 0;
      for (CompletableFuture<double[]> run : runs) {
        double[] r = run.join();
        total += (long) r[0];
        perSecond += r[0] * 1e9 / r[1];
      }
      return new long[] {total, Math.round(total * 1e9 / perSecond)};
    } finally {
      pool.shutdownNow();
    }
  }

  private void writeChart(Result result) throws CliException, IOException {
    byte[] png;
    try {
      png = BenchChart.png(result);
    } catch (RuntimeException | LinkageError | InternalError e) {
      // A JDK without AWT or without fonts (a trimmed container image) cannot draw text.
      throw CliException.usage(
          "cannot draw the chart: "
              + e
              + " (a headless JDK needs AWT and fonts: fontconfig and a font package)");
    }
    try {
      if (force) {
        Files.write(chart, png);
      } else {
        Files.write(chart, png, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw CliException.usage(
          "the chart " + chart + " already exists; pass --force to overwrite it");
    }
  }

  /**
   * {"entries","verifiedEntries","lots","derivedLots","maxAncestryDepth","threads","producers","durability",
   * "appendPerSec","appendSeconds","verifyPerSec","verifySeconds","rawVerifyPerSec","rawVerifySeconds",
   * "rawVerifyMessageBytes","verifyToRawRatio","jdk","cpu","cores","data","chart"}.
   */
  static String json(Result r) {
    return JsonOutput.text(
        JsonOutput.object()
            .put("entries", r.entries())
            .put("verifiedEntries", r.verifiedEntries())
            .put("lots", r.lots())
            .put("derivedLots", r.derivedLots())
            .put("maxAncestryDepth", r.maxAncestryDepth())
            .put("threads", r.threads())
            .put("producers", r.producers())
            .put("durability", r.durability())
            .put("appendPerSec", r.appendPerSec())
            .put("appendSeconds", seconds(r.appendNanos()))
            .put("verifyPerSec", r.verifyPerSec())
            .put("verifySeconds", seconds(r.verifyNanos()))
            .put("rawVerifyPerSec", r.rawVerifyPerSec())
            .put("rawVerifySeconds", seconds(r.rawNanos()))
            .put("rawVerifyMessageBytes", r.rawMessageBytes())
            .put("verifyToRawRatio", r.verifyToRawRatio())
            .put("jdk", r.jdk())
            .put("cpu", r.cpu())
            .put("cores", r.cores())
            .put("data", r.data() == null ? null : r.data().toString())
            .put("chart", r.chart() == null ? null : r.chart().toString()));
  }

  static String table(Result r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "ledger bench: %,d entries, %,d origin lots (+%,d made by transformations, "
                + "ancestry up to %d deep), %d threads, durability %s%n",
            r.entries(),
            r.lots(),
            r.derivedLots(),
            r.maxAncestryDepth(),
            r.threads(),
            r.durability()));
    b.append(
        String.format(
            Locale.ROOT,
            "  %-11s %,12d entries/s  %8.2f s  signed on %d producer thread%s%n",
            "append",
            r.appendPerSec(),
            r.appendNanos() / 1e9,
            r.producers(),
            r.producers() == 1 ? "" : "s"));
    b.append(
        String.format(
            Locale.ROOT,
            "  %-11s %,12d entries/s  %8.2f s  ChainVerifier on %d thread%s, %,d entries%n",
            "verify",
            r.verifyPerSec(),
            r.verifyNanos() / 1e9,
            r.threads(),
            r.threads() == 1 ? "" : "s",
            r.verifiedEntries()));
    b.append(
        String.format(
            Locale.ROOT,
            "  %-11s %,12d verifies/s %8.2f s  BouncyCastle Ed25519, cached key, %d-byte entry%n",
            "raw verify",
            r.rawVerifyPerSec(),
            r.rawNanos() / 1e9,
            r.rawMessageBytes()));
    b.append(
        String.format(
            Locale.ROOT, "verify / raw verify: %s%n", r.verifyToRawRatio().toPlainString()));
    b.append(
        String.format(Locale.ROOT, "cpu: %s (%d cores), jdk: %s", r.cpu(), r.cores(), r.jdk()));
    if (r.data() != null) {
      b.append(System.lineSeparator()).append("ledger kept in ").append(r.data());
    }
    if (r.chart() != null) {
      b.append(System.lineSeparator()).append("chart: ").append(r.chart());
    }
    return b.toString();
  }

  private static BigDecimal seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).setScale(3, RoundingMode.HALF_EVEN);
  }

  /** java.version and the VM's name, e.g. {@code 17.0.13 (OpenJDK 64-Bit Server VM)}. */
  static String jdk() {
    return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
  }

  /** The CPU's model name from /proc/cpuinfo where there is one, else the architecture. */
  static String cpu() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .filter(s -> !s.isEmpty())
          .findFirst()
          .orElseGet(() -> System.getProperty("os.arch"));
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch");
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: a temporary directory left behind is harmless
                }
              });
    } catch (IOException | RuntimeException e) {
      // as above
    }
  }
}
