package io.lotledger.epcis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lotledger.error.LedgerException;
import java.io.IOException;

/**
 * Walks an {@code EPCISDocument} (EPCIS 2.0 §9, JSON binding) held as bytes with Jackson's
 * streaming parser: the events of {@code epcisBody.eventList} are handed over one at a time, as
 * trees of their own, and only the rest of the document (its <i>shell</i>, with an empty event
 * list) is kept. So the memory a walk needs is one event plus the shell, whatever the number of
 * events; a whole-document tree of a 16 MiB document takes about 100 MB of heap.
 *
 * <p>The bounds of {@link EpcisJson} apply (bytes, nesting, exact decimals). A document that is not
 * a JSON object is not walked ({@link #walk} returns null) and is left to the tree reader, whose
 * error names what is wrong. Stateless.
 */
final class DocumentReader {
  /** Receives the events of a walk in document order. */
  @FunctionalInterface
  interface EventSink {
    void accept(int index, JsonNode event) throws LedgerException;
  }

  /** Reads one value off a parser that goes on: trailing tokens are the rest of the document. */
  private static final ObjectReader VALUE =
      EpcisJson.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DocumentReader() {}

  /**
   * Hands each item of {@code epcisBody.eventList} to {@code sink} in order, and returns the
   * document without them (its {@code eventList} an empty array); null if {@code json} is not a
   * JSON object.
   *
   * @throws EpcisFormatException if the bytes are not JSON, break a bound, or name {@code
   *     epcisBody} or its {@code eventList} twice
   * @throws LedgerException whatever {@code sink} throws
   */
  static ObjectNode walk(byte[] json, EventSink sink) throws LedgerException {
    try (JsonParser parser = EpcisJson.MAPPER.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode shell = JsonNodeFactory.instance.objectNode();
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken value = parser.nextToken();
        if (name.equals("epcisBody") && value == JsonToken.START_OBJECT) {
          once(shell, name, "(document)");
          shell.set(name, body(parser, sink));
        } else {
          shell.set(name, tree(parser));
        }
      }
      if (parser.nextToken() != null) {
        throw unreadable("trailing content after the document, at " + parser.currentLocation());
      }
      return shell;
    } catch (JsonProcessingException e) {
      throw unreadable(e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw unreadable(e.getMessage(), e);
    } catch (NumberFormatException e) {
      // Jackson's BigDecimal reader throws this, unwrapped, for an exponent beyond 32 bits
      // (1e9999999999).
      throw unreadable(e.getMessage(), e);
    }
  }

  /** The body object the parser is at, its events handed to {@code sink} and left out. */
  private static ObjectNode body(JsonParser parser, EventSink sink)
      throws IOException, LedgerException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      if (name.equals("eventList") && value == JsonToken.START_ARRAY) {
        once(body, name, "epcisBody");
        int index = 0;
        for (JsonToken item = parser.nextToken();
            item != JsonToken.END_ARRAY;
            item = parser.nextToken()) {
          sink.accept(index++, tree(parser));
        }
        body.set(name, JsonNodeFactory.instance.arrayNode());
      } else {
        body.set(name, tree(parser));
      }
    }
    return body;
  }

  /** A tree of the value the parser is at, the parser left on its last token. */
  private static JsonNode tree(JsonParser parser) throws IOException {
    JsonNode node = VALUE.readTree(parser);
    return node == null ? NullNode.instance : node;
  }

  /**
   * Refuses a second {@code name}: a tree reader keeps the last of duplicate names, a streaming one
   * would have handed over the events of both.
   */
  private static void once(ObjectNode into, String name, String where) throws EpcisFormatException {
    if (into.has(name)) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          where.equals("(document)") ? name : where + "." + name,
          "appears twice");
    }
  }

  private static EpcisFormatException unreadable(String detail) {
    return new EpcisFormatException(
        EpcisFormatException.NO_EVENT, "(document)", "not readable JSON: " + detail);
  }

  private static EpcisFormatException unreadable(String detail, Throwable cause) {
    return new EpcisFormatException(
        EpcisFormatException.NO_EVENT, "(document)", "not readable JSON: " + detail, cause);
  }
}
