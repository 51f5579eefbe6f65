package io.lotledger.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes an EPCIS 2.0 JSON-LD {@code EPCISDocument} of many minimal events, the shape that stresses
 * an import's memory most for its size: each event is an ObjectEvent OBSERVE of one serialised item
 * (its own SGTIN, so every event has its own CBV 2.0 hash ID and lot) at its own second, about 190
 * bytes, so 86,000 of them make 16.3 MB, under both import limits (16 MiB, 100,000 events).
 *
 * <p>Depends on the JDK only, so it runs as a single source file; from the repository root:
 *
 * <pre>{@code
 * java ledger-cli/src/test/java/io/lotledger/cli/MinimalEpcisDocument.java 86000 /tmp/epcis-86k.jsonld
 * }</pre>
 */
public final class MinimalEpcisDocument {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private MinimalEpcisDocument() {}

  /** Writes {@code events} minimal events to {@code file}; returns its size in bytes. */
  public static long write(Path file, int events) {
    if (events < 1) {
      throw new IllegalArgumentException("events must be at least 1, not " + events);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
              + "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2026-01-01T00:00:00.000Z\","
              + "\"epcisBody\":{\"eventList\":[\n");
      for (int i = 0; i < events; i++) {
        String time = START.plusSeconds(i).toString().replace("Z", ".000Z");
        out.write(
            "{\"type\":\"ObjectEvent\",\"eventTime\":\""
                + time
                + "\",\"eventTimeZoneOffset\":\"+00:00\",\"epcList\":[\"urn:epc:id:sgtin:4012345.011111."
                + String.format("%06d", i + 1)
                + "\"],\"action\":\"OBSERVE\",\"bizStep\":\"inspecting\"}"
                + (i + 1 < events ? ",\n" : "\n"));
      }
      out.write("]}}\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }

  /** {@code MinimalEpcisDocument EVENTS FILE}. */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: MinimalEpcisDocument EVENTS FILE");
      System.exit(2);
    }
    long bytes = write(Path.of(args[1]), Integer.parseInt(args[0]));
    System.out.println("wrote " + args[0] + " events, " + bytes + " bytes, to " + args[1]);
  }
}
