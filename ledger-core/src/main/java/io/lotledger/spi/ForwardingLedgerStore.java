package io.lotledger.spi;

/**
 * A {@link LedgerStore} that passes every call to another: extend it to observe or count some calls
 * (batches written, entries read) while overriding only those. Thread-safe as its delegate is.
 */
public abstract class ForwardingLedgerStore implements LedgerStore {
  private final LedgerStore delegate;

  /**
   * A store that passes every call to {@code delegate}.
   *
   * @throws IllegalArgumentException if {@code delegate} is null
   */
  protected ForwardingLedgerStore(LedgerStore delegate) {
    if (delegate == null) {
      throw new IllegalArgumentException("delegate must not be null");
    }
    this.delegate = delegate;
  }

  @Override
  public byte[] get(Table table, byte[] key) throws StoreException {
    return delegate.get(table, key);
  }

  @Override
  public void scan(Table table, byte[] prefix, Visitor visitor) throws StoreException {
    delegate.scan(table, prefix, visitor);
  }

  @Override
  public void write(WriteBatch batch, boolean sync) throws StoreException {
    delegate.write(batch, sync);
  }

  @Override
  public void close() throws StoreException {
    delegate.close();
  }
}
