package io.lotledger.note;

import io.lotledger.crypto.Signer;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Checkpoint} and the signed note that carries it (C2SP tlog-checkpoint §Signatures): the
 * log's signature, and possibly witnesses' cosignatures, which verification ignores unless trusted.
 *
 * <p>lotledger signs a checkpoint with the log key named after the origin, as tlog-checkpoint
 * recommends ("the log's key name in its signature line SHOULD match the origin line"), so a log's
 * verifier key is {@code NoteKey.of(origin, logPublicKey)} and its vkey starts with the origin.
 * {@link #verify(NoteKey)} relies on that convention to bind the checkpoint to the trusted log;
 * {@link #verify(String, NoteKey)} serves logs whose key name differs from their origin.
 *
 * <p>Immutable and thread-safe.
 *
 * @param checkpoint the checkpoint
 * @param note the signed note whose text is the checkpoint's note text
 */
public record SignedCheckpoint(Checkpoint checkpoint, SignedNote note) {
  /**
   * @throws IllegalArgumentException unless the note's text is exactly the checkpoint's note text
   */
  public SignedCheckpoint {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(note, "note");
    if (!note.text().equals(checkpoint.toNoteText())) {
      throw new IllegalArgumentException("note text is not the checkpoint's note text");
    }
  }

  /**
   * Signs {@code checkpoint} with the log key {@code logKey} under the key name {@code
   * checkpoint.origin()}.
   *
   * @throws IllegalArgumentException if the origin is not a valid key name (it contains a space or
   *     a plus)
   */
  public static SignedCheckpoint sign(Checkpoint checkpoint, Signer logKey) {
    NoteSigner signer = NoteSigner.of(checkpoint.origin(), logKey);
    return new SignedCheckpoint(checkpoint, SignedNote.sign(checkpoint.toNoteText(), signer));
  }

  /**
   * Reads a signed checkpoint: a signed note (see {@link SignedNote#parse}) whose text is a
   * checkpoint (see {@link Checkpoint#parse}). Nothing is verified yet.
   *
   * @throws NoteFormatException naming the line and rule
   */
  public static SignedCheckpoint parse(byte[] bytes) throws NoteFormatException {
    SignedNote note = SignedNote.parse(bytes);
    return new SignedCheckpoint(Checkpoint.parse(note.text()), note);
  }

  /**
   * Verifies the log's signature and returns the checkpoint. The checkpoint's origin must be {@code
   * logKey.name()} (lotledger's convention, above), which stops a log key from vouching for another
   * log's checkpoints; signatures by other keys (witnesses) are ignored.
   *
   * @throws NoteVerificationException if the origin is not the key's name, the log's signature is
   *     missing, or it does not verify
   */
  public Checkpoint verify(NoteKey logKey) throws NoteVerificationException {
    return verify(logKey.name(), logKey);
  }

  /**
   * As {@link #verify(NoteKey)}, for a log whose origin is {@code origin} and whose key has another
   * name (e.g. a log outside lotledger).
   */
  public Checkpoint verify(String origin, NoteKey logKey) throws NoteVerificationException {
    Objects.requireNonNull(origin, "origin");
    if (!checkpoint.origin().equals(origin)) {
      throw new NoteVerificationException(
          1,
          "checkpoint origin "
              + NoteKey.quote(checkpoint.origin())
              + " is not the expected origin "
              + NoteKey.quote(origin));
    }
    note.verify(List.of(logKey));
    return checkpoint;
  }

  /** This signed checkpoint with {@code signature} (e.g. a witness cosignature) added. */
  public SignedCheckpoint withSignature(NoteSignature signature) {
    return new SignedCheckpoint(checkpoint, note.withSignature(signature));
  }

  /** The signed note's bytes; see {@link SignedNote#toBytes()}. */
  public byte[] toBytes() {
    return note.toBytes();
  }
}
