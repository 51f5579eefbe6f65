package io.lotledger.cli;

import io.lotledger.Ledger;
import io.lotledger.bundle.TrustAnchors;
import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryFormatException;
import io.lotledger.error.LedgerException;
import io.lotledger.event.RegistryEvent;
import io.lotledger.log.NodeHash;
import io.lotledger.log.ProofException;
import io.lotledger.log.TreeHasher;
import io.lotledger.note.Checkpoint;
import io.lotledger.note.NoteKey;
import io.lotledger.note.NoteVerificationException;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.rules.Failure;
import io.lotledger.rules.Finding;
import io.lotledger.rules.VerificationException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger trust}: the trust anchors a verifier of this ledger's bundles needs ({@link
 * TrustAnchors}): origin, log key, root actor and root key.
 *
 * <p><b>Security.</b> Whoever can write the store must not decide what verifiers are told to trust,
 * so nothing is printed from a store record that has not been checked first: entry 0 must decode,
 * be signed by the key it registers, register the root actor the store names, and be signed for the
 * store's origin; the pinned log key must be the public half of {@code DIR/keys/log.key} when that
 * file exists; and the latest stored checkpoint must verify under that key, carry the root the
 * stored tree has at its size, and include entry 0 (RFC 9162 §2.1.3 inclusion proof), which ties
 * the printed root key to what the log key signed. The check costs one entry signature, one
 * checkpoint signature and O(log n) tree reads; {@code ledger verify} checks everything else.
 */
@Command(
    name = "trust",
    description = {
      "Print the trust anchors that this ledger's bundles are verified against.",
      "Save them to a file for 'ledger verify --bundle FILE --trust TRUSTFILE' and hand them to verifiers "
          + "out of band, never inside a bundle: whoever controls them decides what verifies.",
      "Nothing is printed unless it verifies first: entry 0 (decoded, signed by the root key it registers, "
          + "for the root actor and origin the store names), the pinned log key (the public half of keys/log.key "
          + "when that file exists), and the latest checkpoint (signed by that key, matching the stored tree, "
          + "including entry 0). Exit 1 naming what disagrees otherwise.",
      "",
      "Format (UTF-8; lines starting with '#' and blank lines are ignored):",
      "  lotledger-trust v1",
      "  origin <origin>",
      "  log <origin>+<key id>+<base64 key>",
      "  root <actor URI> <64 hex digits>",
      "origin: the ledger's name, the first line of its checkpoints.",
      "log: the log key that signs checkpoints, as a C2SP signed-note verifier key (vkey), named after the origin: "
          + "the key pinned by the first checkpoint or, before any checkpoint, the public half of keys/log.key.",
      "root: the root actor, which registers every other actor, and its Ed25519 public key, as entry 0 registers them."
    })
final class TrustCommand implements Callable<Integer> {
  @Mixin DataDirectory data;

