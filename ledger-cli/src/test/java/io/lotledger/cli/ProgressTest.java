package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.Ledger;
import io.lotledger.examples.synthetic.SyntheticChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long MS = 1_000_000L;

  /** A clock the test moves by hand. */
  private static final class FakeClock {
    long nanos = 123 * MS;

    void advanceMillis(long ms) {
      nanos += ms * MS;
    }
  }

  private final FakeClock clock = new FakeClock();
  private final StringWriter written = new StringWriter();

  private Progress progress(boolean terminal, long total) {
    return new Progress(
        new PrintWriter(written, true), terminal, () -> clock.nanos, "verify", total, "entries");
  }

  private List<String> lines() {
    return written.toString().lines().toList();
  }

  @Test
  void plain_writesNothingForAPhaseThatEndsWithinTheQuietSecond() {
    Progress p = progress(false, 1000);
    clock.advanceMillis(900);
    p.update(1000);
    p.finish();

    assertThat(written.toString()).isEmpty();
  }

  @Test
  void plain_writesALineForEachTenthAndOtherwiseEveryTwoSecondsThenAClosingLine() {
    Progress p = progress(false, 10_000);
    clock.advanceMillis(500);
    p.update(500); // quiet second: nothing yet
    clock.advanceMillis(600);
    p.update(1_100); // first line
    clock.advanceMillis(100);
    p.update(1_200); // same tenth, 0.1 s later: throttled
    clock.advanceMillis(100);
    p.update(2_050); // a new tenth
    clock.advanceMillis(1_500);
    p.update(2_500); // same tenth, 1.5 s: throttled
    clock.advanceMillis(600);
    p.update(2_600); // same tenth, 2.1 s since the last line
    clock.advanceMillis(400);
    p.update(10_000); // all done is left to the closing line
    p.finish();

    assertThat(lines())
        .containsExactly(
            "verify: 1,100/10,000 entries (11%), 1,000 entries/s",
            "verify: 2,050/10,000 entries (20%), 1,577 entries/s",
            "verify: 2,600/10,000 entries (26%), 765 entries/s",
            "verify: 10,000/10,000 entries (100%) in 3.8 s, 2,632 entries/s");
  }

  @Test
  void plain_manyUpdatesWithinOneTenthAndTwoSeconds_writeOneLine() {
    Progress p = progress(false, 1_000_000);
    clock.advanceMillis(1_000);
    for (int i = 0; i < 1_900; i++) {
      clock.advanceMillis(1);
      p.update(1_000 + i * 10L);
    }

    assertThat(lines()).hasSize(1);
  }

  @Test
  void plain_closedWithoutFinishing_writesNoClosingLine() {
    Progress p = progress(false, 100);
    clock.advanceMillis(1_500);
    p.update(40);
    p.close();
    p.update(90);
    p.finish();

    assertThat(lines()).containsExactly("verify: 40/100 entries (40%), 27 entries/s");
  }

  @Test
  void terminal_redrawsOneLineInPlaceAtMostTenTimesASecondAndErasesItAtTheEnd() {
    Progress p = progress(true, 4_000);
    for (int i = 1; i <= 4_000; i++) {
      clock.advanceMillis(1); // an update every millisecond for four seconds
      p.update(i);
    }
    String beforeFinish = written.toString();
    p.finish();
    String all = written.toString();

    long redraws = beforeFinish.chars().filter(c -> c == '\r').count();
    // Three seconds after the quiet one, at most one redraw per 100 ms (plus the first).
    assertThat(redraws).isBetween(25L, 31L);
    assertThat(all).doesNotContain("\n");
    assertThat(beforeFinish)
        .contains("verify [##########..........]  50% 2,000/4,000 entries, 1,000/s, 2 s left");
    // The final erase: back to column 0, blanks over the bar, back to column 0.
    assertThat(all.substring(beforeFinish.length())).matches("\r +\r");
  }

  @Test
  void terminal_shorterLineCoversTheRestOfTheLongerOneBefore() {
    Progress p = progress(true, 100_000);
    clock.advanceMillis(1_000);
    p.update(1); // "... 1/s, 99999 s left": long
    clock.advanceMillis(99_000);
    p.update(100_000); // no time left: shorter
    String[] draws = written.toString().split("\r", -1);

    assertThat(draws).hasSize(3);
    assertThat(draws[2].length()).isEqualTo(draws[1].length());
    assertThat(draws[2]).startsWith("verify [####################] 100%").endsWith(" ");
  }

  @Test
  void verify_reportsTheEntriesVerificationHasReached() throws Exception {
    try (Ledger ledger =
        Ledger.inMemory()
            .create(SyntheticChain.ORIGIN, SyntheticChain.root(), SyntheticChain.rootName())) {
      new SyntheticChain(50, 3, 1).record(ledger, n -> {});
      // 100 ms pass with every entry checked: the quiet second ends at the tenth.
      Progress p =
          new Progress(
              new PrintWriter(written, true),
              false,
              () -> clock.nanos += 100 * MS,
              "verify",
              ledger.size(),
              "entries");
      ledger.verify(p::update);
      p.finish();
    }

    assertThat(lines()).first().asString().startsWith("verify: 10/50 entries (20%)");
    assertThat(lines()).contains("verify: 25/50 entries (50%), 10 entries/s");
    assertThat(lines()).last().asString().startsWith("verify: 50/50 entries (100%) in 5.");
  }

  @Test
  void total_mustBePositive() {
    assertThatThrownBy(() -> progress(false, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
