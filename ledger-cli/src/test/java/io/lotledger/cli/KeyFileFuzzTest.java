package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lotledger.entry.ActorSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Fuzzes {@link KeyFile#read}, which reads the key file an actor signs with. Contract: any file
 * contents either give a signer whose public key the file names, or a {@link
 * io.lotledger.cli.KeyFileException} naming the file and line. The bytes are written to an
 * owner-only file, so that the permission check passes and the parser sees them.
 *
 * <p>{@code mvn verify} replays the committed corpus ({@code KeyFileFuzzTestInputs/}); {@code
 * fuzz/run.sh} fuzzes (docs/reliability.md, Fuzzing).
 */
class KeyFileFuzzTest {
  private static final Path DIR = directory();

  @FuzzTest(maxDuration = "60s")
  void read(byte[] bytes) throws IOException {
    Path file = DIR.resolve("fuzz.key");
    Files.write(file, bytes);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    try {
      ActorSigner signer = KeyFile.read(file);
      assertThat(new String(bytes, StandardCharsets.UTF_8))
          .as("a key file that reads names the signer's public key")
          .contains("public: " + signer.publicKey().toHex() + "\n");
    } catch (KeyFileException e) {
      // refused, naming the line
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Path directory() {
    try {
      Path dir =
          Files.createTempDirectory(
              "keyfile-fuzz",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
