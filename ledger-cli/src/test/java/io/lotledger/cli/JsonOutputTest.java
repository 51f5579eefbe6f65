package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytes {@link JsonOutput} writes: what the removed hand-written JsonWriter wrote, byte for
 * byte.
 */
class JsonOutputTest {

  @Test
  void string_escapesQuotesBackslashesControlDelAndNonAsciiCharactersInLowercaseHex() {
    String nasty = "a\"b\\c\nd\te\u0001f\u00e5g\u2028h\ud83d\udd0b\u007fi/";
    ObjectNode o = JsonOutput.object().put("s", nasty);

    String json = JsonOutput.text(o);

    assertThat(json)
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001f\\u00e5g\\u2028h\\ud83d\\udd0b\\u007fi/\"}");
    assertThat(json.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    assertThat(JsonReader.object(json)).containsEntry("s", nasty);
  }

  @Test
  void nestedObjectsAndArrays_areCompactWithNullsKept() {
    ObjectNode o = JsonOutput.object().put("n", 42).put("t", true).put("z", (String) null);
    o.putArray("a").add("x").add(-1).addObject();

    String json = JsonOutput.text(o);

    assertThat(json).isEqualTo("{\"n\":42,\"t\":true,\"z\":null,\"a\":[\"x\",-1,{}]}");
    assertThat(JsonReader.object(json).get("a")).isEqualTo(List.of("x", -1L, Map.of()));
  }

  @Test
  void decimal_isWrittenInPlainNotationWithEveryDigit() {
    ObjectNode o =
        JsonOutput.object()
            .put("ratio", new BigDecimal("0.873"))
            .put("tiny", new BigDecimal("1.5E-7"))
            .put("seconds", new BigDecimal("1.500"));
    o.putObject("nested").put("big", new BigDecimal("1E+3"));

    String json = JsonOutput.text(o);

    assertThat(json)
        .isEqualTo(
            "{\"ratio\":0.873,\"tiny\":0.00000015,\"seconds\":1.500,\"nested\":{\"big\":1000}}");
    assertThat(JsonReader.object(json)).containsEntry("ratio", new BigDecimal("0.873"));
  }
}
