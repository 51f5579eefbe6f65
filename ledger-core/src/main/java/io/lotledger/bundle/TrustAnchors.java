package io.lotledger.bundle;

import static io.lotledger.error.LedgerException.Code.INVALID_INPUT;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ActorId;
import io.lotledger.note.NoteKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * What a verifier trusts about one ledger, obtained out of band (from {@code ledger trust}): the
 * ledger's origin, its log key (which signs checkpoints) and its root actor with the root's key
 * (which registers every other actor). The text format (docs/bundle-format.md):
 *
 * <pre>
 * lotledger-trust v1
 * origin demo.lotledger.io/battery
 * log demo.lotledger.io/battery+1a2b3c4d+AUm0...        (a C2SP signed-note verifier key)
 * root urn:epc:id:pgln:4000001.00000 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c
 * </pre>
 *
 * Lines starting with {@code #} and blank lines are ignored. A trust file that cannot be read, is
 * malformed or over {@link #MAX_BYTES} fails with a {@link LedgerException} of code {@link
 * LedgerException.Code#INVALID_INPUT INVALID_INPUT} whose message names the file and line.
 *
 * @param origin the ledger's origin (its log's name)
 * @param logKey the C2SP signed-note verifier key that signs the ledger's checkpoints, named after
 *     {@code origin}
 * @param root the root actor, registered by entry 0
 * @param rootKey the root actor's Ed25519 public key (RFC 8032), which signs entry 0
 */
public record TrustAnchors(String origin, NoteKey logKey, ActorId root, Ed25519PublicKey rootKey) {
  /** The first line of every trust file. */
  public static final String HEADER = "lotledger-trust v1";

  /** Largest trust file accepted. */
  public static final int MAX_BYTES = 64 << 10;

  /**
   * Checks the anchors.
   *
   * @throws IllegalArgumentException if a component is null, or the log key is not named after the
   *     origin
   */
  public TrustAnchors {
    if (origin == null || logKey == null || root == null || rootKey == null) {
      throw new IllegalArgumentException(
          "trust anchors need an origin, a log key, a root actor and its key");
    }
    if (!logKey.name().equals(origin)) {
      throw new IllegalArgumentException(
          "the log key is named " + logKey.name() + ", not after the origin " + origin);
    }
  }

  /** The trust file's text. */
  public String format() {
    return HEADER
        + "\n"
        + "origin "
        + origin
        + "\n"
        + "log "
        + logKey.toVkey()
        + "\n"
        + "root "
        + root.uri()
        + " "
        + rootKey.toHex()
        + "\n";
  }

  /**
   * Reads and parses the trust file at {@code file}.
   *
   * @throws LedgerException with code {@link LedgerException.Code#INVALID_INPUT INVALID_INPUT} if
   *     the file does not exist, cannot be read, is over {@link #MAX_BYTES} or is malformed; the
   *     message names the file (and the line, when malformed)
   */
  public static TrustAnchors read(Path file) throws LedgerException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new LedgerException(
            INVALID_INPUT, "trust file " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      return parse(file.toString(), bytes);
    } catch (NoSuchFileException e) {
      throw new LedgerException(INVALID_INPUT, "trust file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new LedgerException(
          INVALID_INPUT, "cannot read trust file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses trust-file bytes; {@code name} labels errors. */
  public static TrustAnchors parse(String name, byte[] bytes) throws LedgerException {
    if (bytes.length > MAX_BYTES) {
      throw new LedgerException(
          INVALID_INPUT,
          "trust file " + name + " is " + bytes.length + " bytes, larger than " + MAX_BYTES);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new LedgerException(INVALID_INPUT, "trust file " + name + " is not UTF-8", e);
    }
    String origin = null;
    NoteKey log = null;
    ActorId root = null;
    Ed25519PublicKey rootKey = null;
    boolean header = false;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      String where = "trust file " + name + " line " + (n + 1);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.equals(HEADER)) {
          throw new LedgerException(INVALID_INPUT, where + ": expected '" + HEADER + "'");
        }
        header = true;
        continue;
      }
      String[] f = line.split(" +");
      switch (f[0]) {
        case "origin" -> {
          require(f, 2, where);
          origin = once(origin, f[1], where);
        }
        case "log" -> {
          require(f, 2, where);
          log = once(log, value(where, () -> NoteKey.parse(f[1])), where);
        }
        case "root" -> {
          require(f, 3, where);
          root = once(root, value(where, () -> new ActorId(f[1])), where);
          if (f[2].length() != 64) {
            throw new LedgerException(
                INVALID_INPUT, where + ": the root key must be 64 hex digits");
          }
          rootKey = value(where, () -> Ed25519PublicKey.parse(HexFormat.of().parseHex(f[2])));
        }
        default ->
            throw new LedgerException(INVALID_INPUT, where + ": unknown field '" + f[0] + "'");
      }
    }
    if (origin == null || log == null || root == null) {
      throw new LedgerException(
          INVALID_INPUT, "trust file " + name + " needs an origin, a log and a root line");
    }
    try {
      return new TrustAnchors(origin, log, root, rootKey);
    } catch (IllegalArgumentException e) {
      throw new LedgerException(INVALID_INPUT, "trust file " + name + ": " + e.getMessage(), e);
    }
  }

  /** A field's value read by another parser, whose failure is reported at {@code where}. */
  @FunctionalInterface
  private interface FieldValue<T> {
    T read() throws LedgerException;
  }

  private static <T> T value(String where, FieldValue<T> value) throws LedgerException {
    try {
      return value.read();
    } catch (LedgerException | IllegalArgumentException e) {
      throw new LedgerException(INVALID_INPUT, where + ": " + e.getMessage(), e);
    }
  }

  private static void require(String[] f, int n, String where) throws LedgerException {
    if (f.length != n) {
      throw new LedgerException(
          INVALID_INPUT, where + ": '" + f[0] + "' takes " + (n - 1) + " value(s)");
    }
  }

  private static <T> T once(T previous, T value, String where) throws LedgerException {
    if (previous != null) {
      throw new LedgerException(INVALID_INPUT, where + ": field given twice");
    }
    return value;
  }
}
