package io.lotledger.cli;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.entry.ActorSigner;
import io.lotledger.event.ActorId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes an actor's Ed25519 key as a small text file, the only place the CLI touches
 * secret key material.
 *
 * <h2>Format ({@code lotledger-key v1})</h2>
 *
 * Exactly four lines, each ending in a line feed, UTF-8, at most {@value #MAX_BYTES} bytes:
 *
 * <pre>
 * lotledger-key v1
 * actor: urn:lotledger:actor:3d4017c3e843895a
 * public: 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c
 * secret: 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
 * </pre>
 *
 * {@code actor} is the actor's URI; {@code public} is the RFC 8032 public key and {@code secret}
 * the 32-byte seed (the RFC 8032 private key), both as 64 lowercase hex digits. On reading, the
 * public key derived from the seed must equal {@code public}, so a damaged file is caught before it
 * signs.
 *
 * <p><b>Security.</b> Files are created with POSIX mode 600 in the same call that creates them
 * (never readable by others, even briefly) and never overwritten. A key file that group or others
 * may access is refused on reading, as OpenSSH refuses such private keys. The byte and char buffers
 * that held the secret are wiped once the signer holds its copy; the parsed text also passes
 * through Java strings, which cannot be wiped, so this is hygiene, not a guarantee.
 */
final class KeyFile {
  /** The first line, which names the format and its version. */
  static final String HEADER = "lotledger-key v1";

  /** Largest key file read: four short lines fit in far less. */
  static final int MAX_BYTES = 4096;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final HexFormat HEX = HexFormat.of();

  private KeyFile() {}

  /**
   * The default actor of a new key: {@code urn:lotledger:actor:} and the first 16 hex digits of the
   * public key.
   */
  static ActorId defaultActor(Ed25519Signer signer) {
    return new ActorId("urn:lotledger:actor:" + signer.publicKey().toHex().substring(0, 16));
  }

  /**
   * Writes {@code signer}'s key for {@code actor} to a new file {@code file}, mode 600.
   *
   * @throws KeyFileException if the file exists (it is never overwritten), its directory is
   *     missing, or the file system cannot give it owner-only permissions
   */
  static void write(Path file, ActorId actor, Ed25519Signer signer) throws KeyFileException {
    byte[] seed = signer.exportSeed();
    byte[] text =
        (HEADER
                + "\n"
                + "actor: "
                + actor.uri()
                + "\n"
                + "public: "
                + signer.publicKey().toHex()
                + "\n"
                + "secret: "
                + HEX.formatHex(seed)
                + "\n")
            .getBytes(StandardCharsets.UTF_8);
    Arrays.fill(seed, (byte) 0);
    boolean created = false;
    try (SeekableByteChannel out =
        Files.newByteChannel(
            file,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
      created = true;
      ByteBuffer buffer = ByteBuffer.wrap(text);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file, 0, "already exists; refusing to overwrite a key file");
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, 0, "its directory does not exist");
    } catch (UnsupportedOperationException e) {
      throw new KeyFileException(
          file, 0, "the file system has no POSIX permissions, so the key cannot be kept private");
    } catch (IOException e) {
      if (created) {
        deleteQuietly(file);
      }
      throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  /**
   * Reads the key in {@code file}.
   *
   * @throws KeyFileException naming the file (and line) if it is missing, too large, accessible by
   *     group or others, not exactly in the format above, or if its public key does not match its
   *     secret
   */
  static ActorSigner read(Path file) throws KeyFileException {
    if (!Files.isRegularFile(file)) {
      throw new KeyFileException(
          file, 0, Files.exists(file) ? "is not a regular file" : "does not exist");
    }
    requireOwnerOnly(file);
    byte[] bytes = readBounded(file);
    char[] chars = null;
    try {
      chars = decodeUtf8(file, bytes);
      return parse(file, chars);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (chars != null) {
        Arrays.fill(chars, '\0');
      }
    }
  }

  private static ActorSigner parse(Path file, char[] chars) throws KeyFileException {
    String text = new String(chars);
    if (text.indexOf('\r') >= 0) {
      throw new KeyFileException(
          file,
          lineOf(text, text.indexOf('\r')),
          "carriage return found; lines must end in a line feed only");
    }
    if (!text.endsWith("\n")) {
      throw new KeyFileException(file, 0, "must end with a line feed");
    }
    List<String> lines = List.of(text.substring(0, text.length() - 1).split("\n", -1));
    if (lines.size() != 4) {
      throw new KeyFileException(
          file,
          0,
          "must have exactly 4 lines (header, actor, public, secret), not " + lines.size());
    }
    if (!lines.get(0).equals(HEADER)) {
      throw new KeyFileException(file, 1, "expected '" + HEADER + "'");
    }
    String actorText = field(file, lines, 2, "actor");
    ActorId actor;
    try {
      actor = ActorId.parse(actorText);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, 2, e.getMessage());
    }
    byte[] publicKey = hex(file, lines, 3, "public");
    byte[] seed = hex(file, lines, 4, "secret");
    try {
      Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
      if (!signer.publicKey().matches(publicKey)) {
        throw new KeyFileException(
            file,
            3,
            "public key does not match the secret (expected " + signer.publicKey().toHex() + ")");
      }
      return new ActorSigner(actor, signer);
    } catch (InvalidKeyException e) {
      throw new KeyFileException(file, 4, e.getMessage());
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The value of line {@code number}, which must read {@code "<name>: <value>"}. */
  private static String field(Path file, List<String> lines, int number, String name)
      throws KeyFileException {
    String line = lines.get(number - 1);
    String prefix = name + ": ";
    if (!line.startsWith(prefix)) {
      throw new KeyFileException(file, number, "expected '" + prefix + "...'");
    }
    return line.substring(prefix.length());
  }

  /** 32 bytes from exactly 64 lowercase hex digits. */
  private static byte[] hex(Path file, List<String> lines, int number, String name)
      throws KeyFileException {
    String value = field(file, lines, number, name);
    if (value.length() != 64
        || !value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new KeyFileException(
          file,
          number,
          name
              + " must be 64 lowercase hex digits"
              + (name.equals("secret") ? "" : ", not '" + abbreviate(value) + "'"));
    }
    return HEX.parseHex(value);
  }

  private static void requireOwnerOnly(Path file) throws KeyFileException {
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(file, new LinkOption[0]);
    } catch (UnsupportedOperationException e) {
      return; // no POSIX permissions to check (the file system decides who may read)
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read its permissions: " + e.getMessage(), e);
    }
    Set<PosixFilePermission> others = EnumSet.copyOf(mode);
    others.removeAll(
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
    if (!others.isEmpty()) {
      throw new KeyFileException(
          file,
          0,
          "is accessible by group or others (mode "
              + PosixFilePermissions.toString(mode)
              + "); run: chmod 600 "
              + file);
    }
  }

  /** Reads at most {@link #MAX_BYTES} (+1 to detect more), whatever size the file claims. */
  private static byte[] readBounded(Path file) throws KeyFileException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        Arrays.fill(bytes, (byte) 0);
        throw new KeyFileException(
            file, 0, "is larger than " + MAX_BYTES + " bytes; not a lotledger key file");
      }
      return bytes;
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static char[] decodeUtf8(Path file, byte[] bytes) throws KeyFileException {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      char[] out = new char[chars.remaining()];
      chars.get(out);
      Arrays.fill(chars.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw new KeyFileException(file, 0, "is not UTF-8 text");
    }
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the write error is what the caller needs to see
    }
  }
}
