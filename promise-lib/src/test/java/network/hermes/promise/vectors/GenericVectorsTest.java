package network.hermes.promise.vectors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.PureJavaSecp256k1;
import network.hermes.promise.message.StakeReturn;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;

/** The fallback for vector kinds not in the shared file checks what they pin, and can fail. */
class GenericVectorsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "0x1fd26004a85a0ae04e16b444893ba7408dc7215b3962dda782d1afc6d7441d1e";

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void stakeVectorIsRebuiltAndItsSignatureReproduced() throws Exception {
    StakeReturn stake =
        new StakeReturn(
            ChainId.of(1),
            Bytes32.fromUint(7),
            TokenAmount.of(5),
            TokenAmount.of(1),
            BigInteger.TWO);
    Signature signature =
        stake.sign(new KeySigner(PrivateKey.fromHex(KEY), new PureJavaSecp256k1()));
    JsonNode in =
        json(
            "{\"chain_id\":1,\"channel_id\":\""
                + Bytes32.fromUint(7).toHex()
                + "\",\"amount\":\"5\",\"transactor_fee\":\"1\",\"nonce\":\"2\",\"signer_private_key\":\""
                + KEY
                + "\"}");
    JsonNode out =
        json(
            "{\"preimage_hex\":\""
                + Hex.encodePrefixed(stake.preimage())
                + "\",\"message_hash\":\""
                + stake.hash().toHex()
                + "\",\"signature\":\""
                + signature.toHex()
                + "\",\"signer_address\":\"0xf53acdd584ccb85ee4ec1590007ad3c16fdff057\"}");
    GenericVectors.check("T1", "stake_return_request", in, out);

    JsonNode wrong =
        json(out.toString().replace("\"signer_address\":\"0xf5", "\"signer_address\":\"0xf6"));
    assertThatThrownBy(() -> GenericVectors.check("T2", "stake_return_request", in, wrong))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aVectorThatPinsNothingFails() throws Exception {
    assertThatThrownBy(() -> GenericVectors.check("T3", "mystery", json("{}"), json("{}")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("pins nothing");
  }
}
