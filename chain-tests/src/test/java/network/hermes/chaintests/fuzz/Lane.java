package network.hermes.chaintests.fuzz;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import network.hermes.chaintests.fuzz.FuzzCase.Category;
import network.hermes.chaintests.support.ConsumerNode;
import network.hermes.chaintests.support.ProviderNode;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.Invoice;
import network.hermes.promise.message.Promise;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.Signature;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.RelayJson;
import network.hermes.promise.wire.RelayRegistration;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.promise.wire.SyncPromiseRequest;
import network.hermes.promise.wire.WireJson;

/**
 * One worker's honest traffic, a consumer paying a provider in tiny steps as nodes do
 * (request_promise, then reveal_r), and the correct bodies the mutators start from. It follows what
 * the hub answered, so its next valid request is valid again whatever a mutant did.
 */
final class Lane {
  /** Per invoice: small enough for 100,000 requests on a 10 MYST channel. */
  static final TokenAmount DELTA = TokenAmount.of(1_000_000_000_000L);

  static final String REQUEST_PROMISE = "/api/v2/request_promise";
  static final String REVEAL = "/api/v2/reveal_r";

  private static final SecureRandom KEYS = new SecureRandom();

  final ConsumerNode consumer;
  final ProviderNode provider;
  private final Deployment deployment;
  private final SplittableRandom random;
  private final BigInteger agreementId;
  private TokenAmount agreementTotal = TokenAmount.ZERO;
  private ExchangeMessage pending;
  private Bytes32 pendingR;
  private byte[] pendingBody;
  private Promise latest;
  private Bytes32 latestR;
  private boolean revealed = true;

  Lane(
      ConsumerNode consumer,
      ProviderNode provider,
      Deployment deployment,
      SplittableRandom random) {
    this.consumer = consumer;
    this.provider = provider;
    this.deployment = deployment;
    this.random = random;
    this.agreementId = new BigInteger(255, KEYS);
  }

  /** The valid request_promise of the next invoice (the same one until it is answered 200). */
  FuzzCase promiseRequest() {
    if (pending == null) {
      Bytes32 r = Bytes32.random(KEYS);
      Invoice invoice =
          new Invoice(
              agreementId,
              agreementTotal.plus(DELTA),
              TokenAmount.ZERO,
              Keccak.hash(r.toBytes()),
              provider.identity(),
              deployment.chainId());
      pending = consumer.pay(invoice);
      pendingR = r;
      pendingBody =
          WireJson.writeRequestPromise(provider.request(pending, r))
              .getBytes(StandardCharsets.UTF_8);
    }
    return FuzzCase.post(Category.VALID, "request_promise", REQUEST_PROMISE, pendingBody);
  }

  /** The hub accepted the pending exchange with {@code promise}. */
  void promised(Promise promise) {
    if (pending == null || !promise.hashlock().equals(Keccak.hash(pendingR.toBytes()))) {
      return; // an answer to an older exchange (a replayed mutant)
    }
    consumer.accepted(pending);
    agreementTotal = pending.agreementTotal();
    latest = promise;
    latestR = pendingR;
    revealed = false;
    pending = null;
  }

  boolean needsReveal() {
    return !revealed && latest != null;
  }

  /** The valid reveal of the latest promise's R. */
  FuzzCase revealRequest() {
    return FuzzCase.post(Category.VALID, "reveal_r", REVEAL, revealBody());
  }

  void revealedLatest() {
    revealed = true;
  }

  private byte[] revealBody() {
    Bytes32 r = latestR == null ? Bytes32.random(KEYS) : latestR;
    return WireJson.writeReveal(new RevealRequest(r, provider.identity(), agreementId))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A correct body to mutate, with its path: the pending exchange, a reveal, a fee change, a relay
   * settlement, a relay registration (of a fresh identity), a signed sync.
   *
   * @return path, body and whether the body must be signed as the provider
   */
  record Base(String name, String path, byte[] body, boolean signed) {}

  Base base() {
    List<Base> bases = new ArrayList<>();
    promiseRequest();
    bases.add(new Base("request_promise", REQUEST_PROMISE, pendingBody, false));
    bases.add(new Base("pay_and_settle", "/api/v2/pay_and_settle", pendingBody, false));
    bases.add(new Base("reveal_r", REVEAL, revealBody(), false));
    if (latest != null) {
      bases.add(
          new Base(
              "change_promise_fee",
              "/api/v2/change_promise_fee",
              WireJson.writeChangePromiseFee(
                      new ChangePromiseFeeRequest(latest, TokenAmount.of(random.nextInt(1000))))
                  .getBytes(StandardCharsets.UTF_8),
              false));
      RelaySettlement settle =
          RelaySettlement.of(
              RelaySettlement.Kind.SETTLE_AND_REBALANCE,
              deployment.hermesId(),
              provider.identity(),
              latest,
              latestR);
      bases.add(
          new Base(
              "relay settle",
              "/api/v1/transactor/" + settle.path(),
              RelayJson.write(settle).getBytes(StandardCharsets.UTF_8),
              false));
      bases.add(
          new Base(
              "sync_promise",
              "/api/v2/provider/sync_promise",
              WireJson.writeSyncPromise(
                      new SyncPromiseRequest(
                          latest.channelId(),
                          latest.chainId(),
                          latest.amount(),
                          latest.fee(),
                          latest.hashlock(),
                          latest.signature()))
                  .getBytes(StandardCharsets.UTF_8),
              true));
    }
    bases.add(
        new Base("relay register", "/api/v1/transactor/identity/register", registration(), false));
    return bases.get(random.nextInt(bases.size()));
  }

  private byte[] registration() {
    PrivateKey key = PrivateKey.random(KEYS);
    KeySigner signer = new KeySigner(key, Secp256k1s.getDefault());
    IdentityRegistration p1 =
        new IdentityRegistration(
            deployment.chainId(),
            deployment.registry(),
            deployment.hermesId(),
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            Address.ZERO);
    return RelayJson.write(
            new RelayRegistration(
                deployment.chainId(),
                deployment.registry(),
                deployment.hermesId(),
                TokenAmount.ZERO,
                TokenAmount.ZERO,
                Address.ZERO,
                p1.sign(signer),
                signer.address()))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code Authorization: Signature <base64>} over the body, by the provider (v 0/1). */
  String authorization(byte[] body) {
    Signature sig = provider.signer().sign(Keccak.hash(body));
    byte[] raw = sig.toBytes();
    raw[Signature.SIZE - 1] -= 27;
    return "Authorization: Signature " + Base64.getEncoder().encodeToString(raw);
  }
}
