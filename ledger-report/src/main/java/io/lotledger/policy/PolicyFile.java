package io.lotledger.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lotledger.rules.Policy;
import io.lotledger.rules.PolicyRule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a policy file (JSON, docs/policy-format.md) into the core {@link Policy} model. The file is
 * bounded before it is trusted (at most {@value #MAX_BYTES} bytes, nesting depth {@value
 * #MAX_DEPTH}, {@link Policy#MAX_RULES} rules, {@link PolicyRule#MAX_LIST} entries per list) and read
 * strictly: an unknown field, a duplicate key, a value of the wrong JSON type, a missing required
 * field or trailing content is an error naming the file and the field's path ({@code
 * rules[2].minimum}). Numbers are read as exact decimals, never through {@code double}.
 */
final class PolicyFile {
  /** Largest policy file read: 1 MiB, far above any real policy. */
  static final int MAX_BYTES = 1 << 20;
  /** Deepest JSON nesting accepted (the format needs 3). */
  static final int MAX_DEPTH = 8;
  /** The only format version this reader knows. */
  static final int VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_DEPTH)
              .maxNumberLength(64)
              .maxStringLength(64 * 1024)
              .build())
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private PolicyFile() {}

  /** Reads and validates {@code file}; every problem is a usage error (exit 2) naming the file. */
  static Policy read(Path file) throws CliException {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw CliException.usage("policy file " + file + " is " + size + " bytes, over the limit of " + MAX_BYTES + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_BYTES + 1); // the file may have grown since it was measured
      }
    } catch (IOException e) {
      throw CliException.usage("cannot read policy file: " + LedgerCli.describe(e));
    }
    if (bytes.length > MAX_BYTES) {
      throw CliException.usage("policy file " + file + " is over the limit of " + MAX_BYTES + " bytes");
    }
    return parse(bytes, file.toString());
  }

  /** Parses policy JSON read from {@code name}. */
  static Policy parse(byte[] bytes, String name) throws CliException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw CliException.usage("policy file " + name + " is not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CliException.usage("cannot read policy file " + name + ": " + e.getMessage());
    } catch (NumberFormatException e) {
      // Jackson's BigDecimal reader throws this, unwrapped, for an exponent beyond 32 bits (1e9999999999).
      throw CliException.usage("policy file " + name + " is not valid JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw CliException.usage("policy file " + name + " is empty");
    }
    return new Reader(name).policy(root);
  }

  /** Maps the JSON tree to the model, naming the file and path of the first problem. */
  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    Policy policy(JsonNode root) throws CliException {
      Obj top = object(root, "the top level", Set.of("version", "name", "description", "rules"), "a policy");
      JsonNode version = top.required("version");
      if (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() != VERSION) {
        throw error("version", "must be the number " + VERSION + ", not " + version);
      }
      String name = top.string("name", true);
      top.string("description", false);
      JsonNode rules = top.required("rules");
      if (!rules.isArray()) {
        throw error("rules", "must be an array, not " + type(rules));
      }
      if (rules.size() > Policy.MAX_RULES) {
        throw error("rules", "holds " + rules.size() + " rules, more than " + Policy.MAX_RULES);
      }
      List<PolicyRule> out = new ArrayList<>(rules.size());
      for (int i = 0; i < rules.size(); i++) {
        out.add(rule(rules.get(i), "rules[" + i + "]"));
      }
      try {
        return new Policy(name, out);
      } catch (IllegalArgumentException e) {
        throw error("name", e.getMessage());
      }
    }

    private PolicyRule rule(JsonNode node, String path) throws CliException {
      if (!node.isObject()) {
        throw error(path, "must be an object, not " + type(node));
      }
      JsonNode typeNode = node.get("type");
      if (typeNode == null || !typeNode.isTextual()) {
        throw error(path + ".type", typeNode == null ? "is missing" : "must be a string, not " + type(typeNode));
      }
      String type = typeNode.textValue();
      try {
        switch (type) {
          case "requireCertification" -> {
            Obj o = object(node, path, Set.of("type", "element", "certifications", "validAtOriginDate"), "a " + type + " rule");
            return new PolicyRule.RequireCertification(o.string("element", false), o.strings("certifications"),
                o.bool("validAtOriginDate"));
          }
          case "forbiddenOrigins" -> {
            Obj o = object(node, path, Set.of("type", "countries"), "a " + type + " rule");
            return new PolicyRule.ForbiddenOrigins(o.strings("countries"));
          }
          case "temperatureLimit" -> {
            Obj o = object(node, path, Set.of("type", "sensorType", "maximum", "unit", "fromBizStep", "toBizStep"),
                "a " + type + " rule");
            return new PolicyRule.TemperatureLimit(o.string("sensorType", true), o.decimal("maximum"), o.string("unit", true),
                o.string("fromBizStep", false), o.string("toBizStep", false));
          }
          case "minimumRecycledShare" -> {
            Obj o = object(node, path, Set.of("type", "element", "minimum", "postConsumerOnly"), "a " + type + " rule");
            return new PolicyRule.MinimumRecycledShare(o.string("element", true), o.decimal("minimum"), o.bool("postConsumerOnly"));
          }
          default -> throw error(path + ".type", "is '" + type
              + "', not one of requireCertification, forbiddenOrigins, temperatureLimit, minimumRecycledShare");
        }
      } catch (IllegalArgumentException e) {
        throw error(path, "(" + type + ") " + e.getMessage());
      }
    }

    private Obj object(JsonNode node, String path, Set<String> fields, String what) throws CliException {
      if (!node.isObject()) {
        throw error(path, "must be an object, not " + type(node));
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String f = names.next();
        if (!fields.contains(f)) {
          throw error(join(path, f), "is not a field of " + what + " (fields: " + String.join(", ", new TreeSet<>(fields)) + ")");
        }
      }
      return new Obj(node, path);
    }

    /** One JSON object at a path, with typed accessors that fail naming the field. */
    private final class Obj {
      private final JsonNode node;
      private final String path;

      Obj(JsonNode node, String path) {
        this.node = node;
        this.path = path;
      }

      JsonNode required(String field) throws CliException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
          throw error(join(path, field), "is missing");
        }
        return v;
      }

      String string(String field, boolean required) throws CliException {
        JsonNode v = node.get(field);
        if (v == null || (v.isNull() && !required)) {
          if (required) {
            throw error(join(path, field), "is missing");
          }
          return null;
        }
        if (!v.isTextual()) {
          throw error(join(path, field), "must be a string, not " + type(v));
        }
        return v.textValue();
      }

      BigDecimal decimal(String field) throws CliException {
        JsonNode v = required(field);
        if (!v.isNumber()) {
          throw error(join(path, field), "must be a number, not " + type(v));
        }
        return v.decimalValue();
      }

      boolean bool(String field) throws CliException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
          return false;
        }
        if (!v.isBoolean()) {
          throw error(join(path, field), "must be true or false, not " + type(v));
        }
        return v.booleanValue();
      }

      List<String> strings(String field) throws CliException {
        JsonNode v = required(field);
        if (!v.isArray()) {
          throw error(join(path, field), "must be an array of strings, not " + type(v));
        }
        if (v.size() > PolicyRule.MAX_LIST) {
          throw error(join(path, field), "holds " + v.size() + " entries, more than " + PolicyRule.MAX_LIST);
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
          JsonNode s = v.get(i);
          if (!s.isTextual()) {
            throw error(join(path, field) + "[" + i + "]", "must be a string, not " + type(s));
          }
          out.add(s.textValue());
        }
        return out;
      }
    }

    private CliException error(String path, String message) {
      return CliException.usage("policy file " + file + ": " + path + " " + message);
    }
  }

  private static String join(String path, String field) {
    return path.equals("the top level") ? field : path + "." + field;
  }

  /** The JSON type of {@code v} in words, for messages. */
  private static String type(JsonNode v) {
    return switch (v.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
