package io.lotledger.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names the field a byte of a well-formed bundle file belongs to ("entries[3].inclusion[1]", "lot
 * (length)"), so that a failing tamper test says which part of the format let a change through.
 * Reads the protobuf wire format by hand; only for bundles this code wrote.
 */
final class BundleLayout {
  private static final Map<Integer, String> TOP =
      Map.of(
          1,
          "origin",
          2,
          "lot",
          3,
          "checkpoint",
          4,
          "entries",
          5,
          "consistency",
          14,
          "entries_total",
          15,
          "consistency_total");
  private static final Map<Integer, String> ENTRY = Map.of(1, "index", 2, "entry", 3, "inclusion");
  private static final Map<Integer, String> CONSISTENCY = Map.of(1, "checkpoint", 2, "path");

  /** One protobuf record: where its tag starts, where its payload starts and ends. */
  record Field(String name, int start, int payload, int end) {}

  private BundleLayout() {}

  /** Every record of the file, outermost first, with absolute offsets. */
  static List<Field> fields(byte[] file) {
    List<Field> out = new ArrayList<>();
    walk(file, Bundle.MAGIC.length + 1, file.length, "", TOP, out);
    return out;
  }

  /**
   * The top-level records' start offsets: the only places a file can be cut into a shorter message.
   */
  static List<Integer> topLevelStarts(byte[] file) {
    List<Integer> out = new ArrayList<>();
    for (Field f : fields(file)) {
      if (!f.name().contains(".")) {
        out.add(f.start());
      }
    }
    return out;
  }

  /** A description of the byte at {@code offset}. */
  static String describe(byte[] file, int offset) {
    if (offset < Bundle.MAGIC.length) {
      return "magic";
    }
    if (offset == Bundle.MAGIC.length) {
      return "version";
    }
    String best = "outside any field";
    for (Field f : fields(file)) {
      if (offset >= f.start() && offset < f.end()) {
        best =
            f.name()
                + (offset < f.payload()
                    ? " (tag or length)"
                    : " (payload byte " + (offset - f.payload()) + ")");
      }
    }
    return best;
  }

  private static void walk(
      byte[] b, int from, int to, String prefix, Map<Integer, String> names, List<Field> out) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    int pos = from;
    while (pos < to) {
      int start = pos;
      long[] tag = varint(b, pos);
      pos = (int) tag[1];
      int number = (int) (tag[0] >>> 3);
      int wire = (int) (tag[0] & 7);
      String base = names.getOrDefault(number, "field" + number);
      int n = counts.merge(base, 1, Integer::sum) - 1;
      String name =
          prefix
              + base
              + (base.equals("entries")
                      || base.equals("consistency")
                      || base.equals("inclusion")
                      || base.equals("path")
                  ? "[" + n + "]"
                  : "");
      int payload;
      int end;
      if (wire == 0) {
        payload = pos;
        end = (int) varint(b, pos)[1];
      } else if (wire == 2) {
        long[] len = varint(b, pos);
        payload = (int) len[1];
        end = payload + (int) len[0];
      } else {
        throw new IllegalArgumentException("unexpected wire type " + wire + " at " + start);
      }
      out.add(new Field(name, start, payload, end));
      if (names == TOP && number == 4) {
        walk(b, payload, end, name + ".", ENTRY, out);
      } else if (names == TOP && number == 5) {
        walk(b, payload, end, name + ".", CONSISTENCY, out);
      }
      pos = end;
    }
  }

  /** The varint at {@code pos}: its value and the offset after it. */
  private static long[] varint(byte[] b, int pos) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b[pos++] & 0xff;
      value |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        return new long[] {value, pos};
      }
    }
  }
}
