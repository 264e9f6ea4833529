package network.hermes.settler.it;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubClient;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.HashlockSecret;
import network.hermes.promise.message.IdentityRegistration;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.settler.ChannelKind;
import network.hermes.settler.store.EarnedPromise;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;

/**
 * Consumers paying providers through a real hub, the way nodes do it (exchange message, hub promise
 * with R-recovery data, R revealed), so that a provider has real earnings to settle.
 */
final class Market {
  static final SecureRandom RANDOM = new SecureRandom();

  final TestNetwork net;
  final HubClient hub;
  final Deployment deployment;
  private final Map<Address, TokenAmount> promised = new HashMap<>();

  Market(TestNetwork net, HubClient hub) {
    this.net = net;
    this.hub = hub;
    this.deployment = net.deployment();
  }

  static PrivateKey key(String label) {
    return PrivateKey.of(Keccak.hash(label.getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  static Address addressOf(PrivateKey key) {
    return Secp256k1s.getDefault().addressOf(key);
  }

  Address channelOf(Address identity) {
    return ChannelIds.consumerChannelAddress(
        deployment.registry(), identity, deployment.hermesId(), deployment.channelImplementation());
  }

  /** A consumer with {@code balance} in its channel, registered, seen by the hub. */
  PrivateKey consumer(String label, TokenAmount balance) {
    PrivateKey key = key(label);
    net.mint(channelOf(addressOf(key)), balance);
    net.chain().registerIdentity(key, TokenAmount.ZERO);
    Waits.untilTrue(
        "the hub to see consumer " + label,
        Duration.ofSeconds(60),
        () -> {
          ChannelData d = hub.consumerData(addressOf(key)).get(deployment.chainId());
          return d != null && d.balance().compareTo(TokenAmount.ZERO) > 0;
        });
    return key;
  }

  /** A provider registered with a payout address of its own (not its consumer channel). */
  PrivateKey provider(String label, Address beneficiary) {
    PrivateKey key = key(label);
    IdentityRegistration p1 =
        new IdentityRegistration(
            deployment.chainId(),
            deployment.registry(),
            deployment.hermesId(),
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            beneficiary);
    net.chain()
        .client()
        .writer(net.devKey(2))
        .registerIdentity(
            TokenAmount.ZERO,
            TokenAmount.ZERO,
            beneficiary,
            p1.sign(new KeySigner(key, Secp256k1s.getDefault())));
    return key;
  }

  /** The consumer pays the provider {@code amount} more; the provider's new hub promise, with R. */
  EarnedPromise pay(PrivateKey consumerKey, PrivateKey providerKey, TokenAmount amount)
      throws Exception {
    KeySigner consumer = new KeySigner(consumerKey, Secp256k1s.getDefault());
    Address provider = addressOf(providerKey);
    TokenAmount total = promised.getOrDefault(consumer.address(), TokenAmount.ZERO).plus(amount);
    HashlockSecret r = HashlockSecret.random(RANDOM);
    BigInteger agreement = new BigInteger(64, RANDOM);
    Promise promise =
        UnsignedPromise.forConsumerChannel(
                deployment.chainId(),
                channelOf(consumer.address()),
                total,
                TokenAmount.ZERO,
                r.hashlock())
            .sign(consumer);
    ExchangeMessage em =
        ExchangeMessage.builder()
            .promise(promise)
            .agreementId(agreement)
            .agreementTotal(amount)
            .provider(provider)
            .hermesId(deployment.hermesId())
            .chainId(deployment.chainId())
            .sign(consumer);
    Promise hubPromise =
        hub.requestPromise(
            new RequestPromiseRequest(
                em,
                TokenAmount.ZERO,
                RRecovery.forKey(providerKey)
                    .encrypt(RecoveryDetails.of(r.r(), agreement), RANDOM)));
    hub.revealR(new RevealRequest(r.r(), provider, agreement));
    promised.put(consumer.address(), total);
    return new EarnedPromise(
        deployment.hermesId(), provider, ChannelKind.EARNINGS, hubPromise.withR(r.r()));
  }

  /** The provider's channel as the hub reports it once its view caught up with the chain. */
  Optional<ChannelData> providerData(Address provider) throws Exception {
    return Optional.ofNullable(hub.providerData(provider).get(deployment.chainId()));
  }
}
