package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.lotledger.rules.Failure;
import io.lotledger.rules.VerificationException;
import io.lotledger.testing.TestChain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * No byte of a bundle can change, go missing or be re-encoded without the bundle being rejected:
 * the parser refuses it (a {@link io.lotledger.LedgerException} of code {@code INVALID_INPUT}) or
 * the verifier does (a {@link VerificationException} of the kind that guards the changed field).
 * The attacked bundle ({@link BundleFixture#standard()}) has every part the format knows: origin,
 * lot, checkpoint, eleven entries with inclusion proofs and two earlier checkpoints with
 * consistency proofs.
 */
class BundleTamperTest {
  private static final byte[] FILE = BundleFixture.standard().toBytes();
  private static final TrustAnchors TRUST = new BundleFixture().trust();

  /** The untampered bundle verifies: without this, every rejection below would prove nothing. */
  @Test
  void untamperedBundle_verifiesAndEveryByteBelongsToAKnownField() throws Exception {
    BundleVerifier.Verified v = BundleFixture.parseAndVerify(FILE, TRUST);

    assertThat(v.lot()).isEqualTo(TestChain.SULPHATE);
    assertThat(v.checkpoint().size()).isEqualTo(11);
    assertThat(v.entries()).isEqualTo(11);
    assertThat(BundleFixture.standard().earlier()).hasSize(2);
    for (int offset = 0; offset < FILE.length; offset++) {
      assertThat(BundleLayout.describe(FILE, offset))
          .as("offset %d", offset)
          .doesNotContain("outside", "field");
    }
  }

  // ------------------------------------------------------------------ single-byte changes

  @Property(tries = 1000)
  void anySingleByteChange_isRejected(
      @ForAll("offsets") int offset, @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] changed = FILE.clone();
    changed[offset] ^= (byte) xor;

    assertRejectedByTheCheckOfItsField(changed, offset, "xor 0x" + Integer.toHexString(xor));
  }

  @Provide
  Arbitrary<Integer> offsets() {
    return Arbitraries.integers().between(0, FILE.length - 1);
  }

  /**
   * Deterministic complement to the property: one bit flipped at every offset, each bit in turn.
   */
  @Test
  void flippingABitAtEveryOffset_isRejected() {
    for (int offset = 0; offset < FILE.length; offset++) {
      int bit = offset % 8;
      byte[] changed = FILE.clone();
      changed[offset] ^= (byte) (1 << bit);
      assertRejectedByTheCheckOfItsField(changed, offset, "bit " + bit);
    }
  }

  /**
   * Asserts that {@code changed} (the bundle with the byte at {@code offset} changed) is rejected,
   * and by a check that guards the field holding that byte.
   */
  private static void assertRejectedByTheCheckOfItsField(
      byte[] changed, int offset, String change) {
    String field = BundleLayout.describe(FILE, offset);
    String what = "offset " + offset + " (" + field + "), " + change;
    Throwable t = catchThrowable(() -> BundleFixture.parseAndVerify(changed, TRUST));
    assertThat(t).as("%s was accepted or failed untyped", what).satisfies(BundleFixture::rejected);
    Expected expected = expectedAt(field);
    if (t instanceof VerificationException v) {
      assertThat(v.finding().failure())
          .as("%s: %s", what, t.getMessage())
          .isIn(expected.failures());
    } else {
      assertThat(expected.parseError())
          .as("%s: unexpected parse error %s", what, t.getMessage())
          .isTrue();
      if (expected.message() != null) {
        assertThat(t.getMessage()).as(what).contains(expected.message());
      }
    }
  }

  /** How a change in {@code field} (as {@link BundleLayout#describe} names it) may be rejected. */
  private record Expected(boolean parseError, String message, Set<Failure> failures) {}

  private static Expected expectedAt(String field) {
    if (field.equals("magic")) {
      return new Expected(true, "LLBUNDLE", Set.of());
    }
    if (field.equals("version")) {
      return new Expected(true, "version", Set.of());
    }
    if (field.endsWith("(tag or length)")) {
      // Structure bytes: the message is read differently from there on; any typed rejection will
      // do.
      return new Expected(true, null, EnumSet.allOf(Failure.class));
    }
    String name = field.substring(0, field.indexOf(" ("));
    if (name.equals("origin")) {
      return new Expected(true, null, Set.of(Failure.WRONG_ORIGIN)); // or not UTF-8
    }
    if (name.equals("lot")) {
      return new Expected(true, null, Set.of(Failure.INCOMPLETE_BUNDLE)); // or not a lot URI
    }
    if (name.equals("checkpoint")) {
      return new Expected(true, null, Set.of(Failure.BAD_CHECKPOINT)); // or not a signed checkpoint
    }
    if (name.matches("entries\\[\\d+]\\.index")) {
      return new Expected(true, null, Set.of(Failure.BAD_INCLUSION_PROOF)); // or not ascending
    }
    if (name.matches("entries\\[\\d+]\\.entry")) {
      // Entry bytes are opaque to the parser: only the verifier can object.
      return new Expected(
          false, null, Set.of(Failure.MALFORMED_ENTRY, Failure.BAD_INCLUSION_PROOF));
    }
    if (name.matches("entries\\[\\d+]\\.inclusion\\[\\d+]")) {
      return new Expected(false, null, Set.of(Failure.BAD_INCLUSION_PROOF));
    }
    if (name.matches("consistency\\[\\d+]\\.checkpoint")) {
      return new Expected(true, null, Set.of(Failure.BAD_CHECKPOINT));
    }
    if (name.equals("entries_total") || name.equals("consistency_total")) {
      // The counts that make truncation detectable: any other value disagrees with the records.
      return new Expected(true, null, Set.of());
    }
    if (name.matches("consistency\\[\\d+]\\.path\\[\\d+]")) {
      return new Expected(false, null, Set.of(Failure.SPLIT_VIEW));
    }
    throw new AssertionError("no expectation for " + field);
  }

  // ------------------------------------------------------------------ truncation

  /**
   * A bundle whose last record is needed (its last entry is the lot's newest) survives no cut:
   * every length from 0 (empty), through the magic and version byte, to one byte short.
   */
  @Test
  void everyTruncationOfABundleWhoseLastRecordIsNeeded_isRejected() {
    byte[] file = BundleFixture.simple().toBytes();
    for (int length = 0; length < file.length; length++) {
      byte[] cut = Arrays.copyOf(file, length);
      Throwable t = catchThrowable(() -> BundleFixture.parseAndVerify(cut, TRUST));
      assertThat(t).as("cut at %d", length).satisfies(BundleFixture::rejected);
      if (length <= Bundle.MAGIC.length) {
        assertThat(t)
            .as("cut at %d", length)
            .satisfies(BundleFixture::invalidInput)
            .hasMessageContaining("LLBUNDLE");
      } else if (t instanceof VerificationException v) {
        assertThat(v.finding().failure())
            .as("cut at %d", length)
            .isEqualTo(Failure.INCOMPLETE_BUNDLE);
      }
    }
  }

  /**
   * The trailing record counts (fields 14 and 15, written last) make every cut detectable,
   * including one exactly between two top-level records that drops only optional trailing records
   * (the lot's entries after its provenance, earlier checkpoints), which would otherwise leave a
   * valid, smaller bundle.
   */
  @Test
  void everyTruncation_isRejectedEvenBetweenRecords() throws Exception {
    List<Integer> boundaries = BundleLayout.topLevelStarts(FILE);
    assertThat(boundaries).as("the fixture has cuts between records to try").hasSizeGreaterThan(5);
    for (int length = 0; length < FILE.length; length++) {
      byte[] cut = Arrays.copyOf(FILE, length);
      int at = length;
      assertThatThrownBy(() -> BundleFixture.parseAndVerify(cut, TRUST))
          .as("cut at %d (%s)", at, BundleLayout.describe(FILE, Math.max(0, at - 1)))
          .satisfies(BundleFixture::rejected);
    }
  }

  // ------------------------------------------------------------------ other encodings of the same
  // message

  @Test
  void parse_rejectsADuplicatedLotFieldThatWouldRelabelTheBundle() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    byte[] file =
        BundleFixture.file(
            concat(
                msg.toByteArray(),
                record(2, TestChain.ORE_B.uri().getBytes(StandardCharsets.UTF_8))));

    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("canonical");
  }

  @Test
  void parse_rejectsAVarintPaddedWithAContinuationByte() throws Exception {
    byte[] body = BundleFixture.message(FILE).toByteArray();
    assertThat(body[0]).isEqualTo((byte) 0x0a); // origin, a one-byte length
    byte[] padded =
        concat(
            new byte[] {0x0a, (byte) (body[1] | 0x80), 0x00},
            Arrays.copyOfRange(body, 2, body.length));

    assertThat(BundleFixture.message(BundleFixture.file(padded)))
        .isEqualTo(BundleFixture.message(FILE));
    assertThatThrownBy(() -> Bundle.parse(BundleFixture.file(padded)))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("canonical");
  }

  @Test
  void parse_rejectsAnExplicitDefaultValue() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    assertThat(msg.getEntries(0).getIndex()).isZero(); // so proto3 leaves it out
    byte[] head = msg.toBuilder().clearEntries().clearConsistency().build().toByteArray();
    byte[] entry0 = record(4, concat(new byte[] {0x08, 0x00}, msg.getEntries(0).toByteArray()));
    byte[] tail =
        msg.toBuilder()
            .clearOrigin()
            .clearLot()
            .clearCheckpoint()
            .clearEntries()
            .addAllEntries(msg.getEntriesList().subList(1, msg.getEntriesCount()))
            .build()
            .toByteArray();
    byte[] file = BundleFixture.file(concat(head, entry0, tail));

    assertThat(BundleFixture.message(file)).isEqualTo(msg);
    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("canonical");
  }

  @Test
  void parse_rejectsReorderedFields() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    byte[] rest = msg.toBuilder().clearOrigin().clearLot().build().toByteArray();
    byte[] file =
        BundleFixture.file(
            concat(
                record(2, msg.getLotBytes().toByteArray()),
                record(1, msg.getOriginBytes().toByteArray()),
                rest));

    assertThat(BundleFixture.message(file)).isEqualTo(msg);
    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("canonical");
  }

  @Test
  void parse_rejectsBytesHiddenAfterAnEndGroupTag() {
    byte[] file =
        concat(FILE, new byte[] {0x0c}, "anything at all".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("end-group");
  }

  /**
   * One changed byte used to end the message early, dropping the lot's three newest entries
   * unnoticed.
   */
  @Test
  void parse_rejectsAnEndGroupTagInPlaceOfARecord() {
    for (int start : BundleLayout.topLevelStarts(FILE)) {
      byte[] file = FILE.clone();
      file[start] = 0x0c; // field 1, wire type 4 (end group)

      assertThatThrownBy(() -> Bundle.parse(file))
          .as("at %d", start)
          .satisfies(BundleFixture::invalidInput);
    }
  }

  @Test
  void parse_rejectsUnknownFieldsInAnEarlierCheckpointRecord() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    byte[] head = msg.toBuilder().clearConsistency().build().toByteArray();
    byte[] first =
        record(
            5, concat(msg.getConsistency(0).toByteArray(), new byte[] {0x48, 0x01})); // field 9 = 1
    byte[] second = record(5, msg.getConsistency(1).toByteArray());
    byte[] file = BundleFixture.file(concat(head, first, second));

    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("earlier checkpoint #0 has fields this version does not know");
  }

  @Test
  void parse_rejectsUnknownTopLevelFields() throws Exception {
    byte[] file =
        BundleFixture.file(
            concat(BundleFixture.message(FILE).toByteArray(), record(9, new byte[] {1})));

    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("fields this version does not know");
  }

  @Test
  void parse_rejectsARepeatedEarlierCheckpoint() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    byte[] file =
        BundleFixture.file(
            msg.toBuilder()
                .addConsistency(msg.getConsistency(1))
                .setConsistencyTotal(msg.getConsistencyCount() + 1)
                .build());

    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("unique, ascending sizes");
  }

  @Test
  void parse_rejectsEarlierCheckpointsOutOfOrder() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    byte[] file =
        BundleFixture.file(
            msg.toBuilder()
                .clearConsistency()
                .addConsistency(msg.getConsistency(1))
                .addConsistency(msg.getConsistency(0))
                .build());

    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("8 follows 9");
  }

  @Test
  void parse_rejectsEntriesOutOfOrder() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    var entries = new java.util.ArrayList<>(msg.getEntriesList());
    java.util.Collections.swap(entries, 3, 4);
    byte[] file = BundleFixture.file(msg.toBuilder().clearEntries().addAllEntries(entries).build());

    assertThatThrownBy(() -> Bundle.parse(file))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("unique and ascending");
  }

  @Test
  void parse_rejectsAnEntryWithoutBytesAndAnInclusionHashOfAnotherLength() throws Exception {
    io.lotledger.bundle.proto.Bundle msg = BundleFixture.message(FILE);
    byte[] empty =
        BundleFixture.file(
            msg.toBuilder().setEntries(2, msg.getEntries(2).toBuilder().clearEntry()).build());
    byte[] shortHash =
        BundleFixture.file(
            msg.toBuilder()
                .setEntries(
                    2,
                    msg.getEntries(2).toBuilder()
                        .setInclusion(0, ByteString.copyFrom(new byte[31])))
                .build());

    assertThatThrownBy(() -> Bundle.parse(empty))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("no entry bytes");
    assertThatThrownBy(() -> Bundle.parse(shortHash))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("inclusion");
  }

  // ------------------------------------------------------------------ the lot label

  /**
   * The lot field is a claim, not a signed fact: relabelled (canonically) it verifies only as a lot
   * whose provenance the bundle's entries actually prove. The sulphate's bundle holds ore B's whole
   * chain; ore A's bundle does not.
   */
  @Test
  void relabelledBundle_verifiesOnlyAsALotItsEntriesProve() throws Exception {
    Bundle asOreB = BundleFixture.withLot(BundleFixture.simple(), TestChain.ORE_B);
    assertThat(BundleFixture.parseAndVerify(asOreB.toBytes(), TRUST).lot())
        .isEqualTo(TestChain.ORE_B);

    Bundle oreA;
    BundleFixture fixture = new BundleFixture();
    try (io.lotledger.Ledger ledger = fixture.populatedLedger()) {
      oreA =
          BundleExporter.export(
              ledger, TestChain.ORE_A, ledger.checkpoint(BundleFixture.LOG.signer()));
    }
    Bundle oreAasOreB = BundleFixture.withLot(oreA, TestChain.ORE_B);
    var f =
        BundleFixture.verificationFailure(
            () -> BundleFixture.parseAndVerify(oreAasOreB.toBytes(), TRUST));
    assertThat(f.failure()).isEqualTo(Failure.INCOMPLETE_BUNDLE);
    assertThat(f.lot()).isEqualTo(TestChain.ORE_B);
  }

  // ------------------------------------------------------------------ helpers

  private static byte[] record(int field, byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream c = CodedOutputStream.newInstance(out);
    c.writeByteArray(field, payload);
    c.flush();
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
