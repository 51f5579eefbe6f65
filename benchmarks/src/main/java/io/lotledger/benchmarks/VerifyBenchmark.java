package io.lotledger.benchmarks;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.InvalidKeyException;
import io.lotledger.crypto.Sha256;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryCodec;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.entry.EntryHash;
import io.lotledger.entry.SignedEntry;
import io.lotledger.event.LotId;
import io.lotledger.event.TransformationEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of checking one stored entry, split into its parts, with raw Ed25519 as the baseline in the
 * same run.
 *
 * <ul>
 *   <li>{@code rawVerify}: BouncyCastle Ed25519 verification through {@link
 *       Ed25519PublicKey#verify} with the key decoded once (as a verifier caches registered keys),
 *       over a fixed 300-byte message. The floor: no entry can verify faster than this.
 *   <li>{@code decodeEntry}: {@link EntryCodec#decode} of a realistic entry (a TransformationEvent:
 *       two inputs, one output, ILMD, bizStep, read point, a sensor reading): protobuf parse, the
 *       canonical re-encoding check and the model rules, plus the entry hash. No signature check.
 *   <li>{@code verifyEntry}: decode and signature check, {@code decode(bytes).signatureValid()}:
 *       what a verifier pays per entry before the chain rules.
 *   <li>{@code sha256Entry}: {@link Sha256#hash} of the entry bytes, the entry hash alone.
 *   <li>{@code parseKey}: {@link Ed25519PublicKey#parse} of the signer's 32-byte key as {@code
 *       decodeEntry} does for every entry: a hit in the cache of validated keys (the full-order
 *       check, about the cost of one verification, is paid once per distinct key).
 * </ul>
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar VerifyBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s</pre>
 *
 * Reported as average time per operation in microseconds; the entry size is printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VerifyBenchmark {
  private Ed25519PublicKey key;
  private byte[] message;
  private byte[] messageSignature;
  private byte[] entryBytes;
  private byte[] keyBytes;

  @Setup
  public void setUp() throws EntryFormatException {
    ActorSigner refinery = Workload.signer("urn:lotledger:actor:refinery", 3);
    key = refinery.publicKey();
    keyBytes = key.toBytes();

    message = Workload.rawMessage();
    messageSignature = refinery.signer().sign(message);

    // Inputs link to earlier entries (a 32-byte prev hash each); the output is a new lot.
    TransformationEvent event = Workload.smelt();
    EntryBody body =
        EntryBody.of(
            Workload.ORIGIN,
            refinery.actor(),
            key,
            event,
            (LotId lot) ->
                event.outputs().stream().anyMatch(q -> q.lot().equals(lot))
                    ? null
                    : EntryHash.ofEntry(lot.uri().getBytes(StandardCharsets.UTF_8)));
    SignedEntry entry = EntryCodec.sign(body, refinery.signer());
    entryBytes = entry.encoded();

    // Fail fast rather than measure a broken fixture.
    if (!key.verify(messageSignature, message) || !EntryCodec.decode(entryBytes).signatureValid()) {
      throw new IllegalStateException("benchmark fixture does not verify");
    }
    System.out.println(
        "\nVerifyBenchmark: entry is "
            + entryBytes.length
            + " bytes ("
            + event.getClass().getSimpleName()
            + ", "
            + body.links().size()
            + " links); raw message "
            + message.length
            + " bytes");
  }

  @Benchmark
  public boolean rawVerify() {
    return key.verify(messageSignature, message);
  }

  @Benchmark
  public SignedEntry decodeEntry() throws EntryFormatException {
    return EntryCodec.decode(entryBytes);
  }

  @Benchmark
  public boolean verifyEntry() throws EntryFormatException {
    return EntryCodec.decode(entryBytes).signatureValid();
  }

  @Benchmark
  public byte[] sha256Entry() {
    return Sha256.hash(entryBytes);
  }

  @Benchmark
  public Ed25519PublicKey parseKey() throws InvalidKeyException {
    return Ed25519PublicKey.parse(keyBytes);
  }
}
