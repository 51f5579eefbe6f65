package io.lotledger.bundle;

import static io.lotledger.error.LedgerException.Code.INVALID_INPUT;

import io.lotledger.crypto.Sha256;
import io.lotledger.error.LedgerException;
import io.lotledger.log.ConsistencyProof;
import io.lotledger.log.ProofException;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.CheckpointFile;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A verifier's memory of the newest checkpoint it accepted per log, in a directory: a later
 * checkpoint must extend it (RFC 9162 §2.1.4 consistency proof), otherwise the log rolled back or
 * shows different histories to different verifiers (a split view). On such a failure both signed
 * checkpoints are kept as evidence under {@code evidence/} and the remembered checkpoint is left
 * unchanged.
 *
 * <p>This is the local half of what a C2SP witness does: it remembers and compares, but never
 * cosigns, so nobody else learns what it has seen. The CLI's {@code ledger verify --remember DIR}
 * uses it. Not safe for concurrent use of one directory by several processes.
 */
public final class RememberedCheckpoints {
  private final Path directory;

  /** The checkpoints remembered in {@code directory}, which is created on the first one. */
  public RememberedCheckpoints(Path directory) {
    this.directory = directory;
  }

  /** The remembered checkpoint of {@code origin}'s log, if any. */
  public Path fileFor(String origin) {
    return directory.resolve(
        HexFormat.of()
                .formatHex(Sha256.hash(origin.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .substring(0, 32)
            + ".checkpoint");
  }

  /**
   * Checks {@code latest} (whose log signature the caller verified) against the remembered
   * checkpoint, using {@code earlier} for the consistency proof, and remembers it when it extends
   * the old one.
   */
  public void observe(TrustAnchors trust, SignedCheckpoint latest, List<Bundle.Earlier> earlier)
      throws LedgerException {
    Checkpoint now = latest.verify(trust.logKey());
    CheckpointFile file = CheckpointFile.at(fileFor(trust.origin()));
    SignedCheckpoint old;
    Checkpoint before;
    try {
      Optional<SignedCheckpoint> remembered = file.read();
      if (remembered.isEmpty()) {
        remember(file, latest);
        return;
      }
      old = remembered.get();
      before = old.verify(trust.logKey());
    } catch (LedgerException e) {
      throw new LedgerException(
          INVALID_INPUT,
          "the remembered checkpoint " + file.path() + " is invalid: " + e.getMessage(),
          e);
    }
    long oldSize = before.size();
    long newSize = now.size();
    if (Long.compareUnsigned(newSize, oldSize) < 0) {
      throw conflict(
          Failure.ROLLBACK,
          old,
          latest,
          "the log is smaller than when last seen",
          oldSize,
          newSize);
    }
    if (newSize == oldSize) {
      if (!now.root().equals(before.root())) {
        throw conflict(
            Failure.SPLIT_VIEW,
            old,
            latest,
            "two different trees of the same size",
            oldSize,
            newSize);
      }
      return;
    }
    Bundle.Earlier proof =
        earlier.stream()
            .filter(e -> e.checkpoint().checkpoint().size() == oldSize)
            .findFirst()
            .orElseThrow(
                () ->
                    conflict(
                        Failure.SPLIT_VIEW,
                        old,
                        latest,
                        "no consistency proof from the remembered size "
                            + oldSize
                            + " to "
                            + newSize,
                        oldSize,
                        newSize));
    try {
      new ConsistencyProof(oldSize, newSize, proof.path()).verify(before.root(), now.root());
    } catch (ProofException e) {
      throw conflict(
          Failure.SPLIT_VIEW,
          old,
          latest,
          "the new checkpoint does not extend the remembered one: " + e.getMessage(),
          oldSize,
          newSize);
    }
    remember(file, latest);
  }

  private VerificationException conflict(
      Failure failure,
      SignedCheckpoint old,
      SignedCheckpoint latest,
      String detail,
      long oldSize,
      long newSize) {
    String evidence;
    try {
      Path dir = Files.createDirectories(directory.resolve("evidence"));
      Path file =
          dir.resolve(
              fileFor(old.checkpoint().origin()).getFileName().toString().replace(".checkpoint", "")
                  + "-"
                  + oldSize
                  + "-"
                  + newSize
                  + "-"
                  + HexFormat.of().formatHex(Sha256.hash(latest.toBytes())).substring(0, 8)
                  + ".txt");
      String text =
          "# "
              + failure.description()
              + ": "
              + detail
              + "\n# remembered checkpoint:\n"
              + new String(old.toBytes(), java.nio.charset.StandardCharsets.UTF_8)
              + "# presented checkpoint:\n"
              + new String(latest.toBytes(), java.nio.charset.StandardCharsets.UTF_8);
      Files.writeString(file, text);
      evidence = " (evidence: " + file + ")";
    } catch (IOException e) {
      evidence = " (evidence could not be saved: " + e.getMessage() + ")";
    }
    return new VerificationException(
        new Finding(
            failure,
            -1,
            null,
            null,
            detail + evidence,
            "size " + oldSize + " root " + old.checkpoint().root().toHex(),
            "size " + newSize + " root " + latest.checkpoint().root().toHex()));
  }

  private void remember(CheckpointFile file, SignedCheckpoint checkpoint) throws LedgerException {
    try {
      file.write(checkpoint);
    } catch (LedgerException e) {
      throw new LedgerException(
          INVALID_INPUT,
          "cannot remember the checkpoint in " + directory + ": " + e.getMessage(),
          e);
    }
  }
}
