/**
 * Signed notes and checkpoints, as C2SP specifies them: the signed-note format ({@link
 * io.lotledger.note.SignedNote}, with its signature lines {@link io.lotledger.note.NoteSignature},
 * Ed25519 verifier keys {@link io.lotledger.note.NoteKey} and {@link io.lotledger.note.NoteSigner})
 * from C2SP signed-note, and the log's tree head from C2SP tlog-checkpoint ({@link
 * io.lotledger.note.Checkpoint}, carried by a {@link io.lotledger.note.SignedCheckpoint} and kept
 * crash-safe in a {@link io.lotledger.note.CheckpointFile}).
 *
 * <p>A checkpoint names a tree by its size and RFC 9162 root hash ({@link
 * io.lotledger.log.NodeHash}); this package depends on {@code io.lotledger.log} for that and the
 * tree package knows nothing of notes. Malformed input throws {@link
 * io.lotledger.note.NoteFormatException} with the offending line; a note no trusted key signed, or
 * a checkpoint of another origin, throws {@link io.lotledger.note.NoteVerificationException}.
 */
package io.lotledger.note;
