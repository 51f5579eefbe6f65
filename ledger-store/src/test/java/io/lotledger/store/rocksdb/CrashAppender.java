package io.lotledger.store.rocksdb;

import io.lotledger.Durability;
import io.lotledger.Ledger;
import io.lotledger.LedgerOptions;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.testing.TestChain;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link RocksDbCrashTest}: creates a ledger and appends from several threads
 * until it is killed, printing {@code ack <index> <hash hex>} for each append only after it was
 * acknowledged. Arguments: directory, durability, threads.
 */
public final class CrashAppender {
  private CrashAppender() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Durability durability = Durability.valueOf(args[1]);
    int threads = Integer.parseInt(args[2]);
    PrintStream out = System.out;
    TestChain chain = new TestChain();
    Ledger ledger =
        Ledger.in(dir)
            .options(LedgerOptions.DEFAULT.withDurability(durability))
            .create(TestChain.ORIGIN, chain.root, "root");
    chain.registerActors(ledger);
    for (int t = 0; t < threads; t++) {
      int id = t;
      ActorSigner signer = t % 2 == 0 ? chain.mine : chain.refinery;
      Thread thread = new Thread(() -> appendForever(ledger, signer, id, out), "appender-" + t);
      thread.start();
    }
    // Never closes the ledger: the parent kills this process mid-append.
  }

  private static void appendForever(Ledger ledger, ActorSigner signer, int id, PrintStream out) {
    LotId lot = new LotId("urn:lotledger:crash:lot-" + id);
    try {
      for (int i = 0; ; i++) {
        List<LotQuantity> q = List.of(LotQuantity.of(lot.uri(), "1", "KGM"));
        ObjectEvent event =
            i == 0
                ? ObjectEvent.add(
                    q, LotMasterData.NONE, TestChain.T0, EventContext.of("commissioning", "active"))
                : ObjectEvent.observe(
                    q, TestChain.T0.plusSeconds(i), EventContext.of("inspecting", "active"));
        Entry e = ledger.append(event, signer);
        synchronized (out) {
          out.println("ack " + e.index() + " " + e.hash().toHex());
          out.flush();
        }
      }
    } catch (Exception e) {
      System.err.println("appender " + id + " failed: " + e);
      e.printStackTrace();
      System.exit(3);
    }
  }
}
