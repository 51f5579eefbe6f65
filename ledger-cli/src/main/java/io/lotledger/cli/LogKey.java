package io.lotledger.cli;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.Signer;
import io.lotledger.event.ActorId;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A ledger directory's log key: the Ed25519 key that signs its checkpoints (C2SP tlog-checkpoint),
 * kept beside the store in {@code DIR/keys/log.key} in the {@link KeyFile} format, whose actor line
 * reads {@code urn:lotledger:log:<origin>}. The {@code keys/} directory is created with mode 700
 * and the file with mode 600; RocksDB ignores subdirectories, so the store never sees it.
 *
 * <p>The first checkpoint pins the key's public half in the ledger ({@link
 * io.lotledger.Ledger#logKey()}), so a replaced key file cannot sign for the ledger afterwards.
 */
final class LogKey {
  /** The key directory, relative to the ledger directory. */
  static final String DIRECTORY = "keys";

  /** The key file's name inside {@link #DIRECTORY}. */
  static final String FILE = "log.key";

  private LogKey() {}

  /** {@code dir/keys/log.key}. */
  static Path file(Path dataDir) {
    return dataDir.resolve(DIRECTORY).resolve(FILE);
  }

  /** The actor a log key file names: {@code urn:lotledger:log:<origin>}. */
  static ActorId actor(String origin) {
    return new ActorId("urn:lotledger:log:" + origin);
  }

  /** Whether the ledger directory holds a log key file (or anything else by that name). */
  static boolean exists(Path dataDir) {
    return Files.exists(file(dataDir), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Writes {@code signer} as the log key of the ledger {@code origin} in {@code dataDir} (which
   * must exist), creating {@code keys/} with mode 700. Never overwrites a key.
   */
  static void write(Path dataDir, String origin, Ed25519Signer signer)
      throws CliException, KeyFileException {
    Path keys = dataDir.resolve(DIRECTORY);
    try {
      Files.createDirectory(
          keys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(keys, LinkOption.NOFOLLOW_LINKS)) {
        throw CliException.usage(keys + " exists and is not a directory");
      }
    } catch (UnsupportedOperationException e) {
      throw CliException.usage(
          "cannot create "
              + keys
              + ": the file system has no POSIX permissions, so the log key cannot be kept private");
    } catch (IOException e) {
      throw CliException.usage("cannot create " + keys + ": " + LedgerCli.describe(e));
    }
    KeyFile.write(file(dataDir), actor(origin), signer);
  }

  /**
   * Reads the log key of the ledger in {@code dataDir}.
   *
   * @throws CliException (exit 2) if there is none, naming the file
   * @throws KeyFileException if the file is unreadable, malformed or readable by others
   */
  static Signer read(Path dataDir) throws CliException, KeyFileException {
    Path file = file(dataDir);
    if (!exists(dataDir)) {
      throw CliException.usage(
          "no log key for the ledger in "
              + dataDir
              + ": "
              + file
              + " does not exist "
              + "('ledger init' and 'ledger demo' create it)");
    }
    return KeyFile.read(file).signer();
  }

  /**
   * Deletes the key file and its directory written by {@link #write} (undoing it after a later step
   * failed); leaves anything else in place.
   */
  static void deleteQuietly(Path dataDir) {
    try {
      Files.deleteIfExists(file(dataDir));
      Files.deleteIfExists(dataDir.resolve(DIRECTORY));
    } catch (IOException ignored) {
      // the failure that made us undo is what the user needs to see
    }
  }
}
