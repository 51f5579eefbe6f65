package io.lotledger.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts to apply atomically: a store applies all of them or none. Not thread-safe; build it on one
 * thread and hand it to {@link LedgerStore#write}.
 */
public final class WriteBatch {
  /**
   * One put. Arrays are owned by the batch once added.
   *
   * @param table the table written
   * @param key the key
   * @param value the value stored under it
   */
  public record Put(Table table, byte[] key, byte[] value) {}

  private final List<Put> puts = new ArrayList<>();

  /**
   * Adds a put of {@code value} under {@code key} in {@code table}; the batch owns both arrays from
   * now on, so the caller must not change them.
   *
   * @return this batch, for chaining
   */
  public WriteBatch put(Table table, byte[] key, byte[] value) {
    puts.add(new Put(table, key, value));
    return this;
  }

  /** The puts in the order added, as an unmodifiable view. */
  public List<Put> puts() {
    return Collections.unmodifiableList(puts);
  }

  /** Whether the batch holds no put. */
  public boolean isEmpty() {
    return puts.isEmpty();
  }

  /** The number of puts in the batch. */
  public int size() {
    return puts.size();
  }
}
