package network.hermes.promise.vectors;

import static network.hermes.promise.vectors.UpstreamVectorsTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import network.hermes.promise.crypto.NativeSecp256k1;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.recovery.InvalidRecoveryDataException;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ErrorBody;
import network.hermes.promise.wire.MalformedWireException;
import network.hermes.promise.wire.RawPromiseJson;
import network.hermes.promise.wire.WireJson;

/** Checks of the r-recovery and wire JSON vectors. */
final class VectorExtras {
  private VectorExtras() {}

  static void recoveryPlaintext(JsonNode in, JsonNode out) {
    String data = text(in, "hermes_error_data_as_in_test");
    byte[] json = Hex.decode(data);
    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(text(out, "decoded_json"));
    RecoveryDetails details = RecoveryDetails.fromJson(json);
    assertThat(details.r()).isEqualTo(text(out, "r_field_string"));
    assertThat(new String(Hex.decode(details.r()), StandardCharsets.US_ASCII))
        .isEqualTo(text(out, "r_field_decoded_ascii"));
    assertThat(details.agreementId()).isEqualTo(new BigInteger(text(out, "agreement_id")));
    assertThat(details.toJson()).isEqualTo(json);
    // the dummy R is 61 bytes, not a real 32-byte secret
    assertThatThrownBy(details::rValue).isInstanceOf(IllegalArgumentException.class);

    // the hub's error body that carries it
    ErrorBody error =
        new ErrorBody(text(out, "hermes_error_cause"), text(in, "hermes_error_message"), data);
    ErrorBody read = WireJson.readError(WireJson.writeError(error));
    assertThat(read).isEqualTo(error);
    assertThat(read.message()).contains(data);
  }

  static void recoveryEncryption(JsonNode in, JsonNode out) {
    PrivateKey key = PrivateKey.fromHex(text(in, "private_key"));
    assertThat(new NativeSecp256k1().addressOf(key))
        .isEqualTo(Address.fromHex(text(in, "address")));
    assertThat(Hex.encodePrefixed(RRecovery.deriveKey(key)))
        .isEqualTo(text(out, "aes256_key_hkdf_sha512"));
    RRecovery recovery = RRecovery.forKey(key);
    byte[] nonce = Hex.decode(text(in, "helper_fixed_nonce"));
    byte[][] plaintexts = {
      text(in, "test_plaintext_utf8").getBytes(StandardCharsets.UTF_8),
      Hex.decode(text(in, "helper_plaintext_2_hex"))
    };
    String[] ciphertexts = {
      text(out, "helper_ciphertext_for_test_plaintext"),
      text(out, "helper_ciphertext_for_plaintext_2")
    };
    for (int i = 0; i < 2; i++) {
      byte[] sealed = recovery.seal(plaintexts[i], nonce);
      assertThat(Hex.encodePrefixed(sealed)).isEqualTo(ciphertexts[i]);
      assertThat(sealed).hasSize(out.get("helper_ciphertext_lengths").get(i).asInt());
      assertThat(recovery.open(Hex.decode(ciphertexts[i]))).isEqualTo(plaintexts[i]);
      if (out.path("decrypt_must_fail_after_setting_byte_1_to_0x01").asBoolean(false)) {
        byte[] tampered = Hex.decode(ciphertexts[i]);
        tampered[1] = 0x01;
        assertThatThrownBy(() -> recovery.open(tampered))
            .isInstanceOf(InvalidRecoveryDataException.class);
      }
    }
    // the second plaintext is recovery details: decrypt() reads them from the hex blob
    RecoveryDetails details = recovery.decrypt(ciphertexts[1].substring(2));
    assertThat(details.agreementId()).isEqualTo(BigInteger.valueOf(123456));
  }

  static void promiseJsonWire(JsonNode in, JsonNode out) {
    // the raw fixture: byte fields of arbitrary length, chain id 0
    String promiseJson =
        RawPromiseJson.write(
            bytes("ChannelID"),
            0,
            BigInteger.ONE,
            BigInteger.ONE,
            bytes("lock"),
            bytes("R"),
            bytes("Signature"));
    assertThat(promiseJson).isEqualTo(text(out, "promise_json"));
    // ... which is not a valid promise for this library
    assertThatThrownBy(() -> WireJson.readPromise(promiseJson))
        .isInstanceOf(MalformedWireException.class)
        .hasMessage("ChannelID: expected 20 or 32 bytes, got 9");

    // the getExchangeMessage() fixture of upstream message_test.go
    Promise promise =
        new Promise(
            ChainId.of(1),
            Bytes32.fromHex("000000000000000000000000d2c94475763fa7e81076ab0bde4dc4b902191498"),
            TokenAmount.of(1401),
            TokenAmount.ZERO,
            Bytes32.fromHex("4e8444e4bd5721ba00ceb2c6c180c21b2ae43e590172f1b39e51f46312243633"),
            null,
            Signature.fromHex(
                "72051de6f5ca0eaef86ecca3b303fe03b7aca32cc5dc4cbf894f73737f43e24d7599220bfd69a87252f3826e07e28d6ff4704ec316885252bc4f534abcb413d41b"));
    ExchangeMessage message =
        new ExchangeMessage(
            promise,
            BigInteger.ONE,
            TokenAmount.of(1401),
            Address.fromHex("0xf10021ba3b10d023e671668d20daeff821561d09"),
            Address.fromHex("0xe10021ba3b10d023e671668d20daeff821561d09"),
            ChainId.of(1),
            Signature.fromHex(
                "3310f94760eeb288598d69aaf6214e123766d3cc988f5d3c6a77d5d5b70dc4b6617eeeb0f49df467527ed4a9cdf6f5c7ae3a1477a84f853b9ef8587607d0be431b"));
    String expected = text(out, "exchange_message_json");
    assertThat(WireJson.writeExchangeMessage(message)).isEqualTo(expected);
    assertThat(WireJson.readExchangeMessage(expected)).isEqualTo(message);
  }

  private static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }
}
