package network.hermes.promise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.PureJavaSecp256k1;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.WireJson;

/**
 * The sample files of docs/examples, built deterministically from the well-known local-devnet keys
 * (never use them for real funds).
 */
final class Examples {
  static final KeySigner CONSUMER =
      signer("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  static final KeySigner OPERATOR =
      signer("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  static final Address PROVIDER =
      signer("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a").address();
  static final Address REGISTRY = Address.fromHex("0x87F0F4b7e0FAb14A565C87BAbbA6c40c92281b51");
  static final Address HERMES = Address.fromHex("0x80ed28d84792d8b153bf2f25f0c4b7a1381de4ab");
  static final Address CHANNEL_IMPLEMENTATION =
      Address.fromHex("0x6b423D3885B4877b5760E149364f85f185f477aD");
  static final HashlockSecret R = HashlockSecret.of(Bytes32.fromHex("11".repeat(32)));

  private Examples() {}

  static KeySigner signer(String hex) {
    return new KeySigner(PrivateKey.fromHex(hex), new PureJavaSecp256k1());
  }

  static Promise consumerPromise() {
    Address channel =
        ChannelIds.consumerChannelAddress(
            REGISTRY, CONSUMER.address(), HERMES, CHANNEL_IMPLEMENTATION);
    return UnsignedPromise.forConsumerChannel(
            ChainId.POLYGON,
            channel,
            TokenAmount.of(1_401_000_000_000_000L),
            TokenAmount.ZERO,
            R.hashlock())
        .sign(CONSUMER);
  }

  static Promise providerPromise() {
    return UnsignedPromise.forProviderChannel(
            ChainId.POLYGON,
            ChannelIds.providerChannelId(PROVIDER, HERMES),
            TokenAmount.of(1_120_800_000_000_000L),
            TokenAmount.of(4_000_000_000_000_000L),
            R.hashlock())
        .sign(OPERATOR);
  }

  static ExchangeMessage exchangeMessage() {
    return ExchangeMessage.builder()
        .promise(consumerPromise())
        .agreementId(
            new BigInteger(
                "26320436445463553891232032398656133263238981208481614013111928294720212288493"))
        .agreementTotal(TokenAmount.of(1_401_000_000_000_000L))
        .provider(PROVIDER)
        .hermesId(HERMES)
        .chainId(ChainId.POLYGON)
        .sign(CONSUMER);
  }

  /** File name to pretty-printed content, in the order the docs list them. */
  static Map<String, String> files() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("consumer-promise.json", pretty(mapper, WireJson.writePromise(consumerPromise())));
    files.put("provider-promise.json", pretty(mapper, WireJson.writePromise(providerPromise())));
    String message = WireJson.writeExchangeMessage(exchangeMessage());
    files.put("exchange-message.json", pretty(mapper, message));
    ObjectNode tampered = (ObjectNode) mapper.readTree(message);
    tampered.put("AgreementTotal", new BigInteger("14010000000000000"));
    files.put("exchange-message-tampered.json", pretty(mapper, tampered.toString()));
    ObjectNode malformed = (ObjectNode) mapper.readTree(WireJson.writePromise(consumerPromise()));
    malformed.put("Amount", 1.401e15);
    files.put("malformed-promise.json", pretty(mapper, malformed.toString()));
    return files;
  }

  private static String pretty(ObjectMapper mapper, String json) throws Exception {
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json)) + "\n";
  }
}
