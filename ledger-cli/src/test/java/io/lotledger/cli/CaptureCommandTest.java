package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.assertOneLineError;
import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.cli.LedgerCliTest.Result;
import io.lotledger.event.ActorId;
import io.lotledger.event.LotId;
import io.lotledger.rules.LotState;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger capture}: a company's own EPCIS events as native entries, judged by custody and
 * mass balance, where {@code ledger import} stores another system's records that move nothing.
 */
class CaptureCommandTest {
  private static final String ACTOR = "urn:epc:id:pgln:4000001.00000";
  private static final String LOT_CLASS = "urn:epc:class:lgtin:4012345.011111.LOT1";

  @TempDir Path tmp;

  private static String document(String event) {
    return "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
        + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\","
        + "\"creationDate\":\"2026-12-01T00:00:00.000Z\",\"epcisBody\":{\"eventList\":["
        + event
        + "]}}";
  }

  private static String objectEvent(String action, String bizStep, String time, int kg) {
    return "{\"type\":\"ObjectEvent\",\"eventTime\":\""
        + time
        + "\",\"eventTimeZoneOffset\":\"+00:00\",\"epcList\":[],\"quantityList\":[{\"epcClass\":\""
        + LOT_CLASS
        + "\",\"quantity\":"
        + kg
        + ",\"uom\":\"KGM\"}],\"action\":\""
        + action
        + "\",\"bizStep\":\""
        + bizStep
        + "\"}";
  }

  private Path ledgerWithKey(String name) throws Exception {
    Path key = tmp.resolve(name + ".key");
    assertThat(ledger("keygen", "--out", key.toString(), "--actor", ACTOR).code()).isZero();
    Path data = tmp.resolve(name);
    assertThat(ledger("init", "--key", key.toString(), "--data", data.toString()).code()).isZero();
    return data;
  }

  private LotState lotState(Path data) throws Exception {
    try (Ledger ledger = Ledger.in(data).readOnly().open()) {
      LotId lot = ledger.lots().get(0);
      return ledger.lotState(lot).orElse(null);
    }
  }

  @Test
  void captureMovesCustodyAndBalance_importDoesNot_andABrokenRuleStoresNothing() throws Exception {
    Path commission = tmp.resolve("commission.jsonld");
    Files.writeString(
        commission, document(objectEvent("ADD", "commissioning", "2026-12-01T08:00:00.000Z", 100)));

    Path captured = ledgerWithKey("captured");
    Result c =
        ledger(
            "capture",
            commission.toString(),
            "--key",
            tmp.resolve("captured.key").toString(),
            "--data",
            captured.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(c.out()).startsWith("captured 1 events from " + commission);
    LotState state = lotState(captured);
    assertThat(state).as("a captured commissioning makes its actor the custodian").isNotNull();
    assertThat(state.holdings()).containsOnlyKeys(new ActorId(ACTOR));
    assertThat(state.holdings().get(new ActorId(ACTOR)))
        .isEqualByComparingTo(new BigDecimal("100"));

    Path imported = ledgerWithKey("imported");
    Result i =
        ledger(
            "import",
            commission.toString(),
            "--key",
            tmp.resolve("imported.key").toString(),
            "--data",
            imported.toString());
    assertThat(i.code()).as(i.err()).isZero();
    assertThat(lotState(imported)).as("an imported record moves no custody").isNull();

    // Destroying more than the actor holds breaks mass balance: exit 1, nothing of it stored.
    Path destroy = tmp.resolve("destroy.jsonld");
    Files.writeString(
        destroy, document(objectEvent("DELETE", "destroying", "2026-12-01T09:00:00.000Z", 150)));
    Result d =
        ledger(
            "capture",
            destroy.toString(),
            "--key",
            tmp.resolve("captured.key").toString(),
            "--data",
            captured.toString());
    assertOneLineError(d, 1);
    assertThat(d.err()).contains("rejected, nothing stored").contains("mass balance");
    assertThat(ledger("verify", "--data", captured.toString()).out())
        .isEqualTo("ok: 2 entries verified\n");
  }
}
