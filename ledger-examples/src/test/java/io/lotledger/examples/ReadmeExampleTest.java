package io.lotledger.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.Ledger;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.event.ActorId;
import io.lotledger.event.EventContext;
import io.lotledger.event.LotId;
import io.lotledger.event.LotMasterData;
import io.lotledger.event.LotQuantity;
import io.lotledger.event.ObjectEvent;
import io.lotledger.event.Party;
import io.lotledger.event.RegistryEvent;
import io.lotledger.event.TransformationEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding example, compiled and run, and checked to be the README's text verbatim.
 */
class ReadmeExampleTest {

  static Set<LotId> readmeExample(Path dir) throws Exception {
    // README-EXAMPLE-START
    ActorSigner smelter =
        new ActorSigner(
            new ActorId("urn:example:smelter"), Ed25519Signer.generate(new SecureRandom()));
    ActorSigner mine =
        new ActorSigner(
            new ActorId("urn:example:mine"), Ed25519Signer.generate(new SecureRandom()));
    OffsetDateTime now = OffsetDateTime.now();
    LotId ore = new LotId("urn:epc:class:lgtin:4012345.012345.ORE-7");
    LotId cathode = new LotId("urn:epc:class:lgtin:4012345.067890.CU-7");

    try (Ledger ledger = Ledger.create(dir, "smelter.example/ledger", smelter, "Example smelter")) {
      ledger.append(
          new RegistryEvent.ActorRegistered(mine.actor(), "Example mine", mine.publicKey(), now),
          smelter);
      ledger.append(
          ObjectEvent.add(
              List.of(LotQuantity.of(ore.uri(), "1000", "KGM")),
              LotMasterData.NONE.withOrigin("CL", null),
              now,
              EventContext.of("commissioning", "active")),
          mine);
      Entry shipped =
          ledger.append(
              ObjectEvent.observe(
                  List.of(LotQuantity.of(ore.uri(), "1000", "KGM")),
                  now,
                  EventContext.of("shipping", "in_transit")
                      .withDestinations(List.of(new Party("owning_party", smelter.actor().uri())))),
              mine);
      ledger.append(
          ObjectEvent.observe(
              List.of(LotQuantity.of(ore.uri(), "1000", "KGM")),
              now,
              EventContext.of("receiving", "in_progress").withShipment(shipped.hash().toNi())),
          smelter); // names the shipment: only a lot's holder may consume it
      Entry smelted =
          ledger.append(
              TransformationEvent.of(
                  List.of(LotQuantity.of(ore.uri(), "1000", "KGM")),
                  List.of(LotQuantity.of(cathode.uri(), "250", "KGM")),
                  null,
                  now,
                  EventContext.of("commissioning", "active")),
              smelter);

      ledger.verify(); // every signature, hash link and index; throws at the first broken fact
      System.out.println(smelted.index() + " " + smelted.hash() + " " + ledger.ancestors(cathode));
    }
    try (Ledger reopened = Ledger.open(dir)) {
      return reopened.ancestors(cathode); // [urn:epc:class:lgtin:4012345.012345.ORE-7]
    }
    // README-EXAMPLE-END
  }

  @Test
  void readmeExample_recordsVerifiesAndReopensTheLedger(@TempDir Path dir) throws Exception {
    Set<LotId> ancestors = readmeExample(dir.resolve("copper-ledger"));

    assertThat(ancestors).containsExactly(new LotId("urn:epc:class:lgtin:4012345.012345.ORE-7"));
  }

  @Test
  void readme_showsExactlyThisExample() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/lotledger/examples/ReadmeExampleTest.java"));
    String example =
        source.substring(
            source.indexOf("// README-EXAMPLE-START") + "// README-EXAMPLE-START".length(),
            source.indexOf("    // README-EXAMPLE-END"));
    String readme = Files.readString(Path.of("../README.md"));

    assertThat(normalise(readme)).contains(normalise(example));
  }

  @Test
  void readme_showsTheExamplesImports() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/lotledger/examples/ReadmeExampleTest.java"));
    String readme = Files.readString(Path.of("../README.md"));
    // Every import the example needs, as the README shows them (the test's own imports aside).
    List<String> needed =
        source
            .lines()
            .filter(
                l ->
                    l.startsWith("import ")
                        && !l.startsWith("import static")
                        && !l.startsWith("import org.junit")
                        && !l.equals("import java.nio.file.Files;"))
            .toList();
    assertThat(needed).hasSizeGreaterThan(10);
    assertThat(readme.lines().map(String::strip).toList()).containsAll(needed);
  }

  /** Indentation differs between a method body and a Markdown block; the code must not. */
  private static String normalise(String s) {
    return s.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .reduce("", (a, b) -> a + b + "\n");
  }
}