  @Option(
      names = "--json",
      description =
          "Print the same anchors as one JSON object: {\"origin\", \"logKey\" (vkey), "
              + "\"rootActor\" (URI), \"rootKey\" (64 hex digits)}. 'ledger verify --trust' reads the text format only.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, LedgerException {
    Optional<Ed25519PublicKey> keyFile =
        LogKey.exists(data.path())
            ? Optional.of(LogKey.read(data.path()).publicKey())
            : Optional.empty();
    try (Ledger ledger = data.openReading()) {
      TrustAnchors trust = verifiedAnchors(ledger, keyFile);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            JsonOutput.text(
                JsonOutput.object()
                    .put("origin", trust.origin())
                    .put("logKey", trust.logKey().toVkey())
                    .put("rootActor", trust.root().uri())
                    .put("rootKey", trust.rootKey().toHex())));
      } else {
        out.print(trust.format());
      }
      out.flush();
    }
    return LedgerCli.EXIT_OK;
  }

  /**
   * The ledger's trust anchors, each read from a record that verified (see the class comment).
   *
   * @param keyFile the public half of {@code keys/log.key}, when the file exists
   * @throws VerificationException naming the first record that disagrees
   * @throws CliException (usage) when there is neither a pinned log key nor a key file
   */
  private TrustAnchors verifiedAnchors(Ledger ledger, Optional<Ed25519PublicKey> keyFile)
      throws CliException, LedgerException {
    String origin = ledger.origin();
    Entry genesis = verifiedGenesis(ledger);
    RegistryEvent.ActorRegistered root = (RegistryEvent.ActorRegistered) genesis.event();

    Optional<Ed25519PublicKey> pinned = ledger.logKey();
    Optional<SignedCheckpoint> latest = ledger.latestCheckpoint();
    Ed25519PublicKey logKey;
    if (pinned.isPresent()) {
      logKey = pinned.get();
      if (keyFile.isPresent() && !keyFile.get().equals(logKey)) {
        throw failure(
            Failure.STORE_MISMATCH,
            -1,
            "the log key pinned in the store is not the public half of " + LogKey.file(data.path()),
            keyFile.get().toHex(),
            logKey.toHex());
      }
      if (latest.isEmpty()) {
        throw failure(
            Failure.STORE_MISMATCH,
            -1,
            "a log key is pinned but no checkpoint is stored (the first " + "checkpoint pins it)",
            "a checkpoint signed by " + logKey.toHex(),
            "none");
      }
    } else if (latest.isPresent()) {
      throw failure(
          Failure.STORE_MISMATCH,
          -1,
          "checkpoints are stored but no log key is pinned",
          "a pinned log key",
          "none");
    } else {
      logKey =
          keyFile.orElseThrow(
              () ->
                  CliException.usage(
                      "no log key for the ledger in "
                          + data.path()
                          + ": nothing is pinned and "
                          + LogKey.file(data.path())
                          + " does not exist"));
    }
    NoteKey noteKey = NoteKey.of(origin, logKey);
    if (latest.isPresent()) {
      verifyCheckpoint(ledger, latest.get(), noteKey, genesis);
    }
    return new TrustAnchors(origin, noteKey, root.actor(), root.key());
  }

  /** Entry 0, decoded and checked: the root actor's self-signed registration, for this ledger. */
  private static Entry verifiedGenesis(Ledger ledger) throws LedgerException {
    Entry genesis;
    try {
      genesis =
          ledger
              .entry(0)
              .orElseThrow(
                  () ->
                      failure(
                          Failure.BAD_GENESIS, 0, "the ledger has no entry 0", "entry 0", "none"));
    } catch (EntryFormatException e) {
      throw failure(Failure.MALFORMED_ENTRY, 0, e.getMessage(), null, null);
    }
    if (!genesis.signed().signatureValid()) {
      throw new VerificationException(
          new Finding(
              Failure.BAD_SIGNATURE,
              0,
              genesis.hash(),
              null,
              "signature does not verify under key " + genesis.body().key().toHex(),
              "valid Ed25519 signature",
              "invalid"));
    }
    if (!(genesis.event() instanceof RegistryEvent.ActorRegistered registered)
        || !registered.actor().equals(genesis.body().actor())
        || !registered.key().equals(genesis.body().key())) {
      throw new VerificationException(
          new Finding(
              Failure.BAD_GENESIS,
              0,
              genesis.hash(),
              null,
              "entry 0 is not the root's self-signed registration",
              "self-signed ActorRegistered",
              genesis.event().getClass().getSimpleName() + " by " + genesis.body().actor()));
    }
    if (!registered.actor().equals(ledger.rootActor())) {
      throw new VerificationException(
          new Finding(
              Failure.BAD_GENESIS,
              0,
              genesis.hash(),
              null,
              "entry 0 registers another root actor than the store names",
              ledger.rootActor().uri(),
              registered.actor().uri()));
    }
    if (!genesis.body().origin().equals(ledger.origin())) {
      throw new VerificationException(
          new Finding(
              Failure.WRONG_ORIGIN,
              0,
              genesis.hash(),
              null,
              "entry 0 was signed for another origin than the store names",
              ledger.origin(),
              genesis.body().origin()));
    }
    return genesis;
  }

  /**
   * The checkpoint verifies under {@code logKey}, matches the stored tree, and includes {@code
   * genesis}.
   */
  private static void verifyCheckpoint(
      Ledger ledger, SignedCheckpoint signed, NoteKey logKey, Entry genesis)
      throws LedgerException {
    Checkpoint c;
    try {
      c = signed.verify(logKey);
    } catch (NoteVerificationException e) {
      throw failure(
          Failure.BAD_CHECKPOINT,
          -1,
          "the latest stored checkpoint does not verify under log key "
              + logKey.publicKey().toHex()
              + ": "
              + e.getMessage(),
          null,
          null);
    }
    if (c.size() < 1 || c.size() > ledger.size()) {
      throw failure(
          Failure.STORE_MISMATCH,
          -1,
          "the latest stored checkpoint covers another number of entries than "
              + "the ledger holds",
          "1 to " + ledger.size(),
          String.valueOf(c.size()));
    }
    NodeHash stored = ledger.root(c.size());
    if (!stored.equals(c.root())) {
      throw failure(
          Failure.STORE_MISMATCH,
          c.size() - 1,
          "the log's tree at size "
              + c.size()
              + " does not have the root the latest checkpoint signs (rewritten history)",
          c.root().toHex(),
          stored.toHex());
    }
    try {
      ledger
          .inclusionProof(0, c.size())
          .verify(TreeHasher.leaf(genesis.hash().toBytes()), c.root());
    } catch (ProofException e) {
      throw new VerificationException(
          new Finding(
              Failure.BAD_INCLUSION_PROOF,
              0,
              genesis.hash(),
              null,
              "entry 0 is not the one the latest checkpoint includes: " + e.getMessage(),
              null,
              null));
    }
  }

  private static VerificationException failure(
      Failure failure, long index, String detail, String expected, String actual) {
    return new VerificationException(
        new Finding(failure, index, null, null, detail, expected, actual));
  }
}
