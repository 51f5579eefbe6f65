package io.lotledger.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reports the progress of one long phase of a command (building a bench ledger, verifying) on
 * stderr, never on stdout, so that {@code --json} output stays clean.
 *
 * <p>On a terminal it draws one line, redrawn in place with {@code \r} at most {@value
 * #REDRAW_MILLIS} ms apart and erased when the phase ends: phase, bar, percentage, done/total, rate
 * and time left. Elsewhere (a log file, CI) it writes plain lines: whenever another tenth of the
 * total is done or {@value #PLAIN_MILLIS} ms have passed since the last line, and one closing line.
 * Nothing at all is written during the first {@value #QUIET_MILLIS} ms of a phase, so quick runs
 * stay silent.
 *
 * <p>Time comes from the injected nanosecond clock, so tests are deterministic. Not thread-safe:
 * one thread reports (the command's own thread polls counters that workers advance).
 */
final class Progress implements AutoCloseable {
  static final long REDRAW_MILLIS = 100;
  static final long PLAIN_MILLIS = 2_000;
  static final long QUIET_MILLIS = 1_000;
  private static final int BAR_WIDTH = 20;

  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final String phase;
  private final long total;
  private final String unit;
  private final long startNanos;

  private long done;
  private long lastShownNanos;
  private long lastTenth;
  private boolean shown;
  private boolean ended;
  private int drawnWidth;

  /**
   * Starts a phase.
   *
   * @param err where progress goes (the command's stderr)
   * @param terminal whether {@code err} is a terminal: a redrawn bar instead of plain lines
   * @param nanoClock monotonic nanoseconds, {@link System#nanoTime} outside tests
   * @param phase a short name such as {@code append} or {@code verify}
   * @param total the amount of work, at least 1
   * @param unit what is counted, plural (e.g. {@code entries})
   */
  Progress(
      PrintWriter err,
      boolean terminal,
      LongSupplier nanoClock,
      String phase,
      long total,
      String unit) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be at least 1, not " + total);
    }
    this.err = err;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.phase = phase;
    this.total = total;
    this.unit = unit;
    this.startNanos = nanoClock.getAsLong();
    this.lastShownNanos = startNanos;
  }

  /**
   * Starts a phase on the stderr of {@code spec}'s command line, as a bar when that is a terminal.
   */
  static Progress start(CommandSpec spec, String phase, long total, String unit) {
    boolean terminal = spec.root().userObject() instanceof LedgerCli cli && cli.stderrIsTerminal();
    return new Progress(
        spec.commandLine().getErr(), terminal, System::nanoTime, phase, Math.max(1, total), unit);
  }

  /**
   * Whether this process's stderr is a terminal. On Linux it reads where file descriptor 2 points;
   * elsewhere it falls back to the presence of a console (stdin and stdout interactive). A {@code
   * TERM} of {@code dumb} never counts as a terminal.
   */
  static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (Exception e) {
      return System.console() != null;
    }
  }

  /** Records that {@code done} units of the total are done, and shows it if it is time to. */
  void update(long done) {
    if (ended) {
      return;
    }
    this.done = Math.max(0, Math.min(done, total));
    long now = nanoClock.getAsLong();
    if (now - startNanos < millis(QUIET_MILLIS)) {
      return;
    }
    if (terminal) {
      if (!shown || now - lastShownNanos >= millis(REDRAW_MILLIS)) {
        draw(now);
      }
    } else {
      long tenth = this.done * 10 / total;
      // All done is left to the closing line of finish().
      if (this.done < total
          && (!shown || tenth > lastTenth || now - lastShownNanos >= millis(PLAIN_MILLIS))) {
        err.println(line(now, false));
        err.flush();
        lastShown(now, tenth);
      }
    }
  }

  /**
   * Ends the phase as completed: erases the bar, or writes a closing line (with the elapsed time
   * and the mean rate) if any line was written before. Idempotent.
   */
  void finish() {
    if (ended) {
      return;
    }
    ended = true;
    if (!shown) {
      return;
    }
    if (terminal) {
      erase();
    } else {
      err.println(line(nanoClock.getAsLong(), true));
      err.flush();
    }
  }

  /**
   * Ends the phase without a closing line (it failed or was abandoned); erases the bar. Idempotent.
   */
  @Override
  public void close() {
    if (ended) {
      return;
    }
    ended = true;
    if (shown && terminal) {
      erase();
    }
  }

  private void lastShown(long now, long tenth) {
    shown = true;
    lastShownNanos = now;
    lastTenth = tenth;
  }

  private void draw(long now) {
    String text = line(now, false);
    StringBuilder b = new StringBuilder(text.length() + drawnWidth + 1).append('\r').append(text);
    for (int i = text.length(); i < drawnWidth; i++) {
      b.append(' '); // cover what a longer previous line left
    }
    err.print(b);
    err.flush();
    drawnWidth = text.length();
    lastShown(now, done * 10 / total);
  }

  private void erase() {
    err.print("\r" + " ".repeat(drawnWidth) + "\r");
    err.flush();
  }

  /**
   * One report: {@code verify: 4500/10000 entries (45%), 1,234 entries/s}, or the terminal bar
   * form.
   */
  String line(long now, boolean closing) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    long rate = Math.round(done / seconds);
    long percent = done * 100 / total;
    if (closing) {
      return String.format(
          Locale.ROOT,
          "%s: %,d/%,d %s (%d%%) in %.1f s, %,d %s/s",
          phase,
          done,
          total,
          unit,
          percent,
          seconds,
          rate,
          unit);
    }
    if (!terminal) {
      return String.format(
          Locale.ROOT,
          "%s: %,d/%,d %s (%d%%), %,d %s/s",
          phase,
          done,
          total,
          unit,
          percent,
          rate,
          unit);
    }
    int filled = (int) (done * BAR_WIDTH / total);
    String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
    String left =
        rate > 0 && done < total ? ", " + (total - done + rate - 1) / rate + " s left" : "";
    return String.format(
        Locale.ROOT,
        "%-6s [%s] %3d%% %,d/%,d %s, %,d/s%s",
        phase,
        bar,
        percent,
        done,
        total,
        unit,
        rate,
        left);
  }

  private static long millis(long ms) {
    return ms * 1_000_000L;
  }
}
