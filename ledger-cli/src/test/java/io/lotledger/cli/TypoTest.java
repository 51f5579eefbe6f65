package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypoTest {

  @Test
  void edits_countsInsertionsDeletionsReplacementsAndSwapsOfNeighbours() {
    assertThat(Typo.edits("trace", "trace")).isZero();
    assertThat(Typo.edits("trce", "trace")).isEqualTo(1);
    assertThat(Typo.edits("tracee", "trace")).isEqualTo(1);
    assertThat(Typo.edits("trice", "trace")).isEqualTo(1);
    assertThat(Typo.edits("tarce", "trace")).isEqualTo(1);
    assertThat(Typo.edits("", "lots")).isEqualTo(4);
    assertThat(Typo.edits("frobnicate", "init")).isEqualTo(7);
  }

  @Test
  void explains_oneEditForShortNamesTwoFromSixLetters_ignoringOptionDashes() {
    assertThat(Typo.explains("lts", "lots")).isTrue();
    assertThat(Typo.explains("lt", "lots")).isFalse();
    assertThat(Typo.explains("verfiy", "verify")).isTrue();
    assertThat(Typo.explains("vrfy", "verify")).isTrue();
    assertThat(Typo.explains("--jsno", "--json")).isTrue();
    assertThat(Typo.explains("--bogus", "--trust")).isFalse();
    assertThat(Typo.explains("frobnicate", "init")).isFalse();
  }
}
