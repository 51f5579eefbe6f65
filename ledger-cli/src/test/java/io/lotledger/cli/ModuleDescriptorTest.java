package io.lotledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lotledger.Ledger;
import io.lotledger.epcis.EpcisImport;
import io.lotledger.examples.catalog.Scenarios;
import io.lotledger.report.ProvenanceReport;
import io.lotledger.store.rocksdb.RocksDbStoreProvider;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The library jars are named modules on the module path: they resolve together with their
 * dependencies, and export their API packages only. The engine, the ledger's state and store
 * layout, and the generated protobuf classes stay internal. The descriptors are packaged
 * (META-INF/versions/17 of multi-release jars), so this runs where the libraries are jars: {@code
 * mvn verify}, as CI runs it. The core, on the module path without protobuf-java, decodes an entry:
 * the relocated protobuf runtime is inside it.
 */
class ModuleDescriptorTest {

  /**
   * The libraries' runtime dependencies, by jar name: no protobuf-java, which ledger-core packs
   * relocated.
   */
  private static final List<String> RUNTIME =
      List.of(
          "ledger-core-",
          "ledger-store-",
          "ledger-epcis-",
          "ledger-report-",
          "ledger-examples-",
          "bcprov-",
          "slf4j-api-",
          "rocksdbjni-",
          "jackson-",
          "json-schema-validator-",
          "itu-");

  private static Path jarOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theLibrariesResolveAsModules_andExportTheirApiOnly() throws Exception {
    List<Path> libraries =
        List.of(
            jarOf(Ledger.class),
            jarOf(RocksDbStoreProvider.class),
            jarOf(EpcisImport.class),
            jarOf(ProvenanceReport.class),
            jarOf(Scenarios.class));
    assumeTrue(
        libraries.stream().allMatch(p -> p.toString().endsWith(".jar")),
        "the library modules are packaged only from 'mvn package' on; here they are class directories: "
            + libraries);

    // The libraries and their runtime dependencies, from the test class path, as a module path
    // (test
    // libraries stay out: automatic modules read one another, so they would all be resolved too).
    Path[] modulePath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .filter(
                p ->
                    Files.isRegularFile(p)
                        && p.toString().endsWith(".jar")
                        && !p.toString().endsWith("-tests.jar"))
            .filter(
                p ->
                    RUNTIME.stream()
                        .anyMatch(prefix -> p.getFileName().toString().startsWith(prefix)))
            .toArray(Path[]::new);
    ModuleFinder finder = ModuleFinder.of(modulePath);
    Set<String> roots =
        Set.of(
            "io.lotledger.core",
            "io.lotledger.store.rocksdb",
            "io.lotledger.epcis",
            "io.lotledger.report",
            "io.lotledger.examples");
    Configuration resolved =
        Configuration.resolve(
            finder, List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(), roots);
    Map<String, ModuleDescriptor> modules =
        resolved.modules().stream()
            .collect(Collectors.toMap(m -> m.name(), m -> m.reference().descriptor()));

    assertThat(exports(modules.get("io.lotledger.core")))
        .containsExactlyInAnyOrder(
            "io.lotledger",
            "io.lotledger.bundle",
            "io.lotledger.crypto",
            "io.lotledger.entry",
            "io.lotledger.error",
            "io.lotledger.event",
            "io.lotledger.log",
            "io.lotledger.note",
            "io.lotledger.rules",
            "io.lotledger.spi",
            "io.lotledger.store.memory",
            "io.lotledger.verify");
    assertThat(modules.get("io.lotledger.core").packages())
        .as("internal packages are in the module, not exported")
        .contains("io.lotledger.engine", "io.lotledger.state", "io.lotledger.internal.protobuf");
    assertThat(exports(modules.get("io.lotledger.store.rocksdb")))
        .containsExactly("io.lotledger.store.rocksdb");
    assertThat(modules.get("io.lotledger.store.rocksdb").provides())
        .anySatisfy(p -> assertThat(p.service()).isEqualTo("io.lotledger.spi.LedgerStoreProvider"));
    assertThat(exports(modules.get("io.lotledger.epcis"))).containsExactly("io.lotledger.epcis");
    assertThat(exports(modules.get("io.lotledger.report")))
        .containsExactlyInAnyOrder("io.lotledger.report", "io.lotledger.policy");
    assertThat(exports(modules.get("io.lotledger.examples")))
        .contains("io.lotledger.examples.synthetic");

    // On the module path, with no protobuf-java anywhere, the core decodes an entry (the relocated
    // protobuf runtime is part of the module) and sees the hash the class path sees.
    ModuleLayer layer =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(resolved, ClassLoader.getPlatformClassLoader());
    assertThat(layer.findModule("io.lotledger.core")).isPresent();
    assertThat(resolved.findModule("com.google.protobuf")).isEmpty();
    io.lotledger.entry.SignedEntry entry;
    try (Ledger ledger =
        Ledger.inMemory()
            .create(
                "module.test/ledger",
                new io.lotledger.entry.ActorSigner(
                    new io.lotledger.event.ActorId("urn:example:root"),
                    io.lotledger.crypto.Ed25519Signer.generate(new java.security.SecureRandom())),
                "root")) {
      entry = ledger.entry(0).orElseThrow().signed();
    }
    Class<?> codec =
        layer.findLoader("io.lotledger.core").loadClass("io.lotledger.entry.EntryCodec");
    assertThat(codec.getModule().getName()).isEqualTo("io.lotledger.core");
    Object decoded = codec.getMethod("decode", byte[].class).invoke(null, (Object) entry.encoded());
    Object hash = decoded.getClass().getMethod("hash").invoke(decoded);
    assertThat(hash.getClass().getMethod("toHex").invoke(hash)).isEqualTo(entry.hash().toHex());
    for (ModuleDescriptor d : modules.values()) {
      if (d.name().startsWith("io.lotledger")) {
        assertThat(d.exports()).as(d.name()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(d.opens()).as(d.name()).isEmpty();
        assertThat(d.packages())
            .as(d.name())
            .noneMatch(p -> p.endsWith(".proto") && exports(d).contains(p));
      }
    }
  }

  private static Set<String> exports(ModuleDescriptor d) {
    assertThat(d).isNotNull();
    return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
  }
}
