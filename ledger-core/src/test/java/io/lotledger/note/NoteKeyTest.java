package io.lotledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotledger.crypto.Ed25519PublicKey;
import io.lotledger.crypto.Ed25519Signer;
import io.lotledger.error.LedgerException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifier keys and key IDs of C2SP signed-note §Verifier keys and §Ed25519 signatures. */
class NoteKeyTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void parse_readsTheSpecExampleVkeyIntoNameIdAndKey() throws Exception {
    String vkey = NoteExamples.specVkey();
    assertThat(vkey)
        .isEqualTo("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");

    NoteKey key = NoteKey.parse(vkey);

    assertThat(key.name()).isEqualTo("example.com/foo");
    assertThat(key.keyId()).isEqualTo(0x530d903a);
    assertThat(key.keyIdHex()).isEqualTo("530d903a");
    assertThat(key.publicKey().toHex())
        .isEqualTo("e932791ae6e7a840a46164c904786426d5e7821dd8b29a00d61cae72afdd4da4");
  }

  @Test
  void keyId_ofTheSpecExampleKeyIsTheFirstFourBytesOfTheSpecifiedHash() throws Exception {
    Ed25519PublicKey publicKey = NoteKey.parse(NoteExamples.specVkey()).publicKey();
    // SHA-256(key name || 0x0A || 0x01 || public key)[:4], computed here independently of NoteKey.
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("example.com/foo".getBytes(StandardCharsets.UTF_8));
    sha256.update(new byte[] {0x0a, 0x01});
    byte[] digest = sha256.digest(publicKey.toBytes());
    assertThat(HEX.formatHex(digest, 0, 4)).isEqualTo("530d903a");

    assertThat(NoteKey.of("example.com/foo", publicKey).keyIdHex()).isEqualTo("530d903a");
    // The name is hashed in: the same key under another name has another ID.
    assertThat(NoteKey.of("example.com/bar", publicKey).keyIdHex()).isNotEqualTo("530d903a");
  }

  @Test
  void toVkey_reproducesTheSpecExampleVkeyExactly() throws Exception {
    String vkey = NoteExamples.specVkey();
    Ed25519PublicKey publicKey = NoteKey.parse(vkey).publicKey();

    assertThat(NoteKey.of("example.com/foo", publicKey).toVkey()).isEqualTo(vkey);
    assertThat(NoteKey.parse(vkey).toString()).isEqualTo(vkey);
  }

  @Test
  void of_reproducesTheGoReferenceVkeyFromTheKeyOfItsSkey() throws Exception {
    String skey = NoteExamples.go("peter.skey");
    Ed25519Signer signer = NoteExamples.signerFromGoSkey(skey);

    NoteKey key = NoteKey.of(NoteExamples.goSkeyName(skey), signer.publicKey());

    assertThat(key.toVkey()).isEqualTo(NoteExamples.go("peter.vkey"));
    assertThat(key.keyIdHex()).isEqualTo("c74f20a3").isEqualTo(NoteExamples.goSkeyId(skey));
    assertThat(NoteKey.parse(NoteExamples.go("peter.vkey"))).isEqualTo(key);
    assertThat(NoteKey.parse(NoteExamples.go("enoch.vkey")).keyIdHex()).isEqualTo("af0cfe78");
  }

  @Test
  void parse_rejectsEveryTruncationAndEverySingleCharacterChangeOfAVkey() {
    String vkey = NoteExamples.specVkey();
    List<String> mangled = new ArrayList<>();
    for (int i = 0; i < vkey.length(); i++) {
      mangled.add(vkey.substring(0, i));
      mangled.add(vkey.substring(i + 1));
      mangled.add(vkey.substring(0, i) + (char) (vkey.charAt(i) + 1) + vkey.substring(i + 1));
    }
    for (String bad : mangled) {
      assertThatThrownBy(() -> NoteKey.parse(bad))
          .as("vkey %s", bad)
          .isInstanceOf(NoteFormatException.class)
          .satisfies(
              e ->
                  assertThat(((LedgerException) e).code())
                      .isEqualTo(LedgerException.Code.INVALID_INPUT));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wrong key ID          | example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k | does not match the key, which has ID 530d903a",
        "uppercase key ID      | example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k | is not 8 lowercase hex digits",
        "short key ID          | example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k  | is not 8 lowercase hex digits",
        "no key ID             | example.com/foo+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k          | is not <name>+<hex key ID>+<base64 key>",
        "no parts              | example.com/foo                                                        | is not <name>+<hex key ID>+<base64 key>",
        "empty name            | +530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k                 | key name is empty",
        "name with a space     | example.com foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k | contains a space (U+0020)",
        "type 0x04 cosigner    | example.com/foo+530d903a+BOkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k | signature type 0x04 is not supported",
        "31-byte key           | example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U0= | Ed25519 key must be 32 bytes, not 31",
        "non-base64 character  | example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2* | not canonical standard base64",
        "unpadded base64       | example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U0  | not canonical standard base64",
        "URL-safe base64       | example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k_ | not canonical standard base64",
      })
  void parse_rejectsAMalformedVkeyNamingTheProblem(String what, String vkey, String message) {
    assertThatThrownBy(() -> NoteKey.parse(vkey))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_rejectsAKeyOfSmallOrder() {
    // The identity point (y = 1) encoded as a vkey with its correct key ID for the name.
    byte[] identity = new byte[32];
    identity[0] = 1;
    byte[] typeAndKey = new byte[33];
    typeAndKey[0] = 1;
    System.arraycopy(identity, 0, typeAndKey, 1, 32);
    String vkey = "example.com/foo+00000000+" + Base64.getEncoder().encodeToString(typeAndKey);

    assertThatThrownBy(() -> NoteKey.parse(vkey))
        .isInstanceOf(NoteFormatException.class)
        .hasMessageContaining("not a canonical point of full prime order");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a+b",
        "a b",
        "a\u00a0b",
        "a\u2003b",
        "a\u2028b",
        "a\tb",
        "a\nb",
        "a\u0085b",
        "a\ud800b"
      })
  void of_refusesKeyNamesTheSpecForbids(String name) {
    Ed25519PublicKey publicKey = Ed25519Signer.generate(new SecureRandom()).publicKey();

    assertThatThrownBy(() -> NoteKey.of(name, publicKey))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_acceptsNonAsciiNamesWithoutSpaces() throws Exception {
    Ed25519PublicKey publicKey = Ed25519Signer.generate(new SecureRandom()).publicKey();
    NoteKey key = NoteKey.of("lotledger.example/Größe", publicKey);

    assertThat(NoteKey.parse(key.toVkey())).isEqualTo(key);
  }
}
