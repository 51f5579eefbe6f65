package io.lotledger.epcis;

import io.lotledger.error.LedgerException;

/**
 * An EPCIS document or event cannot be hashed: it is malformed, over a size or nesting limit, or
 * carries a field whose canonical form is undefined.
 *
 * <p>Carries the evidence a caller needs to find the problem: the zero-based index of the event in
 * the document's event list ({@link #NO_EVENT} for document-level problems) and the field path.
 */
public final class EpcisFormatException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /** The event index used when the problem is not inside one event. */
  public static final int NO_EVENT = -1;

  private final int eventIndex;
  private final String field;

  public EpcisFormatException(int eventIndex, String field, String message) {
    this(eventIndex, field, message, null);
  }

  public EpcisFormatException(int eventIndex, String field, String message, Throwable cause) {
    super(Code.INVALID_INPUT, describe(eventIndex, field, message), cause);
    this.eventIndex = eventIndex;
    this.field = field;
  }

  private static String describe(int eventIndex, String field, String message) {
    String where = eventIndex == NO_EVENT ? "document" : "event " + eventIndex;
    return where + ", field " + field + ": " + message;
  }

  /** Zero-based index of the offending event in document order, or {@link #NO_EVENT}. */
  public int eventIndex() {
    return eventIndex;
  }

  /** Path of the offending field, such as {@code epcList[2]} or {@code epcisBody.eventList}. */
  public String field() {
    return field;
  }
}
