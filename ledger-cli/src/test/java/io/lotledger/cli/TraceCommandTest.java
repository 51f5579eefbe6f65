package io.lotledger.cli;

import static io.lotledger.testing.RecyclingChain.BLACK_MASS;
import static io.lotledger.testing.RecyclingChain.PRECURSOR;
import static io.lotledger.testing.RecyclingChain.SULPHATE_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.rocksdb.StoreTampering;
import io.lotledger.testing.RecyclingChain;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger trace}: per-lot balance, custodians and the rolled-up composition, on the recycling
 * chain.
 */
class TraceCommandTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  private static Path data;
  private static final RecyclingChain CHAIN = new RecyclingChain();

  @BeforeAll
  static void record() throws LedgerException {
    data = shared.resolve("recycling");
    try (Ledger ledger =
        Ledger.create(data, RecyclingChain.ORIGIN, CHAIN.root, "Test consortium")) {
      CHAIN.record(ledger);
    }
  }

  @Test
  void traceJson_reportsBalanceCustodianAndComputedSharesPerLot() {
    LedgerCliTest.Result r =
        LedgerCliTest.ledger("trace", PRECURSOR.uri(), "--json", "--data", data.toString());

    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> root = obj(JsonReader.parse(r.out()));
    List<Object> lots = list(root.get("lots"));
    Map<String, Object> precursor = lot(lots, PRECURSOR.uri());
    assertThat(precursor.get("tracked")).isEqualTo(true);
    assertThat(precursor.get("unit")).isEqualTo("KGM");
    assertThat(precursor.get("produced")).isEqualTo("500");
    assertThat(precursor.get("balance")).isEqualTo("500");
    assertThat(list(precursor.get("custodians")))
        .singleElement()
        .satisfies(
            c ->
                assertThat(obj(c))
                    .containsEntry("actor", CHAIN.refinery.actor().uri())
                    .containsEntry("amount", "500"));
    Map<String, Object> computed = obj(precursor.get("computed"));
    // Hand-computed in RecyclingChain: Co fraction 0.25, pre 0.32, post 0.36; carbon 2.44 kg
    // CO2e/kg.
    assertThat(computed.get("carbonFootprint")).isEqualTo("2.44");
    assertThat(element(computed, "Co"))
        .containsEntry("massFraction", "0.25")
        .containsEntry("recycledPreConsumer", "0.32")
        .containsEntry("recycledPostConsumer", "0.36");
    assertThat(element(computed, "Ni")).containsEntry("recycledPostConsumer", "0.6");

    // Ancestors are listed too: SULPHATE_A gave 500 of 500 kg (balance 0), BLACK_MASS 100 of 200
    // kg.
    assertThat(lot(lots, SULPHATE_A.uri()))
        .containsEntry("consumed", "500")
        .containsEntry("balance", "0");
    assertThat(list(lot(lots, SULPHATE_A.uri()).get("custodians"))).isEmpty();
    assertThat(lot(lots, BLACK_MASS.uri()))
        .containsEntry("consumed", "100")
        .containsEntry("balance", "100");
    assertThat(obj(lot(lots, BLACK_MASS.uri()).get("computed")).get("carbonFootprint"))
        .isEqualTo("0.7");
  }

  @Test
  void traceText_printsBalanceAndComputedLines() {
    LedgerCliTest.Result r =
        LedgerCliTest.ledger("trace", PRECURSOR.uri(), "--data", data.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.outLines())
        .contains(
            "balance: 500 KGM, held by " + CHAIN.refinery.actor().uri() + " (500 KGM)",
            "computed: Co 0.25 (recycled pre-consumer 0.32, post-consumer 0.36); Ni 0.1 (recycled pre-consumer 0, "
                + "post-consumer 0.6); carbon 2.44 kg CO2e/kg");
  }

  @Test
  void trace_batteryPackWithADeletedParentsRecord_exitsOneNamingTheLotAndTheMissingParent()
      throws Exception {
    Path demo = tmp.resolve("demo");
    assertThat(LedgerCliTest.ledger("demo", "battery", "--data", demo.toString()).code()).isZero();
    LedgerCliTest.Result before =
        LedgerCliTest.ledger("trace", BatteryChain.PACK.uri(), "--data", demo.toString());
    assertThat(before.code()).as(before.err()).isZero();
    assertThat(before.out())
        .contains(BatteryChain.CELLS.uri(), BatteryChain.CATHODE_MATERIAL.uri());
    StoreTampering.tamper(
        demo, Table.PARENTS, StoreLayout.edgeKey(BatteryChain.PACK, BatteryChain.CELLS), null);

    for (String format : List.of("text", "--json")) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of("trace", BatteryChain.PACK.uri(), "--data", demo.toString()));
      if (format.equals("--json")) {
        args.add("--json");
      }
      LedgerCliTest.Result r = LedgerCliTest.ledger(args.toArray(String[]::new));

      LedgerCliTest.assertOneLineError(r, 1);
      assertThat(r.out()).as(format).isEmpty();
      assertThat(r.err())
          .as(format)
          .startsWith("ledger: verification failed: ")
          .contains(
              "lot " + BatteryChain.PACK.uri(),
              "parents record naming " + BatteryChain.CELLS.uri() + " is missing");
    }
  }

  @Test
  void trace_historyIsTheLotsChainNotTheHistoryIndex() throws Exception {
    Path copy = tmp.resolve("recycling");
    try (Ledger ledger =
        Ledger.create(copy, RecyclingChain.ORIGIN, CHAIN.root, "Test consortium")) {
      CHAIN.record(ledger);
    }
    StoreTampering.tamper(copy, Table.HISTORY, StoreLayout.historyKey(PRECURSOR, 12), null);

    LedgerCliTest.Result r =
        LedgerCliTest.ledger("trace", PRECURSOR.uri(), "--data", copy.toString());

    LedgerCliTest.assertOneLineError(r, 1);
    assertThat(r.err()).contains("lot " + PRECURSOR.uri(), "history record of entry 12 is missing");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object json) {
    return (Map<String, Object>) json;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object json) {
    return (List<Object>) json;
  }

  private static Map<String, Object> lot(List<Object> lots, String uri) {
    return lots.stream()
        .map(TraceCommandTest::obj)
        .filter(l -> uri.equals(l.get("lot")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> element(Map<String, Object> computed, String symbol) {
    return list(computed.get("elements")).stream()
        .map(TraceCommandTest::obj)
        .filter(e -> symbol.equals(e.get("element")))
        .findFirst()
        .orElseThrow();
  }
}
