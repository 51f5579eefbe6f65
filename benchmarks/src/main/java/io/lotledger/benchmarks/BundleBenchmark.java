package io.lotledger.benchmarks;

import io.lotledger.Ledger;
import io.lotledger.bundle.Bundle;
import io.lotledger.bundle.BundleExporter;
import io.lotledger.bundle.BundleVerifier;
import io.lotledger.bundle.TrustAnchors;
import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.SignedEntry;
import io.lotledger.error.LedgerException;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransformationEvent;
import io.lotledger.examples.synthetic.SyntheticChain;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline verification of a provenance bundle whose lot has about {@code ancestry} entries of
 * provenance, beside the raw Ed25519 cost of the same signatures in the same run.
 *
 * <p>Setup (once per fork, in memory): a ledger where a cobalt lot is the end of a chain of
 * smelting steps. Each step has the mine commission two ore lots, the inspector observe each, the
 * mine ship both to the smelter and the smelter receive them (referencing the shipment); then the
 * smelter transforms part of each, with part of the previous step's output, into a new lot, which
 * the inspector observes: eight entries of provenance per step, each step's transformation linking
 * three input chains, and every event honest under the custody and mass-balance rules. Between
 * steps, unrelated lots are commissioned (about ten entries of ledger per entry of provenance), so
 * that inclusion proofs have realistic length. A checkpoint is signed halfway and at the end; the
 * bundle of the last lot as of the last checkpoint is exported once ({@link BundleExporter}) and
 * kept as bytes. Its entry count (provenance plus the registry entries) and size are printed at
 * setup.
 *
 * <ul>
 *   <li>{@code verifyBundle}: {@code BundleVerifier.verify(Bundle.parse(bytes), trust, null)}:
 *       parse, checkpoint signature, every entry's decoding, canonical check and inclusion proof,
 *       the registry replay with every signature, and the provenance walk. Milliseconds per bundle.
 *   <li>{@code parseBundle}: {@link Bundle#parse} alone. Milliseconds.
 *   <li>{@code rawVerifyBundle}: Ed25519 verification of exactly the bundle's entry signatures over
 *       their signing inputs, with the keys decoded once: the floor of {@code verifyBundle}, in
 *       milliseconds, the same as {@code rawVerify} × the bundle's entry count.
 *   <li>{@code rawVerify}: one such verification over a 300-byte message. Microseconds.
 * </ul>
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BundleBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class BundleBenchmark {
  private static final ActorSigner ROOT = SyntheticChain.root();
  private static final ActorSigner MINE = SyntheticChain.MINE.signer();
  private static final ActorSigner SMELTER = SyntheticChain.REFINERY.signer();
  private static final ActorSigner INSPECTOR = SyntheticChain.LAB.signer();

  /** Unrelated ledger entries per entry of provenance. */
  private static final int NOISE = 9;

  /** Entries of provenance to aim for (the bundle also holds the registry entries). */
  @Param({"1000"})
  public int ancestry;

  private byte[] bundleBytes;
  private TrustAnchors trust;
  private Ed25519PublicKey[] keys;
  private byte[][] signingInputs;
  private byte[][] signatures;
  private Ed25519PublicKey rawKey;
  private byte[] rawMessage;
  private byte[] rawSignature;

  @Setup(Level.Trial)
  public void setUp() throws LedgerException, InvalidKeyException {
    byte[] seed = new byte[Ed25519Signer.SEED_LENGTH];
    Arrays.fill(seed, (byte) 42);
    Ed25519Signer logKey = Ed25519Signer.fromSeed(seed);
    LotId last;
    SignedCheckpoint checkpoint;
    try (Ledger ledger = Ledger.inMemory().create(Workload.ORIGIN, ROOT, "Benchmark root")) {
      for (ActorSigner a : List.of(MINE, SMELTER, INSPECTOR)) {
        ledger.append(
            new RegistryEvent.ActorRegistered(
                a.actor(), a.actor().uri(), a.publicKey(), Workload.T0),
            ROOT);
      }
      Chain chain = new Chain(ledger);
      last = chain.commission();
      chain.observe(last);
      chain.deliver(List.of(last));
      int steps = Math.max(1, (ancestry - 4) / 8);
      for (int s = 0; s < steps; s++) {
        LotId a = chain.commission();
        LotId b = chain.commission();
        chain.observe(a);
        chain.observe(b);
        chain.deliver(List.of(a, b));
        last = chain.transform(List.of(last, a, b));
        chain.observe(last);
        for (int n = 0; n < 8 * NOISE; n++) {
          chain.noise();
        }
        if (s == steps / 2) {
          chain.settle();
          ledger.checkpoint(logKey);
        }
      }
      chain.settle();
      checkpoint = ledger.checkpoint(logKey);
      bundleBytes = BundleExporter.export(ledger, last, checkpoint).toBytes();
    }
    trust =
        new TrustAnchors(
            Workload.ORIGIN,
            NoteKey.of(Workload.ORIGIN, logKey.publicKey()),
            ROOT.actor(),
            ROOT.publicKey());

    Bundle bundle = Bundle.parse(bundleBytes);
    BundleVerifier.Verified verified = BundleVerifier.verify(bundle, trust, null);
    int n = bundle.items().size();
    keys = new Ed25519PublicKey[n];
    signingInputs = new byte[n][];
    signatures = new byte[n][];
    Map<Ed25519PublicKey, Ed25519PublicKey> decoded = new HashMap<>();
    for (int i = 0; i < n; i++) {
      SignedEntry e = EntryCodec.decode(bundle.items().get(i).entry());
      keys[i] = decoded.computeIfAbsent(e.body().key(), k -> k);
      signingInputs[i] = EntryCodec.signingInput(EntryCodec.encodeBody(e.body()));
      signatures[i] = e.signature();
    }
    if (!rawVerifyBundle()) {
      throw new IllegalStateException("bundle signatures do not verify raw");
    }
    rawKey = ROOT.publicKey();
    rawMessage = Workload.rawMessage();
    rawSignature = ROOT.signer().sign(rawMessage);
    System.out.printf(
        "%nBundleBenchmark: bundle of %d entries (%d of provenance) as of a checkpoint of %d entries, %d bytes, "
            + "inclusion paths of %d hashes%n",
        verified.entries(),
        verified.provenanceEntries(),
        checkpoint.checkpoint().size(),
        bundleBytes.length,
        bundle.items().get(0).inclusion(checkpoint.checkpoint().size()).path().size());
  }

  /**
   * Appends the chain's events pipelined, each lot's appends in order (a lot's next append waits
   * for its last).
   */
  private static final class Chain {
    private final Ledger ledger;
    private final Map<LotId, CompletableFuture<?>> last = new HashMap<>();
    private final List<CompletableFuture<?>> pending = new ArrayList<>();
    private long lots;
    private long seconds;

    Chain(Ledger ledger) {
      this.ledger = ledger;
    }

    private CompletableFuture<Entry> append(
        io.lotledger.event.Event event, ActorSigner signer, List<LotId> touched) {
      for (LotId lot : touched) {
        CompletableFuture<?> f = last.get(lot);
        if (f != null) {
          f.join();
        }
      }
      CompletableFuture<Entry> f = ledger.appendAsync(event, signer);
      touched.forEach(l -> last.put(l, f));
      pending.add(f);
      if (pending.size() >= 1024) {
        settle();
      }
      return f;
    }

    void settle() {
      pending.forEach(CompletableFuture::join);
      pending.clear();
    }

    LotId commission() {
      LotId lot = new LotId("urn:epc:class:lgtin:4012345.012345.B-" + (lots++));
      append(
          ObjectEvent.add(
              List.of(LotQuantity.of(lot.uri(), "1000", "KGM")),
              Workload.ORE_MASTER_DATA,
              Workload.T0.plusSeconds(seconds++),
              EventContext.of("commissioning", "active")
                  .withReadPoint("urn:epc:id:sgln:4012345.00001.0")),
          MINE,
          List.of(lot));
      return lot;
    }

    void observe(LotId lot) {
      append(
          ObjectEvent.observe(
              List.of(LotQuantity.of(lot)),
              Workload.T0.plusSeconds(seconds++),
              EventContext.of("inspecting", "in_progress")
                  .withReadPoint("urn:epc:id:sgln:4098765.00002.0")
                  .withSensorReadings(List.of(SensorReading.of("gs1:Temperature", "21.5", "CEL")))),
          INSPECTOR,
          List.of(lot));
    }

    /**
     * The mine ships all of {@code lots} (commissioned at 1000 kg each) to the smelter, which
     * receives them once the shipment has committed (its receipt names the shipping entry).
     */
    void deliver(List<LotId> lots) {
      List<LotQuantity> all =
          lots.stream().map(l -> LotQuantity.of(l.uri(), "1000", "KGM")).toList();
      long document = seconds;
      CompletableFuture<Entry> shipped =
          append(
              Workload.ship(
                  all, SyntheticChain.REFINERY, document, Workload.T0.plusSeconds(seconds++)),
              MINE,
              lots);
      append(
          Workload.receive(
              all, shipped.join().hash(), document, Workload.T0.plusSeconds(seconds++)),
          SMELTER,
          lots);
    }

    /**
     * The smelter turns 400 kg of each of {@code inputs} (lots it holds) into a new lot of 1150 kg.
     */
    LotId transform(List<LotId> inputs) {
      LotId out = new LotId("urn:epc:class:lgtin:4098765.054321.B-" + (lots++));
      List<LotQuantity> in =
          inputs.stream().map(l -> LotQuantity.of(l.uri(), "400", "KGM")).toList();
      List<LotId> touched = new ArrayList<>(inputs);
      touched.add(out);
      append(
          new TransformationEvent(
              in,
              List.of(LotQuantity.of(out.uri(), "1150", "KGM")),
              null,
              Workload.smelt().ilmd(),
              new BigDecimal("840.5"),
              Workload.T0.plusSeconds(seconds++),
              EventContext.of("transforming", "active")
                  .withReadPoint("urn:epc:id:sgln:4098765.00001.0")
                  .withSensorReadings(
                      List.of(SensorReading.of("gs1:Temperature", "612.5", "CEL")))),
          SMELTER,
          touched);
      return out;
    }

    /** An unrelated commissioning: part of the ledger, not of the bundle. */
    void noise() {
      LotId lot = new LotId("urn:epc:class:lgtin:4012345.012345.N-" + (lots++));
      append(
          ObjectEvent.add(
              List.of(LotQuantity.of(lot.uri(), "1000", "KGM")),
              Workload.ORE_MASTER_DATA,
              Workload.T0.plusSeconds(seconds++),
              EventContext.of("commissioning", "active")),
          MINE,
          List.of());
    }
  }

  @Benchmark
  public BundleVerifier.Verified verifyBundle() throws LedgerException {
    return BundleVerifier.verify(Bundle.parse(bundleBytes), trust, null);
  }

  @Benchmark
  public Bundle parseBundle() throws LedgerException {
    return Bundle.parse(bundleBytes);
  }

  @Benchmark
  public boolean rawVerifyBundle() {
    boolean all = true;
    for (int i = 0; i < signatures.length; i++) {
      all &= keys[i].verify(signatures[i], signingInputs[i]);
    }
    return all;
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean rawVerify() {
    return rawKey.verify(rawSignature, rawMessage);
  }
}
