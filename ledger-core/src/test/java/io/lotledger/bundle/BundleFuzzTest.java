package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lotledger.error.LedgerException;
import io.lotledger.log.NodeHash;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.SignedCheckpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes what a verifier reads from outside: bundle files ({@link Bundle#parse}), their
 * verification ({@link BundleVerifier#verify}) and trust files ({@link TrustAnchors#parse}).
 * Contract: parsing either returns or throws a {@link LedgerException} of code {@code
 * INVALID_INPUT}, and what parses re-encodes to the input; verifying a parsed bundle either returns
 * or throws a {@link LedgerException} (a {@link io.lotledger.rules.VerificationException} naming
 * the broken fact).
 *
 * <p>Random bytes rarely carry a valid signature, so {@link #verifyEdited} starts from the
 * fixture's real bundle and applies fuzzer-chosen edits, re-signing any checkpoint it changes with
 * the fixture's log key: that reaches the proof, registry and provenance checks behind the
 * signature check.
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code BundleFuzzTestInputs/}); {@code
 * fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class BundleFuzzTest {
  private static final TrustAnchors TRUST = new BundleFixture().trust();

  @FuzzTest(maxDuration = "60s")
  void parse(byte[] bytes) {
    Bundle bundle;
    try {
      bundle = Bundle.parse(bytes);
    } catch (LedgerException e) {
      BundleFixture.invalidInput(e);
      return;
    }
    assertThat(bundle.toBytes()).as("parse then encode").isEqualTo(bytes);
  }

  @FuzzTest(maxDuration = "60s")
  void verifyParsed(byte[] bytes) {
    try {
      BundleVerifier.verify(Bundle.parse(bytes), TRUST, null);
    } catch (LedgerException e) {
      // refused: malformed, or a broken fact
    }
  }

  @FuzzTest(maxDuration = "60s")
  void verifyEdited(FuzzedDataProvider data) {
    Bundle original = BundleFixture.standard();
    List<Bundle.Item> items = new ArrayList<>(original.items());
    List<Bundle.Earlier> earlier = new ArrayList<>(original.earlier());
    SignedCheckpoint checkpoint = original.checkpoint();
    int edits = data.consumeInt(1, 4);
    for (int n = 0; n < edits; n++) {
      int pick = data.consumeInt(0, Integer.MAX_VALUE);
      switch (data.consumeInt(0, 6)) {
        case 0 -> { // other entry bytes
          if (!items.isEmpty()) {
            int i = pick % items.size();
            Bundle.Item item = items.get(i);
            items.set(i, new Bundle.Item(item.index(), data.consumeBytes(4096), item.path()));
          }
        }
        case 1 -> { // another index
          if (!items.isEmpty()) {
            int i = pick % items.size();
            Bundle.Item item = items.get(i);
            items.set(
                i, new Bundle.Item(data.consumeLong(0, 1L << 40), item.rawEntry(), item.path()));
          }
        }
        case 2 -> { // an entry left out
          if (!items.isEmpty()) {
            items.remove(pick % items.size());
          }
        }
        case 3 -> { // another inclusion proof
          if (!items.isEmpty()) {
            int i = pick % items.size();
            Bundle.Item item = items.get(i);
            items.set(
                i, new Bundle.Item(item.index(), item.rawEntry(), editPath(item.path(), data)));
          }
        }
        case 4 -> { // another checkpoint, signed by the trusted log key
          Checkpoint cp = checkpoint.checkpoint();
          NodeHash root = data.consumeBoolean() ? cp.root() : hash(data);
          checkpoint = sign(Checkpoint.of(cp.origin(), data.consumeLong(), root));
        }
        case 5 -> { // another earlier checkpoint or consistency proof
          if (!earlier.isEmpty()) {
            int i = pick % earlier.size();
            Bundle.Earlier e = earlier.get(i);
            Checkpoint cp = e.checkpoint().checkpoint();
            SignedCheckpoint signed =
                data.consumeBoolean()
                    ? e.checkpoint()
                    : sign(Checkpoint.of(cp.origin(), data.consumeLong(), cp.root()));
            earlier.set(i, new Bundle.Earlier(signed, editPath(e.path(), data)));
          }
        }
        default -> { // an entry repeated at another index
          if (!items.isEmpty()) {
            Bundle.Item item = items.get(pick % items.size());
            items.add(new Bundle.Item(data.consumeLong(0, 64), item.rawEntry(), item.path()));
            items.sort((a, b) -> Long.compare(a.index(), b.index()));
          }
        }
      }
    }
    Bundle edited = new Bundle(original.origin(), original.lot(), checkpoint, items, earlier);
    Bundle parsed;
    try {
      parsed =
          Bundle.parse(edited.toBytes()); // only what a reader could be handed reaches the verifier
    } catch (LedgerException e) {
      BundleFixture.invalidInput(e);
      return;
    }
    try {
      BundleVerifier.verify(parsed, TRUST, null);
    } catch (LedgerException e) {
      // refused, naming the broken fact
    }
  }

  @FuzzTest(maxDuration = "60s")
  void trustAnchors(byte[] bytes) throws LedgerException {
    TrustAnchors trust;
    try {
      trust = TrustAnchors.parse("fuzz", bytes);
    } catch (LedgerException e) {
      BundleFixture.invalidInput(e);
      return;
    }
    assertThat(TrustAnchors.parse("formatted", trust.format().getBytes(StandardCharsets.UTF_8)))
        .as("parse then format then parse")
        .isEqualTo(trust);
  }

  private static List<NodeHash> editPath(List<NodeHash> path, FuzzedDataProvider data) {
    List<NodeHash> out = new ArrayList<>(path);
    switch (data.consumeInt(0, 2)) {
      case 0 -> {
        if (!out.isEmpty()) {
          out.remove(data.consumeInt(0, out.size() - 1));
        }
      }
      case 1 -> out.add(data.consumeInt(0, out.size()), hash(data));
      default -> {
        if (!out.isEmpty()) {
          out.set(data.consumeInt(0, out.size() - 1), hash(data));
        }
      }
    }
    return out;
  }

  private static NodeHash hash(FuzzedDataProvider data) {
    return NodeHash.of(Arrays.copyOf(data.consumeBytes(NodeHash.LENGTH), NodeHash.LENGTH));
  }

  private static SignedCheckpoint sign(Checkpoint checkpoint) {
    return SignedCheckpoint.sign(checkpoint, BundleFixture.LOG.signer());
  }
}
