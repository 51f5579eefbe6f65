package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.event.ActorId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  private static final String SEED =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  /** RFC 8032 §7.1 TEST 1: the public key of the seed above. */
  private static final String PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  @TempDir Path dir;

  @Test
  void write_thenRead_givesTheSameActorAndKey() throws Exception {
    Ed25519Signer signer = Ed25519Signer.generate(new SecureRandom());
    Path file = dir.resolve("root.key");
    KeyFile.write(file, new ActorId("urn:epc:id:pgln:4000001.00000"), signer);

    ActorSigner read = KeyFile.read(file);
    assertThat(read.actor()).isEqualTo(new ActorId("urn:epc:id:pgln:4000001.00000"));
    assertThat(read.publicKey()).isEqualTo(signer.publicKey());
    byte[] message = "lot".getBytes(StandardCharsets.UTF_8);
    assertThat(signer.publicKey().verify(read.signer().sign(message), message)).isTrue();
  }

  @Test
  void write_createsOwnerOnlyFileInTheDocumentedFormat() throws Exception {
    Ed25519Signer signer = Ed25519Signer.fromSeed(HexFormat.of().parseHex(SEED));
    Path file = dir.resolve("k");
    KeyFile.write(file, KeyFile.defaultActor(signer), signer);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file))
        .isEqualTo(
            "lotledger-key v1\n"
                + "actor: urn:lotledger:actor:d75a980182b10ab7\n"
                + "public: "
                + PUBLIC
                + "\n"
                + "secret: "
                + SEED
                + "\n");
  }

  @Test
  void write_refusesToOverwriteAnExistingFile() throws IOException {
    Path file = dir.resolve("k");
    Files.writeString(file, "precious");
    Ed25519Signer signer = Ed25519Signer.generate(new SecureRandom());

    assertThatThrownBy(() -> KeyFile.write(file, KeyFile.defaultActor(signer), signer))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("already exists");
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void read_namesTheLineOfEachFormatError() throws IOException {
    String good =
        "lotledger-key v1\nactor: urn:x:a\npublic: " + PUBLIC + "\nsecret: " + SEED + "\n";
    assertThat(readError(good.replace("v1", "v2"))).isEqualTo(1);
    assertThat(readError(good.replace("actor: urn:x:a", "actor: not a uri"))).isEqualTo(2);
    assertThat(readError(good.replace("actor: ", "owner: "))).isEqualTo(2);
    assertThat(readError(good.replace(PUBLIC, PUBLIC.toUpperCase()))).isEqualTo(3);
    assertThat(readError(good.replace(PUBLIC, PUBLIC.replace('d', 'e'))))
        .isEqualTo(3); // does not match the secret
    assertThat(readError(good.replace(SEED, SEED.substring(2)))).isEqualTo(4);
    assertThat(readError(good.replace("\nsecret", "\r\nsecret"))).isEqualTo(3);
    assertThat(readError(good + "extra: line\n")).isZero();
    assertThat(readError(good.strip())).isZero(); // no final line feed
  }

  @Test
  void read_refusesOversizedNonUtf8MissingAndShareableFiles() throws IOException {
    Path big = write("big", "lotledger-key v1\n" + "#".repeat(KeyFile.MAX_BYTES));
    assertThatThrownBy(() -> KeyFile.read(big)).hasMessageContaining("larger than 4096 bytes");

    Path binary = dir.resolve("binary");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> KeyFile.read(binary)).hasMessageContaining("not UTF-8");

    assertThatThrownBy(() -> KeyFile.read(dir.resolve("missing")))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("does not exist");

    Path shared =
        write(
            "shared",
            "lotledger-key v1\nactor: urn:x:a\npublic: " + PUBLIC + "\nsecret: " + SEED + "\n");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyFile.read(shared))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("accessible by group or others")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void errors_neverEchoTheSecret() throws IOException {
    String badSecret = SEED.substring(0, 63) + "Z";
    Path file =
        write(
            "k",
            "lotledger-key v1\nactor: urn:x:a\npublic: "
                + PUBLIC
                + "\nsecret: "
                + badSecret
                + "\n");
    assertThatThrownBy(() -> KeyFile.read(file)).hasMessageNotContaining(SEED.substring(0, 16));
  }

  /** The line a format error names (0: the whole file). */
  private int readError(String content) throws IOException {
    Path file = write("key-" + Arrays.hashCode(content.getBytes(StandardCharsets.UTF_8)), content);
    try {
      KeyFile.read(file);
    } catch (KeyFileException e) {
      assertThat(e.getMessage()).startsWith("key file " + file);
      assertThat(e.file()).isEqualTo(file);
      return e.line();
    }
    throw new AssertionError("accepted: " + content);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
