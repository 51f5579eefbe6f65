package io.lotledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.log.NodeHash;
import io.lotledger.log.TreeHasher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints per C2SP tlog-checkpoint: the spec's example, strict parsing, signing and verifying.
 */
class CheckpointTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ORIGIN = "lotledger.example/plant-7";
  private static final String ROOT_B64 = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  private static final NodeHash ROOT = NodeHash.of(Base64.getDecoder().decode(ROOT_B64));

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void specExample_parsesIntoOriginSizeAndRoot() throws Exception {
    SignedCheckpoint signed = SignedCheckpoint.parse(utf8(NoteExamples.specCheckpoint()));

    Checkpoint checkpoint = signed.checkpoint();
    assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(checkpoint.size()).isEqualTo(20852163L);
    assertThat(checkpoint.root().toBase64()).isEqualTo(ROOT_B64);
    assertThat(checkpoint.root().toHex())
        .isEqualTo("0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62");
    assertThat(checkpoint.extensions()).isEmpty();
    assertThat(signed.note().signatures())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.keyName()).isEqualTo("example.com/behind-the-sofa");
              assertThat(s.keyIdHex()).isEqualTo("033de0ae");
            });
    assertThat(checkpoint.toNoteText())
        .isEqualTo("example.com/behind-the-sofa\n20852163\n" + ROOT_B64 + "\n");
    assertThat(signed.toBytes()).isEqualTo(utf8(NoteExamples.specCheckpoint()));
  }

  @Test
  void specExample_doesNotVerifyUnderAKeyThatDidNotSignIt() throws Exception {
    SignedCheckpoint signed = SignedCheckpoint.parse(utf8(NoteExamples.specCheckpoint()));
    NoteKey other =
        NoteSigner.of("example.com/behind-the-sofa", Ed25519Signer.generate(RANDOM)).key();

    assertThatThrownBy(() -> signed.verify(other))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("no signature by a trusted key");
  }

  @Test
  void toNoteText_andParse_roundTrip() throws Exception {
    Checkpoint checkpoint = Checkpoint.of(ORIGIN, 42, ROOT);

    String text = checkpoint.toNoteText();

    assertThat(text).isEqualTo(ORIGIN + "\n42\n" + ROOT_B64 + "\n");
    assertThat(Checkpoint.parse(text)).isEqualTo(checkpoint);
  }

  @Test
  void extensionLines_roundTripInOrder() throws Exception {
    Checkpoint checkpoint =
        new Checkpoint("origin with spaces is allowed", 1, ROOT, List.of("ext one", "— ext two"));

    String text = checkpoint.toNoteText();

    assertThat(text).endsWith("\next one\n— ext two\n");
    assertThat(Checkpoint.parse(text)).isEqualTo(checkpoint);
    assertThat(Checkpoint.parse(text).extensions()).containsExactly("ext one", "— ext two");
  }

  @Test
  void sizesOfTwoToTheSixtyThreeAndAbove_roundTripAsUnsigned() throws Exception {
    for (long size : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -2L, -1L}) {
      Checkpoint checkpoint = Checkpoint.of(ORIGIN, size, ROOT);
      assertThat(Checkpoint.parse(checkpoint.toNoteText())).isEqualTo(checkpoint);
    }
    assertThat(Checkpoint.of(ORIGIN, Long.MIN_VALUE, ROOT).toNoteText())
        .contains("\n9223372036854775808\n");
    assertThat(Checkpoint.of(ORIGIN, -1L, ROOT).toNoteText()).contains("\n18446744073709551615\n");
    assertThat(Checkpoint.parse(ORIGIN + "\n18446744073709551615\n" + ROOT_B64 + "\n").size())
        .isEqualTo(-1L);
  }

  @Test
  void theEmptyTree_isSizeZero() throws Exception {
    String text = ORIGIN + "\n0\n" + TreeHasher.EMPTY_ROOT.toBase64() + "\n";

    Checkpoint checkpoint = Checkpoint.parse(text);

    assertThat(checkpoint.size()).isZero();
    assertThat(checkpoint.root()).isEqualTo(TreeHasher.EMPTY_ROOT);
  }

  static Stream<Arguments> malformedCheckpoints() {
    String root = "\n" + ROOT_B64 + "\n";
    return Stream.of(
        Arguments.of(
            "leading zero",
            ORIGIN + "\n042" + root,
            "line 2: tree size \"042\" has a leading zero"),
        Arguments.of(
            "zero with leading zero",
            ORIGIN + "\n00" + root,
            "line 2: tree size \"00\" has a leading zero"),
        Arguments.of(
            "negative", ORIGIN + "\n-1" + root, "line 2: tree size \"-1\" is not a decimal number"),
        Arguments.of(
            "plus sign",
            ORIGIN + "\n+1" + root,
            "line 2: tree size \"+1\" is not a decimal number"),
        Arguments.of(
            "leading space",
            ORIGIN + "\n 1" + root,
            "line 2: tree size \" 1\" is not a decimal number"),
        Arguments.of(
            "decimal point",
            ORIGIN + "\n1.0" + root,
            "line 2: tree size \"1.0\" is not a decimal number"),
        Arguments.of(
            "hex", ORIGIN + "\n0x10" + root, "line 2: tree size \"0x10\" is not a decimal number"),
        Arguments.of(
            "non-ASCII digit",
            ORIGIN + "\n\u0661" + root,
            "line 2: tree size \"\u0661\" is not a decimal number"),
        Arguments.of(
            "2^64",
            ORIGIN + "\n18446744073709551616" + root,
            "line 2: tree size \"18446744073709551616\" is over 2^64 - 1"),
        Arguments.of(
            "21 digits",
            ORIGIN + "\n100000000000000000000" + root,
            "line 2: tree size \"100000000000000000000\" is over 2^64 - 1"),
        Arguments.of(
            "empty size", ORIGIN + "\n" + root, "line 2: checkpoint lines must be non-empty"),
        Arguments.of("empty origin", "\n42" + root, "line 1: checkpoint lines must be non-empty"),
        Arguments.of(
            "31-byte root",
            ORIGIN + "\n42\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n",
            "line 3: root hash must be 32 bytes, not 31"),
        Arguments.of(
            "33-byte root",
            ORIGIN + "\n42\n" + Base64.getEncoder().encodeToString(new byte[33]) + "\n",
            "line 3: root hash must be 32 bytes, not 33"),
        Arguments.of(
            "unpadded root",
            ORIGIN + "\n42\n" + ROOT_B64.replace("=", "") + "\n",
            "line 3: root hash \""
                + ROOT_B64.replace("=", "")
                + "\" is not canonical standard base64"),
        Arguments.of(
            "URL-safe root",
            ORIGIN + "\n42\n" + "_" + ROOT_B64.substring(1) + "\n",
            "line 3: root hash"),
        Arguments.of(
            "hex root",
            ORIGIN + "\n42\n" + ROOT.toHex() + "\n",
            "line 3: root hash must be 32 bytes, not 48"),
        Arguments.of(
            "no trailing newline",
            ORIGIN + "\n42\n" + ROOT_B64,
            "line 3: checkpoint does not end with a newline"),
        Arguments.of(
            "two lines",
            ORIGIN + "\n42\n",
            "checkpoint has 2 lines; it needs origin, tree size and root hash"),
        Arguments.of("empty", "", "checkpoint has 0 lines"),
        Arguments.of(
            "empty extension line",
            ORIGIN + "\n42" + root + "ext\n\n",
            "line 5: checkpoint lines must be non-empty"),
        Arguments.of("CR in origin", ORIGIN + "\r\n42" + root, "line 1: control character U+000D"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedCheckpoints")
  void parse_rejectsAMalformedCheckpointNamingTheLine(String what, String text, String message) {
    assertThatThrownBy(() -> Checkpoint.parse(text))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void constructor_refusesLinesThatCannotBeWritten() {
    assertThatThrownBy(() -> Checkpoint.of("", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.of("a\nb", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, ROOT, List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, ROOT, List.of("x\ny")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- signed checkpoints ---------------------------------------------------------------------

  @Test
  void sign_namesTheSignatureAfterTheOriginAndVerifiesUnderTheLogKey() throws Exception {
    Ed25519Signer logKey = Ed25519Signer.generate(RANDOM);
    Checkpoint checkpoint = Checkpoint.of(ORIGIN, 20852163, ROOT);

    byte[] bytes = SignedCheckpoint.sign(checkpoint, logKey).toBytes();
    SignedCheckpoint parsed = SignedCheckpoint.parse(bytes);

    NoteKey trusted = NoteKey.of(ORIGIN, logKey.publicKey());
    assertThat(parsed.note().signatures())
        .singleElement()
        .satisfies(s -> assertThat(s.keyName()).isEqualTo(ORIGIN));
    assertThat(parsed.verify(trusted)).isEqualTo(checkpoint);
    assertThat(parsed.verify(NoteKey.parse(trusted.toVkey()))).isEqualTo(checkpoint);
  }

  @Test
  void verify_rejectsACheckpointWhoseSizeWasChanged() throws Exception {
    Ed25519Signer logKey = Ed25519Signer.generate(RANDOM);
    byte[] bytes = SignedCheckpoint.sign(Checkpoint.of(ORIGIN, 20852163, ROOT), logKey).toBytes();
    String tampered =
        new String(bytes, StandardCharsets.UTF_8).replace("\n20852163\n", "\n20852164\n");

    SignedCheckpoint parsed = SignedCheckpoint.parse(utf8(tampered));

    assertThat(parsed.checkpoint().size()).isEqualTo(20852164L);
    assertThatThrownBy(() -> parsed.verify(NoteKey.of(ORIGIN, logKey.publicKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessage(
            "line 5: signature by trusted key "
                + ORIGIN
                + "+"
                + NoteKey.of(ORIGIN, logKey.publicKey()).keyIdHex()
                + " does not verify over the note text");
  }

  @Test
  void verify_ignoresWitnessCosignaturesButNeedsTheLogSignature() throws Exception {
    Ed25519Signer logKey = Ed25519Signer.generate(RANDOM);
    NoteSigner witness = NoteSigner.of("witness.example/w1", Ed25519Signer.generate(RANDOM));
    Checkpoint checkpoint = Checkpoint.of(ORIGIN, 5, ROOT);
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, logKey);

    SignedCheckpoint cosigned =
        SignedCheckpoint.parse(
            signed.withSignature(witness.sign(checkpoint.toNoteText())).toBytes());
    SignedCheckpoint witnessOnly =
        new SignedCheckpoint(checkpoint, SignedNote.sign(checkpoint.toNoteText(), witness));

    assertThat(cosigned.note().signatures()).hasSize(2);
    assertThat(cosigned.verify(NoteKey.of(ORIGIN, logKey.publicKey()))).isEqualTo(checkpoint);
    assertThatThrownBy(() -> witnessOnly.verify(NoteKey.of(ORIGIN, logKey.publicKey())))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessageContaining("no signature by a trusted key");
  }

  @Test
  void verify_refusesACheckpointOfAnotherOriginEvenIfTheKeySignedIt() throws Exception {
    Ed25519Signer logKey = Ed25519Signer.generate(RANDOM);
    NoteSigner signer = NoteSigner.of(ORIGIN, logKey);
    Checkpoint foreign = Checkpoint.of("other.example/log", 5, ROOT);
    SignedCheckpoint signed =
        new SignedCheckpoint(foreign, SignedNote.sign(foreign.toNoteText(), signer));

    assertThatThrownBy(() -> signed.verify(signer.key()))
        .isInstanceOf(NoteVerificationException.class)
        .hasMessage(
            "line 1: checkpoint origin \"other.example/log\" is not the expected origin \""
                + ORIGIN
                + "\"");
    // A log whose key name differs from its origin is verified with the origin given explicitly.
    assertThat(signed.verify("other.example/log", signer.key())).isEqualTo(foreign);
  }

  @Test
  void sign_refusesAnOriginThatCannotBeAKeyName() {
    Checkpoint checkpoint = Checkpoint.of("go.sum database tree", 5, ROOT);

    assertThatThrownBy(() -> SignedCheckpoint.sign(checkpoint, Ed25519Signer.generate(RANDOM)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains a space");
  }

  @Test
  void parse_rejectsASignedNoteWhoseTextIsNotACheckpoint() {
    byte[] note = utf8(NoteExamples.specNote());

    assertThatThrownBy(() -> SignedCheckpoint.parse(note))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageStartingWith("checkpoint has 1 lines");
  }

  @Test
  void constructor_refusesANoteWhoseTextIsNotTheCheckpoint() {
    Ed25519Signer logKey = Ed25519Signer.generate(RANDOM);
    SignedCheckpoint signed = SignedCheckpoint.sign(Checkpoint.of(ORIGIN, 5, ROOT), logKey);

    assertThatThrownBy(() -> new SignedCheckpoint(Checkpoint.of(ORIGIN, 6, ROOT), signed.note()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
