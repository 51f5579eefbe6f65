package io.lotledger.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lotledger.Ledger;
import io.lotledger.crypto.Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.epcis.EpcisExport;
import io.lotledger.epcis.EpcisImport;
import io.lotledger.epcis.EpcisSchema;
import io.lotledger.epcis.EventHashId;
import io.lotledger.error.LedgerException;
import io.lotledger.event.ElementShare;
import io.lotledger.event.Event;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.SensorReading;
import io.lotledger.event.TransformationEvent;
import io.lotledger.examples.synthetic.SyntheticChain;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EPCIS 2.0 import and export throughput in events per second, each stage of the import pipeline on
 * its own, beside two baselines measured in the same run: a plain Jackson tree parse of the same
 * bytes (the floor of anything that reads the document) and raw Ed25519 signing (the per-event
 * floor of storing what was read).
 *
 * <p><b>Document.</b> Setup (once per fork, in memory) builds a native ledger of {@code events}
 * events from one processor, deterministic and honest under the custody and mass-balance rules:
 * about 40% commissionings (ObjectEvent ADD of a 1000 kg ore lot with master data and read point),
 * 30% observations (ObjectEvent OBSERVE with read point and a sensor reading) and 30%
 * transformations (TransformationEvent: two held lots, 400 kg of each, into one new 780 kg lot with
 * master data, step emissions and a sensor reading), appended with {@link Ledger#appendAll}. Every
 * bizStep is a CBV 2.0 business step (a transformation is {@code commissioning} of its output, as
 * in GS1's examples), so the document holds no {@code ll:} vocabulary terms. {@link
 * EpcisExport#all} turns it into one EPCIS 2.0 JSON-LD {@code EPCISDocument} (EPCIS 2.0 §9), whose
 * events carry their CBV 2.0 hash IDs as {@code eventID} and whose {@code ll:provenance} holds each
 * signed entry in Base64; {@link EpcisExport#toBytes} makes the bytes every import benchmark reads.
 * Setup checks that the document passes the official schema and imports whole, and prints its size.
 *
 * <p><b>Scores.</b> The primary score is operations per second (one operation is one whole
 * document, or one signature for {@code rawSign}); the secondary {@code :events} score is events
 * per second, the figure to compare across lines ({@code rawSign} counts one event per signature).
 *
 * <ul>
 *   <li>{@code parseJson} (baseline): {@code readTree} of the bytes into a Jackson tree with exact
 *       decimals ({@code BigDecimal}), as the library's own reader parses, but without its size and
 *       nesting limits (that reader is package-private; its limits are Jackson stream constraints,
 *       counters checked while parsing, so they add little).
 *   <li>{@code validateSchema}: {@link EpcisSchema#validate} of the parsed tree against the
 *       official EPCIS 2.0 JSON schema (draft-07, format assertions on), nothing else.
 *   <li>{@code hashIds}: {@link EventHashId#fromDocument(JsonNode)} of the parsed tree, the CBV 2.0
 *       event hash ID of every event (canonical pre-hash string, then SHA-256), nothing else.
 *   <li>{@code read}: {@link EpcisImport#read(byte[])}, the whole read pipeline from bytes: bounded
 *       parse, schema validation, JSON-LD context, hash IDs and mapping onto the ledger's model.
 *   <li>{@code importInMemory}: {@link EpcisImport#into}: {@code read}, then the duplicate check
 *       and {@link Ledger#appendAll} of every event (link, encode, sign, rules, one atomic batch)
 *       into a fresh in-memory ledger made before each invocation (untimed) and closed after it.
 *   <li>{@code exportAll}: {@link EpcisExport#all} of the native ledger plus {@link
 *       EpcisExport#toBytes}: read every entry, map it to EPCIS JSON-LD, compute the hash IDs of
 *       events that have none, and serialise with indentation.
 *   <li>{@code rawSign} (baseline): Ed25519 signature of a 300-byte message, one per imported
 *       event.
 * </ul>
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EpcisBenchmark -f 1 -wi 5 -i 3 -w 2s -r 3s</pre>
 *
 * Give it that much warm-up: an operation takes milliseconds, and after the micro suite's 2 s of
 * warm-up the schema validator and Jackson are still being compiled. Larger documents: {@code -p
 * events=5000} (a document holds at most 100,000 events and 16 MiB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
public class EpcisBenchmark {
  private static final ActorSigner ROOT = SyntheticChain.root();
  private static final ActorSigner PROCESSOR = SyntheticChain.REFINERY.signer();

  /**
   * Root of every import ledger, and the signer of what it imports (as in the EPCIS round-trip
   * test).
   */
  private static final ActorSigner IMPORTER = Workload.signer("urn:lotledger:actor:importer", 8);

  /** {@code creationDate} of the exported documents: fixed, so that their bytes are too. */
  private static final OffsetDateTime CREATED = Workload.T0.plusDays(30);

  /**
   * The parse baseline: Jackson as the library reads EPCIS, exact decimals, no EPCIS-specific work.
   */
  private static final ObjectMapper JACKSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** Master data of a transformation's output: same origin chain, the ore's cobalt share. */
  private static final LotMasterData OUTPUT_MASTER_DATA =
      LotMasterData.NONE
          .withOrigin("FI", "urn:epc:id:sgln:4098765.00001.0")
          .withElements(List.of(ElementShare.of("Co", "0.12", null, null)))
          .withCarbonFootprint(new BigDecimal("12.75"));

  /** Events in the document (and non-registry entries in the exported ledger). */
  @Param({"1000"})
  public int events;

  private Ledger source;
  private byte[] document;
  private JsonNode tree;
  private Signer rawSigner;
  private byte[] rawMessage;

  @Setup(Level.Trial)
  public void setUp() throws LedgerException, IOException {
    source = Ledger.inMemory().create(Workload.ORIGIN, ROOT, "Benchmark root");
    source.append(
        new RegistryEvent.ActorRegistered(
            PROCESSOR.actor(), "smelter", PROCESSOR.publicKey(), Workload.T0),
        ROOT);
    Mix mix = new Mix(events);
    source.appendAll(mix.events, PROCESSOR);
    document = EpcisExport.toBytes(EpcisExport.all(source, CREATED));
    tree = JACKSON.readTree(document);
    List<EpcisSchema.SchemaError> violations = EpcisSchema.validate(tree);
    if (!violations.isEmpty()) {
      throw new IllegalStateException(
          "the exported document breaks the EPCIS 2.0 schema: " + violations.get(0));
    }
    int read = EpcisImport.read(document).size();
    int imported;
    try (Ledger check = importLedger()) {
      imported = EpcisImport.into(check, IMPORTER, document).added().size();
    }
    if (read != events || imported != events) {
      throw new IllegalStateException(
          "the document reads as "
              + read
              + " and imports as "
              + imported
              + " events, not "
              + events);
    }
    rawSigner = IMPORTER.signer();
    rawMessage = Workload.rawMessage();
    System.out.printf(
        "%nEpcisBenchmark: EPCISDocument of %d events (%d commissionings, %d observations, %d transformations), "
            + "%d bytes (%d bytes per event, ll:provenance included)%n",
        events,
        mix.commissionings,
        mix.observations,
        mix.transformations,
        document.length,
        document.length / events);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws LedgerException {
    source.close();
  }

  private static Ledger importLedger() throws LedgerException {
    return Ledger.inMemory().create("bench.lotledger.io/import", IMPORTER, "Benchmark importer");
  }

  /**
   * The events of the native ledger, drawn with a fixed seed. Every lot stays with the one
   * processor; a transformation takes 400 kg of each of two lots that still hold at least that
   * much, so no lot is ever drawn below zero; a lot under 400 kg is no longer observed or
   * transformed.
   */
  private static final class Mix {
    final List<Event> events = new ArrayList<>();
    int commissionings;
    int observations;
    int transformations;

    private final SplittableRandom random = new SplittableRandom(0xe9c15L);

    /** Lots holding at least 400 kg, and their kilograms. */
    private final List<LotId> usable = new ArrayList<>();

    private final List<Integer> kilograms = new ArrayList<>();
    private int lots;

    Mix(int count) {
      for (int i = 0; i < count; i++) {
        OffsetDateTime time = Workload.T0.plusSeconds(60L + i);
        double r = random.nextDouble();
        if (usable.size() < 2 || r < 0.4) {
          commission(time);
        } else if (r < 0.7) {
          observe(time);
        } else {
          transform(time);
        }
      }
    }

    private void commission(OffsetDateTime time) {
      LotId lot = new LotId("urn:epc:class:lgtin:4012345.012345.ORE-" + (lots++));
      events.add(
          ObjectEvent.add(
              List.of(LotQuantity.of(lot.uri(), "1000", "KGM")),
              Workload.ORE_MASTER_DATA,
              time,
              EventContext.of("commissioning", "active")
                  .withReadPoint("urn:epc:id:sgln:4012345.00001.0")));
      hold(lot, 1000);
      commissionings++;
    }

    private void observe(OffsetDateTime time) {
      LotId lot = usable.get(random.nextInt(usable.size()));
      events.add(
          ObjectEvent.observe(
              List.of(LotQuantity.of(lot)),
              time,
              EventContext.of("inspecting", "in_progress")
                  .withReadPoint("urn:epc:id:sgln:4098765.00002.0")
                  .withSensorReadings(
                      List.of(
                          SensorReading.of(
                              "gs1:Temperature",
                              String.valueOf(15 + random.nextInt(20)),
                              "CEL")))));
      observations++;
    }

    private void transform(OffsetDateTime time) {
      int a = random.nextInt(usable.size());
      int b = random.nextInt(usable.size() - 1);
      b = b >= a ? b + 1 : b;
      List<LotQuantity> in =
          List.of(
              LotQuantity.of(usable.get(a).uri(), "400", "KGM"),
              LotQuantity.of(usable.get(b).uri(), "400", "KGM"));
      LotId out = new LotId("urn:epc:class:lgtin:4098765.054321.B-" + (lots++));
      events.add(
          new TransformationEvent(
              in,
              List.of(LotQuantity.of(out.uri(), "780", "KGM")),
              null,
              OUTPUT_MASTER_DATA,
              new BigDecimal("84.5"),
              time,
              EventContext.of("commissioning", "active")
                  .withReadPoint("urn:epc:id:sgln:4098765.00001.0")
                  .withSensorReadings(
                      List.of(SensorReading.of("gs1:Temperature", "612.5", "CEL")))));
      // Draw from the higher index first, so that removing it leaves the lower one where it was.
      draw(Math.max(a, b));
      draw(Math.min(a, b));
      hold(out, 780);
      transformations++;
    }

    private void hold(LotId lot, int kg) {
      usable.add(lot);
      kilograms.add(kg);
    }

    /** Takes 400 kg from the usable lot at {@code index}; drops it once it holds less than that. */
    private void draw(int index) {
      int left = kilograms.get(index) - 400;
      if (left >= 400) {
        kilograms.set(index, left);
      } else {
        usable.remove(index);
        kilograms.remove(index);
      }
    }
  }

  /**
   * Events handled, normalised by JMH to events per second: the figure to compare across
   * benchmarks.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Events {
    public long events;

    @Setup(Level.Iteration)
    public void reset() {
      events = 0;
    }
  }

  /** A fresh in-memory import ledger per invocation: made and closed outside the measured time. */
  @State(Scope.Thread)
  public static class FreshLedger {
    Ledger ledger;

    @Setup(Level.Invocation)
    public void open() throws LedgerException {
      ledger = importLedger();
    }

    @TearDown(Level.Invocation)
    public void close() throws LedgerException {
      ledger.close();
    }
  }

  @Benchmark
  public JsonNode parseJson(Events n) throws IOException {
    n.events += events;
    return JACKSON.readTree(document);
  }

  @Benchmark
  public List<EpcisSchema.SchemaError> validateSchema(Events n) {
    n.events += events;
    return EpcisSchema.validate(tree);
  }

  @Benchmark
  public List<EventHashId> hashIds(Events n) throws LedgerException {
    n.events += events;
    return EventHashId.fromDocument(tree);
  }

  @Benchmark
  public List<EpcisImport.ImportedEvent> read(Events n) throws LedgerException {
    n.events += events;
    return EpcisImport.read(document);
  }

  @Benchmark
  public EpcisImport.Result importInMemory(FreshLedger fresh, Events n) throws LedgerException {
    n.events += events;
    return EpcisImport.into(fresh.ledger, IMPORTER, document);
  }

  @Benchmark
  public byte[] exportAll(Events n) throws LedgerException {
    n.events += events;
    return EpcisExport.toBytes(EpcisExport.all(source, CREATED));
  }

  @Benchmark
  public byte[] rawSign(Events n) {
    n.events++;
    return rawSigner.sign(rawMessage);
  }
}
