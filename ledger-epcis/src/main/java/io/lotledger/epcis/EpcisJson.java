package io.lotledger.epcis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reading EPCIS JSON from outside, bounded before anything is trusted: at most {@link
 * #MAX_DOCUMENT_BYTES} bytes and {@link #MAX_NESTING_DEPTH} levels; numbers kept exact (decimals as
 * {@code BigDecimal}, never {@code double}).
 */
final class EpcisJson {
  /** Largest EPCIS document accepted, in bytes. */
  static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  /** Deepest JSON nesting accepted. */
  static final int MAX_NESTING_DEPTH = 64;

  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxDocumentLength(MAX_DOCUMENT_BYTES)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private EpcisJson() {}

  /** Parses {@code json} as one JSON value within the bounds. */
  static JsonNode read(byte[] json) throws EpcisFormatException {
    if (json.length > MAX_DOCUMENT_BYTES) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          "(document)",
          "document is " + json.length + " bytes, over the limit of " + MAX_DOCUMENT_BYTES);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT,
          "(document)",
          "not readable JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT, "(document)", "not readable JSON: " + e.getMessage(), e);
    } catch (NumberFormatException e) {
      // Jackson's BigDecimal reader throws this, unwrapped, for an exponent beyond 32 bits
      // (1e9999999999).
      throw new EpcisFormatException(
          EpcisFormatException.NO_EVENT, "(document)", "not readable JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new EpcisFormatException(EpcisFormatException.NO_EVENT, "(document)", "empty input");
    }
    return root;
  }
}
