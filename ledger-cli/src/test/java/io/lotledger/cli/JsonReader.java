package io.lotledger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * Reads the CLI's JSON in the tests with Jackson, strictly (one value, no trailing text, no
 * duplicate names), so that output is checked as JSON rather than as substrings. Objects become
 * ordered maps, arrays lists, integers {@link Long}, other numbers {@link java.math.BigDecimal},
 * strings, booleans and null.
 */
final class JsonReader {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(
              DeserializationFeature.USE_LONG_FOR_INTS,
              DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JsonReader() {}

  static Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not one JSON text: " + e.getOriginalMessage() + " in " + text, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    return (Map<String, Object>) parse(text);
  }
}
