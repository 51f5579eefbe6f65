package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.LedgerException;
import io.lotledger.bundle.Bundle;
import io.lotledger.bundle.BundleExporter;
import io.lotledger.entry.EntryHash;
import io.lotledger.event.LotId;
import io.lotledger.log.SignedCheckpoint;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger export LOT --out FILE}: writes the {@link Bundle} that proves the lot's provenance
 * against a signed checkpoint, for {@code ledger verify --bundle} elsewhere.
 *
 * <p>When the ledger grew since its latest checkpoint, a new one is signed with {@code
 * DIR/keys/log.key}, so the bundle proves the lot against the newest tree (as {@code ledger
 * checkpoint} would). Without a log key, the latest checkpoint serves if it covers the lot's newest
 * entry. The file appears whole or not at all: it is written beside its destination and renamed.
 */
@Command(name = "export",
    description = {
        "Write a bundle that proves LOT's provenance to FILE, for offline verification.",
        "The bundle holds every entry of the lot and of the lots it was made from, every actor registration, "
            + "Merkle inclusion proofs and a signed checkpoint: 'ledger verify --bundle FILE --trust TRUSTFILE' "
            + "checks it without the database.",
        "Signs a new checkpoint first if the ledger grew since the latest one (needs DIR/keys/log.key).",
        "Refuses to overwrite FILE unless --force is given."
    })
final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOT", description = "The lot's URI, as 'ledger lots' prints it.")
  String lotText;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The bundle file to write.")
  Path file;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Mixin DataDirectory data;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    LotId lot = LedgerCli.lotArgument(lotText);
    requireWritable();
    try (Ledger ledger = data.openExisting()) {
      Optional<EntryHash> head = ledger.head(lot);
      if (head.isEmpty()) {
        throw CliException.usage("no lot " + lot + " in the ledger in " + data.path());
      }
      long newest = ledger.entry(head.get())
          .orElseThrow(() -> CliException.usage("the ledger in " + data.path() + " lacks the head entry of " + lot + " (run 'ledger verify')"))
          .index();
      SignedCheckpoint checkpoint = checkpointCovering(ledger, newest);
      Bundle bundle = BundleExporter.export(ledger, lot, checkpoint);
      write(bundle.toBytes());
      spec.commandLine().getOut().println("exported " + bundle.items().size() + " entries of lot " + lot
          + " against checkpoint size " + Long.toUnsignedString(checkpoint.checkpoint().size()) + " to " + file);
    }
    return LedgerCli.EXIT_OK;
  }

  /**
   * A fresh checkpoint when the ledger grew and a log key is at hand; else the latest, if it covers
   * entry {@code newest}.
   */
  private SignedCheckpoint checkpointCovering(Ledger ledger, long newest) throws CliException, LedgerException {
    Optional<SignedCheckpoint> latest = ledger.latestCheckpoint();
    boolean grew = latest.isEmpty() || latest.get().checkpoint().size() != ledger.size();
    if (!grew) {
      return latest.get();
    }
    if (LogKey.exists(data.path())) {
      return ledger.checkpoint(LogKey.read(data.path()));
    }
    if (latest.isPresent() && Long.compareUnsigned(newest, latest.get().checkpoint().size()) < 0) {
      return latest.get();
    }
    return ledger.checkpoint(LogKey.read(data.path())); // throws: no log key, naming the file
  }

  /** Refuses an existing FILE without --force, and a directory always, before any work is done. */
  private void requireWritable() throws CliException {
    if (Files.isDirectory(file)) {
      throw CliException.usage("--out " + file + " is a directory");
    }
    if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw CliException.usage(file + " already exists; pass --force to replace it");
    }
  }

  /** Writes {@code bytes} to a new file beside FILE, forces it to disk, then renames it to FILE. */
  private void write(byte[] bytes) throws CliException {
    Path target = file.toAbsolutePath();
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      move(tmp, target);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + LedgerCli.describe(e));
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the bundle was written or the write error is reported; a stray temporary file is harmless
      }
    }
  }

  private void move(Path tmp, Path target) throws CliException, IOException {
    if (!force) {
      try {
        Files.move(tmp, target); // no REPLACE_EXISTING: fails if FILE appeared meanwhile
      } catch (FileAlreadyExistsException e) {
        throw CliException.usage(file + " already exists; pass --force to replace it");
      }
      return;
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
