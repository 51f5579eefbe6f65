package io.lotledger.rules;

import java.util.List;

/**
 * A named set of due-diligence rules that {@link PolicyEvaluator} checks over a lot's ancestry. The
 * JSON form read by the {@code ledger check --policy} command is described in
 * docs/policy-format.md; the model itself knows no file format.
 *
 * @param name the policy's name, 1 to 256 printable characters
 * @param rules the rules, at most {@link #MAX_RULES}
 */
public record Policy(String name, List<PolicyRule> rules) {
  /** Most rules in one policy. */
  public static final int MAX_RULES = 256;

  /** No rules: a check then covers claims and unbacked inputs only. */
  public static final Policy NONE = new Policy("none", List.of());

  /**
   * Copies {@code rules}.
   *
   * @throws IllegalArgumentException if {@code name} is not 1 to 256 printable characters, or
   *     {@code rules} is null or holds more than {@link #MAX_RULES} rules
   */
  public Policy {
    if (name == null
        || name.isEmpty()
        || name.length() > 256
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("policy name must be 1 to 256 printable characters");
    }
    if (rules == null || rules.size() > MAX_RULES) {
      throw new IllegalArgumentException(
          "a policy holds at most "
              + MAX_RULES
              + " rules, not "
              + (rules == null ? "null" : rules.size()));
    }
    rules = List.copyOf(rules);
  }
}
