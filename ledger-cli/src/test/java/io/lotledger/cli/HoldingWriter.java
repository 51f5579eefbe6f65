package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.examples.battery.BatteryChain;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A writer in a process of its own, for {@link ReadBesideWriterTest}: opens the ledger in {@code
 * args[0]} for writing (holding its lock), appends {@code args[1]} inspections of {@code args[2]}
 * by the battery chain's root actor, prints "holding" and keeps the ledger open until its standard
 * input closes.
 */
public final class HoldingWriter {
  private HoldingWriter() {}

  /** Runs the writer; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    try (Ledger ledger = Ledger.open(Path.of(args[0]))) {
      int n = Integer.parseInt(args[1]);
      LotId lot = new LotId(args[2]);
      var signer = new BatteryChain().root();
      for (int i = 0; i < n; i++) {
        ledger.append(
            ObjectEvent.observe(
                List.of(LotQuantity.of(lot.uri(), "1", "H87")),
                OffsetDateTime.parse("2026-12-08T00:00:00Z").plusMinutes(i),
                EventContext.of("inspecting", "active")),
            signer);
      }
      System.out.println("holding " + ledger.size());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our standard input
      }
    }
  }
}
