package io.lotledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.error.LedgerException;
import io.lotledger.rules.Policy;
import io.lotledger.rules.PolicyRule;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy file reader: the shipped example, and every kind of bad input named by file and path.
 */
class PolicyFileTest {
  private static Policy parse(String json) throws PolicyFileException {
    return PolicyFile.parse(json.getBytes(StandardCharsets.UTF_8), "p.json");
  }

  private static void assertRejected(String json, String... messageParts) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(
            PolicyFileException.class,
            e -> {
              assertThat(e.code()).isEqualTo(LedgerException.Code.INVALID_INPUT);
              assertThat(e.file()).isEqualTo("p.json");
              assertThat(e.getMessage()).startsWith("policy file p.json").doesNotContain("\n");
              for (String part : messageParts) {
                assertThat(e.getMessage()).contains(part);
              }
            });
  }

  @Test
  void read_shippedEuBattery2031Example_givesArticle8ThresholdsCertificationAndOrigins()
      throws Exception {
    Policy p = PolicyFile.read(Path.of("..", "docs", "policies", "eu-battery-2031.json"));

    assertThat(p.name()).isEqualTo("eu-battery-2031");
    assertThat(p.rules())
        .containsExactly(
            new PolicyRule.MinimumRecycledShare("Co", new BigDecimal("0.16"), false),
            new PolicyRule.MinimumRecycledShare("Pb", new BigDecimal("0.85"), false),
            new PolicyRule.MinimumRecycledShare("Li", new BigDecimal("0.06"), false),
            new PolicyRule.MinimumRecycledShare("Ni", new BigDecimal("0.06"), false),
            new PolicyRule.RequireCertification(
                "Co",
                List.of(
                    "https://certificates.example.org/rmap/cobalt/CID-2025-0117",
                    "https://certificates.example.org/permits/DE-BB-2025-0420"),
                true),
            new PolicyRule.ForbiddenOrigins(List.of("KP")));
  }

  @Test
  void parse_everyRuleKindWithOptionalFields() throws Exception {
    Policy p =
        parse(
            """
        {"version": 1, "name": "cold chain", "description": "salmon",
         "rules": [{"type": "temperatureLimit", "sensorType": "gs1:Temperature", "maximum": 4.0, "unit": "CEL",
                    "fromBizStep": "shipping", "toBizStep": "receiving"},
                   {"type": "requireCertification", "certifications": ["https://asc-aqua.org/cert/1"]},
                   {"type": "minimumRecycledShare", "element": "Cu", "minimum": 0.5, "postConsumerOnly": true}]}""");

    assertThat(p.rules())
        .containsExactly(
            new PolicyRule.TemperatureLimit(
                "gs1:Temperature", new BigDecimal("4"), "CEL", "shipping", "receiving"),
            new PolicyRule.RequireCertification(
                null, List.of("https://asc-aqua.org/cert/1"), false),
            new PolicyRule.MinimumRecycledShare("Cu", new BigDecimal("0.5"), true));
  }

  @Test
  void parse_decimalsAreExact() throws Exception {
    PolicyRule rule =
        parse(
                """
        {"version": 1, "name": "p", "rules": [{"type": "minimumRecycledShare", "element": "Co", "minimum": 0.100000000000000005}]}""")
            .rules()
            .get(0);

    assertThat(((PolicyRule.MinimumRecycledShare) rule).minimum())
        .isEqualTo(new BigDecimal("0.100000000000000005")); // a double would read 0.1
  }

  @Test
  void parse_unknownFieldsAnywhere_areRejectedByPath() {
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"rules\": [], \"extra\": 1}",
        "extra is not a field of a policy");
    assertRejected(
        """
        {"version": 1, "name": "p", "rules": [{"type": "forbiddenOrigins", "countries": ["KP"], "regions": ["x"]}]}""",
        "rules[0].regions is not a field of a forbiddenOrigins rule",
        "(fields: countries, type)");
  }

  @Test
  void parse_wrongTypes_areRejectedByPath() {
    assertRejected("[]", "the top level must be an object, not an array");
    assertRejected(
        "{\"version\": \"1\", \"name\": \"p\", \"rules\": []}", "version must be the number 1");
    assertRejected(
        "{\"version\": 1, \"name\": 7, \"rules\": []}", "name must be a string, not a number");
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"rules\": {}}",
        "rules must be an array, not an object");
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"rules\": [3]}",
        "rules[0] must be an object, not a number");
    assertRejected(
        """
        {"version": 1, "name": "p", "rules": [{"type": "requireCertification", "certifications": ["https://x.org/c", 5]}]}""",
        "rules[0].certifications[1] must be a string, not a number");
    assertRejected(
        """
        {"version": 1, "name": "p", "rules": [{"type": "minimumRecycledShare", "element": "Co", "minimum": 0.1, "postConsumerOnly": "yes"}]}""",
        "rules[0].postConsumerOnly must be true or false, not a string");
  }

  @Test
  void parse_missingOrInvalidValues_areRejectedByPath() {
    assertRejected("{\"version\": 1, \"rules\": []}", "name is missing");
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"rules\": [{\"type\": \"colourLimit\"}]}",
        "rules[0].type is 'colourLimit', not one of");
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"rules\": [{\"type\": \"minimumRecycledShare\", \"element\": \"Co\"}]}",
        "rules[0].minimum is missing");
    assertRejected(
        """
        {"version": 1, "name": "p", "rules": [{"type": "minimumRecycledShare", "element": "Co", "minimum": 16}]}""",
        "rules[0] (minimumRecycledShare)",
        "must be in [0, 1]");
    assertRejected(
        """
        {"version": 1, "name": "p", "rules": [{"type": "temperatureLimit", "sensorType": "t", "maximum": 1e999999999, "unit": "CEL"}]}""",
        "rules[0] (temperatureLimit)",
        "out of range");
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"rules\": [{\"type\": \"forbiddenOrigins\", \"countries\": [\"Congo\"]}]}",
        "rules[0] (forbiddenOrigins)",
        "ISO 3166-1");
  }

  @Test
  void parse_malformedOrOverLimitJson_isRejected() {
    assertRejected("", "is empty");
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"name\": \"q\", \"rules\": []}",
        "not valid JSON",
        "Duplicate field 'name'");
    assertRejected("{\"version\": 1, \"name\": \"p\", \"rules\": []} {}", "not valid JSON");
    assertRejected(
        "{\"version\": 1, \"name\": \"p\", \"rules\": [[[[[[[[[]]]]]]]]]}",
        "not valid JSON",
        "nesting depth");
    StringBuilder many = new StringBuilder("{\"version\": 1, \"name\": \"p\", \"rules\": [");
    for (int i = 0; i <= Policy.MAX_RULES; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"type\": \"forbiddenOrigins\", \"countries\": [\"KP\"]}");
    }
    assertRejected(many.append("]}").toString(), "rules holds 257 rules, more than 256");
  }

  @Test
  void errors_nameTheFieldPath_orTheLineAndColumnOfAJsonSyntaxError() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\": 1, \"name\": \"p\", \"rules\": [{\"type\": \"minimumRecycledShare\", \"element\": \"Co\"}]}"))
        .isInstanceOfSatisfying(
            PolicyFileException.class,
            e -> {
              assertThat(e.field()).isEqualTo("rules[0].minimum");
              assertThat(e.line()).isZero();
              assertThat(e.column()).isZero();
            });
    assertThatThrownBy(() -> parse("{\"version\": 1,\n \"name\": \"p\" \"rules\": []}"))
        .isInstanceOfSatisfying(
            PolicyFileException.class,
            e -> {
              assertThat(e.field()).isNull();
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isPositive();
              assertThat(e.getMessage())
                  .contains("not valid JSON at line 2, column " + e.column() + ": ");
            });
  }

  @Test
  void read_streamOverTheLimit_isRefusedNamingTheSource_andAMissingFileIsAnIoError() {
    byte[] tooBig = new byte[PolicyFile.MAX_BYTES + 1];
    assertThatThrownBy(() -> PolicyFile.read(new ByteArrayInputStream(tooBig), "upload"))
        .isInstanceOfSatisfying(
            PolicyFileException.class,
            e -> {
              assertThat(e.file()).isEqualTo("upload");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "policy file upload is over the limit of " + PolicyFile.MAX_BYTES + " bytes");
            });
    assertThatThrownBy(() -> PolicyFile.read(Path.of("no-such-policy.json")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
