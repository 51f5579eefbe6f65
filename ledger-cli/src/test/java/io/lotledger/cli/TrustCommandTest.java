package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.assertOneLineError;
import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.cli.LedgerCliTest.Result;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.EntryBody;
import io.lotledger.entry.EntryCodec;
import io.lotledger.event.ActorId;
import io.lotledger.event.RegistryEvent;
import io.lotledger.examples.battery.BatteryChain;
import io.lotledger.spi.Table;
import io.lotledger.state.StoreLayout;
import io.lotledger.store.rocksdb.StoreTampering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger trust} prints anchors only from records that verified: whoever can write the store
 * must not decide what verifiers are told to trust. Each test rewrites one record of a demo ledger
 * as an attacker with write access to its files would, and expects exit 1 with one line naming it.
 */
class TrustCommandTest {
  @TempDir Path tmp;

  private Path demo() {
    Path dir = tmp.resolve("demo");
    Result r = ledger("demo", "battery", "--data", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(ledger("trust", "--data", dir.toString()).code())
        .as("the untouched demo's anchors verify")
        .isZero();
    return dir;
  }

  private static Result trust(Path dir) {
    return ledger("trust", "--data", dir.toString());
  }

  @Test
  void trust_pinnedLogKeyReplacedInTheStore_exitsOneNamingTheKeyFileItDisagreesWith()
      throws Exception {
    Path dir = demo();
    Ed25519Signer attacker = Ed25519Signer.generate(new SecureRandom());
    StoreTampering.tamper(
        dir, Table.META, StoreLayout.META_LOG_KEY, attacker.publicKey().toBytes());

    // Opening checks the ledger's own checkpoint file against the pinned key first...
    Result opened = trust(dir);
    assertOneLineError(opened, 1);
    assertThat(opened.out()).isEmpty();
    assertThat(opened.err()).contains("bad checkpoint").contains(Ledger.CHECKPOINT_FILE);
    // ...and without that file (a ledger from before it was kept), trust's own check names the key
    // file.
    Files.delete(Ledger.checkpointFile(dir).path());
    Result r = trust(dir);

    assertOneLineError(r, 1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("log key pinned in the store is not the public half of " + LogKey.file(dir))
        .contains("expected " + DemoCommand.demoLogKey().publicKey().toHex())
        .contains("actual " + attacker.publicKey().toHex());
  }

  @Test
  void trust_pinnedLogKeyReplacedAndKeyFileGone_exitsOneBecauseTheCheckpointDoesNotVerifyUnderIt()
      throws Exception {
    Path dir = demo();
    Files.delete(LogKey.file(dir));
    Files.delete(Ledger.checkpointFile(dir).path()); // else opening refuses first, as above
    Ed25519Signer attacker = Ed25519Signer.generate(new SecureRandom());
    StoreTampering.tamper(
        dir, Table.META, StoreLayout.META_LOG_KEY, attacker.publicKey().toBytes());

    Result r = trust(dir);

    assertOneLineError(r, 1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("bad checkpoint")
        .contains("does not verify under log key " + attacker.publicKey().toHex());
  }

  @Test
  void trust_entryZeroWithAFlippedSignatureByte_exitsOneNamingEntryZero() throws Exception {
    Path dir = demo();
    LedgerCliTest.flipLastByteOfEntry(dir, 0);

    Result r = trust(dir);

    assertOneLineError(r, 1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("ledger: verification failed: entry 0 (")
        .contains("bad signature");
  }

  @Test
  void
      trust_entryZeroReplacedByTheRootsRegistrationUnderAnAttackersKey_exitsOneOnTheCheckpointsInclusionProof()
          throws Exception {
    Path dir = demo();
    ActorId root = new BatteryChain().root().actor();
    ActorSigner attacker = new ActorSigner(root, Ed25519Signer.generate(new SecureRandom()));
    RegistryEvent.ActorRegistered forged =
        new RegistryEvent.ActorRegistered(
            root,
            "Forged root",
            attacker.publicKey(),
            OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    byte[] entry =
        EntryCodec.sign(
                new EntryBody(BatteryChain.ORIGIN, root, attacker.publicKey(), List.of(), forged),
                attacker.signer())
            .encoded();
    StoreTampering.tamper(dir, Table.ENTRIES, StoreLayout.entryKey(0), entry);

    Result r = trust(dir);

    assertOneLineError(r, 1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("entry 0")
        .contains("bad inclusion proof")
        .contains("latest checkpoint includes");
  }

  @Test
  void trust_rootActorRenamedInTheStore_exitsOneBecauseEntryZeroRegistersAnother()
      throws Exception {
    Path dir = demo();
    StoreTampering.tamper(
        dir, Table.META, StoreLayout.META_ROOT, StoreLayout.utf8("urn:example:attacker"));

    Result r = trust(dir);

    assertOneLineError(r, 1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("entry 0 registers another root actor than the store names")
        .contains("expected urn:example:attacker");
  }

  @Test
  void trust_logKeyPinnedWithoutAnyCheckpoint_exitsOne() throws Exception {
    Path dir = demo();
    StoreTampering.tamper(dir, Table.CHECKPOINTS, StoreLayout.u64(42), null);

    Result r = trust(dir);

    assertOneLineError(r, 1);
    assertThat(r.err()).contains("a log key is pinned but no checkpoint is stored");
  }
}
