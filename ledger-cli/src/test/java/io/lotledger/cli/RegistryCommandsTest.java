package io.lotledger.cli;

import static io.lotledger.cli.LedgerCliTest.assertOneLineError;
import static io.lotledger.cli.LedgerCliTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lotledger.Ledger;
import io.lotledger.cli.LedgerCliTest.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger actor add|list} and {@code ledger key add|revoke}: the registry from the command
 * line.
 */
class RegistryCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPANY = "urn:epc:id:pgln:4000009.00000";

  @TempDir Path tmp;

  private String keygen(String name, String actor) throws Exception {
    Result r = ledger("keygen", "--out", tmp.resolve(name).toString(), "--actor", actor, "--json");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out()).get("publicKey").asText();
  }

  private long size(Path data) throws Exception {
    try (Ledger ledger = Ledger.in(data).readOnly().open()) {
      return ledger.size();
    }
  }

  @Test
  void rootRegistersACompany_theCompanyManagesItsKeys_andTheRulesRefuseTheRest() throws Exception {
    Path data = tmp.resolve("ledger");
    keygen("root.key", "urn:epc:id:pgln:4000001.00000");
    Result init =
        ledger(
            "init",
            "--key",
            tmp.resolve("root.key").toString(),
            "--data",
            data.toString(),
            "--origin",
            "registry.test/ledger");
    assertThat(init.code()).as(init.err()).isZero();
    String first = keygen("company.key", COMPANY);
    String second = keygen("company-2.key", COMPANY);
    String data1 = data.toString();

    Result add =
        ledger(
            "actor",
            "add",
            "--actor",
            COMPANY,
            "--public-key",
            first,
            "--name",
            "Example Co",
            "--key",
            tmp.resolve("root.key").toString(),
            "--data",
            data1);
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out())
        .isEqualTo(
            "actor registered: "
                + COMPANY
                + " key "
                + first
                + " at entry 1, signed by "
                + "urn:epc:id:pgln:4000001.00000\n");

    // Registered once; and only the root registers actors: each refusal stores nothing.
    Result again =
        ledger(
            "actor",
            "add",
            "--actor",
            COMPANY,
            "--public-key",
            second,
            "--key",
            tmp.resolve("root.key").toString(),
            "--data",
            data1);
    assertOneLineError(again, 1);
    assertThat(again.err()).contains("rejected, nothing stored").contains("already registered");
    Result byCompany =
        ledger(
            "actor",
            "add",
            "--actor",
            "urn:epc:id:pgln:4000010.00000",
            "--public-key",
            second,
            "--key",
            tmp.resolve("company.key").toString(),
            "--data",
            data1);
    assertOneLineError(byCompany, 1);
    assertThat(byCompany.err()).contains("only the root actor registers actors");
    assertThat(size(data)).isEqualTo(2);

    // The company adds a second key with its first, then revokes the first with the second.
    Result added =
        ledger(
            "key",
            "add",
            "--actor",
            COMPANY,
            "--public-key",
            second,
            "--key",
            tmp.resolve("company.key").toString(),
            "--data",
            data1,
            "--json");
    assertThat(added.code()).as(added.err()).isZero();
    JsonNode a = JSON.readTree(added.out());
    assertThat(a.get("change").asText()).isEqualTo("key added");
    assertThat(a.get("index").asLong()).isEqualTo(2);
    assertThat(a.get("signer").asText()).isEqualTo(COMPANY);
    Result revoked =
        ledger(
            "key",
            "revoke",
            "--actor",
            COMPANY,
            "--public-key",
            first,
            "--key",
            tmp.resolve("company-2.key").toString(),
            "--data",
            data1);
    assertThat(revoked.code()).as(revoked.err()).isZero();
    assertThat(revoked.out())
        .startsWith("key revoked: " + COMPANY + " key " + first + " at entry 3");
    // The revoked key signs nothing more.
    Result stale =
        ledger(
            "key",
            "add",
            "--actor",
            COMPANY,
            "--public-key",
            keygen("company-3.key", COMPANY),
            "--key",
            tmp.resolve("company.key").toString(),
            "--data",
            data1);
    assertOneLineError(stale, 1);
    assertThat(stale.err()).contains("revoked");

    Result list = ledger("actor", "list", "--data", data1, "--json");
    assertThat(list.code()).as(list.err()).isZero();
    JsonNode actors = JSON.readTree(list.out()).get("actors");
    assertThat(actors).hasSize(2);
    JsonNode company = actors.get(1);
    assertThat(company.get("actor").asText()).isEqualTo(COMPANY);
    assertThat(company.get("name").asText()).isEqualTo("Example Co");
    assertThat(company.get("registeredAt").asLong()).isEqualTo(1);
    assertThat(company.get("keys")).hasSize(2);
    assertThat(company.get("keys").get(0).get("publicKey").asText()).isEqualTo(first);
    assertThat(company.get("keys").get(0).get("revokedAt").asLong()).isEqualTo(3);
    assertThat(company.get("keys").get(1).get("revokedAt").isNull()).isTrue();
    Result text = ledger("actor", "list", "--data", data1);
    assertThat(text.out()).contains(COMPANY + "  Example Co  (entry 1)").contains("revoked at 3");

    assertThat(ledger("verify", "--data", data1).out()).isEqualTo("ok: 4 entries verified\n");
  }

  @Test
  void badInput_isAUsageError() throws Exception {
    Path data = tmp.resolve("ledger");
    keygen("root.key", "urn:epc:id:pgln:4000001.00000");
    ledger("init", "--key", tmp.resolve("root.key").toString(), "--data", data.toString());
    String root = tmp.resolve("root.key").toString();
    assertOneLineError(
        ledger(
            "actor",
            "add",
            "--actor",
            COMPANY,
            "--public-key",
            "zz",
            "--key",
            root,
            "--data",
            data.toString()),
        2);
    assertOneLineError(
        ledger(
            "key",
            "add",
            "--actor",
            COMPANY,
            "--public-key",
            "ab".repeat(31),
            "--key",
            root,
            "--data",
            data.toString()),
        2);
    assertOneLineError(
        ledger(
            "actor",
            "add",
            "--actor",
            "not a uri",
            "--public-key",
            "ab".repeat(32),
            "--key",
            root,
            "--data",
            data.toString()),
        2);
    assertThat(size(data)).isEqualTo(1);
  }
}
