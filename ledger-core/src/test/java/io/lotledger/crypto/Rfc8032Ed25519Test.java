package io.lotledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers from RFC 8032 §7.1 (Ed25519 test vectors TEST 1, TEST 2, TEST 3 and TEST 1024),
 * typed from the RFC and cross-checked against Wycheproof tcIds 80-83, which reproduce them.
 * Ed25519 is deterministic (RFC 8032 §5.1.6), so {@link Ed25519Signer} must produce the RFC
 * signature byte for byte; and the verification rule of {@link Ed25519PublicKey} (RFC 8032 §5.1.7)
 * must reject every one-bit change of message, signature or key, wrong lengths, and a non-canonical
 * S.
 */
class Rfc8032Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  /** One RFC 8032 §7.1 vector; all fields hex as printed in the RFC. */
  record Rfc(String name, String secretKey, String publicKey, String message, String signature) {
    byte[] sk() {
      return HEX.parseHex(secretKey);
    }

    byte[] pk() {
      return HEX.parseHex(publicKey);
    }

    byte[] msg() {
      return HEX.parseHex(message);
    }

    byte[] sig() {
      return HEX.parseHex(signature);
    }

    Ed25519PublicKey key() throws InvalidKeyException {
      return Ed25519PublicKey.parse(pk());
    }
  }

  static final Rfc TEST_1 =
      new Rfc(
          "TEST 1",
          "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
          "",
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
              + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  static final Rfc TEST_2 =
      new Rfc(
          "TEST 2",
          "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
          "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
          "72",
          "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
              + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

  static final Rfc TEST_3 =
      new Rfc(
          "TEST 3",
          "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
          "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
          "af82",
          "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
              + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");

  static final Rfc TEST_1024 =
      new Rfc(
          "TEST 1024",
          "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
          "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
          "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1"
              + "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
              + "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a"
              + "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
              + "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10"
              + "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
              + "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d"
              + "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
              + "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b"
              + "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
              + "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
              + "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
              + "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d"
              + "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
              + "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7"
              + "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
              + "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09"
              + "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
              + "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161"
              + "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
              + "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca"
              + "c60c905c15fc910840b94c00a0b9d0",
          "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
              + "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03");

  static Stream<Arguments> vectors() {
    return Stream.of(TEST_1, TEST_2, TEST_3, TEST_1024)
        .map(v -> Arguments.of(Named.of(v.name(), v)));
  }

  @Test
  void vectors_haveTheLengthsTheRfcStates() {
    // Guards the typing: 32-byte keys, 64-byte signatures, messages of 0, 1, 2 and 1023 bytes.
    for (Rfc v : new Rfc[] {TEST_1, TEST_2, TEST_3, TEST_1024}) {
      assertThat(v.sk()).as(v.name()).hasSize(32);
      assertThat(v.pk()).as(v.name()).hasSize(32);
      assertThat(v.sig()).as(v.name()).hasSize(64);
    }
    assertThat(TEST_1.msg()).isEmpty();
    assertThat(TEST_2.msg()).hasSize(1);
    assertThat(TEST_3.msg()).hasSize(2);
    assertThat(TEST_1024.msg()).hasSize(1023);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void fromSeed_derivesTheRfcPublicKey(Rfc v) throws InvalidKeyException {
    // RFC 8032 §5.1.5: the public key is [s]B for the pruned hash of the secret key.
    assertThat(Ed25519Signer.fromSeed(v.sk()).publicKey().toHex()).isEqualTo(v.publicKey());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void sign_producesTheRfcSignatureByteForByte(Rfc v) throws InvalidKeyException {
    // RFC 8032 §5.1.6: the nonce is derived from the key and message, so the signature is unique.
    assertThat(HEX.formatHex(Ed25519Signer.fromSeed(v.sk()).sign(v.msg())))
        .isEqualTo(v.signature());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_acceptsTheRfcSignature(Rfc v) throws InvalidKeyException {
    assertThat(v.key().verify(v.sig(), v.msg())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_rejectsTheSignatureOverAOneBitChangedMessage(Rfc v) throws InvalidKeyException {
    Ed25519PublicKey key = v.key();
    byte[] msg = v.msg();
    if (msg.length == 0) {
      // TEST 1 signs the empty message, which has no bit to flip: the nearest change is one zero
      // bit.
      assertThat(key.verify(v.sig(), new byte[] {0})).isFalse();
      assertThat(key.verify(v.sig(), new byte[] {1})).isFalse();
      return;
    }
    for (int bit : new int[] {0, 7, msg.length * 8 / 2, msg.length * 8 - 1}) {
      assertThat(key.verify(v.sig(), flip(msg, bit))).as("message bit %d flipped", bit).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_rejectsEveryOneBitChangeOfR(Rfc v) throws InvalidKeyException {
    Ed25519PublicKey key = v.key();
    for (int bit = 0; bit < 256; bit++) {
      assertThat(key.verify(flip(v.sig(), bit), v.msg())).as("R bit %d flipped", bit).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_rejectsEveryOneBitChangeOfS(Rfc v) throws InvalidKeyException {
    Ed25519PublicKey key = v.key();
    for (int bit = 256; bit < 512; bit++) {
      assertThat(key.verify(flip(v.sig(), bit), v.msg()))
          .as("S bit %d flipped", bit - 256)
          .isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_rejectsUnderEveryOneBitChangedKey(Rfc v) {
    int refusedAtParse = 0;
    for (int bit = 0; bit < 256; bit++) {
      byte[] changed = flip(v.pk(), bit);
      try {
        Ed25519PublicKey key = Ed25519PublicKey.parse(changed);
        assertThat(key.verify(v.sig(), v.msg())).as("key bit %d flipped", bit).isFalse();
      } catch (InvalidKeyException e) {
        refusedAtParse++; // not a point, or not of full prime order: rejected before verification
      }
    }
    // About half of all y values are on the curve; if every changed key were refused, the loop
    // above would never have exercised verify.
    assertThat(refusedAtParse).isLessThan(256);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_rejectsSignaturesOf63And65Bytes(Rfc v) throws InvalidKeyException {
    Ed25519PublicKey key = v.key();
    byte[] sig = v.sig();
    assertThat(key.verify(Arrays.copyOf(sig, 63), v.msg())).as("last byte dropped").isFalse();
    assertThat(key.verify(Arrays.copyOf(sig, 65), v.msg())).as("zero byte appended").isFalse();
    assertThat(key.verify(new byte[0], v.msg())).as("empty").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_rejectsSignatureWithNonCanonicalS(Rfc v) throws InvalidKeyException {
    // RFC 8032 §5.1.7 step 1: S must be below L. S + L is the same scalar mod L, so an
    // implementation
    // that reduced S instead of range-checking it would accept this malleated signature.
    byte[] sig = v.sig();
    BigInteger s = Ed25519Scalars.decode(sig, 32);
    assertThat(s).isLessThan(Ed25519Scalars.L);
    BigInteger sPlusL = s.add(Ed25519Scalars.L);
    assertThat(sPlusL.mod(Ed25519Scalars.L)).isEqualTo(s);
    byte[] malleated = sig.clone();
    System.arraycopy(Ed25519Scalars.encode(sPlusL), 0, malleated, 32, 32);

    assertThat(malleated).isNotEqualTo(sig);
    assertThat(v.key().verify(malleated, v.msg())).isFalse();
  }

  @Test
  void encode_addsLToSAsLittleEndian() {
    // Pins the helper the test above relies on: 0 + L must encode as L's RFC 8032 little-endian
    // bytes.
    assertThat(HEX.formatHex(Ed25519Scalars.encode(Ed25519Scalars.L)))
        .isEqualTo("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
  }

  /**
   * A copy of {@code bytes} with bit {@code bit} flipped (bit 0 = least significant bit of byte 0).
   */
  private static byte[] flip(byte[] bytes, int bit) {
    byte[] out = bytes.clone();
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }
}
