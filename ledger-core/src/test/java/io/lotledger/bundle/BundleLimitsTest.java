package io.lotledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile sizes are refused before memory is spent on them: a length prefix of 2 GiB in a file of a
 * few bytes, and a file larger than {@link Bundle#MAX_BYTES}. The reads run in a child JVM whose
 * heap ({@value #HEAP}) is far smaller than either claimed size, so a large allocation would end it
 * with an {@link OutOfMemoryError} instead of the expected {@code INVALID_INPUT} {@link
 * io.lotledger.LedgerException}.
 */
class BundleLimitsTest {
  private static final String HEAP = "-Xmx24m";

  @TempDir Path dir;

  /**
   * "LLBUNDLE", version 1, the tag of field 4 ({@code entries}, length-delimited), {@code length},
   * a few bytes.
   */
  private static byte[] hugeEntriesPrefix(long length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Bundle.MAGIC);
    out.write(Bundle.VERSION);
    out.write(0x22);
    long v = length;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    out.writeBytes("a few bytes".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void hugeLengthPrefixes_areRejectedAsTruncatedWithoutAllocating() throws Exception {
    long[] lengths = {(1L << 31) - 1, (1L << 31) + 5, (1L << 32) + 7, Long.MAX_VALUE};
    List<Path> files = new ArrayList<>();
    for (long length : lengths) {
      files.add(Files.write(dir.resolve("huge-" + length + ".bundle"), hugeEntriesPrefix(length)));
      assertThatThrownBy(() -> Bundle.parse(hugeEntriesPrefix(length)))
          .satisfies(BundleFixture::invalidInput)
          .hasMessageContaining("not a valid protobuf Bundle message");
    }

    Result r = readInChildJvm(files);

    assertThat(r.exitCode()).as(r.output()).isZero();
    for (int i = 0; i < lengths.length; i++) {
      assertThat(r.output())
          .contains(i + " rejected INVALID_INPUT: bundle is not a valid protobuf Bundle message");
    }
  }

  @Test
  void aFileOverTheLimit_isRejectedBeforeItIsRead() throws Exception {
    Path sparse = dir.resolve("sparse.bundle");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.write(BundleFixture.simple().toBytes()); // a valid bundle at its start...
      f.setLength(Bundle.MAX_BYTES + 1L); // ...then zeros the file system need not store
    }

    assertThatThrownBy(() -> Bundle.read(sparse))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("larger than the limit of " + Bundle.MAX_BYTES);
    Result r = readInChildJvm(List.of(sparse));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("0 rejected INVALID_INPUT: bundle " + sparse + " is larger than the limit");
  }

  @Test
  void aFileAtTheLimitIsReadAndParsed() throws Exception {
    Path atLimit = dir.resolve("at-limit.bundle");
    try (RandomAccessFile f = new RandomAccessFile(atLimit.toFile(), "rw")) {
      f.write(BundleFixture.simple().toBytes());
      f.setLength(Bundle.MAX_BYTES);
    }

    // Read in full (the size is allowed), then refused by the parser: zeros are field 0, not a tag.
    assertThatThrownBy(() -> Bundle.read(atLimit))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("not a valid protobuf Bundle message");
  }

  @Test
  void read_reportsAMissingFileAndADirectory() {
    assertThatThrownBy(() -> Bundle.read(dir.resolve("absent")))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> Bundle.read(dir))
        .satisfies(BundleFixture::invalidInput)
        .hasMessageContaining("cannot read bundle");
  }

  private record Result(int exitCode, String output) {}

  private static Result readInChildJvm(List<Path> files) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                BundleReadProbe.class.getName()));
    files.forEach(f -> command.add(f.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not finish: " + output);
    }
    return new Result(p.exitValue(), output);
  }
}
