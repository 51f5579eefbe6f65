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

  /** Zero-based index of the offending event, or {@link #NO_EVENT}. */
  private final int eventIndex;

  /** Path of the offending field. */
  private final String field;

  /**
   * A problem with no underlying cause; the message becomes "event N, field F: message" (or
   * "document, field F: ...").
   *
   * @param eventIndex zero-based index of the event in document order, or {@link #NO_EVENT}
   * @param field path of the offending field, such as {@code epcList[2]}
   * @param message what is wrong, in words
   */
  public EpcisFormatException(int eventIndex, String field, String message) {
    this(eventIndex, field, message, null);
  }

  /**
   * A problem caused by {@code cause} (a JSON parser's exception, say); otherwise as the
   * three-argument constructor.
   *
   * @param eventIndex zero-based index of the event in document order, or {@link #NO_EVENT}
   * @param field path of the offending field, such as {@code epcList[2]}
   * @param message what is wrong, in words
   * @param cause the underlying exception, or null
   */
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
