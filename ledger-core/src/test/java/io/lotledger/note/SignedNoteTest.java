package io.lotledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.error.LedgerException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signed notes per C2SP signed-note: the spec's worked example and the Go reference vector as known
 * answers, the §Signatures verification rules, and the §Format rules on malformed input.
 */
class SignedNoteTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SPEC_SIGNATURE_LINE =
      "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static NoteKey specKey() throws NoteFormatException {
    return NoteKey.parse(NoteExamples.specVkey());
  }

  private static NoteSigner newSigner(String name) {
    return NoteSigner.of(name, Ed25519Signer.generate(RANDOM));
  }

  // --- known answers ---------------------------------------------------------------------------

  @Test
  void specExample_isTheNoteTheTestExpects() {
    assertThat(NoteExamples.specNote())
        .isEqualTo("This is an example message.\n\n" + SPEC_SIGNATURE_LINE);
  }

  @Test
  void specExample_verifiesUnderTheSpecVkey() throws Exception {
    SignedNote note = SignedNote.parse(utf8(NoteExamples.specNote()));

    assertThat(note.text()).isEqualTo("This is an example message.\n");
    assertThat(note.signatures())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.keyName()).isEqualTo("example.com/foo");
              assertThat(s.keyIdHex()).isEqualTo("530d903a");
              assertThat(s.signature()).hasSize(64);
            });
    assertThat(note.verify(List.of(specKey()))).containsExactly(specKey());
  }

  @Test
  void specExample_formatsBackToTheSameBytes() throws Exception {
    byte[] bytes = utf8(NoteExamples.specNote());

    assertThat(SignedNote.parse(bytes).toBytes()).isEqualTo(bytes);
  }

  @Test
  void goReferenceSigner_reproducesThePublishedSignatureByteForByte() throws Exception {
    String skey = NoteExamples.go("peter.skey");
    NoteSigner signer =
        NoteSigner.of(NoteExamples.goSkeyName(skey), NoteExamples.signerFromGoSkey(skey));
    String text = NoteExamples.go("text");

    SignedNote note = SignedNote.sign(text, signer);

    String expected = text + "\n\u2014 PeterNeumann " + NoteExamples.go("peter.signature") + "\n";
    assertThat(note.format()).isEqualTo(expected);
    assertThat(note.toBytes()).isEqualTo(utf8(expected));
    assertThat(signer.key().toVkey()).isEqualTo(NoteExamples.go("peter.vkey"));
  }

  @Test
  void goReferenceNote_verifiesOnlyTheSignaturesOfTrustedKeys() throws Exception {
    String text = NoteExamples.go("text");
    String note =
        text
            + "\n\u2014 PeterNeumann "
            + NoteExamples.go("peter.signature")
            + "\n\u2014 EnochRoot "
            + NoteExamples.go("enoch.signature")
            + "\n";
    NoteKey peter = NoteKey.parse(NoteExamples.go("peter.vkey"));
    NoteKey enoch = NoteKey.parse(NoteExamples.go("enoch.vkey"));
    SignedNote parsed = SignedNote.parse(utf8(note));

    assertThat(parsed.verify(List.of(peter))).containsExactly(peter);
    assertThat(parsed.verify(List.of(enoch))).containsExactly(enoch);
    assertThat(parsed.verify(List.of(enoch, peter))).containsExactly(peter, enoch);
    assertThatThrownBy(() -> parsed.verify(List.of(specKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("no signature by a trusted key")
        .hasMessageContaining("PeterNeumann+c74f20a3")
        .hasMessageContaining("EnochRoot+af0cfe78");
  }

  @Test
  void specIntroExample_keepsBlankLinesOfTheTextAndFailsWithoutItsKey() throws Exception {
    byte[] bytes = utf8(NoteExamples.specIntroNote());

    SignedNote note = SignedNote.parse(bytes);

    assertThat(note.text())
        .startsWith("Ognuno sta solo")
        .contains("sole:\n\ned \u00e8 subito sera.\n")
        .endsWith("sera.\n");
    assertThat(note.signatures())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.keyName()).isEqualTo("quasimodo.example/salvatore");
              assertThat(s.signature()).hasSize(64);
            });
    assertThat(note.toBytes()).isEqualTo(bytes);
    assertThatThrownBy(() -> note.verify(List.of(specKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("no signature by a trusted key");
  }

  // --- verification (signed-note §Signatures) ---------------------------------------------------

  @Test
  void verify_rejectsTheSpecNoteWithItsTextChanged() throws Exception {
    String tampered = NoteExamples.specNote().replace("example message", "exemple message");

    SignedNote note = SignedNote.parse(utf8(tampered));

    assertThatThrownBy(() -> note.verify(List.of(specKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessage(
            "line 3: signature by trusted key example.com/foo+530d903a does not verify over the note text")
        .satisfies(
            e -> {
              assertThat(((NoteVerificationException) e).line()).isEqualTo(3);
              assertThat(((LedgerException) e).code())
                  .isEqualTo(LedgerException.Code.VERIFICATION_FAILED);
            });
  }

  @Test
  void verify_rejectsTheSpecNoteWithOneSignatureBitFlipped() throws Exception {
    SignedNote original = SignedNote.parse(utf8(NoteExamples.specNote()));
    NoteSignature signature = original.signatures().get(0);
    for (int bit = 0; bit < 64 * 8; bit += 37) {
      byte[] bytes = signature.signature();
      bytes[bit / 8] ^= (byte) (1 << (bit % 8));
      SignedNote tampered =
          new SignedNote(
              original.text(),
              List.of(NoteSignature.of(signature.keyName(), signature.keyId(), bytes)));

      assertThatThrownBy(() -> tampered.verify(List.of(specKey())))
          .as("bit %d", bit)
          .isInstanceOf(NoteVerificationException.class)
          .hasMessageContaining("does not verify");
    }
  }

  @Test
  void verify_rejectsASignatureOfTheWrongLengthByATrustedKey() throws Exception {
    SignedNote original = SignedNote.parse(utf8(NoteExamples.specNote()));
    NoteSignature signature = original.signatures().get(0);
    byte[] longer = new byte[65];
    System.arraycopy(signature.signature(), 0, longer, 0, 64);
    SignedNote tampered =
        new SignedNote(
            original.text(), List.of(NoteSignature.of("example.com/foo", 0x530d903a, longer)));

    assertThatThrownBy(() -> tampered.verify(List.of(specKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining(
            "line 3: signature by trusted key example.com/foo+530d903a does not verify");
  }

  @Test
  void verify_failsWhenTheOnlyTrustedKeyIsAnotherKeyOfTheSameName() throws Exception {
    SignedNote note = SignedNote.parse(utf8(NoteExamples.specNote()));
    NoteKey impostor = newSigner("example.com/foo").key();

    // Same name, other key, hence (almost surely) another key ID: the signature is from an unknown
    // key.
    assertThat(impostor.keyId()).isNotEqualTo(0x530d903a);
    assertThatThrownBy(() -> note.verify(List.of(impostor)))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessage(
            "no signature by a trusted key; the note is signed only by [example.com/foo+530d903a]");
  }

  @Test
  void verify_ignoresUnknownKeysButReturnsTheTrustedOnes() throws Exception {
    NoteSigner log = newSigner("log.example/a");
    NoteSigner witness1 = newSigner("witness.example/1");
    NoteSigner witness2 = newSigner("witness.example/2");
    String text = "log.example/a\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
    SignedNote note = SignedNote.sign(text, List.of(witness1, log, witness2));

    SignedNote parsed = SignedNote.parse(note.toBytes());

    assertThat(parsed).isEqualTo(note);
    assertThat(parsed.verify(List.of(log.key()))).containsExactly(log.key());
    assertThat(parsed.verify(List.of(witness2.key(), log.key())))
        .containsExactly(log.key(), witness2.key());
  }

  @Test
  void verify_failsForANoteSignedOnlyByUnknownKeys() {
    SignedNote note =
        SignedNote.sign("hello\n", List.of(newSigner("a.example"), newSigner("b.example")));

    assertThatThrownBy(() -> note.verify(List.of(newSigner("c.example").key())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageStartingWith("no signature by a trusted key");
    assertThatThrownBy(() -> note.verify(List.of()))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageStartingWith("no signature by a trusted key");
  }

  @Test
  void verify_ignoresGarbageSignaturesThatShareOnlyTheNameOrOnlyTheKeyIdOfATrustedKey()
      throws Exception {
    SignedNote spec = SignedNote.parse(utf8(NoteExamples.specNote()));
    byte[] garbage = new byte[64];
    SignedNote note =
        spec.withSignature(NoteSignature.of("example.com/foo", 0x12345678, garbage))
            .withSignature(NoteSignature.of("example.com/bar", 0x530d903a, garbage));

    assertThat(note.signatures()).hasSize(3);
    assertThat(note.verify(List.of(specKey()))).containsExactly(specKey());
  }

  @Test
  void verify_rejectsTheWholeNoteWhenOneTrustedSignatureFailsEvenIfAnotherVerifies()
      throws Exception {
    NoteSigner a = newSigner("a.example");
    NoteSigner b = newSigner("b.example");
    SignedNote good = SignedNote.sign("text\n", List.of(a, b));
    NoteSignature bSignature = good.signatures().get(1);
    byte[] bad = bSignature.signature();
    bad[10] ^= 1;
    SignedNote note = good.withSignature(NoteSignature.of("b.example", bSignature.keyId(), bad));

    assertThat(note.verify(List.of(a.key())).size()).isEqualTo(1);
    assertThatThrownBy(() -> note.verify(List.of(a.key(), b.key())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("line 4: signature by trusted key b.example+");
  }

  @Test
  void verify_countsAKeyOnceEvenIfItSignedTwice() throws Exception {
    String spec = NoteExamples.specNote();
    SignedNote note = SignedNote.parse(utf8(spec + SPEC_SIGNATURE_LINE));

    assertThat(note.signatures()).hasSize(2);
    assertThat(note.verify(List.of(specKey(), specKey()))).containsExactly(specKey());
  }

  // --- signing and building -------------------------------------------------------------------

  @Test
  void sign_producesANoteThatParsesBackEqualAndVerifies() throws Exception {
    NoteSigner signer = newSigner("lotledger.example/log");
    String text = "Größe: 12 kg\n\nsecond paragraph \u2014 with an em dash\n";

    SignedNote note = SignedNote.sign(text, signer);
    SignedNote parsed = SignedNote.parse(note.toBytes());

    assertThat(parsed).isEqualTo(note);
    assertThat(parsed.text()).isEqualTo(text);
    assertThat(parsed.verify(List.of(signer.key()))).containsExactly(signer.key());
  }

  @Test
  void signedBy_replacesTheSignatureOfTheSameKeyAndAppendsOthers() {
    NoteSigner a = newSigner("a.example");
    NoteSigner b = newSigner("b.example");
    SignedNote note = SignedNote.sign("text\n", a);

    SignedNote twice = note.signedBy(b).signedBy(a);

    assertThat(twice.signatures())
        .extracting(NoteSignature::keyName)
        .containsExactly("b.example", "a.example");
  }

  @Test
  void sign_refusesTextsThatAreNotValidNoteTexts() {
    NoteSigner signer = newSigner("a.example");

    assertThatThrownBy(() -> signer.sign("no newline"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end with a newline");
    assertThatThrownBy(() -> signer.sign(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end with a newline");
    assertThatThrownBy(() -> signer.sign("tab\there\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0009");
    assertThatThrownBy(() -> signer.sign("crlf\r\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+000D");
    assertThatThrownBy(() -> signer.sign("lone \ud800 surrogate\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void constructor_requiresAtLeastOneAndAtMostTheLimitOfSignatures() {
    NoteSignature s = newSigner("a.example").sign("t\n");
    List<NoteSignature> tooMany = new ArrayList<>();
    for (int i = 0; i <= SignedNote.MAX_SIGNATURES; i++) {
      tooMany.add(s);
    }

    assertThatThrownBy(() -> new SignedNote("t\n", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedNote("t\n", tooMany))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noteSigner_doesNotShowItsSecretInToString() {
    Ed25519Signer key = Ed25519Signer.generate(RANDOM);
    NoteSigner signer = NoteSigner.of("a.example", key);

    String seedBase64 = Base64.getEncoder().encodeToString(key.exportSeed());
    String seedHex = java.util.HexFormat.of().formatHex(key.exportSeed());
    assertThat(signer.toString())
        .contains(signer.key().toVkey())
        .doesNotContain(seedBase64)
        .doesNotContain(seedHex);
  }

  // --- parsing (signed-note §Format) ----------------------------------------------------------

  @Test
  void parse_treatsSignatureLikeLinesBeforeTheLastBlankLineAsText() throws Exception {
    String note = "first\n\n" + SPEC_SIGNATURE_LINE + "\n" + SPEC_SIGNATURE_LINE;

    SignedNote parsed = SignedNote.parse(utf8(note));

    assertThat(parsed.text()).isEqualTo("first\n\n" + SPEC_SIGNATURE_LINE);
    assertThat(parsed.signatures()).hasSize(1);
  }

  @Test
  void parse_acceptsExactlyTheLimitOfSignaturesAndRejectsOneMore() throws Exception {
    String text = "This is an example message.\n\n";

    SignedNote atLimit =
        SignedNote.parse(utf8(text + SPEC_SIGNATURE_LINE.repeat(SignedNote.MAX_SIGNATURES)));

    assertThat(atLimit.signatures()).hasSize(100);
    assertThat(atLimit.verify(List.of(specKey()))).containsExactly(specKey());
    assertThatThrownBy(
            () ->
                SignedNote.parse(
                    utf8(text + SPEC_SIGNATURE_LINE.repeat(SignedNote.MAX_SIGNATURES + 1))))
        .isInstanceOf(NoteFormatException.class)
        .hasMessage("line 103: note has 101 signature lines, over the limit of 100");
  }

  @Test
  void parse_rejectsANoteOverTheSizeLimit() {
    String big = "x".repeat(SignedNote.MAX_NOTE_BYTES) + "\n\n" + SPEC_SIGNATURE_LINE;

    assertThatThrownBy(() -> SignedNote.parse(utf8(big)))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageContaining("over the limit of 1048576")
        .satisfies(e -> assertThat(((NoteFormatException) e).line()).isZero());
  }

  @Test
  void parse_acceptsANoteJustUnderTheSizeLimit() throws Exception {
    String tail = "\n\n" + SPEC_SIGNATURE_LINE;
    String note = "x".repeat(SignedNote.MAX_NOTE_BYTES - utf8(tail).length) + tail;

    assertThat(SignedNote.parse(utf8(note)).text())
        .hasSize(SignedNote.MAX_NOTE_BYTES - utf8(tail).length + 1);
  }

  static Stream<Arguments> malformedNotes() {
    String text = "This is an example message.\n";
    String sig = SPEC_SIGNATURE_LINE;
    String b64 = sig.substring(sig.lastIndexOf(' ') + 1, sig.length() - 1);
    return Stream.of(
        Arguments.of("empty", utf8(""), "note is empty"),
        Arguments.of(
            "missing blank line",
            utf8(text + sig),
            "note has no blank line separating the text from the signature lines"),
        Arguments.of(
            "no trailing newline",
            utf8(text + "\n" + sig.substring(0, sig.length() - 1)),
            "line 3: note does not end with a newline"),
        Arguments.of("text only", utf8(text), "note has no blank line separating the text"),
        Arguments.of(
            "no signature lines",
            utf8(text + "\n"),
            "line 2: note has no signature lines after the blank line"),
        Arguments.of(
            "bad base64",
            utf8(text + "\n" + sig.replace("Uw2Q", "Uw*Q")),
            "line 3: signature by example.com/foo is not canonical standard base64"),
        Arguments.of(
            "unpadded base64",
            utf8(text + "\n" + sig.replace("aQM=", "aQM")),
            "line 3: signature by example.com/foo is not canonical standard base64"),
        Arguments.of(
            "non-zero padding bits",
            utf8(text + "\n" + sig.replace("aQM=", "aQN=")),
            "line 3: signature by example.com/foo is not canonical standard base64"),
        Arguments.of(
            "signature too short",
            utf8(text + "\n\u2014 example.com/foo U1NTUw==\n"),
            "line 3: signature by example.com/foo is 4 bytes, too short"),
        Arguments.of(
            "hyphen for em dash",
            utf8(text + "\n- example.com/foo " + b64 + "\n"),
            "line 3: signature line does not start with an em dash"),
        Arguments.of(
            "no space after em dash",
            utf8(text + "\n\u2014example.com/foo " + b64 + "\n"),
            "line 3: signature line does not start with an em dash"),
        Arguments.of(
            "no space before signature",
            utf8(text + "\n\u2014 example.com/foo\n"),
            "line 3: signature line has no space between key name and signature"),
        Arguments.of(
            "empty key name", utf8(text + "\n\u2014  " + b64 + "\n"), "line 3: key name is empty"),
        Arguments.of(
            "plus in key name",
            utf8(text + "\n\u2014 example.com+foo " + b64 + "\n"),
            "line 3: key name \"example.com+foo\" contains a plus"),
        Arguments.of(
            "no-break space in key name",
            utf8(text + "\n\u2014 example.com/foo\u00a0x " + b64 + "\n"),
            "line 3: key name \"example.com/foo\u00a0x\" contains a space (U+00A0)"),
        Arguments.of(
            "two spaces in line",
            utf8(text + "\n\u2014 Bad Name " + b64 + "\n"),
            "line 3: signature by Bad is not canonical standard base64"),
        Arguments.of(
            "unexpected line after signatures",
            utf8(text + "\n" + sig + "Unexpected line.\n"),
            "line 4: signature line does not start with an em dash"),
        Arguments.of(
            "tab in text", utf8("tab\there\n\n" + sig), "line 1: control character U+0009"),
        Arguments.of(
            "CRLF line ends",
            utf8(text.replace("\n", "\r\n") + "\r\n" + sig),
            "line 1: control character U+000D"),
        Arguments.of(
            "NUL in signature line",
            utf8(text + "\n" + sig.replace("foo ", "foo\0 ")),
            "line 3: control character U+0000"),
        Arguments.of(
            "signature line too long",
            utf8(
                text
                    + "\n\u2014 "
                    + "n".repeat(SignedNote.MAX_SIGNATURE_LINE_LENGTH)
                    + " "
                    + b64
                    + "\n"),
            "line 3: signature line is 16479 characters, over the limit of 16384"),
        Arguments.of(
            "byte 0xff",
            concat(new byte[] {(byte) 0xff}, utf8(text + "\n" + sig)),
            "line 1: invalid UTF-8 at byte offset 0"),
        Arguments.of(
            "truncated sequence",
            concat(utf8("ok\nx"), new byte[] {(byte) 0xc3}, utf8("\n\n" + sig)),
            "line 2: invalid UTF-8 at byte offset 4"),
        Arguments.of(
            "overlong slash",
            concat(utf8("a"), new byte[] {(byte) 0xc0, (byte) 0xaf}, utf8("\n\n" + sig)),
            "line 1: invalid UTF-8 at byte offset 1"),
        Arguments.of(
            "encoded surrogate",
            concat(
                utf8("a"), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, utf8("\n\n" + sig)),
            "line 1: invalid UTF-8 at byte offset 1"),
        Arguments.of(
            "invalid byte in signature line",
            concat(
                utf8(text + "\n\u2014 example.com/foo"),
                new byte[] {(byte) 0x80},
                utf8(" " + b64 + "\n")),
            "line 3: invalid UTF-8 at byte offset"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedNotes")
  void parse_rejectsAMalformedNoteNamingTheLineAndTheProblem(
      String what, byte[] note, String message) {
    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageStartingWith(message)
        .satisfies(
            e ->
                assertThat(((LedgerException) e).code())
                    .isEqualTo(LedgerException.Code.INVALID_INPUT));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
