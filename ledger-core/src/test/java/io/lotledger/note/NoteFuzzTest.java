package io.lotledger.note;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the C2SP readers that take checkpoints and keys from outside: {@link SignedNote#parse},
 * {@link SignedCheckpoint#parse}, {@link Checkpoint#parse} and {@link NoteKey#parse}. Contract: any
 * input either parses or throws {@link NoteFormatException}; each format has one encoding per
 * value, so whatever parses formats back to the input exactly.
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code NoteFuzzTestInputs/}); {@code
 * fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class NoteFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void signedNote(byte[] bytes) {
    SignedNote note;
    try {
      note = SignedNote.parse(bytes);
    } catch (NoteFormatException e) {
      return;
    }
    assertThat(note.toBytes()).as("parse then format").isEqualTo(bytes);
  }

  @FuzzTest(maxDuration = "60s")
  void signedCheckpoint(byte[] bytes) {
    SignedCheckpoint checkpoint;
    try {
      checkpoint = SignedCheckpoint.parse(bytes);
    } catch (NoteFormatException e) {
      return;
    }
    assertThat(checkpoint.toBytes()).as("parse then format").isEqualTo(bytes);
  }

  @FuzzTest(maxDuration = "60s")
  void checkpoint(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(text);
    } catch (NoteFormatException e) {
      return;
    }
    assertThat(checkpoint.toNoteText()).as("parse then format").isEqualTo(text);
  }

  @FuzzTest(maxDuration = "60s")
  void noteKey(byte[] bytes) {
    String vkey = new String(bytes, StandardCharsets.UTF_8);
    NoteKey key;
    try {
      key = NoteKey.parse(vkey);
    } catch (NoteFormatException e) {
      return;
    }
    assertThat(key.toVkey()).as("parse then format").isEqualTo(vkey);
  }
}
