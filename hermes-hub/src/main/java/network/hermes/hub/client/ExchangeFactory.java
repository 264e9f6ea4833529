package network.hermes.hub.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import network.hermes.hub.config.HubDeployment;
import network.hermes.hub.crypto.Hex;
import network.hermes.hub.crypto.Keccak;
import network.hermes.hub.crypto.Preimages;
import network.hermes.hub.crypto.Secp;

/**
 * Builds signed API requests the way a consumer and a provider node do: for tests, the load
 * generator and manual experiments. Keys made with {@link #devIdentity} are for development only.
 */
public final class ExchangeFactory {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HubDeployment deployment;
  private final long chainId;
  private final Secp secp = Secp.get();

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
  }

  /** A deterministic development key: keccak256 of the label. */
  public static Identity devIdentity(String label) {
    byte[] key = Keccak.hash(label.getBytes(StandardCharsets.UTF_8));
    return new Identity(key, Hex.prefixed(Secp.get().addressOfKey(key)));
  }

  public static byte[] devR(String label) {
    return Keccak.hash(("R:" + label).getBytes(StandardCharsets.UTF_8));
  }

  public static String hashlockOf(byte[] r) {
    return Hex.prefixed(Keccak.hash(r));
  }

  public long chainId() {
    return chainId;
  }

  public String consumerChannel(String identity) {
    return Hex.prefixed(
        Preimages.consumerChannel(
            Hex.decode(identity),
            Hex.decode(deployment.hermesId()),
            Hex.decode(deployment.registry()),
            Hex.decode(deployment.channelImplementation())));
  }

  public String providerChannelId(String identity) {
    return Hex.prefixed(
        Preimages.providerChannelId(Hex.decode(identity), Hex.decode(deployment.hermesId())));
  }

  public String withdrawalChannelId(String identity) {
    return Hex.prefixed(
        Preimages.withdrawalChannelId(Hex.decode(identity), Hex.decode(deployment.hermesId())));
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

  public ObjectNode exchange(Exchange x) {
    byte[] channel = Hex.decode(x.channel());
    byte[] hashlock = Hex.decode(x.hashlock());
    byte[] promisePreimage =
        Preimages.promise(x.promiseChain(), channel, x.promiseAmount(), BigInteger.ZERO, hashlock);
    byte[] promiseSig = secp.sign(Keccak.hash(promisePreimage), x.promiseSigner().key());
    byte[] emPreimage =
        Preimages.exchangeMessage(
            x.emChain(),
            promisePreimage,
            x.agreementId(),
            x.agreementTotal(),
            Hex.decode(x.provider()),
            Hex.decode(x.hermesId()));
    byte[] emSig = secp.sign(Keccak.hash(emPreimage), x.emSigner().key());

    ObjectNode promise = JSON.createObjectNode();
    promise.put("ChannelID", b64(channel));
    promise.put("ChainID", x.promiseChain());
    promise.put("Amount", x.promiseAmount());
    promise.put("Fee", 0);
    promise.put("Hashlock", b64(hashlock));
    promise.putNull("R");
    promise.put("Signature", b64(promiseSig));
    ObjectNode em = JSON.createObjectNode();
    em.set("Promise", promise);
    em.put("AgreementID", x.agreementId());
    em.put("AgreementTotal", x.agreementTotal());
    em.put("Provider", x.provider());
    em.put("Signature", Hex.encode(emSig));
    em.put("HermesID", x.hermesId());
    em.put("ChainID", x.emChain());
    ObjectNode body = JSON.createObjectNode();
    body.set("exchange_message", em);
    body.put("transactor_fee", x.transactorFee());
    if (x.rRecoveryData() != null) {
      body.put("r_recovery_data", x.rRecoveryData());
    }
    return body;
  }

  public ObjectNode revealR(byte[] r, String provider, BigInteger agreementId) {
    ObjectNode n = JSON.createObjectNode();
    n.put("R", Hex.encode(r));
    n.put("Provider", provider);
    if (agreementId == null) {
      n.putNull("AgreementID");
    } else {
      n.put("AgreementID", agreementId);
    }
    return n;
  }

  /** The Authorization header value for a signed provider request: base64 sig, v 0/1. */
  public String authorization(Identity signer, byte[] body) {
    byte[] sig = secp.sign(Keccak.hash(body), signer.key());
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
}
