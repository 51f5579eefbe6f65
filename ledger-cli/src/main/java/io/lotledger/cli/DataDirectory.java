package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import picocli.CommandLine.Option;

/**
 * The {@code --data DIR} option every command that touches a ledger takes, with the checks that
 * turn a wrong directory into one clear line instead of a storage error. The default, {@code
 * ./ledger-data}, is relative to the user's working directory.
 */
final class DataDirectory {
  static final String DEFAULT = "ledger-data";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = DEFAULT,
      description = "Ledger directory (default: ./${DEFAULT-VALUE}).")
  Path dir;

  Path path() {
    return dir;
  }

  /** Opens the ledger in the directory, naming what is wrong if there is none. */
  Ledger openExisting() throws CliException, LedgerException {
    requireLedger();
    return Ledger.open(dir);
  }

  /**
   * Opens the ledger in the directory for reading only, beside a writer or replicator that may hold
   * it: the commands that only read (lots, trace, verify, check, report, trust) see the ledger as
   * it was when they opened it, and take no lock.
   */
  Ledger openReading() throws CliException, LedgerException {
    requireLedger();
    return Ledger.in(dir).readOnly().open();
  }

  private void requireLedger() throws CliException {
    if (!Files.exists(dir)) {
      throw CliException.usage("no ledger in " + dir + ": the directory does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw CliException.usage("no ledger in " + dir + ": not a directory");
    }
    if (!Ledger.exists(dir)) {
      throw CliException.usage(
          "no ledger in "
              + dir
              + ": the directory holds no ledger store"
              + (isEmpty() ? " (it is empty)" : ""));
    }
  }

  /** Whether the directory is absent or empty (a place where a new ledger may be created). */
  boolean isAbsentOrEmpty() throws CliException {
    return !Files.exists(dir) || (Files.isDirectory(dir) && isEmpty());
  }

  /** Refuses an existing ledger or any other non-empty directory. */
  void requireAbsentOrEmpty() throws CliException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw CliException.usage(dir + " exists and is not a directory");
    }
    if (Ledger.exists(dir)) {
      throw CliException.usage("a ledger already exists in " + dir);
    }
    if (!isAbsentOrEmpty()) {
      throw CliException.usage(dir + " is not empty");
    }
  }

  /**
   * Deletes the directory and everything in it, because the user asked to replace it ({@code
   * --force}). Refuses the places a slip of the finger would make catastrophic: a symbolic link,
   * the file-system root, the home directory, and the working directory or any directory containing
   * it. Symbolic links inside are removed, never followed.
   */
  void deleteForReplacement() throws CliException {
    if (Files.isSymbolicLink(dir)) {
      throw CliException.usage("refusing to delete " + dir + ": it is a symbolic link");
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw CliException.usage("refusing to delete " + dir + ": not a directory");
    }
    Path target;
    Path cwd;
    Path home;
    try {
      target = dir.toRealPath();
      cwd = Path.of("").toRealPath();
      Path homeDir = Path.of(System.getProperty("user.home", "/"));
      home = Files.exists(homeDir) ? homeDir.toRealPath() : homeDir.toAbsolutePath().normalize();
    } catch (IOException e) {
      throw CliException.usage("cannot resolve " + dir + ": " + LedgerCli.describe(e));
    }
    String refusal = refusal(target, cwd, home);
    if (refusal != null) {
      throw CliException.usage("refusing to delete " + target + ": " + refusal);
    }
    try {
      Files.walkFileTree(
          target,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw CliException.usage("cannot delete " + target + ": " + LedgerCli.describe(e));
    }
  }

  /** Why {@code target} (a real path) must not be deleted recursively, or null if it may be. */
  static String refusal(Path target, Path cwd, Path home) {
    if (target.getParent() == null) {
      return "it is the file-system root";
    }
    if (target.equals(home) || home.startsWith(target)) {
      return "it is or contains the home directory";
    }
    if (cwd.startsWith(target)) {
      return "it is or contains the working directory";
    }
    return null;
  }

  private boolean isEmpty() throws CliException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw CliException.usage("cannot list " + dir + ": " + LedgerCli.describe(e));
    }
  }
}
