package io.lotledger.cli;

/**
 * Whether a typo explains the difference between what was typed and a command or option name, for
 * the "did you mean" of a usage error. picocli ranks every name sharing a pair of letters with the
 * typed word ('frobnicate' finds 'init'); this keeps the ones a slip of the fingers explains.
 */
final class Typo {
  private Typo() {}

  /**
   * Whether {@code typed} is within one edit of {@code name} (two for names of six letters or
   * more), an edit being an inserted, deleted or replaced character or two neighbours swapped.
   * Leading dashes of options are ignored.
   */
  static boolean explains(String typed, String name) {
    String a = stripDashes(typed);
    String b = stripDashes(name);
    int allowed = b.length() >= 6 ? 2 : 1;
    return Math.abs(a.length() - b.length()) <= allowed && edits(a, b) <= allowed;
  }

  /**
   * Optimal string alignment distance: Levenshtein plus adjacent transpositions, over rows i-2, i-1
   * and i.
   */
  static int edits(String a, String b) {
    int[] before = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          row[j] = Math.min(row[j], before[j - 2] + 1);
        }
      }
      int[] recycled = before;
      before = previous;
      previous = row;
      row = recycled;
    }
    return previous[b.length()];
  }

  private static String stripDashes(String name) {
    int i = 0;
    while (i < name.length() && name.charAt(i) == '-') {
      i++;
    }
    return name.substring(i);
  }
}
