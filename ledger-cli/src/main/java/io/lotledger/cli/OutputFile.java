package io.lotledger.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A file a command writes (a bundle, a report): checked before any work, then written whole or not
 * at all, to a new file beside it that is forced to disk and renamed over it. Without {@code force}
 * an existing file is never replaced, even one that appears while the command runs.
 *
 * @param option the option that named the file, for messages ({@code --out}, {@code --html})
 */
record OutputFile(Path file, String option, boolean force) {

  /**
   * Refuses a directory, an existing file without --force, and a file whose directory is missing.
   */
  void requireWritable() throws CliException {
    if (Files.isDirectory(file)) {
      throw CliException.usage(option + " " + file + " is a directory");
    }
    if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw CliException.usage(file + " already exists; pass --force to replace it");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw CliException.usage("cannot write " + file + ": no directory " + parent);
    }
  }

  /**
   * Writes {@code bytes} to a new file beside the target, forces it to disk, then renames it over
   * the target.
   */
  void write(byte[] bytes) throws CliException {
    Path target = file.toAbsolutePath();
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    Path tmp =
        target.resolveSibling(
            "." + target.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
    try {
      try (FileChannel out =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      if (force) {
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        Files.move(tmp, target); // no REPLACE_EXISTING: fails if the file appeared meanwhile
      }
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage(file + " already exists; pass --force to replace it");
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + LedgerCli.describe(e));
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the file was written or the write error is reported; a stray temporary file is harmless
      }
    }
  }
}
