package io.lotledger.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.event.LotId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One vocabulary for what verifiers and checks find: integrity failures apart from claims and
 * policies.
 */
class FailureTest {
  private static final LotId LOT = new LotId("urn:example:lot:1");

  @Test
  void everyFailureHasACategoryAndADescription() {
    assertThat(Failure.values())
        .allSatisfy(
            f -> {
              assertThat(f.category()).isNotNull();
              assertThat(f.description()).isNotBlank();
            });
    assertThat(Arrays.stream(Failure.values()).map(Failure::category).distinct())
        .containsExactlyInAnyOrder(Failure.Category.values());
    assertThat(Failure.BAD_SIGNATURE.category()).isEqualTo(Failure.Category.INTEGRITY);
    assertThat(Failure.CLAIM_NOT_COMPUTABLE.category()).isEqualTo(Failure.Category.CLAIM);
    assertThat(Failure.FORBIDDEN_ORIGIN.category()).isEqualTo(Failure.Category.POLICY);
  }

  @Test
  void aCheckFindingNamesAClaimOrAPolicyFailure_neverAnIntegrityOne() {
    CheckFinding f =
        new CheckFinding(
            Failure.FORBIDDEN_ORIGIN, LOT, List.of(LOT), null, "mined in XX", "XX", null, "not XX");
    assertThat(f.kind().category()).isEqualTo(Failure.Category.POLICY);
    assertThatThrownBy(
            () ->
                new CheckFinding(
                    Failure.BAD_SIGNATURE, LOT, List.of(LOT), null, "x", null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BAD_SIGNATURE is an integrity failure");
  }
}
