package network.hermes.hub.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import network.hermes.hub.config.HubDeployment;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.ChainId;
import network.hermes.promise.value.Hex;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.WireJson;

/**
 * Builds signed API requests the way a consumer and a provider node do, with promise-lib: for
 * tests, the load generator and manual experiments. Keys made with {@link #devIdentity} are for
 * development only.
 */
public final class ExchangeFactory {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Secp256k1 SECP = Secp256k1s.getDefault();

  private final HubDeployment deployment;
  private final long chainId;

  public ExchangeFactory(HubDeployment deployment, long chainId) {
    this.deployment = deployment;
    this.chainId = chainId;
  }

  /** An identity: private key and its address. */
  public record Identity(byte[] key, String address) {
    @Override
    public String toString() {
      return "Identity[" + address + "]";
    }

    KeySigner signer() {
      return new KeySigner(PrivateKey.of(key), SECP);
    }
  }

  /** A deterministic development key: keccak256 of the label. */
  public static Identity devIdentity(String label) {
    byte[] key = Keccak.hash(label.getBytes(StandardCharsets.UTF_8)).toBytes();
    return new Identity(key, SECP.addressOf(PrivateKey.of(key)).toHex());
  }

  public static byte[] devR(String label) {
    return Keccak.hash(("R:" + label).getBytes(StandardCharsets.UTF_8)).toBytes();
  }

  public static String hashlockOf(byte[] r) {
    return Keccak.hash(r).toHex();
  }

  public long chainId() {
    return chainId;
  }

  public String consumerChannel(String identity) {
    return ChannelIds.consumerChannelAddress(
            Address.fromHex(deployment.registry()),
            Address.fromHex(identity),
            Address.fromHex(deployment.hermesId()),
            Address.fromHex(deployment.channelImplementation()))
        .toHex();
  }

  public String providerChannelId(String identity) {
    return ChannelIds.providerChannelId(
            Address.fromHex(identity), Address.fromHex(deployment.hermesId()))
        .toHex();
  }

  public String withdrawalChannelId(String identity) {
    return ChannelIds.withdrawalChannelId(
            Address.fromHex(identity), Address.fromHex(deployment.hermesId()))
        .toHex();
  }

  /** An honest request_promise body. */
  public ObjectNode requestPromise(
      Identity consumer,
      String provider,
      BigInteger agreementId,
      BigInteger agreementTotal,
      BigInteger promiseAmount,
      byte[] r,
      BigInteger transactorFee,
      String rRecoveryData) {
    return exchange(
        new Exchange(
            consumer,
            consumer,
            consumerChannel(consumer.address()),
            chainId,
            chainId,
            deployment.hermesId(),
            provider,
            agreementId,
            agreementTotal,
            promiseAmount,
            hashlockOf(r),
            transactorFee,
            rRecoveryData));
  }

  /** Every field of an exchange, so that tests can bend any of them. */
  public record Exchange(
      Identity emSigner,
      Identity promiseSigner,
      String channel,
      long emChain,
      long promiseChain,
      String hermesId,
      String provider,
      BigInteger agreementId,
      BigInteger agreementTotal,
      BigInteger promiseAmount,
      String hashlock,
      BigInteger transactorFee,
      String rRecoveryData) {}

  /**
   * The request_promise body of an exchange, as promise-lib writes it except for the promise's
   * ChannelID: a consumer node sends its 20-byte channel address there, which promise-lib's writer
   * widens to the 32-byte word the signature covers.
   */
  public ObjectNode exchange(Exchange x) {
    byte[] channel = Hex.decode(x.channel());
    Promise promise =
        new UnsignedPromise(
                ChainId.of(x.promiseChain()),
                Bytes32.leftPad(channel),
                TokenAmount.of(x.promiseAmount()),
                TokenAmount.ZERO,
                Bytes32.fromHex(x.hashlock()))
            .sign(x.promiseSigner().signer());
    ExchangeMessage em =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(x.agreementId())
            .agreementTotal(TokenAmount.of(x.agreementTotal()))
            .provider(Address.fromHex(x.provider()))
            .hermesId(Address.fromHex(x.hermesId()))
            .chainId(ChainId.of(x.emChain()))
            .sign(x.emSigner().signer());
    ObjectNode message = tree(WireJson.writeExchangeMessage(em));
    ((ObjectNode) message.get("Promise")).put("ChannelID", b64(channel));
    ObjectNode body = JSON.createObjectNode();
    body.set("exchange_message", message);
    body.put("transactor_fee", x.transactorFee());
    if (x.rRecoveryData() != null) {
      body.put("r_recovery_data", x.rRecoveryData());
    }
    return body;
  }

  public ObjectNode revealR(byte[] r, String provider, BigInteger agreementId) {
    return tree(
        WireJson.writeReveal(
            new RevealRequest(Bytes32.of(r), Address.fromHex(provider), agreementId)));
  }

  /** The Authorization header value for a signed provider request: base64 sig, v 0/1. */
  public String authorization(Identity signer, byte[] body) {
    byte[] sig = signer.signer().sign(Keccak.hash(body)).toBytes();
    sig[64] = (byte) (sig[64] - 27);
    return "Signature " + Base64.getEncoder().encodeToString(sig);
  }

  public static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  public static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** promise-lib's JSON text as a tree, to send as it is or to bend in a test. */
  public static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
