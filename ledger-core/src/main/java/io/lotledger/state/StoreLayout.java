package io.lotledger.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.lotledger.entry.EntryHash;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.rules.LotState;
import io.lotledger.spi.Table;
import io.lotledger.state.proto.Holding;
import io.lotledger.state.proto.LotStateRecord;
import io.lotledger.state.proto.Transit;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The key and value layout of every {@link Table}, in one place: the only code that knows how a
 * ledger's state is laid out in a store. Everything else reads and writes that state in domain
 * terms through {@link StoredLedger} and {@link LedgerState}; it is public for tests that damage a
 * store on purpose, and not exported from the module.
 *
 * <pre>
 * table     key                                  value
 * META      "format" | "origin" | "root" | "size" "1" | origin UTF-8 | root actor UTF-8 | u64
 *           "logkey"                              the log's Ed25519 public key (32), set by the first checkpoint
 *           "sizemark"                            "1" once the ledger keeps acknowledged.size beside the store
 * ENTRIES   u64 index                            entry bytes (lotledger/v1 Envelope)
 * HASHES    entry hash (32)                      u64 index
 * HEADS     lot UTF-8                            entry hash (32)
 * HISTORY   lot UTF-8, 0x00, u64 index           empty
 * LOTS      u64 first index, lot UTF-8           empty
 * PARENTS   child UTF-8, 0x00, parent UTF-8      empty
 * CHILDREN  parent UTF-8, 0x00, child UTF-8      empty
 * ACTORS    actor UTF-8                          u64 registration index, name UTF-8
 * KEYS      public key (32)                      u64 added index, u64 revoked index (2^64-1: none), actor UTF-8
 * LOT_STATE lot UTF-8                            rules.LotState record (proto LotStateRecord, state.proto)
 * EVENT_IDS event ID UTF-8                       u64 index of the entry whose event carries it
 * TREE      u8 level, u64 index                  RFC 9162 hash (32) of leaves [index·2^level, (index+1)·2^level)
 * CHECKPOINTS u64 size                           signed checkpoint note bytes (C2SP signed-note)
 * </pre>
 *
 * u64 is big-endian so that byte order is numeric order. Lot and actor ids are URIs and never
 * contain 0x00, which makes it a safe separator.
 */
public final class StoreLayout {
  public static final byte[] META_FORMAT = ascii("format");
  public static final byte[] META_ORIGIN = ascii("origin");
  public static final byte[] META_SIZE = ascii("size");
  public static final byte[] META_ROOT = ascii("root");
  public static final byte[] META_LOG_KEY = ascii("logkey");

  /** Present once the ledger keeps its acknowledged size in a file beside the store (value "1"). */
  public static final byte[] META_SIZE_MARK = ascii("sizemark");

  public static final byte[] FORMAT_VERSION = ascii("2");
  public static final byte[] EMPTY = new byte[0];

  private StoreLayout() {}

