package io.lotledger.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON the {@code --json} options print: a Jackson tree, written as one compact JSON text (RFC
 * 8259) on one line. Decimals keep every digit in plain notation ({@code 0.00000015}, never {@code
 * 1.5E-7}, and {@code 1.500} stays {@code 1.500}). Every character outside printable ASCII is
 * written as a {@code \\u} escape with four lowercase hex digits (RFC 8259 §7), so the output is
 * pure ASCII whatever the terminal's encoding and whatever a lot id or message contains.
 *
 * <p>Thread-safe: the writer is immutable, and each command builds its own tree.
 */
final class JsonOutput {
  /**
   * Keeps a {@link java.math.BigDecimal} as given: no stripped zeros, so amounts print as the
   * records state them.
   */
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private static final ObjectWriter WRITER =
      JsonMapper.builder(
              new JsonFactoryBuilder()
                  .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                  .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                  .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                  .characterEscapes(new PrintableAscii())
                  .build())
          .nodeFactory(NODES)
          .build()
          .writer();

  private JsonOutput() {}

  /** A new, empty object to fill; its nested objects and arrays keep decimals exact too. */
  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** {@code node} as one line of compact, ASCII-only JSON. */
  static String text(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree built in memory always serialises; only a bug gets here.
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  /**
   * JSON's standard escapes, plus DEL (0x7f), the one ASCII control character JSON does not require
   * escaping.
   */
  private static final class PrintableAscii extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    PrintableAscii() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // above ASCII, ESCAPE_NON_ASCII writes the standard \\u escape
    }
  }
}
