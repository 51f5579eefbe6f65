package io.lotledger.engine;

import io.lotledger.spi.ForwardingLedgerStore;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.WriteBatch;
import io.lotledger.state.StoredLedger;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * How many entries a ledger on disk has acknowledged, kept in a small file beside its store and
 * outside the store's own files, so that a store which later holds fewer (its write-ahead log cut
 * short, a table file replaced) is caught when it is opened rather than trusted.
 *
 * <p>The mark is written after each synced store write that adds entries, before those appends are
 * acknowledged: a positioned write of 16 bytes (magic, size, CRC-32C), without an fsync of its own.
 * A process kill leaves it in the page cache; a power loss can only leave an older, smaller mark,
 * because the store's write-ahead log was fsynced before it. So the mark never exceeds what is
 * durable, and never trails what was acknowledged while the machine stays up. {@link
 * Durability#NO_SYNC} writes do not advance it (they are not durable across a power loss); closing
 * the ledger records the final size once the store is synced.
 *
 * <p>Used by one ledger at a time (the store's lock ensures that); writes come from the committer
 * thread.
 */
final class SizeMark implements AutoCloseable {
  /** The file's name in a ledger's directory. */
  static final String FILE = "acknowledged.size";

  private static final int MAGIC = 0x4c4c5331; // "LLS1"
  private static final int LENGTH = 16;

  private final Path file;
  private FileChannel channel; // opened on first record
  private long recorded = -1;

  private SizeMark(Path file) {
    this.file = file;
  }

  static SizeMark in(Path directory) {
    return new SizeMark(directory.resolve(FILE).toAbsolutePath().normalize());
  }

  Path path() {
    return file;
  }

  /**
   * The recorded size, empty when there is no mark yet.
   *
   * @throws StoreException if the file is unreadable or damaged (wrong length, magic or checksum)
   */
  OptionalLong read() throws StoreException {
    ByteBuffer buffer = ByteBuffer.allocate(LENGTH + 1);
    try (FileChannel in =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // read at most one byte more than a mark, to tell a longer file
      }
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e, e);
    }
    buffer.flip();
    if (buffer.remaining() != LENGTH
        || buffer.getInt(0) != MAGIC
        || buffer.getInt(12) != crc(buffer.getLong(4))) {
      throw new StoreException(
          "the store's size mark "
              + file
              + " is corrupt: not "
              + LENGTH
              + " bytes with magic and checksum");
    }
    recorded = buffer.getLong(4);
    return OptionalLong.of(recorded);
  }

  /**
   * Creates the mark at {@code size}, durably (the file and its directory entry fsynced), so that
   * every later {@link #record} overwrites a block the file already has.
   */
  void create(long size) throws StoreException {
    record(size, true);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
      // Windows cannot open a directory as a channel; its renames and creations are journaled.
    } catch (IOException e) {
      throw new StoreException("cannot sync the directory of " + file + ": " + e, e);
    }
  }

  /**
   * Records {@code size} if it is larger than the recorded one; with {@code force}, also fsyncs the
   * file.
   */
  synchronized void record(long size, boolean force) throws StoreException {
    if (size <= recorded && !force) {
      return;
    }
    try {
      if (channel == null) {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
      }
      long value = Math.max(size, recorded);
      ByteBuffer buffer =
          ByteBuffer.allocate(LENGTH).putInt(MAGIC).putLong(value).putInt(crc(value)).flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer, buffer.position());
      }
      if (force) {
        channel.force(false);
      }
      recorded = value;
    } catch (IOException e) {
      throw new StoreException("cannot record the acknowledged size in " + file + ": " + e, e);
    }
  }

  @Override
  public synchronized void close() throws StoreException {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new StoreException("cannot close " + file + ": " + e, e);
      } finally {
        channel = null;
      }
    }
  }

  private static int crc(long value) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(value).flip());
    return (int) crc.getValue();
  }

  /**
   * {@code store}, with every synced write that adds entries recorded in this mark before it
   * returns.
   */
  LedgerStore marking(LedgerStore store) {
    return new ForwardingLedgerStore(store) {
      @Override
      public void write(WriteBatch batch, boolean sync) throws StoreException {
        super.write(batch, sync);
        if (sync) {
          long size = -1;
          for (WriteBatch.Put p : batch.puts()) {
            size = Math.max(size, StoredLedger.sizeSetBy(p));
          }
          if (size >= 0) {
            record(size, false);
          }
        }
      }

      @Override
      public String toString() {
        return store.toString();
      }
    };
  }
}
