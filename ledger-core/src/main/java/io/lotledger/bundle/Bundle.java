package io.lotledger.bundle;

import static io.lotledger.error.LedgerException.Code.INVALID_INPUT;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.lotledger.error.LedgerException;
import io.lotledger.event.LotId;
import io.lotledger.log.ConsistencyProof;
import io.lotledger.log.InclusionProof;
import io.lotledger.log.NodeHash;
import io.lotledger.note.SignedCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A self-contained proof of one lot's provenance (docs/bundle-format.md): the exact bytes of every
 * entry in the lot's {@link Provenance} closure and of every registry entry, a signed checkpoint
 * covering them, an RFC 9162 inclusion proof per entry, and consistency proofs from the ledger's
 * earlier checkpoints.
 *
 * <p>{@link #parse} bounds everything (size, counts, path lengths) before any hash or signature is
 * computed, accepts only the canonical encoding, and rejects anything else with a {@link
 * LedgerException} of code {@link LedgerException.Code#INVALID_INPUT INVALID_INPUT}. Nothing is
 * trusted until {@link BundleVerifier} has checked it. Immutable.
 */
public final class Bundle {
  /** File magic: the ASCII bytes {@code LLBUNDLE}. */
  public static final byte[] MAGIC = "LLBUNDLE".getBytes(StandardCharsets.US_ASCII);

  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  /** Largest bundle file accepted (checked before reading it). */
  public static final int MAX_BYTES = 64 << 20;

  /** Most entries in a bundle. */
  public static final int MAX_ENTRIES = 200_000;

  /** Most earlier checkpoints with consistency proofs. */
  public static final int MAX_CONSISTENCY = 1024;

  /** Largest checkpoint note. */
  public static final int MAX_NOTE_BYTES = 64 << 10;

  /**
   * One entry of the bundle at its index, with its inclusion proof against the bundle's checkpoint.
   */
  public static final class Item {
    private final long index;
    private final byte[] entry;
    private final List<NodeHash> inclusion;

    Item(long index, byte[] entry, List<NodeHash> inclusion) {
      this.index = index;
      this.entry = entry;
      this.inclusion = List.copyOf(inclusion);
    }

    /** The entry's 0-based index in the ledger (its leaf index in the Merkle log). */
    public long index() {
      return index;
    }

    /** A copy of the entry's exact bytes. */
    public byte[] entry() {
      return entry.clone();
    }

    byte[] rawEntry() {
      return entry;
    }

    /**
     * The entry's RFC 9162 inclusion proof in a tree of {@code treeSize} leaves (the checkpoint's
     * size); the proof's path is as the bundle carries it, not yet checked.
     */
    public InclusionProof inclusion(long treeSize) {
      return new InclusionProof(index, treeSize, inclusion);
    }

    List<NodeHash> path() {
      return inclusion;
    }
  }

  /**
   * An earlier checkpoint of the same log, with the proof that the bundle's checkpoint extends it.
   *
   * @param checkpoint the earlier signed checkpoint, not yet verified
   * @param path the RFC 9162 consistency proof from its size to the bundle checkpoint's size
   */
  public record Earlier(SignedCheckpoint checkpoint, List<NodeHash> path) {
    /**
     * Copies {@code path}; neither component is checked here ({@link BundleVerifier} does that).
     */
    public Earlier {
      path = List.copyOf(path);
    }

    /**
     * The RFC 9162 consistency proof from this earlier checkpoint's size to {@code size}, the
     * bundle checkpoint's size.
     */
    public ConsistencyProof proofTo(long size) {
      return new ConsistencyProof(checkpoint.checkpoint().size(), size, path);
    }
  }

  private final String origin;
  private final LotId lot;
  private final SignedCheckpoint checkpoint;
  private final List<Item> items;
  private final List<Earlier> earlier;

  Bundle(
      String origin,
      LotId lot,
      SignedCheckpoint checkpoint,
      List<Item> items,
      List<Earlier> earlier) {
    this.origin = origin;
    this.lot = lot;
    this.checkpoint = checkpoint;
    this.items = List.copyOf(items);
    this.earlier = List.copyOf(earlier);
  }

  /** The origin (log name) of the ledger the bundle was taken from. */
  public String origin() {
    return origin;
  }

  /** The lot whose provenance the bundle proves. */
  public LotId lot() {
    return lot;
  }

  /**
   * The C2SP signed checkpoint every item's inclusion proof leads to; not verified until {@link
   * BundleVerifier} checks it.
   */
  public SignedCheckpoint checkpoint() {
    return checkpoint;
  }

  /** The entries, by ascending index. */
  public List<Item> items() {
    return items;
  }

  /**
   * The earlier checkpoints with their consistency proofs to {@link #checkpoint()}, as an immutable
   * list; may be empty.
   */
  public List<Earlier> earlier() {
    return earlier;
  }

  // ------------------------------------------------------------------ reading

  /** Reads a bundle file, refusing one larger than {@link #MAX_BYTES} before reading it. */
  public static Bundle read(Path file) throws LedgerException {
    try {
      // Ask the file system first, so that an oversized file is refused without buffering 64 MiB of
      // it;
      // the bounded read below still guards files whose size is unknown or growing (pipes,
      // devices).
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw new LedgerException(
            INVALID_INPUT,
            "bundle " + file + " is larger than the limit of " + MAX_BYTES + " bytes");
      }
    } catch (IOException e) {
      throw new LedgerException(
          INVALID_INPUT, "cannot read bundle " + file + ": " + e.getMessage(), e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new LedgerException(
            INVALID_INPUT,
            "bundle " + file + " is larger than the limit of " + MAX_BYTES + " bytes");
      }
      return parse(bytes);
    } catch (NoSuchFileException e) {
      throw new LedgerException(INVALID_INPUT, "bundle " + file + " does not exist", e);
    } catch (IOException e) {
      throw new LedgerException(
          INVALID_INPUT, "cannot read bundle " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a bundle's bytes (magic, version, bounded protobuf in its one canonical encoding);
   * verifies nothing.
   */
  public static Bundle parse(byte[] bytes) throws LedgerException {
    if (bytes.length > MAX_BYTES) {
      throw new LedgerException(
          INVALID_INPUT, "bundle is " + bytes.length + " bytes, over the limit of " + MAX_BYTES);
    }
    if (bytes.length < MAGIC.length + 1
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new LedgerException(
          INVALID_INPUT, "not a lotledger bundle (it does not start with LLBUNDLE)");
    }
    int version = bytes[MAGIC.length] & 0xff;
    if (version != VERSION) {
      throw new LedgerException(
          INVALID_INPUT,
          "bundle format version "
              + version
              + " is not supported (this version reads "
              + VERSION
              + ")");
    }
    io.lotledger.bundle.proto.Bundle proto;
    try {
      // Parsing from an array never allocates more than the array holds: a length prefix larger
      // than
      // what follows fails as truncated instead of allocating.
      CodedInputStream in =
          CodedInputStream.newInstance(bytes, MAGIC.length + 1, bytes.length - MAGIC.length - 1);
      in.setRecursionLimit(8);
      proto = io.lotledger.bundle.proto.Bundle.parseFrom(in);
      // An end-group tag at the top level ends parseFrom(CodedInputStream) without an error, and
      // would
      // silently cut off every record after it.
      in.checkLastTagWas(0);
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException(
          INVALID_INPUT, "bundle is not a valid protobuf Bundle message: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new LedgerException(INVALID_INPUT, "bundle cannot be parsed: " + e.getMessage(), e);
    }
    if (!proto.getUnknownFields().asMap().isEmpty()) {
      throw new LedgerException(INVALID_INPUT, "bundle has fields this version does not know");
    }
    for (int i = 0; i < proto.getConsistencyCount(); i++) {
      if (!proto.getConsistency(i).getUnknownFields().asMap().isEmpty()) {
        throw new LedgerException(
            INVALID_INPUT,
            "bundle earlier checkpoint #" + i + " has fields this version does not know");
      }
    }
    // One encoding per bundle, as for entries (EntryCodec): the re-encoding of what was read must
    // be the
    // input itself, which rejects duplicated or reordered fields, explicit defaults, non-minimal
    // varints
    // and trailing bytes, so no byte of a bundle can change without changing what it says.
    int bodyLength = bytes.length - MAGIC.length - 1;
    if (proto.getSerializedSize() != bodyLength
        || !Arrays.equals(
            proto.toByteArray(), 0, bodyLength, bytes, MAGIC.length + 1, bytes.length)) {
      throw new LedgerException(
          INVALID_INPUT,
          "bundle is not in canonical encoding (its re-encoding differs: repeated or reordered"
              + " fields, explicit defaults, non-minimal varints or trailing bytes)");
    }
    if (proto.getEntriesCount() > MAX_ENTRIES) {
      throw new LedgerException(
          INVALID_INPUT,
          "bundle holds " + proto.getEntriesCount() + " entries, more than " + MAX_ENTRIES);
    }
    if (proto.getConsistencyCount() > MAX_CONSISTENCY) {
      throw new LedgerException(
          INVALID_INPUT,
          "bundle holds "
              + proto.getConsistencyCount()
              + " earlier checkpoints, more than "
              + MAX_CONSISTENCY);
    }
    if (proto.getEntriesTotal() != proto.getEntriesCount() || proto.getEntriesCount() == 0) {
      throw new LedgerException(
          INVALID_INPUT,
          "bundle is truncated or incomplete: it declares "
              + proto.getEntriesTotal()
              + " entries and holds "
              + proto.getEntriesCount());
    }
    if (proto.getConsistencyTotal() != proto.getConsistencyCount()) {
      throw new LedgerException(
          INVALID_INPUT,
          "bundle is truncated or incomplete: it declares "
              + proto.getConsistencyTotal()
              + " earlier checkpoints and holds "
              + proto.getConsistencyCount());
    }
    LotId lot;
    try {
      lot = new LotId(proto.getLot());
    } catch (IllegalArgumentException e) {
      throw new LedgerException(INVALID_INPUT, "bundle lot: " + e.getMessage(), e);
    }
    if (proto.getOrigin().isEmpty()) {
      throw new LedgerException(INVALID_INPUT, "bundle origin is missing");
    }
    SignedCheckpoint checkpoint = checkpoint("bundle checkpoint", proto.getCheckpoint());
    List<Item> items = new ArrayList<>(proto.getEntriesCount());
    long previous = -1;
    for (int i = 0; i < proto.getEntriesCount(); i++) {
      var e = proto.getEntries(i);
      String where = "bundle entry #" + i;
      if (!e.getUnknownFields().asMap().isEmpty()) {
        throw new LedgerException(INVALID_INPUT, where + " has fields this version does not know");
      }
      long index = e.getIndex();
      // index < 0 is a uint64 above 2^63: no ledger holds that many entries.
      if (index < 0 || index <= previous) {
        throw new LedgerException(
            INVALID_INPUT,
            where
                + ": indexes must be unique and ascending, but "
                + Long.toUnsignedString(index)
                + " follows "
                + previous);
      }
      previous = index;
      if (e.getEntry().isEmpty()) {
        throw new LedgerException(
            INVALID_INPUT, where + " (index " + index + ") has no entry bytes");
      }
      items.add(
          new Item(
              index,
              e.getEntry().toByteArray(),
              hashes(where + " inclusion proof", e.getInclusionList(), InclusionProof.MAX_PATH)));
    }
    List<Earlier> earlier = new ArrayList<>(proto.getConsistencyCount());
    long previousSize = -1;
    for (int i = 0; i < proto.getConsistencyCount(); i++) {
      var c = proto.getConsistency(i);
      String where = "bundle earlier checkpoint #" + i;
      Earlier e =
          new Earlier(
              checkpoint(where, c.getCheckpoint()),
              hashes(where + " consistency proof", c.getPathList(), ConsistencyProof.MAX_PATH));
      long size = e.checkpoint().checkpoint().size();
      if (i > 0 && Long.compareUnsigned(size, previousSize) <= 0) {
        throw new LedgerException(
            INVALID_INPUT,
            where
                + ": earlier checkpoints must have unique, ascending sizes, but "
                + Long.toUnsignedString(size)
                + " follows "
                + Long.toUnsignedString(previousSize));
      }
      previousSize = size;
      earlier.add(e);
    }
    return new Bundle(proto.getOrigin(), lot, checkpoint, items, earlier);
  }

  private static SignedCheckpoint checkpoint(String where, ByteString note) throws LedgerException {
    if (note.isEmpty()) {
      throw new LedgerException(INVALID_INPUT, where + " is missing");
    }
    if (note.size() > MAX_NOTE_BYTES) {
      throw new LedgerException(
          INVALID_INPUT,
          where + " is " + note.size() + " bytes, over the limit of " + MAX_NOTE_BYTES);
    }
    try {
      return SignedCheckpoint.parse(note.toByteArray());
    } catch (LedgerException e) {
      throw new LedgerException(INVALID_INPUT, where + ": " + e.getMessage(), e);
    }
  }

  private static List<NodeHash> hashes(String where, List<ByteString> list, int max)
      throws LedgerException {
    if (list.size() > max) {
      throw new LedgerException(
          INVALID_INPUT, where + " has " + list.size() + " hashes, more than " + max);
    }
    List<NodeHash> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      try {
        out.add(NodeHash.parse(where + "[" + i + "]", list.get(i).toByteArray()));
      } catch (io.lotledger.log.ProofException e) {
        throw new LedgerException(INVALID_INPUT, e.getMessage(), e);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ writing

  /** The bundle file's bytes. */
  public byte[] toBytes() {
    var b =
        io.lotledger.bundle.proto.Bundle.newBuilder()
            .setOrigin(origin)
            .setLot(lot.uri())
            .setCheckpoint(ByteString.copyFrom(checkpoint.toBytes()));
    for (Item item : items) {
      var e =
          io.lotledger.bundle.proto.BundleEntry.newBuilder()
              .setIndex(item.index)
              .setEntry(ByteString.copyFrom(item.entry));
      item.inclusion.forEach(h -> e.addInclusion(ByteString.copyFrom(h.toBytes())));
      b.addEntries(e);
    }
    for (Earlier c : earlier) {
      var p =
          io.lotledger.bundle.proto.Consistency.newBuilder()
              .setCheckpoint(ByteString.copyFrom(c.checkpoint().toBytes()));
      c.path().forEach(h -> p.addPath(ByteString.copyFrom(h.toBytes())));
      b.addConsistency(p);
    }
    b.setEntriesTotal(items.size()).setConsistencyTotal(earlier.size());
    byte[] body = b.build().toByteArray();
    byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + 1 + body.length);
    out[MAGIC.length] = (byte) VERSION;
    System.arraycopy(body, 0, out, MAGIC.length + 1, body.length);
    return out;
  }
}
