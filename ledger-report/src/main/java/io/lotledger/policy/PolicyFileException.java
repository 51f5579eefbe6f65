package io.lotledger.policy;

import io.lotledger.error.LedgerException;

/**
 * A policy file is not a valid policy: over a size limit, not JSON, or JSON that breaks the format
 * (docs/policy-format.md). The message names the file and where: the line and column of a JSON
 * syntax error, or the path of the field at fault ({@code rules[2].minimum}). Code {@link
 * LedgerException.Code#INVALID_INPUT}.
 */
public final class PolicyFileException extends LedgerException {
  private static final long serialVersionUID = 1L;

  /** The file the policy was read from. */
  private final String file;

  /** The path of the field at fault, or null. */
  private final String field;

  /** The 1-based line of a JSON syntax error, or 0. */
  private final int line;

  /** The 1-based column of a JSON syntax error, or 0. */
  private final int column;

  PolicyFileException(
      String file, String field, int line, int column, String message, Throwable cause) {
    super(Code.INVALID_INPUT, message, cause);
    this.file = file;
    this.field = field;
    this.line = line;
    this.column = column;
  }

  /** The file (or other source) the policy was read from, as its reader named it. */
  public String file() {
    return file;
  }

  /**
   * The path of the field at fault ({@code rules[2].minimum}, {@code the top level}), or null when
   * the file is not JSON or over a limit.
   */
  public String field() {
    return field;
  }

  /** The 1-based line of a JSON syntax error, or 0 when the problem has no position in the text. */
  public int line() {
    return line;
  }

  /**
   * The 1-based column of a JSON syntax error, or 0 when the problem has no position in the text.
   */
  public int column() {
    return column;
  }
}