  public static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  public static long u64(byte[] b) {
    if (b == null || b.length < 8) {
      throw new IllegalArgumentException("u64 needs 8 bytes, not " + (b == null ? 0 : b.length));
    }
    return ByteBuffer.wrap(b).getLong();
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  public static byte[] entryKey(long index) {
    return u64(index);
  }

  public static byte[] hashKey(EntryHash hash) {
    return hash.toBytes();
  }

  public static byte[] headKey(LotId lot) {
    return utf8(lot.uri());
  }

  public static byte[] lotStateKey(LotId lot) {
    return utf8(lot.uri());
  }

  public static byte[] eventIdKey(String eventId) {
    return utf8(eventId);
  }

  /** The prefix under which {@code lot}'s HISTORY, PARENTS or CHILDREN records sit. */
  public static byte[] lotPrefix(LotId lot) {
    byte[] id = utf8(lot.uri());
    return Arrays.copyOf(id, id.length + 1);
  }

  public static byte[] historyKey(LotId lot, long index) {
    byte[] prefix = lotPrefix(lot);
    byte[] key = Arrays.copyOf(prefix, prefix.length + 8);
    ByteBuffer.wrap(key, prefix.length, 8).putLong(index);
    return key;
  }

  public static long historyIndex(byte[] key) {
    return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
  }

  public static byte[] lotsKey(long firstIndex, LotId lot) {
    byte[] id = utf8(lot.uri());
    return ByteBuffer.allocate(8 + id.length).putLong(firstIndex).put(id).array();
  }

  public static LotId lotsKeyLot(byte[] key) {
    return new LotId(new String(key, 8, key.length - 8, StandardCharsets.UTF_8));
  }

  /** PARENTS key (from, to) = (child, parent); CHILDREN key (from, to) = (parent, child). */
  public static byte[] edgeKey(LotId from, LotId to) {
    byte[] prefix = lotPrefix(from);
    byte[] other = utf8(to.uri());
    byte[] key = Arrays.copyOf(prefix, prefix.length + other.length);
    System.arraycopy(other, 0, key, prefix.length, other.length);
    return key;
  }

  /** The second lot of an edge key read under {@code lotPrefix(from)}. */
  public static LotId edgeTarget(byte[] key, int prefixLength) {
    return new LotId(
        new String(key, prefixLength, key.length - prefixLength, StandardCharsets.UTF_8));
  }

  public static byte[] treeKey(int level, long index) {
    return ByteBuffer.allocate(9).put((byte) level).putLong(index).array();
  }

  public static byte[] actorKey(ActorId actor) {
    return utf8(actor.uri());
  }

  public static byte[] actorValue(long registeredAt, String name) {
    byte[] n = name == null ? EMPTY : utf8(name);
    return ByteBuffer.allocate(8 + n.length).putLong(registeredAt).put(n).array();
  }

  public static byte[] keyValue(long addedAt, long revokedAt, ActorId actor) {
    byte[] a = utf8(actor.uri());
    return ByteBuffer.allocate(16 + a.length).putLong(addedAt).putLong(revokedAt).put(a).array();
  }

  public static RegisteredKey keyRecord(byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    long added = b.getLong();
    long revoked = b.getLong();
    return new RegisteredKey(
        new ActorId(new String(value, 16, value.length - 16, StandardCharsets.UTF_8)),
        added,
        revoked);
  }

  public static byte[] keyValue(RegisteredKey key) {
    return keyValue(key.addedAt(), key.revokedAt(), key.actor());
  }

  public static RegisteredActor actorRecord(byte[] value) {
    return new RegisteredActor(
        u64(value), new String(value, 8, value.length - 8, StandardCharsets.UTF_8));
  }

  /** A lot's state as stored: a canonical protobuf record ({@code lotledger/v1/state.proto}). */
  public static byte[] lotStateValue(LotState state) {
    LotStateRecord.Builder b =
        LotStateRecord.newBuilder()
            .setProduced(text(state.produced()))
            .setReceived(text(state.received()))
            .setConsumed(text(state.consumed()))
            .setShippedOut(text(state.shippedOut()))
            .setDestroyed(text(state.destroyed()));
    if (state.unit() != null) {
      b.setUnit(state.unit());
    }
    state
        .holdings()
        .forEach(
            (actor, amount) ->
                b.addHoldings(Holding.newBuilder().setActor(actor.uri()).setAmount(text(amount))));
    state
        .inTransit()
        .forEach(
            (hash, t) ->
                b.addInTransit(
                    Transit.newBuilder()
                        .setShipment(ByteString.copyFrom(hash.toBytes()))
                        .setReceiver(t.receiver().uri())
                        .setAmount(text(t.amount()))));
    return b.build().toByteArray();
  }

  /** Reads a stored lot state; {@link IllegalArgumentException} when the bytes are not one. */
  public static LotState lotState(byte[] bytes) {
    LotStateRecord r;
    try {
      r = LotStateRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("lot state record does not parse: " + e.getMessage(), e);
    }
    TreeMap<ActorId, BigDecimal> h = new TreeMap<>();
    for (Holding holding : r.getHoldingsList()) {
      h.put(new ActorId(holding.getActor()), decimal(holding.getAmount()));
    }
    TreeMap<EntryHash, LotState.Transit> t = new TreeMap<>();
    for (Transit transit : r.getInTransitList()) {
      if (transit.getShipment().size() != EntryHash.LENGTH) {
        throw new IllegalArgumentException(
            "lot state names a shipment that is not a " + EntryHash.LENGTH + "-byte hash");
      }
      t.put(
          EntryHash.of(transit.getShipment().toByteArray()),
          new LotState.Transit(new ActorId(transit.getReceiver()), decimal(transit.getAmount())));
    }
    return new LotState(
        r.getUnit().isEmpty() ? null : r.getUnit(),
        decimal(r.getProduced()),
        decimal(r.getReceived()),
        decimal(r.getConsumed()),
        decimal(r.getShippedOut()),
        decimal(r.getDestroyed()),
        h,
        t);
  }

  /** Longest decimal text a stored state may carry (a state is read back from the store). */
  private static final int MAX_DECIMAL_CHARS = 80;

  private static String text(BigDecimal v) {
    return LotState.normal(v).toPlainString();
  }

  private static BigDecimal decimal(String s) {
    if (s.isEmpty() || s.length() > MAX_DECIMAL_CHARS) {
      throw new IllegalArgumentException(
          "lot state amount is empty or longer than " + MAX_DECIMAL_CHARS + " characters");
    }
    BigDecimal v = new BigDecimal(s);
    if (v.signum() < 0) {
      throw new IllegalArgumentException("lot state amount is negative: " + s);
    }
    return LotState.normal(v);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
