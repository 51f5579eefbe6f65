/**
 * Domain rules over a lot's recorded ancestry: the claims roll-up (recycled content per element,
 * pre- and post-consumer apart, and carbon footprint, flowing through transformations by mass
 * balance as in ISO 22095:2020's mass-balance chain-of-custody model), due-diligence policies
 * (certifications of origin lots, forbidden origins, sensor limits, minimum recycled shares such as
 * EU Regulation 2023/1542 Art. 8), and unbacked inputs.
 *
 * <p>The rules read entries through {@link io.lotledger.rules.LotSource} only ({@code
 * ledger::history} satisfies it), so they run on a ledger, on a bundle's entries or on a test
 * fixture alike; nothing else in lotledger depends on this package. Entry points: {@link
 * io.lotledger.rules.LotCheck} (everything at once), {@link io.lotledger.rules.ClaimsCalculator} and
 * {@link io.lotledger.rules.PolicyEvaluator}. The model and formulas are described in
 * docs/domain-model.md.
 */
package io.lotledger.rules;
