package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void string_escapesQuotesBackslashesControlAndNonAsciiCharacters() {
    String nasty = "a\"b\\c\nd\te\u0001f\u00e5g\u2028h\ud83d\udd0b";
    String json = new JsonWriter().beginObject().member("s", nasty).endObject().toString();

    assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001f\\u00e5g\\u2028h\\ud83d\\udd0b\"}");
    assertThat(json.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    assertThat(JsonReader.object(json)).containsEntry("s", nasty);
  }

  @Test
  void nestedObjectsAndArrays_separateMembersWithCommas() {
    String json = new JsonWriter().beginObject()
        .member("n", 42).member("t", true).member("z", (String) null)
        .name("a").beginArray().value("x").value(-1).beginObject().endObject().endArray()
        .endObject().toString();

    assertThat(json).isEqualTo("{\"n\":42,\"t\":true,\"z\":null,\"a\":[\"x\",-1,{}]}");
    Map<String, Object> parsed = JsonReader.object(json);
    assertThat(parsed.get("a")).isEqualTo(List.of("x", -1L, Map.of()));
  }

  @Test
  void decimal_isWrittenInPlainNotation() {
    String json = new JsonWriter().beginObject()
        .member("ratio", new BigDecimal("0.873")).member("tiny", new BigDecimal("1.5E-7"))
        .endObject().toString();

    assertThat(json).isEqualTo("{\"ratio\":0.873,\"tiny\":0.00000015}");
    assertThat(JsonReader.object(json)).containsEntry("ratio", new BigDecimal("0.873"));
  }

  @Test
  void misuse_isRefused() {
    assertThatThrownBy(() -> new JsonWriter().beginObject().value("no name")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().beginArray().name("x")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().beginObject().endArray()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().beginObject().toString()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().value("bare")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().beginObject().endObject().beginObject()).isInstanceOf(IllegalStateException.class);
  }
}
