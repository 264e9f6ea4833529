package network.hermes.promise.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.NativeSecp256k1;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.PureJavaSecp256k1;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ConsumerChannelOpening;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.Signable;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproduces every vector of {@code upstream-payment-vectors.json} bit for bit, with both secp256k1
 * implementations. Dispatches on {@code kind}, so a vector of a kind nobody handles fails.
 */
class UpstreamVectorsTest {
  static final String RESOURCE = "/upstream-payment-vectors.json";
  static final List<Secp256k1> BACKENDS = List.of(new NativeSecp256k1(), new PureJavaSecp256k1());

  static JsonNode document() throws IOException {
    try (InputStream in = UpstreamVectorsTest.class.getResourceAsStream(RESOURCE)) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<Arguments> vectors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode vector : document().get("vectors")) {
      out.add(Arguments.of(vector.get("id").asText(), vector));
    }
    return out.stream();
  }

  @Test
  void everyVectorIsPresent() throws IOException {
    assertThat(document().get("vectors")).hasSizeGreaterThanOrEqualTo(22);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void reproduces(String id, JsonNode vector) throws Exception {
    JsonNode in = vector.get("inputs");
    JsonNode out = vector.get("expected");
    switch (vector.get("kind").asText()) {
      case "promise_hash_and_signature" -> promise(in, out);
      case "hashlock_from_r" -> hashlock(in, out);
      case "exchange_message_hash" -> exchangeMessage(in, out);
      case "create2_address" -> create2(in, out);
      case "consumer_channel_address" -> consumerChannel(in, out);
      case "provider_channel_id" -> providerChannel(in, out);
      case "hermes_address" -> hermesAddress(in, out);
      case "hex_helper" -> hexHelper(in, out);
      case "signed_identity_request" -> signedIdentity(in, out);
      case "referral_token_request" -> referral(in, out);
      case "registration_request" -> registration(in, out);
      case "open_consumer_channel_request" -> openChannel(in, out);
      case "node_identity_signature" -> nodeIdentity(in, out);
      case "r_recovery_plaintext" -> VectorExtras.recoveryPlaintext(in, out);
      case "r_recovery_encryption" -> VectorExtras.recoveryEncryption(in, out);
      case "promise_json_wire" -> VectorExtras.promiseJsonWire(in, out);
      default -> GenericVectors.check(id, vector.get("kind").asText(), in, out);
    }
  }

  private static void promise(JsonNode in, JsonNode out) {
    UnsignedPromise unsigned =
        new UnsignedPromise(
            ChainId.of(in.get("chain_id").asLong()),
            Bytes32.fromHex(text(in, "channel_id")),
            amount(in, "amount"),
            amount(in, "fee"),
            Bytes32.fromHex(text(in, "hashlock")));
    assertPreimageAndHash(unsigned.preimage(), unsigned.hash(), out);
    PrivateKey key = PrivateKey.fromHex(text(in, "signer_private_key"));
    Signature expected = Signature.fromHex(text(out, "signature"));
    Address signer = Address.fromHex(text(out, "signer_address"));
    for (Secp256k1 backend : BACKENDS) {
      Promise promise = unsigned.sign(new KeySigner(key, backend));
      assertThat(promise.signature()).as(backend.name()).isEqualTo(expected);
      assertThat(promise.signature().v()).isEqualTo(out.get("signature_v").asInt());
      assertThat(backend.addressOf(key)).isEqualTo(signer);
      assertThat(promise.recoverSigner(backend)).isEqualTo(signer);
      // v 0/1 as a raw ecrecover input recovers the same signer, and the stored value is untouched
      Signature raw = Signature.of(expected.r(), expected.s(), expected.v() - 27);
      assertThat(backend.recover(unsigned.hash(), raw)).isEqualTo(signer);
      assertThat(promise.signature()).isEqualTo(expected);
      if (out.has("is_valid_for")) {
        Iterator<Map.Entry<String, JsonNode>> cases = out.get("is_valid_for").fields();
        while (cases.hasNext()) {
          Map.Entry<String, JsonNode> c = cases.next();
          assertThat(promise.isSignedBy(Address.fromHex(c.getKey()), backend))
              .isEqualTo(c.getValue().asBoolean());
        }
      }
    }
    if (out.has("signature_hex_string_as_returned_by_GetSignatureHexString")) {
      assertThat(expected.toHex())
          .isEqualTo(text(out, "signature_hex_string_as_returned_by_GetSignatureHexString"));
    }
    if (in.has("r")) {
      Bytes32 r = Bytes32.fromHex(text(in, "r"));
      assertThat(HashlockSecret.of(r).hashlock()).isEqualTo(unsigned.hashlock());
      assertThat(unsigned.sign(new KeySigner(key, BACKENDS.get(0))).withR(r).rMatchesHashlock())
          .isTrue();
    }
    if (out.path("create_promise_accepts_channel_id_with_0x_prefix").asBoolean(false)) {
      String hex = text(in, "channel_id");
      assertThat(Bytes32.fromHex(hex.substring(2))).isEqualTo(Bytes32.fromHex(hex));
    }
    if (out.has("create_promise_error_for_channel_id_NotHex")) {
      assertThatThrownBy(() -> Bytes32.fromHex("NotHex"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void hashlock(JsonNode in, JsonNode out) {
    HashlockSecret secret = HashlockSecret.of(Bytes32.fromHex(text(in, "r")));
    assertThat(secret.hashlock()).isEqualTo(Bytes32.fromHex(text(out, "hashlock")));
    if (out.has("invoice_hashlock_string")) {
      Invoice invoice =
          new Invoice(
              BigInteger.ONE,
              TokenAmount.of(1),
              TokenAmount.ZERO,
              secret.hashlock(),
              Address.ZERO,
              ChainId.of(1));
      assertThat(invoice.hashlockHex()).isEqualTo(text(out, "invoice_hashlock_string"));
    }
  }

  private static void exchangeMessage(JsonNode in, JsonNode out) {
    JsonNode p = in.get("promise");
    Promise promise =
        new Promise(
            ChainId.of(p.get("chain_id").asLong()),
            Bytes32.fromHex(text(p, "channel_id")),
            amount(p, "amount"),
            amount(p, "fee"),
            Bytes32.fromHex(text(p, "hashlock")),
            null,
            Signature.fromHex(text(p, "signature")));
    assertThat(promise.hash()).isEqualTo(Bytes32.fromHex(text(out, "promise_hash")));
    String hermes = in.path("hermes_id").asText("");
    ExchangeMessage message =
        new ExchangeMessage(
            promise,
            new BigInteger(text(in, "agreement_id")),
            amount(in, "agreement_total"),
            Address.fromHex(text(in, "provider")),
            hermes.isEmpty() ? null : Address.fromHex(hermes),
            ChainId.of(in.get("chain_id").asLong()),
            in.has("signature")
                ? Signature.fromHex(text(in, "signature"))
                : Signature.of(new byte[65]));
    assertPreimageAndHash(message.preimage(), message.hash(), out);
    String signerField =
        out.has("recovered_signer")
            ? "recovered_signer"
            : out.has("signer_address") ? "signer_address" : null;
    if (signerField != null && in.has("signature")) {
      for (Secp256k1 backend : BACKENDS) {
        assertThat(message.recoverSigner(backend))
            .isEqualTo(Address.fromHex(text(out, signerField)));
      }
    }
  }

  private static void create2(JsonNode in, JsonNode out) {
    Address deployer = Address.fromHex(text(in, "msg_sender_registry"));
    Address implementation = Address.fromHex(text(in, "implementation"));
    Bytes32 salt = Bytes32.fromHex(text(in, "salt"));
    if (in.has("salt_as_in_test")) {
      assertThat(Bytes32.fromHex(text(in, "salt_as_in_test"))).isEqualTo(salt);
    }
    byte[] initCode = ChannelIds.proxyInitCode(implementation);
    assertThat(Hex.encodePrefixed(initCode)).isEqualTo(text(out, "proxy_code_hex"));
    assertThat(Keccak.hash(initCode)).isEqualTo(Bytes32.fromHex(text(out, "proxy_code_keccak")));
    assertThat(
            Hex.encodePrefixed(ChannelIds.create2Preimage(deployer, salt, Keccak.hash(initCode))))
        .isEqualTo(text(out, "create2_preimage_hex"));
    assertThat(ChannelIds.create2Address(deployer, salt, initCode).toHex())
        .isEqualTo(text(out, "address"));
    if (out.has("error_for_empty_inputs")) {
      assertThatThrownBy(() -> Address.fromHex("")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void consumerChannel(JsonNode in, JsonNode out) {
    Address identity = Address.fromHex(text(in, "identity"));
    Address hermes = Address.fromHex(text(in, "hermes"));
    Address registry = Address.fromHex(text(in, "registry"));
    Address implementation = Address.fromHex(text(in, "channel_implementation"));
    JsonNode asInTest = in.path("as_in_test");
    if (asInTest.has("identity")) {
      assertThat(Address.fromHex(text(asInTest, "identity"))).isEqualTo(identity);
    }
    if (asInTest.has("hermes")) {
      assertThat(Address.fromHex(text(asInTest, "hermes"))).isEqualTo(hermes);
    }
    Bytes32 salt = ChannelIds.consumerChannelSalt(identity, hermes);
    assertThat(salt).isEqualTo(Bytes32.fromHex(text(out, "salt")));
    Bytes32 codeHash = Keccak.hash(ChannelIds.proxyInitCode(implementation));
    assertThat(Hex.encodePrefixed(ChannelIds.create2Preimage(registry, salt, codeHash)))
        .isEqualTo(text(out, "create2_preimage_hex"));
    assertThat(
            ChannelIds.consumerChannelAddress(registry, identity, hermes, implementation).toHex())
        .isEqualTo(text(out, "address"));
    if (out.has("error_for_empty_inputs")) {
      assertThatThrownBy(() -> Address.fromHex("")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void providerChannel(JsonNode in, JsonNode out) {
    Address provider = Address.fromHex(text(in, "provider_identity"));
    Address hermes = Address.fromHex(text(in, "hermes"));
    JsonNode asInTest = in.path("as_in_test");
    if (asInTest.has("provider_identity")) {
      assertThat(Address.fromHex(text(asInTest, "provider_identity"))).isEqualTo(provider);
    }
    if (asInTest.has("hermes")) {
      assertThat(Address.fromHex(text(asInTest, "hermes"))).isEqualTo(hermes);
    }
    assertThat(Hex.encodePrefixed(concat(provider.toBytes(), hermes.toBytes())))
        .isEqualTo(text(out, "preimage_hex"));
    String expected =
        out.has("channel_id") ? text(out, "channel_id") : text(out, "channel_id_bytes32");
    assertThat(ChannelIds.providerChannelId(provider, hermes).toHex()).isEqualTo(expected);
    if (out.has("error_for_non_hex_inputs")) {
      assertThatThrownBy(() -> Address.fromHex("Identity"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Address.fromHex("Hermes"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void hermesAddress(JsonNode in, JsonNode out) {
    Address operator = Address.fromHex(text(in, "operator"));
    Address registry = Address.fromHex(text(in, "registry"));
    Address implementation = Address.fromHex(text(in, "hermes_implementation"));
    assertThat(operator.toBytes32()).isEqualTo(Bytes32.fromHex(text(out, "salt")));
    Bytes32 codeHash = Keccak.hash(ChannelIds.proxyInitCode(implementation));
    assertThat(
            Hex.encodePrefixed(
                ChannelIds.create2Preimage(registry, operator.toBytes32(), codeHash)))
        .isEqualTo(text(out, "create2_preimage_hex"));
    Address hermes = ChannelIds.hermesAddress(registry, operator, implementation);
    assertThat(hermes.toHex()).isEqualTo(text(out, "address"));
    if (out.has("address_eip55_as_in_test")) {
      assertThat(hermes.toChecksumHex()).isEqualTo(text(out, "address_eip55_as_in_test"));
    }
    if (out.has("error_for_empty_inputs")) {
      assertThatThrownBy(() -> Address.fromHex("")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void hexHelper(JsonNode in, JsonNode out) {
    JsonNode cases = in.get("cases_as_in_test");
    JsonNode results = out.get("results");
    assertThat(results).hasSameSizeAs(cases);
    for (int i = 0; i < cases.size(); i++) {
      String input = cases.get(i).asText();
      JsonNode result = results.get(i);
      if (result.isBoolean()) {
        assertThat(Hex.isHex(input)).as(input).isEqualTo(result.asBoolean());
      } else if (result.path("error").asBoolean(false)) {
        assertThatThrownBy(() -> Address.fromHex(input))
            .as(input)
            .isInstanceOf(IllegalArgumentException.class);
      } else {
        assertThat(Address.fromHex(input).toBytes32().toHexNoPrefix())
            .as(input)
            .isEqualTo(text(result, "value_string"));
      }
    }
  }

  private static void signedIdentity(JsonNode in, JsonNode out) {
    PrivateKey key = PrivateKey.fromHex(text(in, "signer_private_key"));
    byte[] preimage = Address.fromHex(text(in, "identity_to_sign")).toBytes();
    assertThat(Hex.encodePrefixed(preimage)).isEqualTo(text(out, "preimage_hex"));
    Address signer = Address.fromHex(text(out, "recovered_signer"));
    for (Secp256k1 backend : BACKENDS) {
      assertThat(backend.addressOf(key)).isEqualTo(Address.fromHex(text(in, "signer_address")));
      Signature sig = backend.sign(Keccak.hash(preimage), key);
      // this payload keeps go-ethereum's raw v 0/1
      Signature raw = Signature.of(sig.r(), sig.s(), sig.v() - 27);
      assertThat(backend.recover(Keccak.hash(preimage), raw)).isEqualTo(signer);
    }
  }

  private static void referral(JsonNode in, JsonNode out) {
    PrivateKey key = PrivateKey.fromHex(text(in, "signer_private_key"));
    Address identity = Address.fromHex(text(in, "identity"));
    assertThat(Hex.encodePrefixed(identity.toBytes())).isEqualTo(text(out, "preimage_hex"));
    for (Secp256k1 backend : BACKENDS) {
      Bytes32 digest = Keccak.hash(identity.toBytes());
      Signature sig = backend.sign(digest, key);
      Signature raw = Signature.of(sig.r(), sig.s(), sig.v() - 27);
      assertThat(backend.verify(digest, raw, identity)).isEqualTo(out.get("is_valid").asBoolean());
      assertThat(backend.verify(digest, raw, Address.ZERO))
          .isEqualTo(out.get("is_valid_after_identity_set_to_0x0").asBoolean());
      Signature tampered = Signature.fromHex(raw.toHexNoPrefix().replace('a', 'b'));
      assertThat(backend.verify(digest, tampered, identity))
          .isEqualTo(
              out.get("is_valid_after_replacing_every_a_with_b_in_signature_hex").asBoolean());
    }
  }

  private static void registration(JsonNode in, JsonNode out) {
    IdentityRegistration payload =
        new IdentityRegistration(
            ChainId.of(in.get("chain_id").asLong()),
            Address.fromHex(text(in, "registry_address")),
            Address.fromHex(text(in, "hermes_id")),
            amount(in, "stake"),
            amount(in, "fee"),
            Address.fromHex(text(in, "beneficiary")));
    assertPreimageAndHash(payload.preimage(), payload.hash(), out);
    assertSignsAndRecovers(payload);
  }

  private static void openChannel(JsonNode in, JsonNode out) {
    ConsumerChannelOpening payload =
        new ConsumerChannelOpening(
            ChainId.of(in.get("chain_id").asLong()),
            Address.fromHex(text(in, "registry_address")),
            Address.fromHex(text(in, "hermes_id")),
            amount(in, "transactor_fee"));
    assertPreimageAndHash(payload.preimage(), payload.hash(), out);
    assertSignsAndRecovers(payload);
  }

  private static void nodeIdentity(JsonNode in, JsonNode out) {
    byte[] message = text(in, "message_utf8").getBytes(StandardCharsets.UTF_8);
    assertThat(Hex.encodePrefixed(message)).isEqualTo(text(in, "message_hex"));
    Bytes32 digest = Keccak.hash(message);
    assertThat(digest).isEqualTo(Bytes32.fromHex(text(out, "message_hash")));
    Signature signature = Signature.fromHex(text(in, "signature"));
    if (out.has("signature_v")) {
      assertThat(signature.v()).isEqualTo(out.get("signature_v").asInt());
    }
    Address recovered = Address.fromHex(text(out, "recovered_signer"));
    for (Secp256k1 backend : BACKENDS) {
      assertThat(backend.recover(digest, signature)).isEqualTo(recovered);
      assertThat(backend.recover(digest, signature.withV27())).isEqualTo(recovered);
      if (out.has("verifies_for_identity_as_in_test")) {
        assertThat(
                backend.verify(
                    digest,
                    signature,
                    Address.fromHex(text(out, "verifies_for_identity_as_in_test"))))
            .isTrue();
      }
      if (in.has("signer_private_key_from_signer_test")) {
        PrivateKey key = PrivateKey.fromHex(text(in, "signer_private_key_from_signer_test"));
        assertThat(backend.addressOf(key)).isEqualTo(recovered);
        Signature ours = backend.sign(digest, key);
        assertThat(ours).isEqualTo(signature.withV27());
      }
      if (out.has("original_signer_not_recovered")) {
        Address original = Address.fromHex(text(out, "original_signer_not_recovered"));
        assertThat(recovered).isNotEqualTo(original);
        assertThat(backend.verify(digest, signature, original)).isFalse();
      }
      if (out.has("verify_for_0x53a8_with_message_boop_lowercase")) {
        Bytes32 lower = Keccak.hash("boop!".getBytes(StandardCharsets.UTF_8));
        assertThat(
                backend.verify(
                    lower,
                    signature,
                    Address.fromHex("0x53a835143c0ef3bbcbfa796d7eb738ca7dd28f68")))
            .isEqualTo(out.get("verify_for_0x53a8_with_message_boop_lowercase").asBoolean());
      }
    }
    if (out.has("malformed_signature_7369676e6564_error")) {
      assertThatThrownBy(() -> Signature.fromHex("7369676e6564"))
          .isInstanceOf(IllegalArgumentException.class);
    }
    if (out.has("empty_signature_error")) {
      assertThatThrownBy(() -> Signature.fromHex("")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void assertSignsAndRecovers(Signable payload) {
    PrivateKey key = PrivateKey.random(seeded(payload.hash()));
    for (Secp256k1 backend : BACKENDS) {
      KeySigner signer = new KeySigner(key, backend);
      Signature signature = payload.sign(signer);
      assertThat(signature.v()).isIn(27, 28);
      assertThat(payload.recoverSigner(signature, backend)).isEqualTo(signer.address());
      Signature raw = Signature.of(signature.r(), signature.s(), signature.v() - 27);
      assertThat(payload.recoverSigner(raw, backend)).isEqualTo(signer.address());
    }
  }

  private static java.security.SecureRandom seeded(Bytes32 seed) {
    Random random = new Random(seed.toBigInteger().longValue());
    return new java.security.SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
      }
    };
  }

  static void assertPreimageAndHash(byte[] preimage, Bytes32 hash, JsonNode out) {
    if (out.has("preimage_hex")) {
      assertThat(Hex.encodePrefixed(preimage)).isEqualTo(text(out, "preimage_hex"));
    }
    if (out.has("preimage_length")) {
      assertThat(preimage).hasSize(out.get("preimage_length").asInt());
    }
    if (out.has("message_hash")) {
      assertThat(hash).isEqualTo(Bytes32.fromHex(text(out, "message_hash")));
    }
    assertThat(Keccak.hash(preimage)).isEqualTo(hash);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new AssertionError("vector lacks field " + field);
    }
    return value.asText();
  }

  static TokenAmount amount(JsonNode node, String field) {
    return TokenAmount.parse(text(node, field));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
