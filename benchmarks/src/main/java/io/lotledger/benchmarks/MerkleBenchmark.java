package io.lotledger.benchmarks;

import io.lotledger.Ledger;
import io.lotledger.error.LedgerException;
import io.lotledger.log.ConsistencyProof;
import io.lotledger.log.InclusionProof;
import io.lotledger.log.NodeHash;
import io.lotledger.log.ProofException;
import io.lotledger.log.TreeHasher;
import io.lotledger.spi.LedgerStore;
import io.lotledger.spi.StoreException;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.rocksdb.RocksDbLedgerStore;
import java.io.IOException;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 9162 Merkle proofs over a RocksDB ledger of {@code treeSize} entries ({@link LedgerFixture},
 * generated once and reused), with their physical floors measured in the same run.
 *
 * <ul>
 *   <li>{@code inclusionProof}: {@link Ledger#inclusionProof}{@code (i, size)} for a random entry
 *       {@code i} of the whole tree (whose size is not a power of two, so the right edge is
 *       composed from stored subtrees): reads of the stored perfect subtrees plus the hashing of
 *       the ragged edge.
 *   <li>{@code verifyInclusion}: {@link InclusionProof#verify} of one of 1024 precomputed proofs
 *       against the root (a path of about log2(size) SHA-256 node hashes).
 *   <li>{@code consistencyProof}: {@link Ledger#consistencyProof}{@code (m, size)} from a random
 *       earlier size {@code m}.
 *   <li>{@code treeNodeRead}: one read of a stored tree node ({@code store.get(TREE, key)}) from
 *       the same RocksDB store: the unit of proof generation, which needs about one read per path
 *       hash.
 *   <li>{@code nodeHash}: {@link TreeHasher#node} (SHA-256 of 65 bytes): the unit of proof
 *       verification, which needs one per path hash.
 * </ul>
 *
 * The path length is printed at setup. Reported in microseconds per operation.
 *
 * <p>Run (after {@code mvn -pl benchmarks -am package -DskipTests}):
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar MerkleBenchmark -f 1 -wi 3 -i 5 -w 2s -r 3s</pre>
 *
 * Choose the ledger with {@code -p treeSize=1000000} and the disk with {@code -jvmArgsAppend
 * -Dlotledger.bench.dir=...} (see {@link LedgerFixture}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class MerkleBenchmark {
  private static final int SAMPLES = 1024;

  @Param({"100000"})
  public long treeSize;

  private LedgerStore store;
  private Ledger ledger;
  private long size;
  private long[] indexes;
  private long[] earlierSizes;
  private byte[][] nodeKeys;
  private InclusionProof[] proofs;
  private NodeHash[] leaves;
  private NodeHash root;
  private NodeHash left;
  private NodeHash right;
  private int next;

  @Setup(Level.Trial)
  public void open() throws IOException, LedgerException {
    store = RocksDbLedgerStore.open(LedgerFixture.ensure(treeSize), false);
    ledger = Ledger.on(store).open();
    size = ledger.size();
    root = ledger.root(size);
    SplittableRandom random = new SplittableRandom(9162);
    indexes = new long[SAMPLES];
    earlierSizes = new long[SAMPLES];
    nodeKeys = new byte[SAMPLES][];
    proofs = new InclusionProof[SAMPLES];
    leaves = new NodeHash[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      indexes[i] = random.nextLong(size);
      earlierSizes[i] = 1 + random.nextLong(size - 1);
      int level = random.nextInt(Long.numberOfTrailingZeros(Long.highestOneBit(size)) + 1);
      nodeKeys[i] = StoreLayout.treeKey(level, random.nextLong(size >>> level));
      proofs[i] = ledger.inclusionProof(indexes[i], size);
      leaves[i] = TreeHasher.leaf(ledger.entry(indexes[i]).orElseThrow().hash().toBytes());
      proofs[i].verify(leaves[i], root); // fail fast rather than measure a broken fixture
      if (store.get(Table.TREE, nodeKeys[i]) == null) {
        throw new IllegalStateException("tree node " + i + " is missing");
      }
    }
    left = TreeHasher.leaf(new byte[32]);
    right = TreeHasher.leaf(new byte[] {1});
    System.out.printf(
        "%nMerkleBenchmark: tree of %d entries, inclusion paths of %d hashes%n",
        size, proofs[0].path().size());
  }

  @TearDown(Level.Trial)
  public void close() throws LedgerException {
    ledger.close(); // closes the store
  }

  private int next() {
    return next = (next + 1) & (SAMPLES - 1);
  }

  @Benchmark
  public InclusionProof inclusionProof() throws LedgerException {
    return ledger.inclusionProof(indexes[next()], size);
  }

  @Benchmark
  public void verifyInclusion() throws ProofException {
    int i = next();
    proofs[i].verify(leaves[i], root);
  }

  @Benchmark
  public ConsistencyProof consistencyProof() throws LedgerException {
    return ledger.consistencyProof(earlierSizes[next()], size);
  }

  @Benchmark
  public byte[] treeNodeRead() throws StoreException {
    return store.get(Table.TREE, nodeKeys[next()]);
  }

  @Benchmark
  public NodeHash nodeHash() {
    return TreeHasher.node(left, right);
  }
}
