package io.lotledger.cli;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one compact JSON text (RFC 8259), the CLI's only JSON output: small enough that a library
 * would cost more than it saves (policy files are read with Jackson, see {@link PolicyFile}).
 * Strings are escaped per RFC 8259 §7, and every character outside printable ASCII is written as a
 * {@code \\u} escape with four hex digits, so the output is pure ASCII whatever the terminal's
 * encoding and whatever a lot id or message contains.
 *
 * <p>Not thread-safe; one writer builds one text. Misuse (a value where a name is due, unbalanced
 * ends) throws {@link IllegalStateException}.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  /** One frame per open object or array: whether it is an object, and whether it has members yet. */
  private final Deque<boolean[]> open = new ArrayDeque<>();
  private boolean nameWritten;
  private boolean done;

  JsonWriter beginObject() {
    beforeValue();
    out.append('{');
    open.push(new boolean[] {true, false});
    return this;
  }

  JsonWriter endObject() {
    end(true, '}');
    return this;
  }

  JsonWriter beginArray() {
    beforeValue();
    out.append('[');
    open.push(new boolean[] {false, false});
    return this;
  }

  JsonWriter endArray() {
    end(false, ']');
    return this;
  }

  /** The name of the next member of the current object. */
  JsonWriter name(String name) {
    boolean[] frame = open.peek();
    if (frame == null || !frame[0] || nameWritten) {
      throw new IllegalStateException("a name belongs directly inside an object: " + name);
    }
    if (frame[1]) {
      out.append(',');
    }
    frame[1] = true;
    string(name);
    out.append(':');
    nameWritten = true;
    return this;
  }

  /** A string value, or null. */
  JsonWriter value(String value) {
    requireContainer();
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  JsonWriter value(long value) {
    requireContainer();
    beforeValue();
    out.append(value);
    return this;
  }

  /** A number in plain decimal notation (no exponent), e.g. {@code 0.873}. */
  JsonWriter value(BigDecimal value) {
    requireContainer();
    beforeValue();
    out.append(value.toPlainString());
    return this;
  }

  JsonWriter value(boolean value) {
    requireContainer();
    beforeValue();
    out.append(value);
    return this;
  }

  /** Shorthand for {@code name(name).value(value)}. */
  JsonWriter member(String name, String value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, long value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, BigDecimal value) {
    return name(name).value(value);
  }

  JsonWriter member(String name, boolean value) {
    return name(name).value(value);
  }

  /** The finished text; throws if an object or array is still open. */
  @Override
  public String toString() {
    if (!open.isEmpty() || !done) {
      throw new IllegalStateException("JSON text is incomplete: " + out);
    }
    return out.toString();
  }

  private void requireContainer() {
    if (open.isEmpty()) {
      throw new IllegalStateException("this writer's texts are objects or arrays, not bare values");
    }
  }

  /** Places a value: after a name inside an object, after a comma inside an array, or as the whole text. */
  private void beforeValue() {
    if (done) {
      throw new IllegalStateException("a JSON text holds one value");
    }
    boolean[] frame = open.peek();
    if (frame == null) {
      return; // the outermost value: beginObject / beginArray (scalars are only written inside them)
    }
    if (frame[0]) {
      if (!nameWritten) {
        throw new IllegalStateException("an object member needs a name first");
      }
      nameWritten = false;
    } else {
      if (frame[1]) {
        out.append(',');
      }
      frame[1] = true;
    }
  }

  private void end(boolean object, char close) {
    boolean[] frame = open.peek();
    if (frame == null || frame[0] != object || nameWritten) {
      throw new IllegalStateException("unbalanced " + close + " in " + out);
    }
    open.pop();
    out.append(close);
    if (open.isEmpty()) {
      done = true;
    }
  }

  /** RFC 8259 §7: quotation mark, reverse solidus and control characters must be escaped. */
  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
