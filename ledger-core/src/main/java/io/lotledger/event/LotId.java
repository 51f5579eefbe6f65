package io.lotledger.event;

/**
 * A lot's identity: a URI, typically a GS1 Digital Link ({@code https://id.gs1.org/01/.../10/...})
 * or an EPC class URN ({@code urn:epc:class:lgtin:...}), but any absolute URI is accepted.
 *
 * @param uri the lot's absolute URI, at most 512 characters
 */
public record LotId(String uri) implements Comparable<LotId> {
  /**
   * @throws IllegalArgumentException if {@code uri} is null, not an absolute URI, or over 512
   *     characters
   */
  public LotId {
    Uris.require("lot id", uri);
  }

  /** Validates outside input; throws {@link IllegalArgumentException} naming the problem. */
  public static LotId parse(String uri) {
    return new LotId(uri);
  }

  @Override
  public int compareTo(LotId o) {
    return uri.compareTo(o.uri);
  }

  @Override
  public String toString() {
    return uri;
  }
}
