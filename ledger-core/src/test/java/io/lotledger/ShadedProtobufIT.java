package io.lotledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotledger.bundle.Bundle;
import io.lotledger.bundle.BundleExporter;
import io.lotledger.bundle.BundleVerifier;
import io.lotledger.bundle.TrustAnchors;
import io.lotledger.entry.ActorSigner;
import io.lotledger.entry.Entry;
import io.lotledger.entry.EntryCodec;
import io.lotledger.note.NoteKey;
import io.lotledger.note.SignedCheckpoint;
import io.lotledger.testing.TestChain;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * ledger-core as an application gets it: the packaged jar (protobuf-java relocated into it by the
 * shade step) on a class path whose protobuf-java is 3.x, older than the 4.x the generated classes
 * need. Run by maven-failsafe after {@code package} ({@code mvn verify}); against the unshaded
 * classes the round trip fails, because 4.x generated code does not link against a 3.x runtime.
 */
class ShadedProtobufIT {
  private static final String RELOCATED = "io.lotledger.internal.protobuf";

  private final TestChain chain = new TestChain();

  @Test
  void ledgerCore_writesVerifiesAndBundlesBesideAnOlderProtobufOnTheClassPath() throws Exception {
    assertThat(location(Class.forName("com.google.protobuf.ByteString")).getFileName().toString())
        .as("the protobuf-java an application brings")
        .isEqualTo("protobuf-java-" + System.getProperty("lotledger.protobuf3") + ".jar");

    ActorSigner log = TestChain.signer("urn:lotledger:log", 77);
    try (Ledger ledger = Ledger.inMemory().create(TestChain.ORIGIN, chain.root, "root")) {
      chain.populate(ledger);
      Entry last = ledger.entry(ledger.size() - 1).orElseThrow();
      assertThat(EntryCodec.decode(last.signed().encoded()).body()).isEqualTo(last.signed().body());
      ledger.verify();

      SignedCheckpoint checkpoint = ledger.checkpoint(log.signer());
      Bundle read =
          Bundle.parse(BundleExporter.export(ledger, TestChain.SULPHATE, checkpoint).toBytes());
      TrustAnchors trust =
          new TrustAnchors(
              TestChain.ORIGIN,
              NoteKey.of(TestChain.ORIGIN, log.publicKey()),
              chain.root.actor(),
              chain.root.publicKey());
      assertThat(BundleVerifier.verify(read, trust, null).entries())
          .isEqualTo(read.items().size())
          .isPositive();
    }
  }

  @Test
  void packagedJar_holdsNoClassOrProtoFileOfProtobufUnderItsOwnName() throws Exception {
    Path jar = location(EntryCodec.class);
    assertThat(jar.getFileName().toString())
        .as("failsafe runs against the packaged jar")
        .endsWith(".jar");
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream().map(JarEntry::getName).forEach(names::add);
    }

    assertThat(names)
        .contains(RELOCATED.replace('.', '/') + "/ByteString.class")
        .noneMatch(n -> n.startsWith("com/google/") || n.startsWith("google/"));
    assertThat(location(Class.forName(RELOCATED + ".ByteString")))
        .as("lotledger's own protobuf")
        .isEqualTo(jar);
  }

  @Test
  void publishedPom_doesNotDependOnProtobuf() throws Exception {
    File pom = new File(System.getProperty("lotledger.reducedPom"));
    Element project =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom).getDocumentElement();
    List<String> dependencies = new ArrayList<>();
    for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
      if ("dependencies".equals(n.getNodeName())) {
        NodeList artifacts = ((Element) n).getElementsByTagName("artifactId");
        for (int i = 0; i < artifacts.getLength(); i++) {
          dependencies.add(artifacts.item(i).getTextContent().trim());
        }
      }
    }

    assertThat(dependencies)
        .contains("bcprov-jdk18on", "slf4j-api")
        .doesNotContain("protobuf-java");
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
