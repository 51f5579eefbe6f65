package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.error.LedgerException;
import io.lotledger.note.NoteKey;
import io.lotledger.testing.TestChain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust file is read strictly: one header, three named fields once each, nothing else. */
class TrustAnchorsTest {
  private final TrustAnchors trust = new BundleFixture().trust();
  private final String origin = "origin " + TestChain.ORIGIN;
  private final String log = "log " + trust.logKey().toVkey();
  private final String root = "root " + trust.root().uri() + " " + trust.rootKey().toHex();

  private static TrustAnchors parse(String text) throws LedgerException {
    return TrustAnchors.parse("t", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  void parse_readsBackWhatFormatWrites() throws Exception {
    TrustAnchors read = parse(trust.format());

    assertThat(read).isEqualTo(trust);
    assertThat(read.format()).isEqualTo(trust.format());
  }

  @Test
  void parse_ignoresCommentsBlankLinesAndFieldOrder() throws Exception {
    String text =
        lines("# from ledger trust", "", TrustAnchors.HEADER, "", root, "# the log", log, origin);

    assertThat(parse(text)).isEqualTo(trust);
  }

  @Test
  void parse_rejectsAFileWithoutTheHeader() {
    assertThatThrownBy(() -> parse(lines(origin, log, root)))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("line 1")
        .hasMessageContaining("expected '" + TrustAnchors.HEADER + "'");
    assertThatThrownBy(() -> parse(lines("lotledger-trust v2", origin, log, root)))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("expected '" + TrustAnchors.HEADER + "'");
  }

  @Test
  void parse_rejectsAnEmptyFileAndMissingFields() {
    assertThatThrownBy(() -> parse(""))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("needs an origin, a log and a root");
    assertThatThrownBy(() -> parse(lines(TrustAnchors.HEADER, origin, log)))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("needs an origin, a log and a root");
  }

  @Test
  void parse_rejectsAnUnknownField() {
    assertThatThrownBy(
            () ->
                parse(
                    lines(
                        TrustAnchors.HEADER, origin, log, root, "witness example.com/w+1234+AAAA")))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("line 5")
        .hasMessageContaining("unknown field 'witness'");
  }

  @Test
  void parse_rejectsEveryFieldGivenTwice() {
    for (String twice : new String[] {origin, log, root}) {
      assertThatThrownBy(() -> parse(lines(TrustAnchors.HEADER, origin, log, root, twice)))
          .as(twice)
          .satisfies(BundleFixture::invalidInput)
          .hasMessageContaining("line 5")
          .hasMessageContaining("given twice");
    }
  }

  @Test
  void parse_rejectsAFieldWithTheWrongNumberOfValues() {
    assertThatThrownBy(() -> parse(lines(TrustAnchors.HEADER, origin + " extra", log, root)))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("'origin' takes 1 value(s)");
  }

  @Test
  void parse_rejectsABadVerifierKey() {
    String vkey = trust.logKey().toVkey();
    String badId = vkey.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
    assertThat(badId).isNotEqualTo(vkey);

    for (String bad :
        new String[] {
          "log " + badId, "log not-a-vkey", "log " + vkey.substring(0, vkey.length() - 4)
        }) {
      assertThatThrownBy(() -> parse(lines(TrustAnchors.HEADER, origin, bad, root)))
          .as(bad)
          .satisfies(BundleFixture::invalidInput)
          .hasMessageContaining("line 3");
    }
  }

  @Test
  void parse_rejectsALogKeyNotNamedAfterTheOrigin() {
    String other =
        "log " + NoteKey.of("other.lotledger.io/ledger", BundleFixture.LOG.publicKey()).toVkey();

    assertThatThrownBy(() -> parse(lines(TrustAnchors.HEADER, origin, other, root)))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("not after the origin " + TestChain.ORIGIN);
  }

  @Test
  void parse_rejectsARootKeyThatIsNot64HexDigits() {
    String hex = trust.rootKey().toHex();
    String uri = "root " + trust.root().uri() + " ";

    assertThatThrownBy(() -> parse(lines(TrustAnchors.HEADER, origin, log, uri + hex.substring(1))))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> parse(lines(TrustAnchors.HEADER, origin, log, uri + hex + "0")))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(
            () -> parse(lines(TrustAnchors.HEADER, origin, log, uri + "zz" + hex.substring(2))))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("line 4");
    assertThatThrownBy(
            () -> parse(lines(TrustAnchors.HEADER, origin, log, "root not-a-uri " + hex)))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("line 4");
  }

  @Test
  void parse_rejectsBytesThatAreNotUtf8() {
    byte[] text = trust.format().getBytes(StandardCharsets.UTF_8);
    byte[] bad = java.util.Arrays.copyOf(text, text.length + 3);
    bad[text.length] = '#';
    bad[text.length + 1] = (byte) 0xc3; // a lead byte followed by no continuation byte
    bad[text.length + 2] = '\n';

    assertThatThrownBy(() -> TrustAnchors.parse("t", bad))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void parseAndRead_rejectAFileOverTheLimitButNotOneAtIt(@TempDir Path dir) throws Exception {
    byte[] atLimit = padded(trust.format(), TrustAnchors.MAX_BYTES);
    byte[] over = padded(trust.format(), TrustAnchors.MAX_BYTES + 1);
    Path atLimitFile = Files.write(dir.resolve("at"), atLimit);
    Path overFile = Files.write(dir.resolve("over"), over);

    assertThat(TrustAnchors.parse("at", atLimit)).isEqualTo(trust);
    assertThat(TrustAnchors.read(atLimitFile)).isEqualTo(trust);
    assertThatThrownBy(() -> TrustAnchors.parse("over", over))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("larger than " + TrustAnchors.MAX_BYTES);
    assertThatThrownBy(() -> TrustAnchors.read(overFile))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("larger than " + TrustAnchors.MAX_BYTES);
  }

  @Test
  void read_reportsAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> TrustAnchors.read(dir.resolve("absent")))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("does not exist");
  }

  /** {@code text} followed by a comment line that brings it to exactly {@code length} bytes. */
  private static byte[] padded(String text, int length) {
    StringBuilder b = new StringBuilder(text).append('#');
    while (b.length() < length - 1) {
      b.append('x');
    }
    return b.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
  }
}
