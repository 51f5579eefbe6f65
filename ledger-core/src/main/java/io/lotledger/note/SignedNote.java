package io.lotledger.note;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A text signed by one or more keys, in the C2SP signed-note format: the text (ending in a
 * newline), a blank line, then one signature line per signature.
 *
 * <pre>
 * This is an example message.
 *
 * — example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=
 * </pre>
 *
 * <p>Per C2SP signed-note §Format, a note is valid UTF-8 with no control characters but newline,
 * and its text is separated from the signatures by the <em>last</em> blank line (the text itself
 * may contain blank lines). {@link #parse} enforces that and the limits below; {@link #verify}
 * applies §Signatures. The text must be ignored until {@link #verify} succeeds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the note text, ending in a newline
 * @param signatures the signature lines, in order
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** Largest note {@link #parse} reads, in bytes. */
  public static final int MAX_NOTE_BYTES = 1 << 20;

  /**
   * Most signature lines {@link #parse} reads; signed-note §Format requires at least 16, and this
   * leaves room for many witness cosignatures.
   */
  public static final int MAX_SIGNATURES = 100;

  /** Longest signature line, in characters: room for post-quantum signatures of about 5 kB. */
  public static final int MAX_SIGNATURE_LINE_LENGTH = 16 * 1024;

  /**
   * A note of {@code text} and {@code signatures}, in order.
   *
   * @throws IllegalArgumentException if the text is not a valid note text (non-empty, ending in a
   *     newline, no control characters but newline, no unpaired surrogates), there are no
   *     signatures or more than {@link #MAX_SIGNATURES}, or the note would exceed {@link
   *     #MAX_NOTE_BYTES}, so that every note built here is one {@link #parse} reads back
   */
  public SignedNote {
    checkText(text);
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException("a signed note needs at least one signature");
    }
    if (signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a signed note has at most " + MAX_SIGNATURES + " signatures, not " + signatures.size());
    }
    long size = utf8Length(text) + 1;
    for (NoteSignature signature : signatures) {
      String line = signature.toLine();
      if (line.length() - 1 > MAX_SIGNATURE_LINE_LENGTH) {
        throw new IllegalArgumentException(
            "signature line by "
                + signature.keyName()
                + " is "
                + (line.length() - 1)
                + " characters, over the limit of "
                + MAX_SIGNATURE_LINE_LENGTH);
      }
      size += utf8Length(line);
    }
    if (size > MAX_NOTE_BYTES) {
      throw new IllegalArgumentException(
          "signed note would be " + size + " bytes, over the limit of " + MAX_NOTE_BYTES);
    }
  }

  /** Signs {@code text} with {@code signer}; see {@link NoteSigner#sign}. */
  public static SignedNote sign(String text, NoteSigner signer) {
    return new SignedNote(text, List.of(signer.sign(text)));
  }

  /** Signs {@code text} with each of {@code signers}, in order. */
  public static SignedNote sign(String text, List<NoteSigner> signers) {
    List<NoteSignature> signatures = new ArrayList<>(signers.size());
    for (NoteSigner signer : signers) {
      signatures.add(signer.sign(text));
    }
    return new SignedNote(text, signatures);
  }

  /**
   * This note with {@code signature} added, e.g. a witness's; it replaces a signature by the same
   * key name and key ID, since a key signs a text once.
   */
  public SignedNote withSignature(NoteSignature signature) {
    Objects.requireNonNull(signature, "signature");
    List<NoteSignature> updated = new ArrayList<>(signatures.size() + 1);
    for (NoteSignature s : signatures) {
      if (!(s.keyName().equals(signature.keyName()) && s.keyId() == signature.keyId())) {
        updated.add(s);
      }
    }
    updated.add(signature);
    return new SignedNote(text, updated);
  }

  /** This note with {@code signer}'s signature of the text added; see {@link #withSignature}. */
  public SignedNote signedBy(NoteSigner signer) {
    return withSignature(signer.sign(text));
  }

  /**
   * Reads a signed note, checking C2SP signed-note §Format and the limits of this class. Signatures
   * are not verified: call {@link #verify} before using the text.
   *
   * @throws NoteFormatException naming the offending line and rule
   */
  public static SignedNote parse(byte[] note) throws NoteFormatException {
    Objects.requireNonNull(note, "note");
    if (note.length > MAX_NOTE_BYTES) {
      throw new NoteFormatException(
          "note is " + note.length + " bytes, over the limit of " + MAX_NOTE_BYTES);
    }
    String s = decodeUtf8(note);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new NoteFormatException(
            lineAt(s, i),
            String.format("control character U+%04X; only newline is allowed", (int) c));
      }
    }
    if (s.isEmpty()) {
      throw new NoteFormatException("note is empty");
    }
    if (s.charAt(s.length() - 1) != '\n') {
      throw new NoteFormatException(lineAt(s, s.length() - 1), "note does not end with a newline");
    }
    // signed-note §Format: the text is separated from the signatures by the last empty line.
    int blank = s.lastIndexOf("\n\n");
    if (blank < 0) {
      throw new NoteFormatException(
          "note has no blank line separating the text from the signature lines");
    }
    String text = s.substring(0, blank + 1);
    String block = s.substring(blank + 2);
    int firstSignatureLine = countNewlines(text) + 2;
    if (block.isEmpty()) {
      throw new NoteFormatException(
          firstSignatureLine - 1, "note has no signature lines after the blank line");
    }
    int count = countNewlines(block);
    if (count > MAX_SIGNATURES) {
      throw new NoteFormatException(
          firstSignatureLine + MAX_SIGNATURES,
          "note has " + count + " signature lines, over the limit of " + MAX_SIGNATURES);
    }
    List<NoteSignature> signatures = new ArrayList<>(count);
    int start = 0;
    for (int i = 0; i < count; i++) {
      int end = block.indexOf('\n', start);
      signatures.add(parseSignatureLine(block.substring(start, end), firstSignatureLine + i));
      start = end + 1;
    }
    return new SignedNote(text, signatures);
  }

  private static NoteSignature parseSignatureLine(String line, int lineNumber)
      throws NoteFormatException {
    if (line.length() > MAX_SIGNATURE_LINE_LENGTH) {
      throw new NoteFormatException(
          lineNumber,
          "signature line is "
              + line.length()
              + " characters, over the limit of "
              + MAX_SIGNATURE_LINE_LENGTH);
    }
    if (!line.startsWith(NoteSignature.LINE_PREFIX)) {
      throw new NoteFormatException(
          lineNumber,
          "signature line does not start with an em dash (U+2014) and a space: "
              + NoteKey.quote(line));
    }
    String rest = line.substring(NoteSignature.LINE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new NoteFormatException(
          lineNumber, "signature line has no space between key name and signature");
    }
    String name = rest.substring(0, space);
    String problem = NoteKey.nameProblem(name);
    if (problem != null) {
      throw new NoteFormatException(lineNumber, problem);
    }
    byte[] idAndSignature = decodeBase64(rest.substring(space + 1));
    if (idAndSignature == null) {
      throw new NoteFormatException(
          lineNumber, "signature by " + name + " is not canonical standard base64");
    }
    if (idAndSignature.length < 5) {
      throw new NoteFormatException(
          lineNumber,
          "signature by "
              + name
              + " is "
              + idAndSignature.length
              + " bytes, too short for a 4-byte key ID and a signature");
    }
    int keyId =
        (idAndSignature[0] & 0xff) << 24
            | (idAndSignature[1] & 0xff) << 16
            | (idAndSignature[2] & 0xff) << 8
            | idAndSignature[3] & 0xff;
    byte[] signature = new byte[idAndSignature.length - 4];
    System.arraycopy(idAndSignature, 4, signature, 0, signature.length);
    return NoteSignature.wrap(name, keyId, signature);
  }

  /**
   * Verifies this note against {@code trusted} keys, per C2SP signed-note §Signatures: signatures
   * whose key name and key ID do not both match a trusted key are ignored; every signature that
   * does match must verify; and at least one must.
   *
   * @return the trusted keys whose signatures verified, in signature order, each once
   * @throws NoteVerificationException naming the line of a bad signature, or saying that no trusted
   *     key signed the note
   * @throws IllegalArgumentException if two different trusted keys share name and key ID, which
   *     would make the note ambiguous
   */
  public List<NoteKey> verify(Collection<NoteKey> trusted) throws NoteVerificationException {
    Map<String, NoteKey> byNameAndId = new HashMap<>();
    for (NoteKey key : trusted) {
      NoteKey previous = byNameAndId.putIfAbsent(key.name() + "+" + key.keyIdHex(), key);
      if (previous != null && !previous.equals(key)) {
        throw new IllegalArgumentException(
            "trusted keys " + previous + " and " + key + " share key name and key ID");
      }
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    int line = countNewlines(text) + 2;
    Set<NoteKey> verified = new LinkedHashSet<>();
    for (NoteSignature signature : signatures) {
      NoteKey key = byNameAndId.get(signature.keyName() + "+" + signature.keyIdHex());
      if (key != null) {
        // signed-note §Signatures: a known key's signature MUST be verified, and a failure SHOULD
        // reject the whole note; lotledger does.
        if (!key.publicKey().verify(signature.raw(), message)) {
          throw new NoteVerificationException(
              line,
              "signature by trusted key "
                  + key.name()
                  + "+"
                  + key.keyIdHex()
                  + " does not verify over the note text");
        }
        verified.add(key);
      }
      line++;
    }
    if (verified.isEmpty()) {
      List<String> signers = new ArrayList<>();
      for (NoteSignature s : signatures) {
        signers.add(s.keyName() + "+" + s.keyIdHex());
      }
      throw new NoteVerificationException(
          "no signature by a trusted key; the note is signed only by " + signers);
    }
    return List.copyOf(verified);
  }

  /** The note in its text form: text, blank line, signature lines. */
  public String format() {
    StringBuilder out = new StringBuilder(text.length() + 1 + signatures.size() * 100);
    out.append(text).append('\n');
    for (NoteSignature signature : signatures) {
      out.append(signature.toLine());
    }
    return out.toString();
  }

  /** The UTF-8 bytes of {@link #format()}, which {@link #parse} reads back. */
  public byte[] toBytes() {
    return format().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks a note text against C2SP signed-note §Format: non-empty, ending in a newline, no control
   * characters other than newline, and encodable as UTF-8 (no unpaired surrogates) within {@link
   * #MAX_NOTE_BYTES}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  static void checkText(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
      throw new IllegalArgumentException(
          "note text must end with a newline: " + NoteKey.quote(text));
    }
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp < 0x20 && cp != '\n') {
        throw new IllegalArgumentException(
            String.format("note text line %d has control character U+%04X", lineAt(text, i), cp));
      }
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        throw new IllegalArgumentException(
            "note text line " + lineAt(text, i) + " has an unpaired surrogate, which is not UTF-8");
      }
      i += Character.charCount(cp);
    }
    if (utf8Length(text) > MAX_NOTE_BYTES) {
      throw new IllegalArgumentException(
          "note text is over the limit of " + MAX_NOTE_BYTES + " bytes");
    }
  }

  /**
   * Decodes canonical standard base64 (RFC 4648 §4, with padding), or returns null: Java's decoder
   * alone accepts missing padding and non-zero trailing bits, so the result must re-encode to the
   * input.
   */
  static byte[] decodeBase64(String s) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getEncoder().encodeToString(decoded).equals(s) ? decoded : null;
  }

  private static String decodeUtf8(byte[] bytes) throws NoteFormatException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new NoteFormatException(line, "invalid UTF-8 at byte offset " + offset);
    }
    return out.flip().toString();
  }

  private static int utf8Length(String s) {
    int length = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  private static int countNewlines(String s) {
    int count = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  /** The 1-based line of the character at {@code index}. */
  private static int lineAt(String s, int index) {
    return countNewlines(s.substring(0, index)) + 1;
  }
}
