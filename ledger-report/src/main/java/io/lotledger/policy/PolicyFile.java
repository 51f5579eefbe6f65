package io.lotledger.policy;

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
 * #MAX_DEPTH}, {@link Policy#MAX_RULES} rules, {@link PolicyRule#MAX_LIST} entries per list) and
 * read strictly: an unknown field, a duplicate key, a value of the wrong JSON type, a missing
 * required field or trailing content is a {@link PolicyFileException} naming the file and the
 * field's path ({@code rules[2].minimum}), or the line and column of a JSON syntax error. Numbers
 * are read as exact decimals, never through {@code double}. Stateless and safe from any thread.
 */
public final class PolicyFile {
  /** Largest policy file read: 1 MiB, far above any real policy. */
  public static final int MAX_BYTES = 1 << 20;

  /** Deepest JSON nesting accepted (the format needs 3). */
  public static final int MAX_DEPTH = 8;

  /** The only format version this reader knows. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
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

  /**
   * Reads and validates {@code file}.
   *
   * @throws IOException if the file cannot be read (it does not exist, permission denied)
   * @throws PolicyFileException if it is over {@value #MAX_BYTES} bytes or not a valid policy,
   *     naming the file
   */
  public static Policy read(Path file) throws IOException, PolicyFileException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw problem(
          file.toString(),
          "policy file "
              + file
              + " is "
              + size
              + " bytes, over the limit of "
              + MAX_BYTES
              + " bytes");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(
          in, file.toString()); // bounded again: the file may have grown since it was measured
    }
  }

  /**
   * Reads and validates a policy from {@code in}, up to its end; {@code name} names the source in
   * errors. Reads at most one byte over {@value #MAX_BYTES}, and does not close {@code in}.
   *
   * @throws IOException if reading {@code in} fails
   * @throws PolicyFileException if it holds over {@value #MAX_BYTES} bytes or not a valid policy,
   *     naming {@code name}
   */
  public static Policy read(InputStream in, String name) throws IOException, PolicyFileException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw problem(name, "policy file " + name + " is over the limit of " + MAX_BYTES + " bytes");
    }
    return parse(bytes, name);
  }

  /**
   * Parses and validates policy JSON read from {@code name}, which names the source in errors. Does
   * not enforce {@value #MAX_BYTES}: the caller has bounded {@code bytes}.
   *
   * @throws PolicyFileException if {@code bytes} are not a valid policy, naming {@code name} and
   *     where
   */
  public static Policy parse(byte[] bytes, String name) throws PolicyFileException {
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new PolicyFileException(
          name,
          null,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "policy file "
              + name
              + " is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new PolicyFileException(
          name, null, 0, 0, "cannot read policy file " + name + ": " + e.getMessage(), e);
    } catch (NumberFormatException e) {
      // Jackson's BigDecimal reader throws this, unwrapped, for an exponent beyond 32 bits
      // (1e9999999999).
      throw new PolicyFileException(
          name, null, 0, 0, "policy file " + name + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw problem(name, "policy file " + name + " is empty");
    }
    return new Reader(name).policy(root);
  }

  /** A problem with the whole file, at no position in it. */
  private static PolicyFileException problem(String name, String message) {
    return new PolicyFileException(name, null, 0, 0, message, null);
  }

  /** Maps the JSON tree to the model, naming the file and path of the first problem. */
  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    Policy policy(JsonNode root) throws PolicyFileException {
      Obj top =
          object(
              root, "the top level", Set.of("version", "name", "description", "rules"), "a policy");
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

    private PolicyRule rule(JsonNode node, String path) throws PolicyFileException {
      if (!node.isObject()) {
        throw error(path, "must be an object, not " + type(node));
      }
      JsonNode typeNode = node.get("type");
      if (typeNode == null || !typeNode.isTextual()) {
        throw error(
            path + ".type",
            typeNode == null ? "is missing" : "must be a string, not " + type(typeNode));
      }
      String type = typeNode.textValue();
      try {
        switch (type) {
          case "requireCertification" -> {
            Obj o =
                object(
                    node,
                    path,
                    Set.of("type", "element", "certifications", "validAtOriginDate"),
                    "a " + type + " rule");
            return new PolicyRule.RequireCertification(
                o.string("element", false),
                o.strings("certifications"),
                o.bool("validAtOriginDate"));
          }
          case "forbiddenOrigins" -> {
            Obj o = object(node, path, Set.of("type", "countries"), "a " + type + " rule");
            return new PolicyRule.ForbiddenOrigins(o.strings("countries"));
          }
          case "temperatureLimit" -> {
            Obj o =
                object(
                    node,
                    path,
                    Set.of("type", "sensorType", "maximum", "unit", "fromBizStep", "toBizStep"),
                    "a " + type + " rule");
            return new PolicyRule.TemperatureLimit(
                o.string("sensorType", true),
                o.decimal("maximum"),
                o.string("unit", true),
                o.string("fromBizStep", false),
                o.string("toBizStep", false));
          }
          case "minimumRecycledShare" -> {
            Obj o =
                object(
                    node,
                    path,
                    Set.of("type", "element", "minimum", "postConsumerOnly"),
                    "a " + type + " rule");
            return new PolicyRule.MinimumRecycledShare(
                o.string("element", true), o.decimal("minimum"), o.bool("postConsumerOnly"));
          }
          default ->
              throw error(
                  path + ".type",
                  "is '"
                      + type
                      + "', not one of requireCertification, forbiddenOrigins, temperatureLimit, minimumRecycledShare");
        }
      } catch (IllegalArgumentException e) {
        throw error(path, "(" + type + ") " + e.getMessage());
      }
    }

    private Obj object(JsonNode node, String path, Set<String> fields, String what)
        throws PolicyFileException {
      if (!node.isObject()) {
        throw error(path, "must be an object, not " + type(node));
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String f = names.next();
        if (!fields.contains(f)) {
          throw error(
              join(path, f),
              "is not a field of "
                  + what
                  + " (fields: "
                  + String.join(", ", new TreeSet<>(fields))
                  + ")");
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

      JsonNode required(String field) throws PolicyFileException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
          throw error(join(path, field), "is missing");
        }
        return v;
      }

      String string(String field, boolean required) throws PolicyFileException {
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

      BigDecimal decimal(String field) throws PolicyFileException {
        JsonNode v = required(field);
        if (!v.isNumber()) {
          throw error(join(path, field), "must be a number, not " + type(v));
        }
        return v.decimalValue();
      }

      boolean bool(String field) throws PolicyFileException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
          return false;
        }
        if (!v.isBoolean()) {
          throw error(join(path, field), "must be true or false, not " + type(v));
        }
        return v.booleanValue();
      }

      List<String> strings(String field) throws PolicyFileException {
        JsonNode v = required(field);
        if (!v.isArray()) {
          throw error(join(path, field), "must be an array of strings, not " + type(v));
        }
        if (v.size() > PolicyRule.MAX_LIST) {
          throw error(
              join(path, field),
              "holds " + v.size() + " entries, more than " + PolicyRule.MAX_LIST);
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

    private PolicyFileException error(String path, String message) {
      return new PolicyFileException(
          file, path, 0, 0, "policy file " + file + ": " + path + " " + message, null);
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
