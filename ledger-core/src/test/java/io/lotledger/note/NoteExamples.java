package io.lotledger.note;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worked examples the note tests check, read from the classpath: the C2SP specs as published
 * (specs/c2sp, see SOURCE.txt there) and the Go reference implementation's vector
 * (vectors/go-sumdb-note). Values are extracted from the spec text rather than retyped, so a typo
 * cannot make a known answer agree with the code.
 */
final class NoteExamples {
  private static final String SIGNED_NOTE = read("/specs/c2sp/signed-note.md");
  private static final String TLOG_CHECKPOINT = read("/specs/c2sp/tlog-checkpoint.md");
  private static final Properties GO = properties("/vectors/go-sumdb-note/note.properties");

  private NoteExamples() {}

  /** signed-note §Verifier keys, Example: the vkey (the indented line after "verifier key"). */
  static String specVkey() {
    Matcher m =
        Pattern.compile("The following verifier key\\n\\n {4}(\\S+)\\n").matcher(SIGNED_NOTE);
    if (!m.find()) {
      throw new IllegalStateException("signed-note.md has no example verifier key");
    }
    return m.group(1);
  }

  /** signed-note §Verifier keys, Example: the signed note the vkey verifies. */
  static String specNote() {
    return fencedBlockAfter(SIGNED_NOTE, "verifies the following signed note");
  }

  /** The signed note at the top of signed-note.md, signed by a key the spec does not give. */
  static String specIntroNote() {
    return fencedBlockAfter(SIGNED_NOTE, "# Note");
  }

  /**
   * The signed checkpoint at the top of tlog-checkpoint.md, signed by a key the spec does not give.
   */
  static String specCheckpoint() {
    return fencedBlockAfter(TLOG_CHECKPOINT, "# Transparency Log Checkpoints");
  }

  static String go(String key) {
    String value = GO.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("note.properties has no " + key);
    }
    return value;
  }

  /**
   * Reads Go's skey {@code PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 || seed)}. Test-only: the
   * format is Go's, not part of C2SP signed-note, and lotledger keeps seeds in its own key files.
   */
  static Ed25519Signer signerFromGoSkey(String skey) throws InvalidKeyException {
    String prefix = "PRIVATE+KEY+";
    if (!skey.startsWith(prefix)) {
      throw new IllegalArgumentException("not an skey: " + skey);
    }
    String[] parts = skey.substring(prefix.length()).split("\\+", 3);
    byte[] typeAndSeed = Base64.getDecoder().decode(parts[2]);
    if (typeAndSeed.length != 33 || typeAndSeed[0] != 0x01) {
      throw new IllegalArgumentException("not an Ed25519 skey: " + skey);
    }
    return Ed25519Signer.fromSeed(Arrays.copyOfRange(typeAndSeed, 1, 33));
  }

  /** Key name of Go's skey. */
  static String goSkeyName(String skey) {
    return skey.substring("PRIVATE+KEY+".length()).split("\\+", 3)[0];
  }

  /** Hex key ID of Go's skey. */
  static String goSkeyId(String skey) {
    return skey.substring("PRIVATE+KEY+".length()).split("\\+", 3)[1];
  }

  private static String fencedBlockAfter(String markdown, String marker) {
    int at = markdown.indexOf(marker);
    int open = at < 0 ? -1 : markdown.indexOf("```\n", at);
    int close = open < 0 ? -1 : markdown.indexOf("\n```", open + 4);
    if (close < 0) {
      throw new IllegalStateException("no fenced block after " + marker);
    }
    return markdown.substring(open + 4, close + 1);
  }

  private static String read(String resource) {
    try (InputStream in = NoteExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties properties(String resource) {
    Properties p = new Properties();
    try (InputStream in = NoteExamples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
