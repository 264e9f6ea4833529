package network.hermes.hubclient.it;

import static network.hermes.contracts.deploy.DeploymentPlan.myst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import network.hermes.contracts.deploy.Deployment;
import network.hermes.hubclient.HubCause;
import network.hermes.hubclient.HubClient;
import network.hermes.hubclient.HubException;
import network.hermes.hubclient.RelayFeeKind;
import network.hermes.promise.crypto.Keccak;
import network.hermes.promise.crypto.KeySigner;
import network.hermes.promise.crypto.PrivateKey;
import network.hermes.promise.crypto.Secp256k1;
import network.hermes.promise.crypto.Secp256k1s;
import network.hermes.promise.ids.ChannelIds;
import network.hermes.promise.message.ExchangeMessage;
import network.hermes.promise.message.Promise;
import network.hermes.promise.message.UnsignedPromise;
import network.hermes.promise.recovery.RRecovery;
import network.hermes.promise.recovery.RecoveryDetails;
import network.hermes.promise.value.Address;
import network.hermes.promise.value.Bytes32;
import network.hermes.promise.value.TokenAmount;
import network.hermes.promise.wire.ChangePromiseFeeRequest;
import network.hermes.promise.wire.ChannelData;
import network.hermes.promise.wire.RefreshPromiseRequest;
import network.hermes.promise.wire.RelayFeeQuote;
import network.hermes.promise.wire.RelayJob;
import network.hermes.promise.wire.RelaySettlement;
import network.hermes.promise.wire.RequestPromiseRequest;
import network.hermes.promise.wire.RevealRequest;
import network.hermes.testkit.TestNetwork;
import network.hermes.testkit.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real hub process on a devnet: one consumer pays one provider, the provider
 * settles through the relay, and the money on chain reconciles to the wei.
 */
class HubClientIT {
  static final Secp256k1 SECP = Secp256k1s.getDefault();
  static final SecureRandom RANDOM = new SecureRandom();

