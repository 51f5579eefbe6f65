package io.lotledger.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser for the tests, so that the CLI's JSON is checked as JSON (not as
 * substrings) by code independent of the CLI's own JSON writing and reading. Objects become ordered maps, arrays lists,
 * integers {@link Long}, other numbers {@link BigDecimal}, strings, booleans and null.
 */
final class JsonReader {
  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    JsonReader r = new JsonReader(text.strip());
    Object value = r.value();
    if (r.pos != r.text.length()) {
      throw r.error("trailing characters");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    return (Map<String, Object>) parse(text);
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      String name = string();
      expect(':');
      if (map.put(name, value()) != null) {
        throw error("duplicate name " + name);
      }
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected , or }");
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected , or ]");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  /** RFC 8259 §6: integers become {@link Long}, numbers with a fraction or exponent {@link BigDecimal}. */
  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (digits() == 0) {
      throw error("expected a value");
    }
    boolean integer = true;
    if (peek() == '.') {
      pos++;
      if (digits() == 0) {
        throw error("expected digits after the decimal point");
      }
      integer = false;
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (digits() == 0) {
        throw error("expected exponent digits");
      }
      integer = false;
    }
    String number = text.substring(start, pos);
    return integer ? (Object) Long.parseLong(number) : new BigDecimal(number);
  }

  private int digits() {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    return pos - start;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected " + c);
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos++);
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid JSON at " + pos + ": " + what + " in " + text);
  }
}
