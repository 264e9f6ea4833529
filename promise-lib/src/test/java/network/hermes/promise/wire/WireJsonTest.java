package network.hermes.promise.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import network.hermes.promise.crypto.NativeSecp256k1;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireJsonTest {
  static final Address CONSUMER = Address.fromHex("0xf53acdd584ccb85ee4ec1590007ad3c16fdff057");
  static final Address HUB_SIGNER = Address.fromHex("0x354bd098b4ef8c9e70b7f21be2d455df559705d7");
  static final ObjectMapper TREE = new ObjectMapper();

  static String golden(String name) {
    try (InputStream in = WireJsonTest.class.getResourceAsStream("/wire/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing golden file " + name, e);
    }
  }

  /** Each golden file, its reader and writer: read then write gives the file back byte for byte. */
  static Stream<Arguments> goldenFiles() {
    return Stream.of(
        roundTrip("promise.json", WireJson::readPromise, WireJson::writePromise),
        roundTrip("promise-with-r.json", WireJson::readPromise, WireJson::writePromise),
        roundTrip(
            "exchange-message.json", WireJson::readExchangeMessage, WireJson::writeExchangeMessage),
        roundTrip(
            "request-promise.json", WireJson::readRequestPromise, WireJson::writeRequestPromise),
        roundTrip("reveal.json", WireJson::readReveal, WireJson::writeReveal),
        roundTrip("reveal-without-agreement.json", WireJson::readReveal, WireJson::writeReveal),
        roundTrip(
            "change-promise-fee.json",
            WireJson::readChangePromiseFee,
            WireJson::writeChangePromiseFee),
        roundTrip("sync-promise.json", WireJson::readSyncPromise, WireJson::writeSyncPromise),
        roundTrip(
            "refresh-promise.json", WireJson::readRefreshPromise, WireJson::writeRefreshPromise),
        roundTrip(
            "channel-data-provider.json", WireJson::readChannelData, WireJson::writeChannelData),
        roundTrip(
            "channel-data-consumer.json", WireJson::readChannelData, WireJson::writeChannelData),
        roundTrip("error.json", WireJson::readError, WireJson::writeError),
        roundTrip("error-without-data.json", WireJson::readError, WireJson::writeError));
  }

  static <T> Arguments roundTrip(
      String file, Function<String, T> reader, Function<T, String> writer) {
    Function<String, String> both = json -> writer.apply(reader.apply(json));
    return Arguments.of(file, both);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void goldenFileRoundTrips(String file, Function<String, String> readThenWrite) {
    String json = golden(file);
    assertThat(readThenWrite.apply(json)).isEqualTo(json);
  }

  @Test
  void readsTheGoldenValues() {
    ExchangeMessage message = WireJson.readExchangeMessage(golden("exchange-message.json"));
    assertThat(message.agreementId()).isEqualTo(BigInteger.ONE);
    assertThat(message.promise().r()).isNull();
    assertThat(message.promise().recoverSigner(new NativeSecp256k1())).isEqualTo(CONSUMER);

    RequestPromiseRequest request = WireJson.readRequestPromise(golden("request-promise.json"));
    assertThat(request.exchangeMessage()).isEqualTo(message);
    assertThat(request.transactorFee()).isEqualTo(TokenAmount.of(4_000_000_000_000_000L));

    Promise withR = WireJson.readPromise(golden("promise-with-r.json"));
    assertThat(withR.rMatchesHashlock()).isTrue();
    assertThat(withR.recoverSigner(new NativeSecp256k1())).isEqualTo(HUB_SIGNER);

    RevealRequest reveal = WireJson.readReveal(golden("reveal.json"));
    assertThat(reveal.agreementId().bitLength()).isGreaterThan(250);
    assertThat(WireJson.readReveal(golden("reveal-without-agreement.json")).agreementId()).isNull();

    SyncPromiseRequest sync = WireJson.readSyncPromise(golden("sync-promise.json"));
    assertThat(sync.toPromise().recoverSigner(new NativeSecp256k1())).isEqualTo(HUB_SIGNER);
    assertThat(SyncPromiseRequest.of(sync.toPromise())).isEqualTo(sync);

    Map<ChainId, ChannelData> provider =
        WireJson.readChannelData(golden("channel-data-provider.json"));
    ChannelData data = provider.get(ChainId.of(1));
    assertThat(data.latestPromise().recoverSigner(new NativeSecp256k1())).isEqualTo(HUB_SIGNER);
    assertThat(data.latestSettlement()).isEqualTo(Instant.parse("2006-01-02T15:04:05Z"));
    ChannelData consumer =
        WireJson.readChannelData(golden("channel-data-consumer.json")).get(ChainId.POLYGON);
    assertThat(consumer.latestPromise()).isNull();
    assertThat(consumer.latestSettlement()).isEqualTo(ChannelData.NEVER);
    assertThat(consumer.isOffchain()).isTrue();
    assertThat(consumer.channelIdWord())
        .isEqualTo(Address.fromHex("0xd2c94475763fa7e81076ab0bde4dc4b902191498").toBytes32());

    ErrorBody error = WireJson.readError(golden("error.json"));
    assertThat(error.cause()).isEqualTo("r recovery required");
    assertThat(WireJson.readError(golden("error-without-data.json")).data()).isNull();
  }

  @Test
  void readsUpstreamsPlaceholderLatestPromiseAsNone() {
    String json =
        golden("channel-data-consumer.json")
            .replace(
                "\"LatestPromise\":null",
                "\"LatestPromise\":{\"ChainID\":137,\"ChannelID\":"
                    + "\"0xd2c94475763fa7e81076ab0bde4dc4b902191498\",\"Amount\":0,\"Fee\":0,"
                    + "\"Hashlock\":\"0x"
                    + "0".repeat(64)
                    + "\",\"Signature\":\"0x\"}");
    assertThat(json).contains("\"Signature\":\"0x\"");
    assertThat(WireJson.readChannelData(json).get(ChainId.POLYGON).latestPromise()).isNull();
    assertThatThrownBy(
            () ->
                WireJson.readChannelData(
                    json.replace("\"Signature\":\"0x\"", "\"Signature\":\"0x00\"")))
        .hasMessage("137.LatestPromise.Signature: expected 65 bytes (130 hex digits), got 1");
  }

  @Test
  void acceptsUpstreamVariants() throws Exception {
    // keys in any order, R as "", a 20-byte consumer ChannelID, 0x on the EM signature, no HermesID
    ObjectNode em = (ObjectNode) TREE.readTree(golden("exchange-message.json"));
    ObjectNode promise = (ObjectNode) em.get("Promise");
    promise.put("R", "");
    promise.put(
        "ChannelID",
        java.util.Base64.getEncoder()
            .encodeToString(
                Address.fromHex("0xd2c94475763fa7e81076ab0bde4dc4b902191498").toBytes()));
    em.put("Signature", "0x" + em.get("Signature").asText().toUpperCase());
    em.remove("HermesID");
    ObjectNode reordered = TREE.createObjectNode();
    reordered.put("ChainID", 1);
    reordered.set("Signature", em.get("Signature"));
    reordered.set("AgreementTotal", em.get("AgreementTotal"));
    reordered.set("Provider", em.get("Provider"));
    reordered.set("AgreementID", em.get("AgreementID"));
    reordered.set("Promise", promise);
    reordered.put("SomethingNew", true);
    ExchangeMessage legacy = WireJson.readExchangeMessage(reordered.toString());
    assertThat(legacy.hermesId()).isNull();
    assertThat(legacy.promise().r()).isNull();
    assertThat(legacy.preimage()).hasSize(148);
    // upstream's fixture signature was made over the legacy 148-byte message
    assertThat(legacy.recoverSigner(new NativeSecp256k1())).isEqualTo(CONSUMER);
    assertThat(legacy.promise().recoverSigner(new NativeSecp256k1())).isEqualTo(CONSUMER);
    assertThat(WireJson.writeExchangeMessage(legacy)).contains("\"HermesID\":\"\"");
  }

  @Test
  void writesHugeIntegersAsPlainNumbers() {
    Promise promise = WireJson.readPromise(golden("promise.json"));
    Promise max =
        new Promise(
            promise.chainId(),
            promise.channelId(),
            TokenAmount.of(TokenAmount.MAX_VALUE),
            TokenAmount.ZERO,
            promise.hashlock(),
            Bytes32.ZERO,
            promise.signature());
    String json = WireJson.writePromise(max);
    assertThat(json).contains("\"Amount\":" + TokenAmount.MAX_VALUE + ",");
    assertThat(WireJson.readPromise(json)).isEqualTo(max);
  }

  static Stream<Arguments> malformed() {
    String em = golden("exchange-message.json");
    String request = golden("request-promise.json");
    String reveal = golden("reveal.json");
    String sync = golden("sync-promise.json");
    String data = golden("channel-data-provider.json");
    Function<String, Object> readRequest = WireJson::readRequestPromise;
    Function<String, Object> readEm = WireJson::readExchangeMessage;
    Function<String, Object> readReveal = WireJson::readReveal;
    Function<String, Object> readSync = WireJson::readSyncPromise;
    Function<String, Object> readData = WireJson::readChannelData;
    Function<String, Object> readError = WireJson::readError;
    Function<String, Object> readRefresh = WireJson::readRefreshPromise;
    Function<String, Object> readFee = WireJson::readChangePromiseFee;
    String p = "exchange_message.Promise.";
    return Stream.of(
        bad(
            readRequest,
            set(request, p + "Amount", "1.5"),
            p + "Amount: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, p + "Amount", "1e3"),
            p + "Amount: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, p + "Amount", "-1"),
            p + "Amount: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, p + "Amount", "\"1401\""),
            p + "Amount: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, p + "Amount", "true"),
            p + "Amount: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, p + "Amount", BigInteger.ONE.shiftLeft(256).toString()),
            p + "Amount: integer exceeds 2^256-1"),
        bad(readRequest, remove(request, p + "Amount"), p + "Amount: missing"),
        bad(readRequest, set(request, p + "Amount", "null"), p + "Amount: missing"),
        bad(
            readRequest,
            set(request, p + "Fee", "0.0"),
            p + "Fee: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, p + "ChannelID", "\"!!!\""),
            p + "ChannelID: expected standard base64"),
        bad(
            readRequest,
            set(request, p + "ChannelID", "\"AAAA\""),
            p + "ChannelID: expected 20 or 32 bytes, got 3"),
        bad(readRequest, set(request, p + "ChannelID", "7"), p + "ChannelID: expected a string"),
        bad(
            readRequest,
            set(request, p + "Hashlock", "\"AAAA\""),
            p + "Hashlock: expected 32 bytes, got 3"),
        bad(readRequest, set(request, p + "R", "\"AAAA\""), p + "R: expected 32 bytes, got 3"),
        bad(
            readRequest,
            set(request, p + "Signature", "\"AAAA\""),
            p + "Signature: expected 65 bytes, got 3"),
        bad(
            readRequest,
            set(request, p + "ChainID", "-1"),
            p + "ChainID: expected a non-negative int64 chain id"),
        bad(
            readRequest,
            set(request, p + "ChainID", "137.0"),
            p + "ChainID: expected a non-negative int64 chain id"),
        bad(
            readRequest,
            set(request, p + "ChainID", "9223372036854775808"),
            p + "ChainID: expected a non-negative int64 chain id"),
        bad(
            readRequest,
            set(request, "exchange_message.Promise", "[]"),
            "exchange_message.Promise: expected a JSON object"),
        bad(
            readRequest,
            set(request, "exchange_message.AgreementID", "1.0"),
            "exchange_message.AgreementID: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, "exchange_message.AgreementTotal", "-5"),
            "exchange_message.AgreementTotal: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, "exchange_message.Provider", "\"0x12\""),
            "exchange_message.Provider: expected 20 bytes (40 hex digits), got 1"),
        bad(
            readRequest,
            set(request, "exchange_message.Provider", "\"0xzz\""),
            "exchange_message.Provider: expected a hex string"),
        bad(
            readRequest,
            set(request, "exchange_message.Signature", "\"abcd\""),
            "exchange_message.Signature: expected 65 bytes (130 hex digits), got 2"),
        bad(
            readRequest,
            set(request, "exchange_message.HermesID", "123"),
            "exchange_message.HermesID: expected a string"),
        bad(
            readRequest,
            set(request, "exchange_message.ChainID", "-137"),
            "exchange_message.ChainID: expected a non-negative int64 chain id"),
        bad(
            readRequest,
            set(request, "transactor_fee", "4e15"),
            "transactor_fee: expected a non-negative integer"),
        bad(
            readRequest,
            set(request, "r_recovery_data", "\"0xab\""),
            "r_recovery_data: expected hex digits without 0x"),
        bad(readRequest, remove(request, "exchange_message"), "exchange_message: missing"),
        bad(readRequest, "[1,2]", "(root): expected a JSON object"),
        bad(readRequest, "", "(root): empty input"),
        bad(readEm, em + " {}", "(root): not valid JSON"),
        bad(
            readEm,
            "{\"ChainID\":1,\"ChainID\":2}",
            "(root): not valid JSON: Duplicate field 'ChainID'"),
        bad(readEm, "{\"Promise\":", "(root): not valid JSON"),
        bad(readEm, set(em, "ChainID", "NaN"), "(root): not valid JSON"),
        bad(readEm, set(em, "AgreementID", "0001"), "(root): not valid JSON"),
        bad(
            readReveal,
            set(reveal, "R", "\"abcd\""),
            "R: expected 32 bytes (64 hex digits), got 2"),
        bad(
            readReveal,
            set(reveal, "AgreementID", "-1"),
            "AgreementID: expected a non-negative integer"),
        bad(readReveal, remove(reveal, "Provider"), "Provider: missing"),
        bad(
            readSync,
            set(sync, "channel_id", "\"00ff\""),
            "channel_id: expected 20 or 32 bytes, got 2"),
        bad(
            readSync,
            set(sync, "signature", "\"00\""),
            "signature: expected 65 bytes (130 hex digits), got 1"),
        bad(readSync, set(sync, "amount", "\"1\""), "amount: expected a non-negative integer"),
        bad(
            readRefresh,
            "{\"chain_id\":137,\"identity\":\"0x354bd098b4ef8c9e70b7f21be2d455df559705d7\",\"hashlock\":\"00\"}",
            "hashlock: expected 32 bytes (64 hex digits), got 1"),
        bad(readFee, "{\"hermes_promise\":{},\"new_fee\":1}", "hermes_promise.ChannelID: missing"),
        bad(
            readFee,
            set(golden("change-promise-fee.json"), "new_fee", "-1"),
            "new_fee: expected a non-negative integer"),
        bad(readData, "{\"mainnet\":{}}", "mainnet: key must be a positive chain id"),
        bad(
            readData,
            set(data, "1.LatestSettlement", "\"yesterday\""),
            "1.LatestSettlement: expected an RFC 3339 time"),
        bad(readData, set(data, "1.IsOffchain", "\"no\""), "1.IsOffchain: expected true or false"),
        bad(
            readData,
            set(data, "1.LatestPromise.Hashlock", "\"0x00\""),
            "1.LatestPromise.Hashlock: expected 32 bytes (64 hex digits), got 1"),
        bad(readData, set(data, "1.Balance", "1.5"), "1.Balance: expected a non-negative integer"),
        bad(
            readData,
            set(data, "1.ChannelID", "\"0x00\""),
            "1.ChannelID: expected 20 or 32 bytes, got 1"),
        bad(readError, "{\"message\":\"x\"}", "cause: missing"),
        bad(readError, "{\"cause\":\"x\",\"data\":5}", "data: expected a string"));
  }

  static Arguments bad(Function<String, Object> reader, String json, String message) {
    return Arguments.of(message, reader, json);
  }

  /** Sets the field at a dotted path to a raw JSON value. */
  static String set(String json, String path, String rawValue) {
    return edit(json, path, rawValue);
  }

  static String remove(String json, String path) {
    return edit(json, path, null);
  }

  private static String edit(String json, String path, String rawValue) {
    try {
      JsonNode root = TREE.readTree(json);
      String[] keys = path.split("\\.");
      ObjectNode parent = (ObjectNode) root;
      for (int i = 0; i < keys.length - 1; i++) {
        parent = (ObjectNode) parent.get(keys[i]);
      }
      String last = keys[keys.length - 1];
      if (rawValue == null) {
        parent.remove(last);
        return root.toString();
      }
      // splice the raw text in, so that values Jackson would normalise (1.0, 1e3) stay as written
      String marker = "\"__RAW__\"";
      parent.put(last, "__RAW__");
      return root.toString().replace(marker, rawValue);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedFieldsNamingThem(
      String message, Function<String, Object> reader, String json) {
    assertThatThrownBy(() -> reader.apply(json))
        .isInstanceOf(MalformedWireException.class)
        .hasMessageStartingWith(message)
        .satisfies(
            e -> {
              MalformedWireException m = (MalformedWireException) e;
              assertThat(m.path() + ": " + m.reason()).isEqualTo(m.getMessage());
            });
  }
}