  static TestNetwork net;
  static HubClient hub;
  static Deployment deployment;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.start();
    hub = HubClient.connect(net.hub().apiUrl());
    deployment = net.deployment();
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    if (net != null) {
      net.close();
    }
  }

  static PrivateKey identity(String label) {
    return PrivateKey.of(Keccak.hash(label.getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  static Address channelOf(Address identity) {
    return ChannelIds.consumerChannelAddress(
        deployment.registry(), identity, deployment.hermesId(), deployment.channelImplementation());
  }

  @Test
  void aConsumerPaysAProviderWhoSettlesThroughTheRelay() throws Exception {
    assertThat(hub.isReady()).isTrue();
    PrivateKey consumerKey = identity("hub-client-it consumer");
    PrivateKey providerKey = identity("hub-client-it provider");
    KeySigner consumer = new KeySigner(consumerKey, SECP);
    KeySigner provider = new KeySigner(providerKey, SECP);

    assertThatThrownBy(() -> hub.consumerData(consumer.address()))
        .isInstanceOfSatisfying(
            HubException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.kind()).isEqualTo(HubCause.RESOURCE_NOT_FOUND);
            });

    Address channel = channelOf(consumer.address());
    net.mint(channel, myst(10));
    net.chain().registerIdentity(consumerKey, TokenAmount.ZERO);
    net.chain().registerIdentity(providerKey, TokenAmount.ZERO);
    ChannelData seen =
        Waits.until(
            "the hub to see the consumer's top-up",
            Duration.ofSeconds(60),
            () -> {
              ChannelData d = hub.consumerData(consumer.address()).get(deployment.chainId());
              return d != null && d.balance().equals(myst(10)) ? Optional.of(d) : Optional.empty();
            });
    assertThat(seen.channelId()).isEqualTo(channel.toHex());

    Bytes32 r = Bytes32.random(RANDOM);
    BigInteger agreement = BigInteger.valueOf(77);
    RequestPromiseRequest request =
        new RequestPromiseRequest(
            exchange(consumer, provider.address(), agreement, myst(1), myst(1), r),
            TokenAmount.ZERO,
            RRecovery.forKey(providerKey).encrypt(RecoveryDetails.of(r, agreement), RANDOM));
    Promise promise = hub.requestPromise(request);
    assertThat(promise.recoverSigner(SECP)).isEqualTo(deployment.hermesOperator());
    assertThat(promise.amount()).isEqualTo(myst(1));
    assertThat(promise.hashlock()).isEqualTo(Keccak.hash(r.toBytes()));
    assertThat(hub.requestPromise(request)).as("an identical retry").isEqualTo(promise);

    hub.revealR(new RevealRequest(r, provider.address(), agreement));
    assertThatThrownBy(() -> hub.revealR(new RevealRequest(r, provider.address(), agreement)))
        .isInstanceOfSatisfying(
            HubException.class, e -> assertThat(e.kind()).isEqualTo(HubCause.NO_PREVIOUS_PROMISE));
    Promise latest = hub.providerData(provider.address()).get(deployment.chainId()).latestPromise();
    assertThat(latest.amount()).isEqualTo(promise.amount());
    assertThat(latest.hashlock()).isEqualTo(promise.hashlock());
    assertThat(latest.signature()).isEqualTo(promise.signature());

    RelayFeeQuote quote = hub.relayFee(deployment.chainId(), RelayFeeKind.SETTLE);
    assertThat(quote.fee().isZero()).isFalse();
    Promise withFee = hub.changePromiseFee(new ChangePromiseFeeRequest(promise, quote.fee()));
    assertThat(withFee.fee()).isEqualTo(quote.fee());
    assertThat(withFee.amount()).isEqualTo(promise.amount());

    Address beneficiary = net.chain().client().beneficiary(provider.address());
    TokenAmount before = net.chain().client().tokenBalance(beneficiary);
    TokenAmount hermesFee = net.chain().client().hermesFee(withFee.amount());
    RelaySettlement settle =
        RelaySettlement.of(
            RelaySettlement.Kind.SETTLE_AND_REBALANCE,
            deployment.hermesId(),
            provider.address(),
            withFee,
            r);
    String id = hub.submit(settle);
    RelayJob job =
        hub.awaitRelayJob(
            id, Duration.ofSeconds(90), Duration.ofMillis(200), Clock.systemUTC(), j -> {});
    assertThat(job.state()).as(job.error()).isEqualTo(RelayJob.State.DONE);
    assertThat(job.txHash()).startsWith("0x");
    assertThat(net.chain().client().tokenBalance(beneficiary))
        .isEqualTo(before.plus(withFee.amount()).minus(hermesFee).minus(withFee.fee()));

    Waits.untilTrue(
        "the hub to see the settlement",
        Duration.ofSeconds(60),
        () ->
            hub.providerData(provider.address())
                .get(deployment.chainId())
                .settled()
                .equals(withFee.amount()));
    assertThatThrownBy(() -> hub.submit(settle))
        .as("nothing is left to settle")
        .isInstanceOfSatisfying(
            HubException.class,
            e -> assertThat(e.kind()).isEqualTo(HubCause.TRANSACTION_WOULD_FAIL));
  }

  @Test
  void signedEndpointsRefuseAnotherSigner() throws Exception {
    KeySigner provider = new KeySigner(identity("hub-client-it other provider"), SECP);
    KeySigner stranger = new KeySigner(identity("hub-client-it stranger"), SECP);
    RefreshPromiseRequest refresh =
        new RefreshPromiseRequest(
            deployment.chainId(), provider.address(), Bytes32.random(RANDOM), "");
    assertThatThrownBy(() -> hub.refreshPromise(refresh, stranger))
        .isInstanceOfSatisfying(
            HubException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.kind()).isEqualTo(HubCause.INVALID_SIGNATURE);
            });
  }

  static ExchangeMessage exchange(
      KeySigner consumer,
      Address provider,
      BigInteger agreement,
      TokenAmount total,
      TokenAmount amount,
      Bytes32 r) {
    Promise promise =
        new UnsignedPromise(
                deployment.chainId(),
                channelOf(consumer.address()).toBytes32(),
                amount,
                TokenAmount.ZERO,
                Keccak.hash(r.toBytes()))
            .sign(consumer);
    return ExchangeMessage.builder()
        .promise(promise)
        .agreementId(agreement)
        .agreementTotal(total)
        .provider(provider)
        .hermesId(deployment.hermesId())
        .chainId(deployment.chainId())
        .sign(consumer);
  }
}
