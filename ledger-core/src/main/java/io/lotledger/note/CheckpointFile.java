package io.lotledger.note;

import io.lotledger.spi.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * One signed checkpoint kept in a file of its own: what a ledger last signed, or what a verifier
 * last accepted. The file is replaced whole (a temporary file, fsynced, renamed over it, then the
 * directory fsynced), so after a crash or power loss it holds either the old checkpoint or the new
 * one, never a mix, and a {@link #write} that returned survives both.
 *
 * <p>Reading bounds the file at {@link #MAX_BYTES} before parsing it. Not safe for concurrent
 * writers in several processes; one process may read and write from several threads only with its
 * own lock.
 */
public final class CheckpointFile {
  /** A signed checkpoint is a few hundred bytes; anything larger than this is not one. */
  public static final int MAX_BYTES = 64 * 1024;

  private final Path file;

  private CheckpointFile(Path file) {
    this.file = file;
  }

  /** The checkpoint file at {@code file} (which need not exist yet). */
  public static CheckpointFile at(Path file) {
    return new CheckpointFile(Objects.requireNonNull(file, "file").toAbsolutePath().normalize());
  }

  /** Where the checkpoint lives. */
  public Path path() {
    return file;
  }

  /**
   * The stored checkpoint, parsed but not verified; empty when the file does not exist.
   *
   * @throws StoreException if the file cannot be read, is larger than {@link #MAX_BYTES}, or is not
   *     a signed checkpoint (the message names the file and the rule it breaks)
   */
  public Optional<SignedCheckpoint> read() throws StoreException {
    byte[] bytes;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > MAX_BYTES) {
        throw new StoreException(
            "the checkpoint file "
                + file
                + " is corrupt: "
                + size
                + " bytes, over the limit of "
                + MAX_BYTES);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read until full or end of file
      }
      bytes = java.util.Arrays.copyOf(buffer.array(), buffer.position());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read the checkpoint file " + file + ": " + e, e);
    }
    try {
      return Optional.of(SignedCheckpoint.parse(bytes));
    } catch (NoteFormatException e) {
      throw new StoreException("the checkpoint file " + file + " is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the stored checkpoint with {@code checkpoint}, durably: when this returns, the new
   * file and its name are on disk.
   *
   * @throws StoreException if any step fails; the old checkpoint is then still in place
   */
  public void write(SignedCheckpoint checkpoint) throws StoreException {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Path dir = file.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(checkpoint.toBytes());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // Atomic or not at all: a replacing move that is not atomic may delete the old file first,
      // and a
      // crash then would leave no checkpoint, which reads as "never signed".
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new StoreException("cannot write the checkpoint file " + file + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the failure being reported matters more than a stray temporary file
        }
      }
    }
  }

  /**
   * Makes a rename in {@code dir} durable (POSIX: fsync the directory); a no-op where that is
   * unsupported.
   */
  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
      // Windows cannot open a directory as a channel; its renames are durable on their own (NTFS
      // journal).
    }
  }

  @Override
  public String toString() {
    return "CheckpointFile[" + file + "]";
  }
}
