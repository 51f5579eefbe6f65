package io.lotledger.note;

import io.lotledger.log.NodeHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A log's tree head as a C2SP tlog-checkpoint note text: the origin (the log's identity), the tree
 * size and the RFC 9162 root hash, then optional extension lines.
 *
 * <pre>
 * example.com/behind-the-sofa
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * </pre>
 *
 * <p>{@code size} is an unsigned 64-bit count: compare it with {@link Long#compareUnsigned} and
 * print it with {@link Long#toUnsignedString(long)}. Extension lines are opaque and, as
 * tlog-checkpoint §Note text says, not recommended; lotledger writes none. A checkpoint is only a
 * claim until its signed note verifies: see {@link SignedCheckpoint}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param origin the log's identity, the note's first line
 * @param size the tree size, unsigned
 * @param root the RFC 9162 root hash of the tree of {@code size} leaves
 * @param extensions the extension lines, without their newlines; usually empty
 */
public record Checkpoint(String origin, long size, NodeHash root, List<String> extensions) {
  /** Largest tree size, in decimal digits (2^64 - 1 has 20). */
  private static final int MAX_SIZE_DIGITS = 20;

  /**
   * A checkpoint; each line must be non-empty and free of control characters and newlines.
   *
   * @throws IllegalArgumentException naming the bad line
   */
  public Checkpoint {
    checkLine("origin", origin);
    Objects.requireNonNull(root, "root");
    extensions = List.copyOf(extensions);
    for (String extension : extensions) {
      checkLine("extension line", extension);
    }
  }

  /** A checkpoint without extension lines. */
  public static Checkpoint of(String origin, long size, NodeHash root) {
    return new Checkpoint(origin, size, root, List.of());
  }

  /**
   * Reads a checkpoint note text strictly (C2SP tlog-checkpoint §Note text): a non-empty origin;
   * the size in decimal without sign or leading zeros (only {@code 0} itself may start with 0), at
   * most 2^64 - 1; the root as canonical standard base64 of exactly 32 bytes; then non-empty
   * extension lines; every line ends in a newline.
   *
   * <p>The origin is not required to be a URL or free of spaces: the spec says clients must not
   * assume it is.
   *
   * @throws NoteFormatException naming the line and the rule it breaks
   */
  public static Checkpoint parse(String text) throws NoteFormatException {
    Objects.requireNonNull(text, "text");
    if (text.length() > SignedNote.MAX_NOTE_BYTES) {
      throw new NoteFormatException(
          "checkpoint is "
              + text.length()
              + " characters, over the limit of "
              + SignedNote.MAX_NOTE_BYTES);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        throw new NoteFormatException(lines.size() + 1, "checkpoint does not end with a newline");
      }
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    if (lines.size() < 3) {
      throw new NoteFormatException(
          "checkpoint has " + lines.size() + " lines; it needs origin, tree size and root hash");
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        throw new NoteFormatException(i + 1, "checkpoint lines must be non-empty");
      }
      for (int j = 0; j < line.length(); j++) {
        if (line.charAt(j) < 0x20) {
          throw new NoteFormatException(
              i + 1, String.format("control character U+%04X", (int) line.charAt(j)));
        }
      }
    }
    long size = parseSize(lines.get(1));
    byte[] root = SignedNote.decodeBase64(lines.get(2));
    if (root == null) {
      throw new NoteFormatException(
          3, "root hash " + NoteKey.quote(lines.get(2)) + " is not canonical standard base64");
    }
    if (root.length != NodeHash.LENGTH) {
      throw new NoteFormatException(
          3, "root hash must be " + NodeHash.LENGTH + " bytes, not " + root.length);
    }
    return new Checkpoint(lines.get(0), size, NodeHash.of(root), lines.subList(3, lines.size()));
  }

  private static long parseSize(String line) throws NoteFormatException {
    if (line.length() > MAX_SIZE_DIGITS) {
      throw new NoteFormatException(2, "tree size " + NoteKey.quote(line) + " is over 2^64 - 1");
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new NoteFormatException(
            2, "tree size " + NoteKey.quote(line) + " is not a decimal number (digits 0-9 only)");
      }
    }
    if (line.length() > 1 && line.charAt(0) == '0') {
      throw new NoteFormatException(2, "tree size " + NoteKey.quote(line) + " has a leading zero");
    }
    try {
      return Long.parseUnsignedLong(line);
    } catch (NumberFormatException e) {
      throw new NoteFormatException(2, "tree size " + NoteKey.quote(line) + " is over 2^64 - 1");
    }
  }

  /** The note text: origin, size, base64 root, each extension line, each ending in a newline. */
  public String toNoteText() {
    StringBuilder out = new StringBuilder(origin.length() + 70);
    out.append(origin).append('\n');
    out.append(Long.toUnsignedString(size)).append('\n');
    out.append(root.toBase64()).append('\n');
    for (String extension : extensions) {
      out.append(extension).append('\n');
    }
    return out.toString();
  }

  private static void checkLine(String what, String line) {
    Objects.requireNonNull(line, what);
    if (line.isEmpty()) {
      throw new IllegalArgumentException("checkpoint " + what + " must be non-empty");
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20) {
        throw new IllegalArgumentException(
            String.format(
                "checkpoint %s %s has control character U+%04X",
                what, NoteKey.quote(line), (int) c));
      }
    }
  }
}
