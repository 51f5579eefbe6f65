/**
 * The domain rules, and one vocabulary for what breaks them.
 *
 * <ul>
 *   <li><b>Custody and mass balance</b> ({@link io.lotledger.rules.CustodyRules}, {@link
 *       io.lotledger.rules.LotState}): what an event may do to the lots it names, given who holds
 *       how much of each. Part of the ledger's state transition, so the append path and every
 *       verifier judge alike.
 *   <li><b>Claims and policies</b> over a lot's recorded ancestry: the claims roll-up (recycled
 *       content per element, pre- and post-consumer apart, and carbon footprint, flowing through
 *       transformations by mass balance as in ISO 22095:2020's mass-balance chain-of-custody
 *       model), due-diligence policies (certifications of origin lots, forbidden origins, sensor
 *       limits, minimum recycled shares such as EU Regulation 2023/1542 Art. 8), and unbacked
 *       inputs. They read entries through {@link io.lotledger.rules.LotSource} only ({@code
 *       ledger::history} satisfies it), so they run on a ledger, on a bundle's entries or on a test
 *       fixture alike. Entry points: {@link io.lotledger.rules.LotCheck} (everything at once),
 *       {@link io.lotledger.rules.ClaimsCalculator} and {@link io.lotledger.rules.PolicyEvaluator}.
 *   <li><b>Findings</b>: {@link io.lotledger.rules.Failure} names everything a verifier or a check
 *       can find, with its category; a {@link io.lotledger.rules.Finding} is a broken fact of a
 *       ledger (with {@link io.lotledger.rules.VerificationException} and {@link
 *       io.lotledger.rules.AppendRejectedException} carrying one), a {@link
 *       io.lotledger.rules.CheckFinding} what a lot's check found.
 * </ul>
 *
 * <p>The model and formulas are described in docs/domain-model.md.
 */
package io.lotledger.rules;
