package io.lotledger.epcis;

import io.lotledger.error.LedgerException;

/**
 * A GS1 identifier (Digital Link URI, EPC URN or bare key) that is malformed: a wrong check digit,
 * a wrong length, a character outside the permitted set, an unsupported scheme or a company prefix
 * length out of range.
 *
 * <p>The message names the element at fault and what is wrong with it, for example {@code "GTIN
 * 09506000134353: check digit 3, expected 2"}, followed by the whole input when the element was
 * taken from a larger one. {@link #element()} and {@link #input()} carry the same evidence for
 * callers that branch on it. The code is always {@link LedgerException.Code#INVALID_INPUT}.
 */
public final class Gs1FormatException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /** The part of the identifier at fault. */
  private final String element;

  /** The whole identifier, or null when the element was the whole input. */
  private final String input;

  /**
   * @param element the part at fault, as a reader would name it ("GTIN", "lot (AI 10)", "company
   *     prefix length", "EPC URN")
   * @param detail what is wrong with it, beginning with the offending value
   * @param input the whole identifier the element came from, or {@code null} if the element was the
   *     whole input
   */
  Gs1FormatException(String element, String detail, String input) {
    super(Code.INVALID_INPUT, input == null ? detail : detail + " in '" + input + "'");
    this.element = element;
    this.input = input;
  }

  /** The part of the identifier that is wrong, e.g. {@code "GTIN"} or {@code "serial (AI 21)"}. */
  public String element() {
    return element;
  }

  /** The whole identifier as given, or {@code null} when the faulty element was given alone. */
  public String input() {
    return input;
  }

  /** The same failure, reported against the larger identifier the element was taken from. */
  Gs1FormatException within(String wholeInput) {
    if (input != null || wholeInput == null) {
      return this;
    }
    Gs1FormatException wrapped = new Gs1FormatException(element, getMessage(), wholeInput);
    wrapped.setStackTrace(getStackTrace());
    return wrapped;
  }
}
