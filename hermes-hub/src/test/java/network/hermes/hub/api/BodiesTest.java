package network.hermes.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** promise-lib's reports of unreadable bodies, in the hub's words (what the goldens hold). */
class BodiesTest {
  static final String PROVIDER = "0x22f004e66f2b8321e19de0a4deaa689f4c76edd0";
  static final String PROMISE =
      WireJson.writePromise(
          new Promise(
              ChainId.of(31337),
              Bytes32.fromHex("0x" + "a9".repeat(32)),
              TokenAmount.of(100),
              TokenAmount.of(5),
              Bytes32.fromHex("0x" + "13".repeat(32)),
              null,
              Signature.of(new byte[65])));

  static Stream<Arguments> malformed() {
    Function<byte[], ?> request = Bodies::requestPromise;
    Function<byte[], ?> reveal = Bodies::reveal;
    Function<byte[], ?> fee = Bodies::changePromiseFee;
    Function<byte[], ?> sync = Bodies::syncPromise;
    String syncBody =
        "{\"channel_id\":\"%s\",\"chain_id\":%s,\"amount\":%s,\"fee\":5,\"hashlock\":\"%s\","
            + "\"signature\":\"%s\"}";
    String h32 = "13".repeat(32);
    String sig = "11".repeat(65);
    return Stream.of(
        Arguments.of(reveal, "", "empty body"),
        Arguments.of(reveal, "  ", "empty body"),
        Arguments.of(
            request,
            "{\"exchange_message\": ",
            "body is not JSON: Unexpected end-of-input within/between Object entries"),
        Arguments.of(reveal, "[1,2]", "body must be a JSON object"),
        Arguments.of(request, "{\"transactor_fee\":1}", "missing field exchange_message"),
        Arguments.of(
            request,
            "{\"exchange_message\":{\"Promise\":{\"ChainID\":1.5}},\"transactor_fee\":0}",
            "ChainID must be an integer number"),
        Arguments.of(request, "{\"exchange_message\":7}", "exchange_message must be an object"),
        Arguments.of(reveal, "{\"R\":\"zz\",\"Provider\":\"" + PROVIDER + "\"}", "R is not hex"),
        Arguments.of(
            reveal,
            "{\"R\":\"" + "ab".repeat(31) + "\",\"Provider\":\"" + PROVIDER + "\"}",
            "R must have 32 bytes"),
        Arguments.of(reveal, "{\"R\":5,\"Provider\":\"" + PROVIDER + "\"}", "R must be a string"),
        Arguments.of(
            fee, "{\"hermes_promise\":" + PROMISE + ",\"new_fee\":-1}", "new_fee is out of range"),
        Arguments.of(
            fee,
            "{\"hermes_promise\":" + PROMISE + ",\"new_fee\":\"7\"}",
            "new_fee must be an integer number"),
        Arguments.of(
            fee,
            "{\"hermes_promise\":" + PROMISE + ",\"new_fee\":1" + "0".repeat(78) + "}",
            "new_fee is out of range"),
        Arguments.of(
            fee,
            "{\"hermes_promise\":"
                + PROMISE.replace("\"Hashlock\":\"", "\"Hashlock\":\"!")
                + ",\"new_fee\":7}",
            "Hashlock is not base64"),
        Arguments.of(
            sync, syncBody.formatted(h32, -1, 300, h32, sig), "chain_id is not a valid chain id"),
        Arguments.of(
            sync,
            syncBody.formatted("ab".repeat(10) + "cd", 1, 300, h32, sig),
            "channel_id must have 20 or 32 bytes"),
        Arguments.of(
            sync,
            syncBody.formatted(h32, 1, 300, h32, "11".repeat(64)),
            "signature must have 65 bytes"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedBodiesAreNamedInTheHubsWords(
      Function<byte[], ?> reader, String body, String message) {
    assertThatThrownBy(() -> reader.apply(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedRequest.class)
        .hasMessage(message);
  }

  @Test
  void aWellFormedBodyReadsThroughPromiseLib() {
    var fee =
        Bodies.changePromiseFee(
            ("{\"hermes_promise\":" + PROMISE + ",\"new_fee\":7}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(fee.newFee()).isEqualTo(TokenAmount.of(7));
    assertThat(fee.hermesPromise().amount()).isEqualTo(TokenAmount.of(100));
  }

  @Test
  void recoveryDataIsStoredLowercaseAndEmptyIsNone() {
    assertThat(Bodies.recoveryData("")).isNull();
    assertThat(Bodies.recoveryData(null)).isNull();
    assertThat(Bodies.recoveryData("00AAbb")).isEqualTo("00aabb");
  }
}
